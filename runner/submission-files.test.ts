import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkSubmissionFile, headOfSubmissionFile } from "./submission-files";

describe("a submission's files, read on the host without following links", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-submission-"));
    fs.mkdirSync(path.join(dir, "scripts"));
    fs.writeFileSync(path.join(dir, "lamp.sh"), "#!/bin/bash\necho é\n");
    fs.writeFileSync(path.join(dir, "scripts", "big.sh"), "x".repeat(10_000));
    fs.symlinkSync("lamp.sh", path.join(dir, "link.sh"));
    fs.symlinkSync("scripts", path.join(dir, "linked"));
    fs.symlinkSync("/etc/passwd", path.join(dir, "outside.sh"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a regular file's first bytes, UTF-8 intact, cut at the size asked", () => {
    expect(headOfSubmissionFile(dir, "lamp.sh", 4096)).toBe("#!/bin/bash\necho é\n");
    expect(headOfSubmissionFile(dir, "scripts/big.sh", 4096)).toBe("x".repeat(4096));
  });

  test("nothing for a link, a file reached through a linked folder, a folder or a missing file: the sandbox reads those", () => {
    for (const file of ["link.sh", "outside.sh", "linked/big.sh", "scripts", "missing.sh"]) expect(headOfSubmissionFile(dir, file, 4096)).toBeUndefined();
  });

  test("a link out of the submission is not a file of it", () => {
    expect(checkSubmissionFile(dir, "outside.sh")).toMatchObject({ present: false });
    expect(checkSubmissionFile(dir, "link.sh")).toEqual({ present: true });
  });
});
