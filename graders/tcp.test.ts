import { tcp } from "./tcp";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

const web = { "lamp-web": inspected({ image: "php:7.4-apache" }) };
const spec = { from: "lamp-web", host: "mysql", port: 3306 };
const PROBE = "nsenter --net=/proc/4242/ns/net unshare --mount";

describe("tcp: what was found, in the student's words", () => {
  test.each([
    [3, "le nom mysql ne se résout pas depuis lamp-web"],
    [4, "mysql se résout, mais rien ne répond sur son port 3306"],
    [6, "mysql se résout, mais son port 3306 n'a pas répondu en 3 s"],
    [5, "ni bash ni nc dans la sonde"],
    [125, "aucune sonde n'a pu rejoindre le réseau de lamp-web"],
  ])("the probe's exit %i", async (code, words) => {
    const outcome = await tcp.evaluate(fakeContext({ containers: web, commands: { [PROBE]: { exitCode: code, stderr: "sh: 1: bash: not found" } } }), spec);
    expect(said("tcp", outcome, "fr")).toMatchObject({ expected: "mysql:3306 joignable depuis lamp-web", actual: words });
    expect(said("tcp", outcome, "fr").message).not.toMatch(/sh: |not found/);
  });

  test("the probe joins the container's network with its /etc/hosts and resolv.conf, so the student's image needs no tool", async () => {
    const ctx = fakeContext({ containers: web, commands: { [PROBE]: { exitCode: 0 } } });
    expect(await tcp.evaluate(ctx, spec)).toMatchObject({ passed: true });
    const files = ["/var/lib/docker/containers/0123456789abcdef/hosts", "/var/lib/docker/containers/0123456789abcdef/resolv.conf"];
    expect(ctx.calls.at(-1)).toEqual(expect.arrayContaining(["--net=/proc/4242/ns/net", ...files, "mysql", "3306", "3"]));
    expect(ctx.calls.at(-1)?.slice(-5)).toEqual([...files, "mysql", "3306", "3"]);
  });

  test("from a container that exists under a similar name", async () => {
    const outcome = await tcp.evaluate(fakeContext({ containers: { lamp_web: web["lamp-web"] } }), spec);
    expect(said("tcp", outcome)).toMatchObject({ expected: "container lamp-web running", actual: "no container named lamp-web, but lamp_web exists" });
  });
});

describe("tcp: isolation", () => {
  const front = { front: inspected({ image: "nginx:alpine" }) };
  const isolated = { from: "front", host: "db", port: 5432, expect: "unreachable" as const };
  const probed = (code: number) => fakeContext({ containers: front, commands: { [PROBE]: { exitCode: code } } });

  test.each([[3], [4], [6]])("unreachable passes when the probe exits %i (no name, no connection, no answer in time)", async (code) => {
    expect(await tcp.evaluate(probed(code), isolated)).toMatchObject({ passed: true });
  });

  test("a port that answers where it must not fails for good, saying from where to where", async () => {
    const outcome = await tcp.evaluate(probed(0), isolated);
    expect(outcome).toMatchObject({ passed: false, final: true, messageId: "answers" });
    expect(said("tcp", outcome)).toMatchObject({ expected: "db:5432 unreachable from front", actual: "db:5432 answers from front" });
    expect(said("tcp", outcome, "fr").message).toMatch(/^Depuis front, db répond sur le port 5432, alors qu'il ne doit pas y être joignable\./);
  });

  test("unresolved and no-connection tell the two kinds of isolation apart", async () => {
    expect((await tcp.evaluate(probed(3), { ...isolated, expect: "unresolved" })).passed).toBe(true);
    const resolves = await tcp.evaluate(probed(6), { ...isolated, expect: "unresolved" });
    expect(said("tcp", resolves)).toMatchObject({ actual: "the name db resolves from front" });
    expect(said("tcp", resolves).message).toMatch(/^From front, the name db must not resolve, but the name db resolves from front\./);
    expect((await tcp.evaluate(probed(6), { ...isolated, expect: "no-connection" })).passed).toBe(true);
    expect(await tcp.evaluate(probed(3), { ...isolated, expect: "no-connection" })).toMatchObject({ passed: false, messageId: "unresolvedNotAsked" });
  });

  test("from the host, where the student's published ports are", async () => {
    const ctx = fakeContext({ commands: { "sh -c": { exitCode: 0 } } });
    const outcome = await tcp.evaluate(ctx, { host: "localhost", port: 5432, expect: "unreachable" });
    expect(ctx.calls[0].slice(0, 2)).toEqual(["sh", "-c"]);
    expect(said("tcp", outcome)).toMatchObject({ expected: "localhost:5432 unreachable from the host", actual: "localhost:5432 answers from the host" });
    expect(said("tcp", outcome, "fr").message).toMatch(/^Depuis l'hôte, localhost répond sur le port 5432/);
    expect(tcp.describe({ host: "localhost", port: 5432, expect: "unreachable" })).toBe("from the host, localhost:5432 is unreachable");
  });
});
