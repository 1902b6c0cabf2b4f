/**
 * The phrases several graders share (matchers and values, expectation keys,
 * names, containers and their states, mounts, Compose volumes), in every language. A grader's
 * own messages come first; a phrase id not found in either is a bug.
 */
import { matcherPhrases } from "../matchers/phrases";
import { itemPhrases } from "./items";
import { mountPhrases } from "./mounts";
import { networkPhrases } from "./networks";
import { presencePhrases } from "./presence";
import { containerPhrases } from "./running";
import { volumeTargetPhrases } from "./volume-target";

export const sharedPhrases: { en: Record<string, string>; fr: Record<string, string> } = {
  en: { ...matcherPhrases.en, ...itemPhrases.en, ...presencePhrases.en, ...containerPhrases.en, ...mountPhrases.en, ...volumeTargetPhrases.en, ...networkPhrases.en },
  fr: { ...matcherPhrases.fr, ...itemPhrases.fr, ...presencePhrases.fr, ...containerPhrases.fr, ...mountPhrases.fr, ...volumeTargetPhrases.fr, ...networkPhrases.fr },
};
