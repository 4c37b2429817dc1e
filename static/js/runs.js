// History and links: small progressive enhancements; every form works without this file.
"use strict";

// Selecting the whole link on focus makes it easy to copy by keyboard.
document.addEventListener("focusin", (event) => {
  const field = event.target.closest("[data-select-on-focus]");
  if (field) field.select();
});

// Comparing needs two different runs: say so before the request rather than after.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("[data-runs-compare]");
  if (!form) return;
  const a = document.querySelector(`input[name="a"][form="${form.id}"]:checked`);
  const b = document.querySelector(`input[name="b"][form="${form.id}"]:checked`);
  if (!a || !b || a.value === b.value) {
    event.preventDefault();
    window.alert("Pick one run as A and a different run as B.");
  }
});
