/**
 * The entry script is run as a student's terminal would run it, whatever its
 * form: by its shebang's shell, with bash when it has none (no execute bit
 * needed), Windows line endings converted with a warning, a binary file and
 * an empty one named in a warning rather than run or graded as a crash.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli } from "./support/cli";

const RUBRIC = path.join(ROOT, "test", "rubrics", "entry-script.yaml");
const SCRIPTS: Record<string, string | Buffer> = {
  // Each writes its mark only when the shell it expects runs it.
  shebang: '#!/bin/sh\n[ -z "$BASH_VERSION" ] && echo ran > /tmp/ran\n',
  bare: '[ -n "$BASH_VERSION" ] && echo ran > /tmp/ran\n',
  crlf: "#!/bin/bash\r\necho ran > /tmp/ran\r\n",
  binary: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]),
  empty: "",
};

let work: string;
const results: Record<string, GradeResult> = {};

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-entry-"));
  await Promise.all(
    Object.entries(SCRIPTS).map(async ([name, content]) => {
      const dir = path.join(work, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "run.sh"), content, { mode: 0o644 });
      const run = await runCli(["check", dir, "--rubric", RUBRIC, "--json", "--lang", "en"]);
      results[name] = JSON.parse(run.stdout) as GradeResult;
    }),
  );
}, 300_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test("a shebang's shell runs the script; without one, bash does; neither needs the execute bit", () => {
  expect(results.shebang.checks[0]).toMatchObject({ status: "passed" });
  expect(results.bare.checks[0]).toMatchObject({ status: "passed" });
  expect(results.bare.warnings).toEqual([]);
});

test("Windows line endings are converted, and the warning says so", () => {
  expect(results.crlf.checks[0]).toMatchObject({ status: "passed" });
  expect(results.crlf.warnings).toEqual([expect.stringContaining("Windows line endings (CRLF)")]);
});

test("a binary file is not run, an empty one runs nothing: each is named in a warning", () => {
  expect(results.binary.run.exitCode).toBeNull();
  expect(results.binary.warnings).toEqual([expect.stringContaining("is not a text script")]);
  expect(results.binary.checks[0]).toMatchObject({ status: "failed" });
  expect(results.empty.warnings).toEqual([expect.stringContaining("is empty")]);
  expect(results.empty.checks[0]).toMatchObject({ status: "failed" });
});
