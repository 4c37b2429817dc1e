// The connection panel: after htmx swaps it, move focus to its message so screen readers announce the change,
// and keep focus inside the panel rather than losing it to <body>.
"use strict";

document.addEventListener("htmx:afterSwap", (event) => {
  const panel = document.getElementById("connection-panel");
  if (!panel || event.detail.target !== panel && !panel.contains(event.detail.elt)) return;
  const message = panel.querySelector(".conn-error, .conn-notice");
  const target = message || panel.querySelector("summary");
  if (!target) return;
  if (message) message.setAttribute("tabindex", "-1");
  target.focus();
});
