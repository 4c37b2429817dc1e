// The operation workspace: Ctrl/⌘+Enter runs, an elapsed-time counter while a run is in flight, Cancel (or Esc).
// Cancel only stops the page waiting: the server still records the run's outcome in history when it comes.
// The tabs below the workspace: fetched when first opened, fetched again after a run or an input change when their
// content follows it. Nothing here walks the form's controls: a 2,000-field form costs this script nothing.
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
    if (result && event.detail.successful) {
      result.focus({ preventScroll: false });
      refreshTabs("run");
    }
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

  // ---- The tabs (templates/operation.html): ARIA tabs over links (each works without JavaScript as ?tab=).
  // A panel fetches itself on "tab-load" (its hx-get, or hx-post with the workspace for the Code tab). A panel
  // holding a [data-tab-refresh] form (History's filter, Types' choices) refreshes through that form, so what was
  // chosen in it stays chosen.
  function panelOf(tab) {
    return document.getElementById(tab.getAttribute("aria-controls"));
  }

  function load(panel) {
    if (!window.htmx) return;
    const inner = "loaded" in panel.dataset ? panel.querySelector("form[data-tab-refresh]") : null;
    panel.dataset.loaded = "";
    delete panel.dataset.stale;
    window.htmx.trigger(inner || panel, inner ? "submit" : "tab-load");
  }

  function selectTab(tab, focus) {
    for (const other of tab.closest("[role=tablist]").querySelectorAll("[role=tab]")) {
      const on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      const panel = panelOf(other);
      if (panel) panel.hidden = !on;
    }
    if (focus) tab.focus();
    const panel = panelOf(tab);
    if (panel && (!("loaded" in panel.dataset) || "stale" in panel.dataset)) load(panel);
  }

  /** After a run ("run") or a change of the input ("input"): the open tab that follows it fetches itself now,
   * the others when next opened. */
  function refreshTabs(reason) {
    for (const panel of document.querySelectorAll("[role=tabpanel][data-refresh-on]")) {
      if (!panel.dataset.refreshOn.split(" ").includes(reason) || !("loaded" in panel.dataset)) continue;
      if (panel.hidden) panel.dataset.stale = "";
      else load(panel);
    }
  }

  document.addEventListener("click", (event) => {
    const tab = event.target.closest("[data-ws-tabs] [role=tab]");
    if (!tab || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    selectTab(tab, false);
  });

  document.addEventListener("keydown", (event) => {
    const tab = event.target.closest && event.target.closest("[data-ws-tabs] [role=tab]");
    if (!tab || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === " ") {
      event.preventDefault();
      selectTab(tab, false);
      return;
    }
    const tabs = Array.from(tab.closest("[role=tablist]").querySelectorAll("[role=tab]"));
    const index = tabs.indexOf(tab);
    const next = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const id = event.detail.target && event.detail.target.id;
    if (id === "input-status" || id === "input-editor") refreshTabs("input");
  });

  function tabFailed(event) {
    const panel = event.detail.elt;
    if (!panel || !panel.matches || !panel.matches("[role=tabpanel][hx-trigger]")) return;
    delete panel.dataset.loaded;
    const note = document.createElement("p");
    note.className = "error";
    note.setAttribute("role", "alert");
    note.textContent = "This view could not be loaded. Choose its tab again to retry.";
    panel.replaceChildren(note);
  }
  document.addEventListener("htmx:responseError", tabFailed);
  document.addEventListener("htmx:sendError", tabFailed);
})();
