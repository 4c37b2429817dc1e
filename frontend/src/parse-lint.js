// The JSON parse error as a lint diagnostic, at its line and column. @codemirror/lang-json's own linter puts errors
// without "at position N" in the message (Chromium's "Unexpected end of JSON input", for one) at the document's
// start; this one falls back on the first error node of the syntax tree, then on the end of the document.
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";

export function jsonParseErrors(view) {
  const text = view.state.doc.toString();
  if (!text.trim()) return []; // the server reads an empty editor as {}
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const from = errorPosition(error.message, view.state);
    const to = Math.min(from + 1, view.state.doc.length);
    const line = view.state.doc.lineAt(from);
    const where = `line ${line.number}, column ${from - line.from + 1}`;
    return [{ from, to, severity: "error", message: `Not valid JSON (${where}): ${error.message}` }];
  }
}

function errorPosition(message, state) {
  const doc = state.doc;
  let match = message.match(/at position (\d+)/);
  if (match) return Math.min(Number(match[1]), doc.length);
  match = message.match(/line (\d+) column (\d+)/);
  if (match && Number(match[1]) <= doc.lines) {
    return Math.min(doc.line(Number(match[1])).from + Number(match[2]) - 1, doc.length);
  }
  const tree = ensureSyntaxTree(state, doc.length, 200) || syntaxTree(state);
  let found = -1;
  tree.iterate({
    enter(node) {
      if (found >= 0) return false;
      if (node.type.isError) found = node.from;
      return undefined;
    },
  });
  return found >= 0 ? Math.min(found, doc.length) : doc.length;
}
