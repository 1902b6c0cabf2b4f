/** `labgrade draft`'s command line. */
import { langOption, type Lang } from "../i18n";
import { command, one, text, UsageErrorWithHelp } from "./command";

export interface DraftArgs {
  dir: string;
  images: string[];
  script?: string;
  lang?: Lang;
  out?: string;
}

export const draft = command<DraftArgs>({
  name: "draft",
  usage: `  draft <reference-dir> --images a,b [--script s.sh] [--lang fr|en] [--out lab.yaml]
                                     a first rubric written from what the reference answer leaves in a sandbox`,
  flags: {
    images: { type: "string" },
    script: { type: "string" },
    lang: { type: "string" },
    out: { type: "string" },
  },
  args(positionals, values) {
    const images = (text(values, "images") ?? "").split(",").map((image) => image.trim()).filter(Boolean);
    if (!images.length) throw new UsageErrorWithHelp("draft needs --images: the images the lab uses, e.g. --images mysql:8.0,php:7.4-apache");
    const lang = langOption(text(values, "lang"), process.env);
    return { dir: one(positionals, "reference folder"), images, script: text(values, "script"), lang, out: text(values, "out") };
  },
  run: (args, io) => (require("./draft") as typeof import("./draft")).draftCommand(args, io),
});
