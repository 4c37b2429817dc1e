// The operation workspace: Ctrl/⌘+Enter runs, an elapsed-time counter while a run is in flight, Cancel (or Esc).
// Cancel only stops the page waiting: the server still records the run's outcome in history when it comes.
"use strict";

(function () {
  let timer = null;

  function runForm() {
    return document.querySelector("[data-run-form]");
  }

  let inFlight = false;

  // Ctrl/⌘+Enter always runs, from any field, in form or JSON mode, whatever button was used before: a click on
  // Run itself (htmx submits a form with its last clicked submit button, so requestSubmit(run) could post another
  // button's action). Capture phase, so an editor's own Mod-Enter binding does not take it first.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    const run = document.getElementById("run-button");
    if (!run || !runForm()) return;
    event.preventDefault();
    event.stopPropagation();
    run.click();
  }, true);

  // Esc: an open completion list or dialog handles it first (they prevent the default or are open dialogs);
  // otherwise it cancels a run in flight.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented || !inFlight) return;
    if (document.querySelector("dialog[open]")) return;
    event.preventDefault();
    cancelRun();
  });

  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = runForm();
    if (!form || event.detail.elt !== form) return;
    inFlight = true;
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
    inFlight = false;
    clearInterval(timer);
    const result = document.getElementById("result");
    if (result && event.detail.successful) result.focus({ preventScroll: false });
  });

  function cancelRun() {
    const form = runForm();
    if (!form || !window.htmx) return;
    inFlight = false;
    clearInterval(timer);
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

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-cancel-run]")) cancelRun();
  });
})();
