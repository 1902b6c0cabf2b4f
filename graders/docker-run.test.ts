import { dockerRun } from "./docker-run";
import { fakeContext } from "../test/support/fake-context";
import { said } from "../test/support/said";

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
    expect(said("docker-run", outcome)).toMatchObject({
      expected: "-v mon-volume:/data:ro (read-only); with --rm",
      actual: "-v mon-volume:/data (read-write); without --rm",
    });
    expect(said("docker-run", outcome, "fr")).toMatchObject({
      message: expect.stringMatching(/^Aucun `docker run` montant mon-volume n'avait ce qui était attendu \(le montage de mon-volume, --rm\)\. Commandes vues : docker run /),
      expected: "-v mon-volume:/data:ro (en lecture seule) ; avec --rm",
      actual: "-v mon-volume:/data (en lecture-écriture) ; sans --rm",
    });
    expect(String(outcome.data?.seen)).toContain("docker run -v mon-volume:/data");
    expect(String(outcome.data?.seen)).not.toContain("_20240101");
  });

  test("says so when no command mounted the volume, or when nothing was logged", async () => {
    expect(said("docker-run", await dockerRun.evaluate(withLog(log(usageRun)), spec), "fr").actual).toBe("aucun docker run de ce type");
    expect(said("docker-run", await dockerRun.evaluate(withLog(""), spec)).message).toBe(
      "Expected your scripts to run a container mounting mon-volume, but no `docker run` like that was found. Commands seen: none.",
    );
  });

  test("name: a container started under that name, even if it is gone", async () => {
    const first = ["run", "-d", "--name", "ma-postgres", "-e", "POSTGRES_PASSWORD=x", "-v", "postgres-data:/var/lib/postgresql/data", "postgres:13"];
    const second = ["run", "-d", "--name=ma-postgres-2", "postgres:13"];
    expect(await dockerRun.evaluate(withLog(log(first, second)), { name: "ma-postgres" })).toEqual({ passed: true });
    const outcome = await dockerRun.evaluate(withLog(log(second)), { name: "ma-postgres", mounting: "postgres-data" });
    expect(said("docker-run", outcome)).toMatchObject({
      expected: "a docker run named ma-postgres mounting postgres-data",
      actual: "no such docker run, but one started a container named ma-postgres-2",
    });
    expect(outcome.data?.seen).toBe("docker run -d --name=ma-postgres-2 postgres:13");
  });

  test("ports: the container port published, on the host port when given", async () => {
    const first = ["run", "-d", "--name", "ma-postgres", "-p", "127.0.0.1:5433:5432/tcp", "postgres:13"];
    const spec = { name: "ma-postgres", ports: [{ container: 5432, host: 5432 }] };
    expect(await dockerRun.evaluate(withLog(log(first)), { name: "ma-postgres", ports: [{ container: 5432 }] })).toEqual({ passed: true });
    const outcome = await dockerRun.evaluate(withLog(log(first)), spec);
    expect(said("docker-run", outcome)).toMatchObject({ expected: "-p 5432:5432", actual: "-p 127.0.0.1:5433:5432/tcp" });
    expect(said("docker-run", await dockerRun.evaluate(withLog(log(["run", "--name", "ma-postgres", "postgres:13"])), spec), "fr").actual).toBe("le port 5432 n'est pas publié");
    expect(await dockerRun.evaluate(withLog(log(["run", "--publish=5432:5432", "--name", "ma-postgres", "postgres:13"])), spec)).toEqual({ passed: true });
  });
});
