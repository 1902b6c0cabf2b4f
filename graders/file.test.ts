import { file } from "./file";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

const PROBE = "docker run --rm --label labgrade.probe=1 --network none";
const inVolume = { volume: "web-content", path: "info.php", content: { contains: "phpinfo" } };

describe("file: what was found, in the student's words", () => {
  test("info.php written into the container's layer: the volume holds only uploads/, and no probe path or shell error shows", async () => {
    const ctx = fakeContext({ volumes: ["web-content"], commands: { [PROBE]: { exitCode: 3, stdout: "entry:uploads/\n", stderr: "head: cannot open '/probe/info.php' for reading: No such file or directory\n" } } });
    const outcome = await file.evaluate(ctx, inVolume);
    expect(said("file", outcome, "fr")).toEqual({
      message: "info.php était attendu dans le volume web-content, mais il n'y est pas. Vérifiez où votre script l'écrit.",
      expected: "info.php dans le volume web-content",
      actual: "info.php n'est pas dans le volume web-content (le volume contient : uploads/)",
    });
    expect(said("file", outcome).actual).toBe("info.php is not in volume web-content (the volume holds: uploads/)");
  });

  test("the file in a neighbouring folder is named", async () => {
    const ctx = fakeContext({ volumes: ["web-content"], commands: { [PROBE]: { exitCode: 3, stdout: "entry:html/\nnear:/probe/html/info.php\n" } } });
    expect(said("file", await file.evaluate(ctx, inVolume), "fr").actual).toBe("info.php n'est pas dans le volume web-content, mais html/info.php s'y trouve");
  });

  test("a plain local volume is read in its folder on the sandbox's engine, with no probe, and named as the student names it", async () => {
    const folder = "/var/lib/docker/volumes/web-content/_data";
    const ctx = fakeContext({ commands: { "sh -c": { exitCode: 3, stdout: `entry:html/\nnear:${folder}/html/info.php\n` } } });
    ctx.docker.volume = async (name) => ({ Name: name, Driver: "local", Options: {}, Mountpoint: `/var/lib/docker/volumes/${name}/_data` }) as never;
    expect(said("file", await file.evaluate(ctx, inVolume)).actual).toBe("info.php is not in volume web-content, but html/info.php is");
    expect(ctx.calls).toEqual([["sh", "-c", expect.any(String), "look", "1048576", folder, "info.php", folder]]);
  });

  test("a volume with options (tmpfs, nfs) is mounted only in containers: a probe reads it", async () => {
    const ctx = fakeContext({ commands: { [PROBE]: { stdout: "<?php phpinfo(); ?>" } } });
    ctx.docker.volume = async (name) => ({ Name: name, Driver: "local", Options: { type: "tmpfs", device: "tmpfs" }, Mountpoint: `/var/lib/docker/volumes/${name}/_data` }) as never;
    expect((await file.evaluate(ctx, inVolume)).passed).toBe(true);
    expect(ctx.calls.map((argv) => argv.slice(0, 3).join(" "))).toContain("docker run --rm");
  });

  test("an empty volume, a missing folder, a folder where the file should be", async () => {
    const answer = (r: object) => fakeContext({ volumes: ["web-content"], commands: { [PROBE]: r } });
    expect(said("file", await file.evaluate(answer({ exitCode: 3, stdout: "" }), inVolume)).actual).toBe("info.php is not in volume web-content: the volume is empty");
    expect(said("file", await file.evaluate(answer({ exitCode: 3, stdout: "nodir\n" }), { volume: "web-content", path: "site/info.php" }), "fr").actual).toBe(
      "site/info.php n'est pas dans le volume web-content : il n'y a pas de dossier site",
    );
    expect(said("file", await file.evaluate(answer({ exitCode: 4 }), inVolume)).actual).toBe("info.php is a folder, not a file");
  });

  test("a volume that does not exist, or exists under a similar name, is said without creating it", async () => {
    const ctx = fakeContext({ volumes: ["web_content"] });
    const outcome = await file.evaluate(ctx, inVolume);
    expect(said("file", outcome, "fr")).toMatchObject({
      message: expect.stringMatching(/^info.php était attendu dans le volume web-content, mais il n'y a pas de volume nommé web-content\./),
      actual: "il n'y a pas de volume nommé web-content, mais web_content existe",
    });
    expect(ctx.calls.some((argv) => argv[1] === "run")).toBe(false);
  });

  test("wrong content: what the file holds, summarised", async () => {
    const ctx = fakeContext({ volumes: ["web-content"], commands: { [PROBE]: { stdout: "<?php echo 'hello'; ?>\n" } } });
    expect(said("file", await file.evaluate(ctx, inVolume), "fr")).toMatchObject({
      expected: "info.php contenant « phpinfo »",
      actual: "info.php contient « <?php echo 'hello'; ?> »",
    });
  });

  test("in a container: a stopped container is said as such, and the folder's files are listed", async () => {
    const stopped = fakeContext({ containers: { "lamp-web": inspected({ image: "php:7.4-apache", status: "exited" }) } });
    expect(said("file", await file.evaluate(stopped, { container: "lamp-web", path: "/var/www/html/info.php" })).message).toBe(
      "Expected container lamp-web to be running, but it is stopped (exited). Look at why it stopped with `docker logs lamp-web`.",
    );
    const running = fakeContext({ containers: { "lamp-web": inspected({ image: "php:7.4-apache" }) }, commands: { "docker exec lamp-web": { exitCode: 3, stdout: "entry:index.html\n" } } });
    expect(said("file", await file.evaluate(running, { container: "lamp-web", path: "/var/www/html/info.php" }), "fr").actual).toBe(
      "/var/www/html/info.php n'est pas dans le conteneur lamp-web (son dossier /var/www/html contient : index.html)",
    );
  });

  test("a file that must be gone", async () => {
    const ctx = fakeContext({ volumes: ["web-content"], commands: { [PROBE]: { stdout: "x" } } });
    expect(said("file", await file.evaluate(ctx, { volume: "web-content", path: "old.txt", exists: false }), "fr")).toEqual({
      message: "old.txt ne devait pas exister dans le volume web-content, mais il existe.",
      expected: "pas de old.txt dans le volume web-content",
      actual: "old.txt est dans le volume web-content",
    });
  });
});
