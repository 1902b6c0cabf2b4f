/** Text and attribute values for report.html: terminal bytes out, markup inert. */
import { clean } from "../text";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
