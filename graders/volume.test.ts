import { image } from "./image";
import { volume } from "./volume";
import { fakeContext } from "../test/support/fake-context";
import { said } from "../test/support/said";

describe("volume and image: what was found, in the student's words", () => {
  test("a missing volume, one under a similar name, one that should be gone; anonymous volumes are not listed", async () => {
    const ctx = fakeContext({ volumes: ["mysql_data", "web-content", "orphan-volume", "f".repeat(64)] });
    const outcome = await volume.evaluate(ctx, { names: ["mysql-data", "web-content", "user-uploads"], absent: ["orphan-volume"] });
    expect(outcome.ratio).toBe(0.25);
    expect(said("volume", outcome, "fr")).toEqual({
      message: expect.stringMatching(/^Volumes non conformes : mysql-data, user-uploads, orphan-volume\. Volumes trouvés : mysql_data, web-content, orphan-volume\. /),
      expected: "un volume nommé mysql-data ; un volume nommé user-uploads ; aucun volume nommé orphan-volume",
      actual: "aucun volume nommé mysql-data, mais mysql_data existe ; aucun volume nommé user-uploads ; le volume orphan-volume existe encore",
    });
  });

  test("no volume at all", async () => {
    expect(said("volume", await volume.evaluate(fakeContext({}), { names: ["data"] })).message).toContain("Volumes found: none.");
  });

  test("an image built under a similar tag", async () => {
    const ctx = fakeContext({ commands: { "docker image ls": { stdout: "myapp:dev\nalpine:latest\n" } } });
    const outcome = await image.evaluate(ctx, { names: ["my-app:dev"] });
    expect(said("image", outcome, "fr").actual).toBe("aucune image my-app:dev, mais myapp:dev existe");
  });
});
