// Small behaviours for schema forms. Everything works without this file: actions are submit buttons and the
// server keeps switched-out variants in a stash. No inline handlers (the Content Security Policy forbids them).
"use strict";

document.documentElement.classList.add("sf-js");

// Typing into an optional object or list means "include it": tick its Include box.
document.addEventListener("input", (event) => {
  const fieldset = event.target.closest && event.target.closest("fieldset.sf-object, fieldset.sf-array");
  if (!fieldset || event.target.matches(".sf-include input")) return;
  const include = fieldset.querySelector(":scope > .sf-include input[type=checkbox]");
  if (include && !include.checked && event.target.value !== "") include.checked = true;
});

// After an htmx re-render, keep the person where they were: htmx restores focus by id; when the focused
// control went away (an item was removed), focus the list instead of the page top.
document.addEventListener("htmx:afterSwap", (event) => {
  const root = event.detail.target;
  if (!root || !root.classList || !root.classList.contains("sf-form")) return;
  if (document.activeElement && document.activeElement !== document.body) return;
  const summary = root.querySelector(".sf-summary");
  if (summary && event.detail.requestConfig && event.detail.requestConfig.parameters &&
      event.detail.requestConfig.parameters._check === "1") {
    summary.focus();
  }
});
