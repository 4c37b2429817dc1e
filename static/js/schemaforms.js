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

// The form is re-rendered by the server after a change (validation, dependent fields). The person may already be
// typing in the next field while that request runs: what they typed since must survive the swap. htmx restores
// focus by id; this restores the focused control's value and selection too.
let typing = null;

document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  const active = document.activeElement;
  // Other swaps on the page (the validation status, snippets) must not forget what a form swap is keeping.
  if (!target || !target.classList || !target.classList.contains("sf-form")) return;
  typing = null;
  if (!active || !active.id || !target.contains(active)) return;
  if (!["INPUT", "TEXTAREA"].includes(active.tagName) || ["hidden", "submit", "button"].includes(active.type)) return;
  typing = { id: active.id, value: active.value, checked: active.checked, start: active.selectionStart, end: active.selectionEnd };
});

document.addEventListener("htmx:afterSettle", () => {
  if (!typing) return;
  const control = document.getElementById(typing.id);
  const saved = typing;
  typing = null;
  if (!control || !["INPUT", "TEXTAREA"].includes(control.tagName)) return;
  if (control.type === "checkbox" || control.type === "radio") control.checked = saved.checked;
  else if (control.value !== saved.value) control.value = saved.value;
  control.focus();
  try { control.setSelectionRange(saved.start, saved.end); } catch (error) { /* not a text control */ }
});
