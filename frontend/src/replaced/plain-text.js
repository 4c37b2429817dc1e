// Replaces codemirror-json-schema's utils/markdown: schema descriptions are untrusted, so they are never rendered
// as Markdown HTML (an image in a description would be an external request, a link a phishing lure). The text is
// returned as it is; utils/dom (replaced too) only ever sets it as text.
export function renderMarkdown(text) {
  return text == null ? "" : String(text);
}
