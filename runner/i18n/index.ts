/**
 * The harness's messages in the student's language: `translator(lang)` looks a
 * key up in that language's catalogue and fills its {placeholders}.
 */
import { UsageError } from "../errors";
import { render } from "../render";
import type { Catalogue, Translate } from "./catalogue";
import { en } from "./en";
import { fr } from "./fr";

export type { Catalogue, MessageKey, Translate } from "./catalogue";

export const CATALOGUES = { en, fr } as const satisfies Record<string, Catalogue>;

export type Lang = keyof typeof CATALOGUES;

export const LANGS = Object.keys(CATALOGUES) as Lang[];

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && Object.hasOwn(CATALOGUES, value);
}

export function translator(lang: Lang = "en"): Translate {
  const catalogue: Catalogue = CATALOGUES[lang];
  return (key, ...params) => render(catalogue[key], params[0] ?? {});
}

/** The language of a locale name: fr_FR.UTF-8 -> fr; C, POSIX and unknown languages -> undefined. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  const primary = locale?.split(/[_.@-]/)[0]?.toLowerCase();
  return isLang(primary) ? primary : undefined;
}

/** The language of the user's locale: LC_ALL, then LC_MESSAGES, then LANG (the first one set decides, as for every program). */
export function langOfEnv(env: NodeJS.ProcessEnv): Lang | undefined {
  return langOfLocale([env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value));
}

/** Which language to speak: --lang, else the student's locale, else the rubric's language, else English. */
export function chooseLang(options: { flag?: Lang; env: NodeJS.ProcessEnv; rubric?: string }): Lang {
  if (options.flag) return options.flag;
  return langOfEnv(options.env) ?? (isLang(options.rubric) ? options.rubric : "en");
}

/** The --lang option: a language of the catalogue, or a usage error in the locale's language. */
export function langOption(value: string | undefined, env: NodeJS.ProcessEnv): Lang | undefined {
  if (value === undefined || isLang(value)) return value;
  throw new UsageError(translator(chooseLang({ env }))("error.lang", { languages: LANGS.join(", "), value }));
}
