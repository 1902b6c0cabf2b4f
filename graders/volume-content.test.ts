import { volumeContent } from "./volume-content";
import { fakeContext } from "../test/support/fake-context";

describe("volume-content", () => {
  test("passes when the probe finds no file missing, different or extra", async () => {
    const ctx = fakeContext({ volumes: ["mon-volume", "mon-volume-restaure"], commands: { "docker run --rm --network none": { stdout: "" } } });
    expect(await volumeContent.evaluate(ctx, { volume: "mon-volume-restaure", "same-as": "mon-volume" })).toEqual({ passed: true });
    const probe = ctx.calls.find((argv) => argv[1] === "run")!;
    expect(probe).toEqual(expect.arrayContaining(["mon-volume:/expected:ro", "mon-volume-restaure:/actual:ro"]));
  });

  test("lists the files missing, different and extra, with spaces and accents", async () => {
    const stdout = "missing:documents/rapport final.txt\ndiffers:medias/vidéo.bin\nextra:data/notes.txt\n";
    const ctx = fakeContext({ volumes: ["mon-volume", "mon-volume-restaure"], commands: { "docker run --rm --network none": { stdout } } });
    const outcome = await volumeContent.evaluate(ctx, { volume: "mon-volume-restaure", "same-as": "mon-volume" });
    expect(outcome).toMatchObject({ passed: false, messageId: "differs", data: { count: 3 } });
    expect(outcome.actual).toBe("extra data/notes.txt, missing documents/rapport final.txt, differs medias/vidéo.bin");
  });

  test("a missing restored volume is the student's; a missing reference volume is the grader's error", async () => {
    const none = fakeContext({ volumes: ["mon-volume"] });
    expect(await volumeContent.evaluate(none, { volume: "mon-volume-restaure", "same-as": "mon-volume" })).toMatchObject({ passed: false, messageId: "missing" });
    const noReference = fakeContext({ volumes: ["mon-volume-restaure"] });
    expect(await volumeContent.evaluate(noReference, { volume: "mon-volume-restaure", "same-as": "mon-volume" })).toMatchObject({ passed: false, messageId: "error" });
    expect(noReference.calls.some((argv) => argv[1] === "run")).toBe(false);
  });
});
