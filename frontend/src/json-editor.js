// The operation page's JSON editor: CodeMirror 6 over the input's <textarea>, which stays the source of truth: every
// change is written back to it with the `input` event (a `change` event on leaving), so htmx posts, validation and
// drafts work exactly as with the bare textarea. Loaded on demand by static/js/json-editor-loader.js.
//
// Schema strings are untrusted: descriptions are text (build.mjs swaps out the package's Markdown rendering) and the
// schema comes from the server without `pattern` keywords (a browser RegExp has no time limit).
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  hoverTooltip,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { json, jsonLanguage } from "@codemirror/lang-json";
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { linter, lintGutter, lintKeymap } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import {
  jsonCompletion,
  jsonSchemaHover,
  parseJSONDocumentState,
  stateExtensions,
  updateSchema,
} from "codemirror-json-schema";
import { disableErrorLogging } from "best-effort-json-parser";
import { jsonParseErrors } from "./parse-lint.js";
import { hoverElement, hoverTexts } from "./hover.js";
import { pointerAt, positionOf } from "./pointers.js";
import { highlightStyle, theme } from "./theme.js";

// The completion's fallback parser reports half-typed JSON on the console ("parsed json with extra tokens").
disableErrorLogging();

// Ctrl/⌘+Enter runs the input (static/js/workspace.js): the editor must not take it for "insert a blank line".
const editorKeymap = defaultKeymap.filter((binding) => binding.key !== "Mod-Enter");

const schemas = new Map(); // schema URL → promise of the schema, fetched once per page

function fetchSchema(url) {
  if (!schemas.has(url)) {
    const request = fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(
      (response) => (response.ok ? response.json() : null),
    );
    schemas.set(url, request.catch(() => null));
  }
  return schemas.get(url);
}

function labelOf(textarea) {
  return textarea.id ? document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`) : null;
}

/** The textarea's label names the editor now (the hidden textarea needs none); its error text describes it. */
function accessibility(textarea, label) {
  const attributes = { "aria-multiline": "true" };
  if (label) {
    label.id = label.id || `${textarea.id}-label`;
    attributes["aria-labelledby"] = label.id;
  } else attributes["aria-label"] = "Input as JSON";
  for (const name of ["aria-invalid", "aria-describedby"]) {
    if (textarea.hasAttribute(name)) attributes[name] = textarea.getAttribute(name);
  }
  return EditorView.contentAttributes.of(attributes);
}

/** Keeps the textarea in step with the editor and tells htmx, as typing in the textarea would. */
function syncTo(textarea) {
  let changed = false;
  return EditorView.updateListener.of((update) => {
    if (update.docChanged) {
      textarea.value = update.state.doc.toString();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      changed = true;
    }
    if (update.focusChanged && !update.view.hasFocus && changed) {
      changed = false;
      textarea.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
}

/**
 * Typing over a selection: Chromium's native edit merges the highlighted spans (and lines) it replaces and writes
 * `style` attributes to keep their look, which the page's CSP refuses (a console error on every such keystroke).
 * The editor applies the text itself instead, through the same input handlers (closing brackets) a native edit
 * would reach. The replaced range is the DOM's (the editor's selection may not have caught up with it yet).
 * Typing at a plain cursor, and IME composition, stay native.
 */
function replacedRange(view, event) {
  const selection = view.root.getSelection ? view.root.getSelection() : document.getSelection();
  const domRanges = [...event.getTargetRanges()];
  if (selection && selection.rangeCount) domRanges.push(selection.getRangeAt(0));
  const contains = (node) => view.contentDOM.contains(node);
  const inside = domRanges.filter((r) => contains(r.startContainer) && contains(r.endContainer));
  if (!inside.length) {
    const main = view.state.selection.main;
    return main.empty ? null : { from: main.from, to: main.to };
  }
  const range = inside.find((r) => !r.collapsed);
  if (!range) return null;
  const from = view.posAtDOM(range.startContainer, range.startOffset);
  return { from, to: view.posAtDOM(range.endContainer, range.endOffset) };
}

const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== "insertText" || event.isComposing || !event.data) return false;
    const replaced = replacedRange(view, event);
    if (!replaced) return false;
    event.preventDefault();
    const { from, to } = replaced;
    const { state } = view;
    const main = state.selection.main;
    const text = event.data;
    const insert = () =>
      main.from === from && main.to === to
        ? state.update(state.replaceSelection(text), { scrollIntoView: true, userEvent: "input.type" })
        : state.update({
            changes: { from, to, insert: text },
            selection: { anchor: from + text.length },
            scrollIntoView: true,
            userEvent: "input.type",
          });
    const handlers = state.facet(EditorView.inputHandler);
    if (!handlers.some((handler) => handler(view, from, to, text, insert))) view.dispatch(insert());
    return true;
  },
});

function extensions(textarea, label, nonce) {
  return [
    EditorView.cspNonce.of(nonce || ""),
    lineNumbers(),
    foldGutter(),
    lintGutter(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    rectangularSelection(),
    crosshairCursor(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    keymap.of([
      ...closeBracketsKeymap,
      ...editorKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
    json(),
    linter(jsonParseErrors, { delay: 300 }),
    jsonLanguage.data.of({ autocomplete: jsonCompletion({ jsonParser: parseJSONDocumentState }) }),
    hoverTooltip(jsonSchemaHover({ getHoverTexts: hoverTexts, formatHover: hoverElement })),
    stateExtensions(undefined),
    syntaxHighlighting(highlightStyle),
    theme,
    EditorView.lineWrapping,
    accessibility(textarea, label),
    syncTo(textarea),
    typeOverSelection,
  ];
}

/**
 * Puts the editor after `textarea` and hides the textarea (which still holds the value and is still posted).
 * Returns a handle: `destroy()` gives the textarea back; `pointerAtCursor()` and `placeCursorAt(pointer)` carry the
 * cursor's field across the Form/JSON switch.
 */
export function mountJsonEditor(textarea, { nonce = "", schemaUrl = "" } = {}) {
  const label = labelOf(textarea);
  const view = new EditorView({
    state: EditorState.create({ doc: textarea.value, extensions: extensions(textarea, label, nonce) }),
  });
  // Typed into the textarea while the editor loaded: carry on in the editor, at the same place.
  if (document.activeElement === textarea) {
    const length = view.state.doc.length;
    const anchor = Math.min(textarea.selectionStart, length);
    const head = Math.min(textarea.selectionEnd, length);
    view.dispatch({ selection: { anchor, head } });
  }
  const hadFocus = document.activeElement === textarea;
  textarea.after(view.dom);
  textarea.hidden = true;
  if (hadFocus) view.focus();
  const focusEditor = () => view.focus();
  if (label) {
    label.removeAttribute("for");
    label.addEventListener("click", focusEditor);
  }
  if (schemaUrl) {
    fetchSchema(schemaUrl).then((schema) => {
      if (schema && typeof schema === "object" && view.dom.isConnected) updateSchema(view, schema);
    });
  }
  return {
    textarea,
    view,
    pointerAtCursor: () => pointerAt(view.state, view.state.selection.main.head),
    placeCursorAt(pointer) {
      const anchor = positionOf(view.state, pointer);
      view.dispatch({ selection: { anchor }, effects: EditorView.scrollIntoView(anchor, { y: "center" }) });
      view.focus();
    },
    destroy() {
      if (label) {
        label.removeEventListener("click", focusEditor);
        label.htmlFor = textarea.id;
      }
      view.destroy();
      textarea.hidden = false;
    },
  };
}
