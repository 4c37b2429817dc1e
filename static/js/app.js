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

function isTyping() {
  const active = document.activeElement;
  return Boolean(active && (active.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName)));
}

// "/" focuses the search; "?" opens the list of keyboard shortcuts (a <dialog>: Esc closes it). Not while typing.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping()) return;
  if (event.key === "/") {
    const search = document.querySelector("[data-focus-key='/']");
    if (search) { event.preventDefault(); search.focus(); search.select(); }
  } else if (event.key === "?") {
    const help = document.getElementById("shortcuts");
    if (help && !help.open) { event.preventDefault(); help.showModal(); }
  }
});

document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-navigate-select] select");
  if (select && select.value) window.location.assign(select.value);
});
