import { archive } from "./archive";
import { restart } from "./restart";
import { seedVolume } from "./seed-volume";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

const PROBE = "docker run --rm --label labgrade.probe=1 --network none";

describe("archive: what was found, in the student's words", () => {
  test("no archive where the pattern says, and an archive made with absolute paths", async () => {
    const none = fakeContext({ volumes: ["mon-volume"], commands: { [PROBE]: { stdout: "" } } });
    expect(said("archive", await archive.evaluate(none, { file: "backups/mon-volume_*.tar.gz", "relative-to": "mon-volume" }), "fr")).toMatchObject({
      expected: "un fichier correspondant à backups/mon-volume_*.tar.gz",
      actual: "aucun fichier correspondant à backups/mon-volume_*.tar.gz",
    });
    const absolute = fakeContext({ volumes: ["mon-volume"], commands: { [PROBE]: { stdout: "file:backups/mon-volume_1.tar.gz\ntop:data\nvolumetop:docs\nvolumetop:.version\n" } } });
    const outcome = await archive.evaluate(absolute, { file: "backups/mon-volume_*.tar.gz", "relative-to": "mon-volume" });
    expect(said("archive", outcome)).toMatchObject({
      message: expect.stringMatching(/^The archive backups\/mon-volume_1.tar.gz is not as expected for its entries\./),
      expected: "entries relative to the volume's root: docs, .version",
      actual: "top-level entries: data",
    });
  });

  test("files missing from the archive, the first few named; a file that is no archive", async () => {
    const ctx = fakeContext({ volumes: ["mon-volume"], commands: { [PROBE]: { stdout: "file:b.tar.gz\ntop:x\ndiffers:.version\n" } } });
    expect(said("archive", await archive.evaluate(ctx, { file: "b.tar.gz", "holds-volume": "mon-volume" }), "fr").actual).toBe("manquants ou différents : .version");
    const broken = fakeContext({ volumes: ["mon-volume"], commands: { [PROBE]: { stdout: "file:b.tar.gz\nunreadable:gzip: stdin: not in gzip format\n" } } });
    expect(said("archive", await archive.evaluate(broken, { file: "b.tar.gz", "holds-volume": "mon-volume" }))).toMatchObject({
      message: "b.tar.gz is not a readable .tar.gz archive. Create it with `tar czf`.",
      actual: "b.tar.gz is not a .tar.gz archive that tar can read",
    });
  });

  test("actions that fail name what failed, not Docker's error text", async () => {
    const gone = fakeContext({ containers: { lamp_web: inspected({ image: "php:7.4-apache" }) } });
    expect(said("restart", await restart.evaluate(gone, { containers: ["lamp-web"] }), "fr").message).toBe(
      "Impossible de redémarrer lamp-web : aucun conteneur nommé lamp-web, mais lamp_web existe.",
    );
    const down = fakeContext({
      containers: { "lamp-web": inspected({ image: "php:7.4-apache", status: "exited" }) },
      commands: { "docker start": { exitCode: 1, stderr: "Error response from daemon: failed to start" } },
    });
    expect(said("restart", await restart.evaluate(down, { containers: ["lamp-web"] })).message).toBe(
      "Could not restart lamp-web: lamp-web did not start again (look at `docker logs lamp-web`).",
    );
    const seed = fakeContext({ commands: { "docker volume create": { exitCode: 1, stderr: "Error: permission denied" } } });
    expect(said("seed-volume", await seedVolume.evaluate(seed, { volume: "data", files: [{ path: "a.txt", content: "x" }] })).message).toBe("Could not fill volume data.");
  });
});
