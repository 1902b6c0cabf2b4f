import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { submissionDigest } from "./digest";

describe("submissionDigest", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-digest-"));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  let n = 0;
  function submission(files: Record<string, string>): string {
    const dir = path.join(tmp, `s${n++}`);
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  it("is the same for the same content, wherever it lies and through a link to the folder", () => {
    const a = submission({ "lamp.sh": "docker volume create data\n", ".git/HEAD": "ref: main\n" });
    const b = submission({ "lamp.sh": "docker volume create data\n", ".git/HEAD": "ref: main\n" });
    fs.symlinkSync(b, path.join(tmp, "link"));
    expect(submissionDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(submissionDigest(b)).toBe(submissionDigest(a));
    expect(submissionDigest(path.join(tmp, "link"))).toBe(submissionDigest(a));
  });

  it("changes with a file's content, its name, its executable bit, a new file or a link's target", () => {
    const base = { "lamp.sh": "echo 1\n" };
    const digest = submissionDigest(submission(base));
    expect(submissionDigest(submission({ "lamp.sh": "echo 2\n" }))).not.toBe(digest);
    expect(submissionDigest(submission({ "run.sh": "echo 1\n" }))).not.toBe(digest);
    expect(submissionDigest(submission({ ...base, "notes.md": "" }))).not.toBe(digest);
    const executable = submission(base);
    fs.chmodSync(path.join(executable, "lamp.sh"), 0o755);
    expect(submissionDigest(executable)).not.toBe(digest);
    const linked = [submission(base), submission(base)];
    fs.symlinkSync("/etc/passwd", path.join(linked[0]!, "x"));
    fs.symlinkSync("/etc/shadow", path.join(linked[1]!, "x"));
    expect(submissionDigest(linked[0]!)).not.toBe(submissionDigest(linked[1]!));
  });

  it("is undefined for a folder that cannot be read", () => {
    expect(submissionDigest(path.join(tmp, "missing"))).toBeUndefined();
  });
});
