import { dockerRun } from "./docker-run";
import { fakeContext } from "../test/support/fake-context";

/** The shim's log: arguments separated by NUL, commands by RS. */
const log = (...commands: string[][]) => commands.map((argv) => `${argv.map((a) => `${a}\0`).join("")}\x1e`).join("");

const usageRun = ["run", "--rm", "-v", ":/data:ro", "-v", "/home/student/submission/./backups:/backup", "alpine:latest", "tar", "czf", "/backup/_20240101_020000.tar.gz", "-C", "/data", "."];
const backup = (...options: string[]) => ["run", ...options, "-v", "/home/student/submission/./backups:/backup", "alpine:latest", "tar", "czf", "/backup/x.tar.gz", "-C", "/data", "."];

function withLog(text: string) {
  return fakeContext({ commands: { "sh -c cat": { stdout: text } } });
}

describe("docker-run", () => {
  const spec = { mounting: "mon-volume", mounts: [{ source: "mon-volume", destination: "/data", "read-only": true }], rm: true };

  test("passes when one of the commands mounting the volume has every option, whatever else ran", async () => {
    const text = log(["volume", "create", "x"], usageRun, backup("--rm", "-v", "mon-volume:/data:ro"), ["run", "--rm", "-v", "mon-volume:/data", "alpine", "ls", "/data"]);
    expect(await dockerRun.evaluate(withLog(text), spec)).toEqual({ passed: true });
  });

  test("reports against the last command mounting the volume, with the commands seen", async () => {
    const outcome = await dockerRun.evaluate(withLog(log(usageRun, backup("-v", "mon-volume:/data"))), spec);
    expect(outcome).toMatchObject({ passed: false, messageId: "mismatch" });
    expect(outcome.expected).toBe("mount mon-volume: mon-volume:/data read-only; --rm: --rm");
    expect(outcome.actual).toBe("mount mon-volume: mon-volume:/data read-write; --rm: no --rm");
    expect(String(outcome.data?.seen)).toContain("docker run -v mon-volume:/data");
    expect(String(outcome.data?.seen)).not.toContain("_20240101");
  });

  test("says so when no command mounted the volume, or when nothing was logged", async () => {
    expect(await dockerRun.evaluate(withLog(log(usageRun)), spec)).toMatchObject({ passed: false, messageId: "none", actual: "none" });
    expect(await dockerRun.evaluate(withLog(""), spec)).toMatchObject({ passed: false, messageId: "none", data: { seen: "none" } });
  });

  test("name: a container started under that name, even if it is gone", async () => {
    const first = ["run", "-d", "--name", "ma-postgres", "-e", "POSTGRES_PASSWORD=x", "-v", "postgres-data:/var/lib/postgresql/data", "postgres:13"];
    const second = ["run", "-d", "--name=ma-postgres-2", "postgres:13"];
    expect(await dockerRun.evaluate(withLog(log(first, second)), { name: "ma-postgres" })).toEqual({ passed: true });
    const outcome = await dockerRun.evaluate(withLog(log(second)), { name: "ma-postgres", mounting: "postgres-data" });
    expect(outcome).toMatchObject({ passed: false, messageId: "none", expected: "a docker run named ma-postgres mounting postgres-data" });
    expect(outcome.data?.seen).toBe("docker run -d --name=ma-postgres-2 postgres:13");
  });
});
