import { tcp } from "./tcp";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

const web = { "lamp-web": inspected({ image: "php:7.4-apache" }) };
const spec = { from: "lamp-web", host: "mysql", port: 3306 };

describe("tcp: what was found, in the student's words", () => {
  test.each([
    [3, "le nom mysql ne se résout pas dans lamp-web"],
    [4, "mysql se résout, mais rien ne répond sur son port 3306"],
    [5, "ni bash ni nc dans lamp-web"],
    [126, "aucune commande n'a pu s'exécuter dans lamp-web"],
  ])("the probe's exit %i", async (code, words) => {
    const outcome = await tcp.evaluate(fakeContext({ containers: web, commands: { "docker exec lamp-web": { exitCode: code, stderr: "sh: 1: bash: not found" } } }), spec);
    expect(said("tcp", outcome, "fr")).toMatchObject({ expected: "mysql:3306 joignable depuis lamp-web", actual: words });
    expect(said("tcp", outcome, "fr").message).not.toMatch(/sh: |not found/);
  });

  test("from a container that exists under a similar name", async () => {
    const outcome = await tcp.evaluate(fakeContext({ containers: { lamp_web: web["lamp-web"] } }), spec);
    expect(said("tcp", outcome)).toMatchObject({ expected: "container lamp-web running", actual: "no container named lamp-web, but lamp_web exists" });
  });
});
