// The output viewer's tabs (Tree / Raw / Table, snippet languages): ARIA tabs that remember the last choice per
// tab group in localStorage. Copy buttons are app.js's ([data-copy-text], [data-copy-from]).
"use strict";

(() => {
  const STORE = "explorer.tabs.";

  function remembered(group) {
    try { return window.localStorage.getItem(STORE + group); } catch { return null; }
  }

  function remember(group, key) {
    try { window.localStorage.setItem(STORE + group, key); } catch { /* private mode: tabs still work */ }
  }

  function panelsOf(tablist) {
    return Array.from(tablist.querySelectorAll("[role=tab]")).map((tab) => [tab, document.getElementById(tab.getAttribute("aria-controls"))]);
  }

  function select(tablist, key, focus) {
    const pairs = panelsOf(tablist);
    if (!pairs.some(([tab]) => tab.dataset.tab === key)) return;
    for (const [tab, panel] of pairs) {
      const on = tab.dataset.tab === key;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      if (panel) panel.hidden = !on;
      if (on && focus) tab.focus();
    }
  }

  function restore(root) {
    for (const tablist of root.querySelectorAll("[role=tablist][data-tabs]")) {
      const key = remembered(tablist.dataset.tabs);
      if (key) select(tablist, key, false);
    }
  }

  document.addEventListener("click", (event) => {
    // A copy button inside a <summary> must not also open or close its <details>.
    if (event.target.closest("summary [data-copy-text]")) event.preventDefault();
    const tab = event.target.closest("[role=tablist][data-tabs] [role=tab]");
    if (!tab) return;
    const tablist = tab.closest("[role=tablist]");
    select(tablist, tab.dataset.tab, false);
    remember(tablist.dataset.tabs, tab.dataset.tab);
  });

  document.addEventListener("keydown", (event) => {
    const tab = event.target.closest("[role=tablist][data-tabs] [role=tab]");
    if (!tab || !["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    const tabs = Array.from(tab.closest("[role=tablist]").querySelectorAll("[role=tab]"));
    const index = tabs.indexOf(tab);
    const next = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: tabs.length - 1 }[event.key];
    const target = tabs[(next + tabs.length) % tabs.length];
    event.preventDefault();
    select(tab.closest("[role=tablist]"), target.dataset.tab, true);
    remember(tab.closest("[role=tablist]").dataset.tabs, target.dataset.tab);
  });

  document.addEventListener("DOMContentLoaded", () => restore(document));
  // htmx swaps in new result panels: give their tab groups the remembered choice too.
  document.addEventListener("htmx:load", (event) => restore(event.target));
})();
