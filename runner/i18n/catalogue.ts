/** The shape every language's catalogue has: en.ts's keys, each a template with {placeholders}. */
import type { en } from "./en";

export type MessageKey = keyof typeof en;

export type Catalogue = { readonly [K in MessageKey]: string };

/** The placeholders a template names: "{id} failed after {seconds} s" -> "id" | "seconds". */
export type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** What a key's message needs filled in; nothing for a message without placeholders. */
export type ParamsOf<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof en)[K]>, string | number>];

/** A message lookup in one language, with its placeholders filled in. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;
