// Replaces codemirror-json-schema's JSON5 and YAML parsers: the editor is JSON only (see build.mjs).
function unsupported() {
  throw new Error("Only JSON is supported by this editor");
}
export const parseJSON5DocumentState = unsupported;
export const parseJSON5Document = unsupported;
export const parseYAMLDocumentState = unsupported;
export const parseYAMLDocument = unsupported;
