import { composeLabels, composeVolumeLabels, fakeContext, inspected } from "../../test/support/fake-context";
import { said } from "../../test/support/said";
import { archive } from "../archive";
import { container } from "../container";
import { file } from "../file";
import { seedVolume } from "../seed-volume";
import { volume } from "../volume";
import { volumeContent } from "../volume-content";
import { resolveVolume } from "./volume-target";

/** Volumes as `docker compose up` leaves them: <project>_<volume>, labelled with both. */
const composeVolumes = (...pairs: [string, string][]) => ({
  volumes: pairs.map(([project, name]) => `${project}_${name}`),
  volumeLabels: Object.fromEntries(pairs.map(([project, name]) => [`${project}_${name}`, composeVolumeLabels(project, name)])),
});

describe("resolveVolume", () => {
  test("a volume named exactly so wins, without a look at the labels", async () => {
    const ctx = fakeContext({ volumes: ["mysql-data", "submission_mysql-data"], volumeLabels: { "submission_mysql-data": composeVolumeLabels("submission", "mysql-data") } });
    expect(await resolveVolume(ctx, "mysql-data")).toEqual({ name: "mysql-data" });
    expect(ctx.calls).toEqual([]);
  });

  test("a compose file's volume is the one volume Compose labelled with its name, whatever the project prefix", async () => {
    const ctx = fakeContext(composeVolumes(["submission", "mysql-data"], ["submission", "web-content"]));
    expect(await resolveVolume(ctx, "mysql-data")).toEqual({ name: "submission_mysql-data" });
    expect(await resolveVolume(ctx, "web-content", "submission")).toEqual({ name: "submission_web-content" });
  });

  test("no volume by that name nor label: the name is kept, for the grader to say it is missing", async () => {
    const ctx = fakeContext({ ...composeVolumes(["submission", "web-content"]), volumes: ["submission_web-content", "mysql_data"] });
    expect(await resolveVolume(ctx, "mysql-data")).toEqual({ name: "mysql-data" });
    expect(await resolveVolume(ctx, "web-content", "shop")).toEqual({ name: "web-content" });
  });

  test("two projects with the volume: a final failure naming both, unless a project chooses", async () => {
    const ctx = fakeContext(composeVolumes(["shop", "mysql-data"], ["blog", "mysql-data"]));
    expect(await resolveVolume(ctx, "mysql-data", "blog")).toEqual({ name: "blog_mysql-data" });
    const { outcome } = await resolveVolume(ctx, "mysql-data");
    expect(outcome).toMatchObject({ passed: false, ratio: 0, final: true, messageId: "severalVolumes" });
    expect(said("volume", outcome!)).toEqual({
      message: expect.stringContaining("The compose file's volume mysql-data is several volumes (blog_mysql-data (-p blog), shop_mysql-data (-p shop))"),
      expected: "one volume named mysql-data, or one Compose volume mysql-data",
      actual: "the Compose volume mysql-data is 2 volumes: blog_mysql-data (-p blog), shop_mysql-data (-p shop)",
    });
    expect(said("volume", outcome!, "fr")).toEqual({
      message: expect.stringContaining("Le volume mysql-data du fichier compose correspond à plusieurs volumes (blog_mysql-data (-p blog), shop_mysql-data (-p shop))"),
      expected: "un volume nommé mysql-data, ou un seul volume Compose mysql-data",
      actual: "le volume Compose mysql-data correspond à 2 volumes : blog_mysql-data (-p blog), shop_mysql-data (-p shop)",
    });
  });
});

describe("every grader that names a volume takes a compose file's volume", () => {
  const world = composeVolumes(["submission", "mysql-data"], ["submission", "web-content"]);
  const db = (mountName: string, project = "submission") =>
    inspected({ image: "mysql:8.0", labels: composeLabels(project, "db"), mounts: [{ Type: "volume", Name: mountName, Source: `/var/lib/docker/volumes/${mountName}/_data`, Destination: "/var/lib/mysql", RW: true }] });
  const mysqlMount = { service: "db", mounts: [{ type: "volume" as const, source: "mysql-data", destination: "/var/lib/mysql" }] };

  test("volume: names and absent count the compose file's volumes by their own names", async () => {
    expect(await volume.evaluate(fakeContext(world), { names: ["mysql-data", "web-content"] })).toMatchObject({ passed: true, ratio: 1 });
    const gone = await volume.evaluate(fakeContext(world), { absent: ["mysql-data"] });
    expect(said("volume", gone).actual).toBe("volume mysql-data still exists");
    const two = await volume.evaluate(fakeContext(composeVolumes(["shop", "mysql-data"], ["blog", "mysql-data"])), { names: ["mysql-data"] });
    expect(two).toMatchObject({ passed: false, messageId: "severalVolumes" });
  });

  test("volume: a name: in the compose file (the engine's name is the volume's) still counts", async () => {
    const ctx = fakeContext({ volumes: ["mysql-data"], volumeLabels: { "mysql-data": composeVolumeLabels("submission", "mysql-data") } });
    expect(await volume.evaluate(ctx, { names: ["mysql-data"] })).toMatchObject({ passed: true });
  });

  test("container: a service's mount of its project's volume is the rubric's volume", async () => {
    const ctx = fakeContext({ ...world, containers: { "submission-db-1": db("submission_mysql-data") } });
    expect(await container.evaluate(ctx, mysqlMount)).toMatchObject({ passed: true });
    // The container's own project chooses among the projects that have the volume.
    const two = fakeContext({ ...composeVolumes(["submission", "mysql-data"], ["old", "mysql-data"]), containers: { "submission-db-1": db("submission_mysql-data") } });
    expect(await container.evaluate(two, mysqlMount)).toMatchObject({ passed: true });
    const other = fakeContext({ ...composeVolumes(["submission", "mysql-data"], ["old", "mysql-data"]), containers: { "submission-db-1": db("old_mysql-data") } });
    const wrong = await container.evaluate(other, mysqlMount);
    expect(said("container", wrong)).toMatchObject({ expected: "volume mysql-data mounted at /var/lib/mysql", actual: "volume old_mysql-data is mounted at /var/lib/mysql" });
  });

  test("file, volume-content, archive, seed-volume: the probe mounts the engine's volume", async () => {
    const probes = async (evaluate: (ctx: ReturnType<typeof fakeContext>) => Promise<unknown>) => {
      const ctx = fakeContext({ ...world, commands: { "docker run": { exitCode: 0 }, "docker volume create": {} } });
      await evaluate(ctx);
      return ctx.calls.filter((argv) => argv[1] === "run").map((argv) => argv.filter((_a, i) => argv[i - 1] === "-v"));
    };
    expect(await probes((ctx) => file.evaluate(ctx, { volume: "web-content", path: "info.php" }))).toEqual([["submission_web-content:/probe:ro"]]);
    expect(await probes((ctx) => volumeContent.evaluate(ctx, { volume: "web-content", "same-as": "mysql-data" }))).toEqual([["submission_mysql-data:/volume-1:ro", "submission_web-content:/volume-2:ro"]]);
    expect((await probes((ctx) => archive.evaluate(ctx, { file: "b.tar.gz", "holds-volume": "mysql-data" })))[0]).toContain("submission_mysql-data:/volume:ro");
    expect(await probes((ctx) => seedVolume.evaluate(ctx, { volume: "mysql-data", files: [{ path: "a", content: "x" }] }))).toEqual([["submission_mysql-data:/target"]]);
  });

  test("file: a compose file's volume that is two projects' is said so, before any probe", async () => {
    const ctx = fakeContext(composeVolumes(["shop", "web-content"], ["blog", "web-content"]));
    expect(await file.evaluate(ctx, { volume: "web-content", path: "info.php" })).toMatchObject({ passed: false, messageId: "severalVolumes" });
    expect(ctx.calls.filter((argv) => argv[1] === "run")).toEqual([]);
  });
});
