// Replaces codemirror-json-schema's utils/dom: its `el()` sets `inner` with innerHTML; this one sets text only, so
// nothing from a schema can become an element.
export function el(tagName, attributes, children = []) {
  const element = document.createElement(tagName);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text" || name === "inner") element.textContent = value == null ? "" : String(value);
    else element.setAttribute(name, value);
  }
  for (const child of children) element.appendChild(child);
  return element;
}
