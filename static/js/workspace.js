// The operation workspace: Ctrl/⌘+Enter runs, an elapsed-time counter while a run is in flight, Cancel.
// Cancel only stops the page waiting: the server still records the run's outcome in history when it comes.
"use strict";

(function () {
  let timer = null;

  function runForm() {
    return document.querySelector("[data-run-form]");
  }

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    const form = runForm();
    if (!form) return;
    event.preventDefault();
    form.requestSubmit(document.getElementById("run-button"));
  });

  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = runForm();
    if (!form || event.detail.elt !== form) return;
    const started = performance.now();
    const elapsed = document.querySelector("[data-elapsed]");
    clearInterval(timer);
    timer = setInterval(() => {
      if (elapsed) elapsed.textContent = ((performance.now() - started) / 1000).toFixed(1);
    }, 100);
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const form = runForm();
    if (!form || event.detail.elt !== form) return;
    clearInterval(timer);
    const result = document.getElementById("result");
    if (result && event.detail.successful) result.focus({ preventScroll: false });
  });

  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-cancel-run]")) return;
    const form = runForm();
    if (form && window.htmx) {
      window.htmx.trigger(form, "htmx:abort");
      const result = document.getElementById("result");
      if (result) {
        result.replaceChildren();
        const note = document.createElement("p");
        note.className = "notice";
        note.textContent = "Cancelled: the page stopped waiting. The call may still run; its outcome will be in the history.";
        result.append(note);
      }
    }
  });
})();
