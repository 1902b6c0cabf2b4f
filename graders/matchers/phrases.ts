/**
 * Matchers and found values as phrases a student reads: `contains "PHP
 * Version"` becomes `containing "PHP Version"`, `contenant « PHP Version »`;
 * a long text or an HTML page is summarised, never cut mid-tag.
 */
import type { Phrase } from "../types";
import type { Matcher } from "./matcher";

export const matcherPhrases = {
  en: {
    "matcher.equals": "{value}",
    "matcher.contains": "containing {value}",
    "matcher.matches": "matching {pattern}",
    "matcher.not": "not ({inner})",
    "matcher.notEquals": "other than {value}",
    "matcher.notContains": "not containing {value}",
    "matcher.notMatches": "not matching {pattern}",
    "matcher.oneOf": "one of {values}",
    "matcher.allOf": "{matchers}",
    "matcher.gt": "more than {n}",
    "matcher.ge": "{n} or more",
    "matcher.lt": "less than {n}",
    "matcher.le": "{n} or less",
    "matcher.length": "{inner} long",
    "matcher.json": "with {path} {inner}",
    "value.plain": "{value}",
    "value.text": '"{text}"',
    "value.empty": "empty",
    "value.notSet": "not set",
    "value.textStart": '"{text}…" ({lines} lines)',
    "value.longText": '"{text}…" ({length} characters)',
    "value.html": 'an HTML page titled "{title}"',
    "value.htmlText": 'an HTML page beginning "{text}"',
    "value.list": "[{items}]",
  },
  fr: {
    "matcher.equals": "{value}",
    "matcher.contains": "contenant {value}",
    "matcher.matches": "correspondant à {pattern}",
    "matcher.not": "pas ({inner})",
    "matcher.notEquals": "autre que {value}",
    "matcher.notContains": "ne contenant pas {value}",
    "matcher.notMatches": "ne correspondant pas à {pattern}",
    "matcher.oneOf": "l'une des valeurs {values}",
    "matcher.allOf": "{matchers}",
    "matcher.gt": "plus de {n}",
    "matcher.ge": "{n} ou plus",
    "matcher.lt": "moins de {n}",
    "matcher.le": "{n} au plus",
    "matcher.length": "de longueur {inner}",
    "matcher.json": "avec {path} {inner}",
    "value.plain": "{value}",
    "value.text": "« {text} »",
    "value.empty": "vide",
    "value.notSet": "absent",
    "value.textStart": "« {text}… » ({lines} lignes)",
    "value.longText": "« {text}… » ({length} caractères)",
    "value.html": "une page HTML intitulée « {title} »",
    "value.htmlText": "une page HTML commençant par « {text} »",
    "value.list": "[{items}]",
  },
};

const SHOWN = 120;

/** Text cut at a word boundary near `max` characters. */
function cut(text: string, max = SHOWN): string {
  if (text.length <= max) return text;
  const at = text.lastIndexOf(" ", max);
  return text.slice(0, at > max / 2 ? at : max);
}

const decode = (text: string) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&nbsp;/g, " ").replace(/&amp;/g, "&");

/** The words of an HTML page: tags, scripts and styles gone, spaces collapsed. */
export function htmlText(html: string): string {
  return decode(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ").replace(/<!--[\s\S]*?-->/g, " ").replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html\b|<head\b|<body\b)/i.test(text) || /<title\b[^>]*>/i.test(text);
}

/** An HTML page's <title>, when it has one. */
export function htmlTitle(html: string): string | undefined {
  const found = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = found ? decode(found[1]).replace(/\s+/g, " ").trim() : "";
  return title || undefined;
}

/** A value found, in words: a number as it is, a short text quoted, a long one or a page summarised. */
export function valuePhrase(value: unknown): Phrase {
  if (value === undefined || value === null) return { id: "value.notSet" };
  if (typeof value === "number" || typeof value === "boolean") return { id: "value.plain", data: { value: String(value) } };
  if (Array.isArray(value)) return { id: "value.list", data: { items: value.map(valuePhrase) } };
  if (typeof value !== "string") return valuePhrase(JSON.stringify(value));
  const text = value.trim();
  if (text === "") return { id: "value.empty" };
  if (looksLikeHtml(text)) {
    const title = htmlTitle(text);
    return title ? { id: "value.html", data: { title: cut(title) } } : { id: "value.htmlText", data: { text: cut(htmlText(text)) } };
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > 1) return { id: "value.textStart", data: { text: cut(lines[0].trim()), lines: lines.length } };
  return text.length > SHOWN ? { id: "value.longText", data: { text: cut(text), length: text.length } } : { id: "value.text", data: { text } };
}

/** What a matcher asks for, in words. */
export function matcherPhrase(m: Matcher): Phrase {
  if (m === null || typeof m !== "object") return { id: "matcher.equals", data: { value: expectedValue(m) } };
  const [key, arg] = Object.entries(m)[0] as [string, any];
  switch (key) {
    case "equals":
      return { id: "matcher.equals", data: { value: expectedValue(arg) } };
    case "contains":
      return { id: "matcher.contains", data: { value: expectedValue(arg) } };
    case "matches":
      return { id: "matcher.matches", data: { pattern: /^\/.*\/[imsu]+$/s.test(arg) ? arg : `/${arg}/` } };
    case "not": {
      const inner = matcherPhrase(arg);
      const negated: Record<string, string> = { "matcher.equals": "matcher.notEquals", "matcher.contains": "matcher.notContains", "matcher.matches": "matcher.notMatches" };
      return negated[inner.id] ? { id: negated[inner.id], data: inner.data } : { id: "matcher.not", data: { inner } };
    }
    case "one-of":
      return { id: "matcher.oneOf", data: { values: (arg as unknown[]).map(expectedValue) } };
    case "all-of":
      return { id: "matcher.allOf", data: { matchers: (arg as Matcher[]).map(matcherPhrase) } };
    case "gt":
    case "ge":
    case "lt":
    case "le":
      return { id: `matcher.${key}`, data: { n: arg } };
    case "length":
      return { id: "matcher.length", data: { inner: matcherPhrase(arg) } };
    case "json":
      return { id: "matcher.json", data: { path: arg.path, inner: matcherPhrase(arg.value) } };
    default:
      throw new Error(`unknown matcher ${key}`);
  }
}

/** A value a matcher names: numbers bare, texts quoted (never summarised: the rubric wrote them). */
function expectedValue(value: unknown): Phrase {
  if (typeof value === "string") return { id: "value.text", data: { text: value } };
  return valuePhrase(value);
}
