import * as fs from "node:fs";
import * as path from "node:path";
import { graders } from ".";
import { renderedMessage } from "../runner/grading/results";
import { sharedPhrases } from "./support/phrases";
import { tcp } from "./tcp";
import type { Grader } from "./types";

/** The {placeholders} of a template, as render() sees them. */
function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([a-zA-Z][\w-]*)\}/g)].map((m) => m[1]))].sort();
}

describe("the grader registry", () => {
  test("is sorted, and each entry's key is its grader's type", () => {
    const keys = Object.keys(graders);
    expect(keys).toEqual([...keys].sort());
    for (const [key, grader] of Object.entries(graders)) expect(grader.meta.type).toBe(key);
  });

  test.each(Object.entries(graders))("%s: a strict schema, a description, and a message for every messageId its file reports", (type, grader) => {
    expect(grader.meta.description.length).toBeGreaterThan(20);
    expect(grader.meta.kinds.length).toBeGreaterThan(0);
    if (grader.schema.type === "object") expect(grader.schema.additionalProperties).toBe(false);
    const source = fs.readFileSync(path.join(__dirname, `${type}.ts`), "utf8");
    const reported = [...source.matchAll(/messageId: "(\w+)"|outcomeOfItems\([^,]+, "(\w+)"/g)].map((m) => m[1] ?? m[2]);
    for (const id of reported) expect(Object.keys(grader.messages)).toContain(id);
  });

  const withMessages = Object.entries(graders).filter(([, grader]) => Object.keys(grader.messages).length > 0);

  test.each(withMessages)("%s: a French message for every English one, with the same placeholders", (_type, grader) => {
    const fr = grader.translations?.fr;
    expect(fr).toBeDefined();
    expect(Object.keys(fr!).sort()).toEqual(Object.keys(grader.messages).sort());
    for (const [id, english] of Object.entries(grader.messages)) {
      expect({ id, placeholders: placeholders(fr![id]) }).toEqual({ id, placeholders: placeholders(english) });
      // A phrase with no words of its own ("{name}={value}") reads the same in every language.
      if (/\p{L}/u.test(english.replace(/\{[^}]*\}/g, "").replace(/--rm/g, ""))) expect({ id, fr: fr![id] }).not.toEqual({ id, fr: english });
    }
  });

  test("the shared phrases exist in French with the same placeholders", () => {
    expect(Object.keys(sharedPhrases.fr).sort()).toEqual(Object.keys(sharedPhrases.en).sort());
    for (const [id, english] of Object.entries(sharedPhrases.en)) expect({ id, placeholders: placeholders(sharedPhrases.fr[id]) }).toEqual({ id, placeholders: placeholders(english) });
  });
});

describe("renderedMessage", () => {
  const outcome = { passed: false, messageId: "refused", data: { from: "web", host: "db", port: 3306 } };

  test("renders the French template when asked for French", () => {
    expect(renderedMessage(tcp, outcome, "fr")).toBe(
      "Depuis web, db se résout mais le port 3306 ne répond pas. Vérifiez que le service écoute sur le port 3306 et qu'il tourne.",
    );
  });

  test("renders English by default and for en", () => {
    const english = "From web, db resolves but port 3306 does not answer. Check that the service listens on 3306 and is running.";
    expect(renderedMessage(tcp, outcome)).toBe(english);
    expect(renderedMessage(tcp, outcome, "en")).toBe(english);
  });

  test("falls back to English when a message has no translation, and takes an inner check's messages from its grader", () => {
    const grader: Grader = { ...tcp, translations: { fr: {} } };
    expect(renderedMessage(grader, outcome, "fr")).toBe(renderedMessage(tcp, outcome));
    const inner = { passed: false, messageId: "unreachable", grader: "http", data: { url: "http://localhost:8080/", reason: { id: "http.refused", data: { port: 8080 } } } };
    expect(renderedMessage(tcp, inner, "fr")).toContain("mais rien ne répond sur le port 8080.");
  });

  test("the shared running messages keep their English text and are localized", () => {
    const stopped = { passed: false, messageId: "notRunning", data: { name: "db", status: { id: "state.exited" } } };
    expect(renderedMessage(tcp, stopped)).toBe("Expected container db to be running, but it is stopped (exited). Look at why it stopped with `docker logs db`.");
    expect(renderedMessage(tcp, stopped, "fr")).toBe(
      "Le conteneur db devait être en cours d'exécution, mais il est arrêté (exited). Regardez pourquoi il s'est arrêté avec `docker logs db`.",
    );
  });
});
