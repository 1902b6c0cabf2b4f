/**
 * Load balancing seen from outside: the same request sent several times, and
 * how many different answers came back (whole bodies, a JSON field, a header
 * naming the backend, or the part of the body a pattern captures). A front
 * with two backends gives two; a front with one gives one, however often it
 * is asked. The http check spreads these messages into its own.
 */
import type { JsonSchema, Outcome, Phrase } from "../types";
import { readJsonPath, regexOf } from "../matchers/match";
import { valuePhrase } from "../matchers/phrases";

export interface DistinctSpec {
  "at-least": number;
  json?: string;
  header?: string;
  matches?: string;
}

export interface Answer {
  status: number;
  body: string;
  /** The header `distinct.header` names, when it does; undefined when the answer has none. */
  header?: string;
}

/** How many requests a check with `distinct` sends unless it says. */
export const DEFAULT_REPEAT = 10;
export const MAX_REPEAT = 20;

export const distinctSchema: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["at-least"],
  maxProperties: 2,
  description:
    "Across the repeated requests, how many different answers at least (load balancing): of whole bodies, or of one json field, one header or the part a pattern captures (one of them).",
  properties: {
    "at-least": { type: "integer", minimum: 2, maximum: MAX_REPEAT, description: "How many different values at least, e.g. 2 for two backends." },
    json: { type: "string", pattern: "^\\$", description: "Compare this field of JSON answers, e.g. $.hostname." },
    header: {
      type: "string",
      pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
      patternErrorMessage: "Write a header's name, e.g. X-Backend.",
      description: "Compare this header of the answers, e.g. X-Upstream or Server.",
    },
    matches: {
      type: "string",
      minLength: 1,
      format: "regex",
      description: "Compare what this regular expression captures in the body (its first group, or the whole match), e.g. 'Hostname: (\\S+)'.",
    },
  },
};

/** The part of one answer that tells its backend; undefined when the answer lacks it. */
export function distinctValue(spec: DistinctSpec, answer: Answer): string | undefined {
  if (spec.header !== undefined) return answer.header;
  if (spec.json !== undefined) {
    try {
      const value = readJsonPath(JSON.parse(answer.body), spec.json);
      return value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);
    } catch {
      return undefined;
    }
  }
  if (spec.matches !== undefined) {
    const found = regexOf(spec.matches).exec(answer.body);
    return found ? (found[1] ?? found[0]) : undefined;
  }
  return answer.body;
}

function whatPhrase(spec: DistinctSpec): Phrase {
  if (spec.header !== undefined) return { id: "distinct.ofHeader", data: { header: spec.header } };
  if (spec.json !== undefined) return { id: "distinct.ofJson", data: { path: spec.json } };
  if (spec.matches !== undefined) return { id: "distinct.ofMatch", data: { pattern: spec.matches } };
  return { id: "distinct.ofBody" };
}

/** A failed outcome when fewer different values came back than asked; undefined when enough did. */
export function distinctFailure(spec: DistinctSpec, answers: Answer[], url: string): Outcome | undefined {
  const counts = new Map<string | undefined, number>();
  for (const answer of answers) {
    const value = distinctValue(spec, answer);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (counts.size >= spec["at-least"]) return undefined;
  const what = whatPhrase(spec);
  const seen: Phrase[] = [...counts].map(([value, times]) => ({ id: "distinct.seen", data: { value: valuePhrase(value), times } }));
  const data = { url, n: answers.length, k: spec["at-least"], count: counts.size, what };
  return {
    passed: false,
    // Not final: a load balancer leaves out for a while a backend that refused it once (nginx, 10 s
    // after a backend still starting refused): asking again, under a retry, can find every backend.
    final: false,
    messageId: "distinct",
    data,
    expected: [{ id: "distinct.expected", data }],
    actual: [{ id: "distinct.found", data: { ...data, values: seen } }],
  };
}

export const distinctMessages = {
  distinct:
    "{url} answered {n} times: at least {k} {what} were expected, only {count} came. The requests did not reach several backends. Check that the load balancer lists every backend (each as a server of its upstream, or one name that resolves to all of them) and that they all run, then try `for i in $(seq {n}); do curl -s {url}; done`.",
  "distinct.ofBody": "different answers",
  "distinct.ofJson": "different values of {path}",
  "distinct.ofHeader": "different values of the header {header}",
  "distinct.ofMatch": "different values matching {pattern}",
  "distinct.expected": "at least {k} {what} in {n} answers",
  "distinct.found": "in {n} answers: {values}",
  "distinct.seen": "{value} {times} times",
  "http.nth": "answer {nth} of {n}: {answer}",
};

export const distinctMessagesFr = {
  distinct:
    "{url} a répondu {n} fois : au moins {k} {what} étaient attendues, {count} seulement sont venues. Les requêtes n'ont pas atteint plusieurs serveurs. Vérifiez que le répartiteur de charge liste chaque serveur (chacun comme server de son upstream, ou un nom qui les désigne tous) et qu'ils tournent tous, puis essayez `for i in $(seq {n}); do curl -s {url}; done`.",
  "distinct.ofBody": "réponses différentes",
  "distinct.ofJson": "valeurs différentes de {path}",
  "distinct.ofHeader": "valeurs différentes de l'en-tête {header}",
  "distinct.ofMatch": "valeurs différentes correspondant à {pattern}",
  "distinct.expected": "au moins {k} {what} en {n} réponses",
  "distinct.found": "en {n} réponses : {values}",
  "distinct.seen": "{value} {times} fois",
  "http.nth": "réponse {nth} sur {n} : {answer}",
} satisfies Record<keyof typeof distinctMessages, string>;
