import { volumeContent } from "./volume-content";
import { fakeContext } from "../test/support/fake-context";
import { said } from "../test/support/said";

describe("volume-content", () => {
  test("passes when the probe finds no file missing, different or extra", async () => {
    const ctx = fakeContext({ volumes: ["mon-volume", "mon-volume-restaure"], commands: { "docker run --rm --label labgrade.probe=1 --network none": { stdout: "" } } });
    expect(await volumeContent.evaluate(ctx, { volume: "mon-volume-restaure", "same-as": "mon-volume" })).toEqual({ passed: true });
    const probe = ctx.calls.find((argv) => argv[1] === "run")!;
    expect(probe).toEqual(expect.arrayContaining(["mon-volume:/volume-1:ro", "mon-volume-restaure:/volume-2:ro", "/volume-1", "/volume-2"]));
  });

  test("plain local volumes are compared in their folders on the sandbox's engine, with no probe", async () => {
    const ctx = fakeContext({ commands: { "sh -c": { stdout: "" } } });
    ctx.docker.volume = async (name) => ({ Name: name, Driver: "local", Options: null, Mountpoint: `/var/lib/docker/volumes/${name}/_data` }) as never;
    expect(await volumeContent.evaluate(ctx, { volume: "mon-volume-restaure", "same-as": "mon-volume" })).toEqual({ passed: true });
    expect(ctx.calls).toEqual([["sh", "-c", expect.any(String), "read", "/var/lib/docker/volumes/mon-volume/_data", "/var/lib/docker/volumes/mon-volume-restaure/_data"]]);
  });

  test("lists the files missing, different and extra, with spaces and accents", async () => {
    const stdout = "missing:documents/rapport final.txt\ndiffers:medias/vidéo.bin\nextra:data/notes.txt\n";
    const ctx = fakeContext({ volumes: ["mon-volume", "mon-volume-restaure"], commands: { "docker run --rm --label labgrade.probe=1 --network none": { stdout } } });
    const outcome = await volumeContent.evaluate(ctx, { volume: "mon-volume-restaure", "same-as": "mon-volume" });
    expect(outcome).toMatchObject({ passed: false, messageId: "differs", data: { count: 3 } });
    expect(said("volume-content", outcome)).toEqual({
      message: "Volume mon-volume-restaure does not hold the same files as mon-volume (3 problem(s)). Check that the archive is extracted at the volume's root (tar xzf ... -C /data).",
      expected: "the files of mon-volume, byte for byte",
      actual: "data/notes.txt is extra; documents/rapport final.txt is missing; medias/vidéo.bin differs",
    });
    expect(said("volume-content", outcome, "fr").actual).toBe("data/notes.txt est en trop ; documents/rapport final.txt manque ; medias/vidéo.bin diffère");
  });

  test("a missing restored volume is the student's; a missing reference volume is the grader's error", async () => {
    const none = fakeContext({ volumes: ["mon-volume"] });
    expect(await volumeContent.evaluate(none, { volume: "mon-volume-restaure", "same-as": "mon-volume" })).toMatchObject({ passed: false, messageId: "missing" });
    const noReference = fakeContext({ volumes: ["mon-volume-restaure"] });
    expect(await volumeContent.evaluate(noReference, { volume: "mon-volume-restaure", "same-as": "mon-volume" })).toMatchObject({ passed: false, messageId: "error" });
    expect(noReference.calls.some((argv) => argv[1] === "run")).toBe(false);
    expect(said("volume-content", await volumeContent.evaluate(noReference, { volume: "mon-volume-restaure", "same-as": "mon-volume" }), "fr").message).toBe(
      "Impossible de comparer les volumes : il n'y a pas de volume nommé mon-volume avec lequel comparer.",
    );
  });
});
