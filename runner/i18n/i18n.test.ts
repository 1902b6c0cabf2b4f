import { UsageError } from "../errors";
import { CATALOGUES, chooseLang, langOfLocale, langOption, translator } from ".";
import { en } from "./en";

const placeholders = (text: string) => [...text.matchAll(/\{([a-zA-Z][\w-]*)\}/g)].map((m) => m[1]).sort();

describe("catalogues", () => {
  it.each(Object.entries(CATALOGUES))("%s has every key of en.ts with the same placeholders", (_lang, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect([key, placeholders(catalogue[key as keyof typeof en])]).toEqual([key, placeholders(text)]);
    }
  });
});

describe("translator", () => {
  it("fills placeholders, in the language asked", () => {
    expect(translator("en")("engine.becauseFailed", { id: "web-running" })).toBe("not checked because web-running failed");
    expect(translator("fr")("engine.becauseFailed", { id: "web-running" })).toBe("non vérifiée car web-running a échoué");
    expect(translator("fr")("summary.score", { score: "14/20" })).toBe("Score : 14/20");
  });

  it("speaks English by default", () => {
    expect(translator()("phase.checks")).toBe("Checking…");
  });

  it("does not fill placeholders found in the values", () => {
    expect(translator("en")("detail.hint", { value: "use {id}" })).toBe("hint: use {id}");
  });
});

describe("chooseLang", () => {
  it("takes --lang over everything", () => {
    expect(chooseLang({ flag: "en", env: { LANG: "fr_FR.UTF-8" }, rubric: "fr" })).toBe("en");
  });

  it("takes the student's locale over the rubric's language: LC_ALL, then LC_MESSAGES, then LANG", () => {
    expect(chooseLang({ env: { LANG: "fr_FR.UTF-8" }, rubric: "en" })).toBe("fr");
    expect(chooseLang({ env: { LANG: "en_GB.UTF-8" }, rubric: "fr" })).toBe("en");
    expect(chooseLang({ env: { LC_ALL: "en_US.UTF-8", LANG: "fr_FR.UTF-8" } })).toBe("en");
    expect(chooseLang({ env: { LC_MESSAGES: "fr_CA", LANG: "en_US" } })).toBe("fr");
  });

  it("falls back on the rubric's language when the locale names none it speaks, then English", () => {
    expect(chooseLang({ env: { LANG: "C.UTF-8" }, rubric: "fr" })).toBe("fr");
    expect(chooseLang({ env: { LANG: "de_DE.UTF-8" }, rubric: "fr" })).toBe("fr");
    expect(chooseLang({ env: {}, rubric: "de" })).toBe("en");
  });

  it("reads locale names", () => {
    expect(langOfLocale("fr_FR.UTF-8")).toBe("fr");
    expect(langOfLocale("fr")).toBe("fr");
    expect(langOfLocale("en_US@euro")).toBe("en");
    expect(langOfLocale("POSIX")).toBeUndefined();
    expect(langOfLocale(undefined)).toBeUndefined();
  });
});

describe("langOption", () => {
  it("accepts the catalogue's languages and refuses others in the locale's language", () => {
    expect(langOption("fr", {})).toBe("fr");
    expect(langOption(undefined, {})).toBeUndefined();
    expect(() => langOption("de", { LANG: "fr_FR.UTF-8" })).toThrow(new UsageError("--lang attend en, fr, reçu : de."));
  });
});
