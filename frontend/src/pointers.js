// JSON pointers and positions in the document: the field at the cursor, and the place of a field. They carry the
// cursor's field across the Form/JSON switch (the form side maps control names to the same pointers).
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";
import { jsonPointerForPosition } from "codemirror-json-schema";

const VALUES = new Set(["Object", "Array", "String", "Number", "True", "False", "Null"]);

function tree(state) {
  return ensureSyntaxTree(state, state.doc.length, 300) || syntaxTree(state);
}

/** The pointer of the field at `pos`; after a line's comma or in its indentation, the field of that line. */
export function pointerAt(state, pos) {
  tree(state);
  const line = state.doc.lineAt(pos);
  const lineStart = line.from + (line.text.length - line.text.trimStart().length);
  const candidates = [
    [pos, -1],
    [pos, 1],
    [lineStart, 1],
  ];
  for (const [at, side] of candidates) {
    const pointer = jsonPointerForPosition(state, at, side, "json");
    if (pointer) return pointer;
  }
  return "";
}

function children(node) {
  const found = [];
  for (let child = node.firstChild; child; child = child.nextSibling) found.push(child);
  return found;
}

function keyOf(state, property) {
  const name = property.getChild("PropertyName");
  if (!name) return null;
  const text = state.sliceDoc(name.from, name.to);
  try {
    return JSON.parse(text);
  } catch {
    return text.replace(/^"|"$/g, "");
  }
}

function step(state, node, segment) {
  if (node.name === "Object") {
    const property = children(node).find((child) => child.name === "Property" && keyOf(state, child) === segment);
    return property ? children(property).find((child) => VALUES.has(child.name)) || null : null;
  }
  if (node.name === "Array" && /^\d+$/.test(segment)) {
    return children(node).filter((child) => VALUES.has(child.name))[Number(segment)] || null;
  }
  return null;
}

/** The place to put the cursor for a pointer: in its value, or in the deepest existing parent's. */
export function positionOf(state, pointer) {
  let node = children(tree(state).topNode).find((child) => VALUES.has(child.name));
  if (!node) return 0;
  const segments = pointer ? pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
  for (const segment of segments) {
    const next = step(state, node, segment);
    if (!next) break;
    node = next;
  }
  if (node.name === "String") return node.to - 1; // inside the quotes, after the text
  if (node.name === "Object" || node.name === "Array") return node.from + 1;
  return node.to;
}
