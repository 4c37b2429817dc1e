// The JSON editor on demand: the first time a <textarea data-json-editor="SCHEMA_URL"> appears (JSON mode opened),
// import static/vendor/json-editor.js (CodeMirror 6, built by `make vendor`) and put it over the textarea. Form mode
// never loads it. Without JavaScript, or if the import fails, the textarea works as it is.
// It also carries the cursor's field across the Form/JSON switch, as a JSON pointer: the focused form control's
// (from its name, e.g. `in.conditions[0].value` → /conditions/0/value) into the editor, and the editor's back.
"use strict";

(function () {
  const script = document.currentScript;
  const bundleUrl = script && script.dataset.bundle;
  const nonce = (script && script.nonce) || ""; // CodeMirror's <style> tags need it under the page's CSP
  let bundle = null; // the import, started once
  let editor = null; // the mounted editor's handle (see frontend/src/json-editor.js)
  let formPointer = null; // the pointer of the form control that last had focus
  let carried = null; // the pointer carried across a switch in flight

  /** `in.a["b c"][2].d:set` → `/a/b c/2/d` (the form engine's names; a `:marker` ends the path). */
  function pointerOfName(name) {
    const segments = [];
    let i = name.search(/[.[:]/);
    if (i < 0) return "";
    while (i < name.length && name[i] !== ":") {
      if (name[i] === ".") {
        const match = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(name.slice(i));
        if (!match) break;
        segments.push(match[1]);
        i += match[0].length;
      } else if (name[i] === "[") {
        const match = /^\[(\d+|"(?:[^"\\]|\\.)*")\]/.exec(name.slice(i));
        if (!match) break;
        segments.push(match[1][0] === '"' ? JSON.parse(match[1]) : match[1]);
        i += match[0].length;
      } else break;
    }
    return segments.map((s) => "/" + s.replace(/~/g, "~0").replace(/\//g, "~1")).join("");
  }

  function controlsOf(form) {
    return Array.from(form.querySelectorAll("input[name], select[name], textarea[name]")).filter(
      (control) => control.type !== "hidden" && !control.disabled,
    );
  }

  /** The control for `pointer` (its folded sections opened), else the first one inside it, else the nearest one
   * above it. */
  function controlFor(form, pointer) {
    const controls = controlsOf(form).map((control) => ({ control, pointer: pointerOfName(control.name) }));
    const visible = (entry) => !entry.control.checkVisibility || entry.control.checkVisibility();
    const exact = controls.find((entry) => entry.pointer === pointer);
    if (exact) {
      let details = exact.control.closest("details");
      for (; details; details = details.parentElement.closest("details")) details.open = true;
      if (visible(exact)) return exact.control;
    }
    const inside = controls.find((entry) => entry.pointer.startsWith(pointer + "/") && visible(entry));
    const above = controls
      .filter((entry) => entry.pointer && pointer.startsWith(entry.pointer + "/") && visible(entry))
      .sort((a, b) => b.pointer.length - a.pointer.length)[0];
    const found = inside || above;
    return found ? found.control : null;
  }

  function mount(textarea) {
    textarea.dataset.jsonEditorMounted = "";
    if (editor && !editor.textarea.isConnected) {
      editor.destroy();
      editor = null;
    }
    bundle = bundle || import(bundleUrl);
    bundle.then(
      (module) => {
        if (!textarea.isConnected) return;
        editor = module.mountJsonEditor(textarea, { nonce, schemaUrl: textarea.dataset.jsonEditor });
        if (carried) editor.placeCursorAt(carried);
        carried = null;
      },
      () => {
        bundle = null; // the textarea stays as it is; the next JSON mode tries again
        delete textarea.dataset.jsonEditorMounted;
      },
    );
  }

  function enhance() {
    const textarea = document.querySelector("textarea[data-json-editor]:not([data-json-editor-mounted])");
    if (textarea && bundleUrl) mount(textarea);
  }

  function focusCarriedControl() {
    const form = document.querySelector(".sf-form");
    const control = form && controlFor(form, carried);
    carried = null;
    if (control) control.focus();
  }

  document.addEventListener("focusin", (event) => {
    const target = event.target;
    if (target.name && target.closest && target.closest(".sf-form")) formPointer = pointerOfName(target.name);
  });

  // The Form/JSON buttons carry `data-editor-switch="form|json"`.
  let switching = null; // the switch's request: other swaps (validation, snippets) settle meanwhile
  document.addEventListener("htmx:beforeRequest", (event) => {
    const to = event.detail.elt && event.detail.elt.dataset && event.detail.elt.dataset.editorSwitch;
    if (to !== "json" && to !== "form") return;
    const pointer = to === "json" ? formPointer : editor && editor.textarea.isConnected && editor.pointerAtCursor();
    carried = pointer || null;
    switching = event.detail.xhr;
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    enhance();
    if (!switching || event.detail.xhr !== switching) return;
    switching = null;
    // Into JSON (or back to it, when the JSON did not parse), the editor's mount places the cursor instead.
    if (carried && !document.querySelector("textarea[data-json-editor]")) focusCarriedControl();
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
})();
