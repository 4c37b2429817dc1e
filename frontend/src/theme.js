// The editor's look, from the page's own colour variables (static/css/app.css), so light and dark both follow it.
import { EditorView } from "@codemirror/view";
import { HighlightStyle } from "@codemirror/language";
import { tags } from "@lezer/highlight";

export const theme = EditorView.theme({
  "&": {
    color: "var(--text)",
    backgroundColor: "var(--surface)",
    border: "1px solid var(--border)",
    borderRadius: "var(--radius)",
    fontSize: "0.85rem",
    maxHeight: "70vh",
  },
  "&.cm-focused": { outline: "3px solid var(--focus)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--mono)", overflow: "auto", lineHeight: "1.5" },
  ".cm-content, .cm-gutter": { minHeight: "16em" },
  ".cm-content": { caretColor: "var(--text)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text)" },
  ".cm-gutters": { backgroundColor: "var(--code-bg)", color: "var(--muted)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--accent) 7%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 14%, transparent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "color-mix(in srgb, var(--accent) 30%, transparent)",
  },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "color-mix(in srgb, var(--ok) 30%, transparent)" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "var(--err-bg)" },
  ".cm-tooltip": { backgroundColor: "var(--surface)", color: "var(--text)", border: "1px solid var(--border)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": {
    backgroundColor: "var(--accent)",
    color: "var(--accent-text)",
  },
  ".cm-json-hover": { maxWidth: "36rem", padding: "0.35rem 0.6rem", fontFamily: "system-ui, sans-serif" },
  ".cm-json-hover-title": { fontWeight: "650" },
  ".cm-json-hover-facts": { fontFamily: "var(--mono)", color: "var(--muted)" },
  ".cm-json-hover-description": { margin: "0.25rem 0 0", whiteSpace: "pre-wrap" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--err)" },
  ".cm-panels": { backgroundColor: "var(--code-bg)", color: "var(--text)" },
});

export const highlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--accent)" },
  { tag: tags.string, color: "var(--ok)" },
  { tag: tags.number, color: "var(--info)" },
  { tag: [tags.bool, tags.null], color: "var(--warn)", fontWeight: "600" },
  { tag: tags.invalid, color: "var(--err)" },
  { tag: [tags.separator, tags.brace, tags.squareBracket, tags.punctuation], color: "var(--muted)" },
]);
