// The little JavaScript the pages need: copy buttons, "/" to search, the version switcher.
// No inline handlers anywhere (the Content Security Policy forbids them).
"use strict";

function copyText(text, button) {
  navigator.clipboard.writeText(text).then(
    () => flash(button, "Copied"),
    () => flash(button, "Copy failed"),
  );
}

function flash(button, message) {
  const original = button.dataset.label || button.textContent;
  button.dataset.label = original;
  button.textContent = message;
  setTimeout(() => { button.textContent = original; }, 1500);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-from], [data-copy-text]");
  if (!button) return;
  const source = button.dataset.copyFrom && document.getElementById(button.dataset.copyFrom);
  const text = source ? (source.value !== undefined && source.tagName !== "CODE" && source.tagName !== "PRE" ? source.value : source.textContent) : button.dataset.copyText;
  copyText(text || "", button);
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const active = document.activeElement;
  if (active && (active.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName))) return;
  const search = document.querySelector("[data-focus-key='/']");
  if (search) { event.preventDefault(); search.focus(); search.select(); }
});

document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-navigate-select] select");
  if (select && select.value) window.location.assign(select.value);
});
