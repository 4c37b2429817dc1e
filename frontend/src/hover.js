// The field's title, type and description on hover, as text: schema strings are untrusted and never become HTML.
const MAX_ENUM_SHOWN = 12;

function typeText(schema) {
  if (Array.isArray(schema.type)) return schema.type.join(" or ");
  if (typeof schema.type === "string") return schema.type;
  if (schema.$ref) return "reference";
  return "";
}

function enumText(values) {
  const shown = values.slice(0, MAX_ENUM_SHOWN).map((value) => JSON.stringify(value));
  const more = values.length > MAX_ENUM_SHOWN ? `, … (${values.length - MAX_ENUM_SHOWN} more)` : "";
  return `one of ${shown.join(", ")}${more}`;
}

/** What the tooltip says, from the subschema at the hovered pointer (codemirror-json-schema's getHoverTexts). */
export function hoverTexts({ schema }) {
  const facts = [typeText(schema)];
  if (typeof schema.format === "string") facts.push(`format ${schema.format}`);
  if (Array.isArray(schema.enum)) facts.push(enumText(schema.enum));
  return {
    title: typeof schema.title === "string" ? schema.title : "",
    description: typeof schema.description === "string" ? schema.description : "",
    facts: facts.filter(Boolean).join(" · "),
  };
}

function textElement(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}

/** The tooltip's DOM (codemirror-json-schema's formatHover): textContent only. */
export function hoverElement({ title, description, facts }) {
  const box = document.createElement("div");
  box.className = "cm-json-hover";
  if (title) box.append(textElement("div", "cm-json-hover-title", title));
  if (facts) box.append(textElement("div", "cm-json-hover-facts", facts));
  if (description) box.append(textElement("p", "cm-json-hover-description", description));
  return box;
}
