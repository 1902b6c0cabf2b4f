import { command } from "./command";
import { exec } from "./exec";
import { script } from "./script";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

describe("exec, command, script: what was found, in the student's words", () => {
  test("exec in a stopped container, or one under a similar name", async () => {
    const stopped = fakeContext({ containers: { app: inspected({ image: "alpine", status: "exited" }) } });
    expect(said("exec", await exec.evaluate(stopped, { container: "app", command: "ls", expect: { "exit-code": 0 } }), "fr")).toMatchObject({
      expected: "le conteneur app en cours d'exécution",
      actual: "le conteneur app est arrêté (exited)",
    });
    const similar = fakeContext({ containers: { "my-app": inspected({ image: "alpine" }) } });
    expect(said("exec", await exec.evaluate(similar, { container: "my_app", command: "ls", expect: { "exit-code": 0 } })).actual).toBe("no container named my_app, but my-app exists");
  });

  test("exit code and output, in words", async () => {
    const ctx = fakeContext({ containers: { app: inspected({ image: "alpine" }) }, commands: { "docker exec app": { exitCode: 1, stdout: "" } } });
    const outcome = await exec.evaluate(ctx, { container: "app", command: "cat /data/x", expect: { "exit-code": 0, stdout: { contains: "hello" } } });
    expect(said("exec", outcome)).toMatchObject({ expected: 'exit code 0; output containing "hello"', actual: "exit code 1; output empty" });
    expect(said("exec", outcome, "fr")).toMatchObject({
      message: "Dans le conteneur app, `cat /data/x` n'a pas donné le résultat attendu (le code de sortie, la sortie). Exécutez vous-même `docker exec app cat /data/x` et comparez.",
      expected: "code de sortie 0 ; sortie contenant « hello »",
      actual: "code de sortie 1 ; sortie vide",
    });
  });

  test("a command action that fails says which, not what the shell printed", async () => {
    const ctx = fakeContext({ commands: { "sh -c": { exitCode: 1, stderr: "sh: can't create /data/x: nonexistent directory" } } });
    const outcome = await command.evaluate(ctx, { run: "echo x > /data/x" });
    expect(said("command", outcome, "fr").message).toBe("`echo x > /data/x` a échoué avec le code de sortie 1.");
  });

  test("a script's output is the student's own, quoted; an empty one is said so", async () => {
    const ctx = { ...fakeContext({}), runScript: async () => ({ exitCode: 0, output: "", timedOut: false, durationMs: 1, timeoutMs: 1000 }) };
    const outcome = await script.evaluate(ctx, { file: "backup.sh", expect: { "exit-code": { not: 0 }, output: { matches: "/usage/i" } } });
    expect(said("script", outcome, "fr")).toMatchObject({
      message: expect.stringMatching(/Sa sortie se terminait par : \(rien\)$/),
      expected: "code de sortie autre que 0 ; sortie correspondant à /usage/i",
      actual: "code de sortie 0 ; sortie vide",
    });
  });
});
