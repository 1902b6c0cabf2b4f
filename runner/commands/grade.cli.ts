/** `labgrade grade`'s command line. */
import { UsageError } from "../errors";
import { LIMIT_OPTIONS, type LimitOverrides } from "../rubric/limits";
import type { ImageProvisioning } from "../sandbox/sandbox";
import { command, flag, one, text, UsageErrorWithHelp, VAR_FLAG, variablesOf } from "./command";

export interface GradeArgs {
  submission: string;
  rubric: string;
  json?: string;
  junit?: string;
  variables: Record<string, string>;
  images?: ImageProvisioning;
  /** Also write GitHub Classroom's `result` output and a step summary (grading errors too). */
  classroom?: boolean;
  /** Also write Classroom 50's ./result.json and ./release-body.md; `scale` as given with --scale. */
  classroom50?: { scale?: string };
  /** Limits from the command line, over the rubric's. */
  limits?: LimitOverrides;
}

export const grade = command<GradeArgs>({
  name: "grade",
  usage: `  grade <submission-dir> --rubric <rubric.yaml> [--json FILE] [--junit FILE] [--var NAME=VALUE]... [--images clone|load]
        [--timeout 5m] [--grading-timeout 15m] [--memory 2g] [--cpus 2] [--pids 2048] [--output-limit 1MiB]
  grade ... --classroom50 [--scale N]
                                     also write Classroom 50's ./result.json and ./release-body.md
  grade ... --classroom              also append the Actions reporter's result output and a step summary`,
  flags: {
    rubric: { type: "string" },
    json: { type: "string" },
    junit: { type: "string" },
    ...VAR_FLAG,
    images: { type: "string" },
    ...Object.fromEntries(LIMIT_OPTIONS.map((key) => [key, { type: "string" } as const])),
    classroom: { type: "boolean" },
    classroom50: { type: "boolean" },
    scale: { type: "string" },
  },
  args(positionals, values) {
    const rubric = text(values, "rubric");
    if (rubric === undefined) throw new UsageErrorWithHelp("grade needs --rubric <rubric.yaml>");
    if (values.scale !== undefined && !flag(values, "classroom50")) throw new UsageError("--scale is for --classroom50's whole points");
    const images = text(values, "images");
    if (images !== undefined && images !== "clone" && images !== "load") throw new UsageError(`--images takes clone or load, got ${images}`);
    return {
      submission: one(positionals, "submission folder"),
      rubric,
      json: text(values, "json"),
      junit: text(values, "junit"),
      variables: variablesOf(values),
      images,
      classroom: flag(values, "classroom"),
      classroom50: flag(values, "classroom50") ? { scale: text(values, "scale") } : undefined,
      limits: Object.fromEntries(LIMIT_OPTIONS.filter((key) => values[key] !== undefined).map((key) => [key, values[key] as string])),
    };
  },
  run: (args, io) => (require("./grade") as typeof import("./grade")).gradeCommand(args, io),
});
