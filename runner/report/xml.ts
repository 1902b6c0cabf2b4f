/** Just enough XML for the JUnit report: elements, escaped attributes and text, nothing else. */
import { clean } from "./text";

export interface XmlNode {
  name: string;
  attrs?: Record<string, string | number | undefined>;
  /** Text content, or child elements. */
  children?: string | XmlNode[];
}

// XML 1.0 forbids lone surrogates and U+FFFE/U+FFFF even as character references;
// clean() already removed the control characters it also forbids.
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

const TEXT: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// In attributes, newlines and tabs are written as references: a parser turns literal ones into spaces.
const ATTR: Record<string, string> = { ...TEXT, '"': "&quot;", "\n": "&#10;", "\t": "&#9;" };

function safe(text: string): string {
  return clean(text).replace(NOT_XML, "\uFFFD");
}

export function xmlText(text: string): string {
  return safe(text).replace(/[&<>]/g, (c) => TEXT[c]!);
}

export function xmlAttr(text: string): string {
  return safe(text).replace(/[&<>"\n\t]/g, (c) => ATTR[c]!);
}

function render(node: XmlNode, indent: string): string {
  const attrs = Object.entries(node.attrs ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttr(String(value))}"`)
    .join("");
  const open = `${indent}<${node.name}${attrs}`;
  const children = node.children ?? [];
  if (typeof children === "string") return children ? `${open}>${xmlText(children)}</${node.name}>` : `${open}/>`;
  if (children.length === 0) return `${open}/>`;
  return `${open}>\n${children.map((child) => render(child, `${indent}  `)).join("\n")}\n${indent}</${node.name}>`;
}

/** A UTF-8 XML document with `root` as its element, indented, ending with a newline. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, "")}\n`;
}
