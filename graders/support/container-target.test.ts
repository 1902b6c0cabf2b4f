import { composeLabels, fakeContext, inspected } from "../../test/support/fake-context";
import { said } from "../../test/support/said";
import { renderedMessage } from "../../runner/grading/results";
import { exec } from "../exec";
import { file } from "../file";
import { restart } from "../restart";
import { sql } from "../sql";
import { tcp } from "../tcp";
import { loadRubricText } from "../../runner/rubric/load";
import { describeTarget, resolveContainer } from "./container-target";

const web = (project: string, service = "web", options = {}) => inspected({ image: "php:7.4-apache", labels: composeLabels(project, service, options) });

describe("resolveContainer", () => {
  test("a name is taken as it is, without asking the engine", async () => {
    const ctx = fakeContext({});
    expect(await resolveContainer(ctx, "lamp-web")).toEqual({ name: "lamp-web" });
    expect(ctx.calls).toEqual([]);
  });

  test("a service is the one container that carries its Compose labels, whatever its name", async () => {
    const ctx = fakeContext({ containers: { "submission-web-1": web("submission"), "submission-db-1": web("submission", "db"), "lamp-web": inspected({ image: "php:7.4-apache" }) } });
    expect(await resolveContainer(ctx, { service: "web" })).toEqual({ name: "submission-web-1" });
    expect(await resolveContainer(ctx, { service: "db", project: "submission" })).toEqual({ name: "submission-db-1" });
  });

  test("a project narrows the choice when two projects have the service", async () => {
    const ctx = fakeContext({ containers: { "shop-web-1": web("shop"), "blog-web-1": web("blog") } });
    expect(await resolveContainer(ctx, { service: "web", project: "blog" })).toEqual({ name: "blog-web-1" });
    const both = await resolveContainer(ctx, { service: "web" });
    expect(both.outcome).toMatchObject({ passed: false, final: true, messageId: "severalContainers" });
    expect(said("container", both.outcome!).actual).toBe("the Compose service web has 2 containers: blog-web-1 (-p blog), shop-web-1 (-p shop)");
    expect(said("container", both.outcome!, "fr").actual).toBe("le service Compose web a 2 conteneurs : blog-web-1 (-p blog), shop-web-1 (-p shop)");
  });

  test("a scaled service is refused, naming its containers", async () => {
    const ctx = fakeContext({ containers: { "submission-web-1": web("submission"), "submission-web-2": web("submission") } });
    const { outcome } = await resolveContainer(ctx, { service: "web" });
    expect(renderedMessage(exec, outcome!)).toContain("The Compose service web has several containers (submission-web-1 (-p submission), submission-web-2 (-p submission))");
  });

  test("a one-off container of `docker compose run` is not the service's container", async () => {
    const ctx = fakeContext({ containers: { "submission-web-run-1a2b": web("submission", "web", { oneoff: true }), "submission-web-1": web("submission") } });
    expect(await resolveContainer(ctx, { service: "web" })).toEqual({ name: "submission-web-1" });
  });

  test("no such service: the services that exist are named, with their projects when there are several", async () => {
    const one = fakeContext({ containers: { "submission-database-1": web("submission", "database"), "submission-web-1": web("submission") } });
    const { outcome } = await resolveContainer(one, { service: "db" });
    expect(outcome).toMatchObject({ passed: false, ratio: 0, final: true, messageId: "noService", data: { service: "db", services: "database, web" } });
    expect(renderedMessage(exec, outcome!, "fr")).toContain("Services Compose trouvés : database, web.");
    const two = fakeContext({ containers: { "shop-web-1": web("shop"), "blog-db-1": web("blog", "db") } });
    expect((await resolveContainer(two, { service: "db", project: "shop" })).outcome?.data).toEqual({ service: "db (-p shop)", services: "db (-p blog), web (-p shop)" });
    const none = (await resolveContainer(fakeContext({}), { service: "db" })).outcome!;
    expect(said("container", none).message).toContain("Compose services found: none.");
    expect(said("container", none, "fr")).toMatchObject({ message: expect.stringContaining("Services Compose trouvés : aucun."), actual: "le service Compose db n'a aucun conteneur" });
  });
});

test("describeTarget names a container or a service", () => {
  expect(describeTarget("lamp-web")).toBe("lamp-web");
  expect(describeTarget({ service: "web" })).toBe("service web");
  expect(describeTarget({ service: "web", project: "shop" })).toBe("service web of project shop");
});

describe("every grader that names a container takes a Compose service", () => {
  const world = () => ({
    // The service's container by its process too: the tcp probe joins its network.
    containers: { "submission-web-1": { ...web("submission"), State: { Status: "running", Running: true, Pid: 5151 } as never }, "submission-db-1": inspected({ image: "mysql:8.0", labels: composeLabels("submission", "db") }) },
    commands: { "docker exec": { exitCode: 0, stdout: "webapp\n" }, nsenter: { exitCode: 0 }, "docker stop": {}, "docker start": {} },
  });
  const cases: [string, (ctx: ReturnType<typeof fakeContext>) => Promise<unknown>, string][] = [
    ["exec", (ctx) => exec.evaluate(ctx, { container: { service: "web" }, command: "true", expect: { "exit-code": 0 } }), "docker exec submission-web-1 sh -c true"],
    ["sql", (ctx) => sql.evaluate(ctx, { container: { service: "db" }, engine: "mysql", user: "u", query: "SELECT 1", expect: { output: "webapp" } }), "docker exec submission-db-1 sh -c if command -v mysqladmin"],
    ["file", (ctx) => file.evaluate(ctx, { container: { service: "web", project: "submission" }, path: "/var/www/html/info.php" }), "docker exec submission-web-1 sh -c"],
    ["tcp", (ctx) => tcp.evaluate(ctx, { from: { service: "web" }, host: "mysql", port: 3306 }), "nsenter --net=/proc/5151/ns/net"],
    ["restart", (ctx) => restart.evaluate(ctx, { containers: [{ service: "web" }, { service: "db" }] }), "docker start submission-db-1 submission-web-1"],
  ];

  test.each(cases)("%s runs its command in the service's container", async (_type, evaluate, command) => {
    const ctx = fakeContext(world());
    expect(await evaluate(ctx)).toMatchObject({ passed: true });
    expect(ctx.calls.map((argv) => argv.join(" "))).toContainEqual(expect.stringContaining(command));
  });

  test.each(cases)("%s reports a missing service in words, and does not run its command", async (_type, evaluate) => {
    const ctx = fakeContext({ ...world(), containers: {} });
    expect(await evaluate(ctx)).toMatchObject({ passed: false, messageId: "noService" });
    expect(ctx.calls.filter((argv) => argv[1] !== "ps")).toEqual([]);
  });
});

describe("the rubric's container targets", () => {
  const errors = (step: string) =>
    loadRubricText(`id: t\ntitle: T\nimages: []\nsubmission: { script: a.sh }\nsteps:\n  - ${step}\n`, "t.yaml").errors.map((e) => e.message);

  test("a name or a service, with or without a project, wherever a container is named", () => {
    for (const step of [
      "{ check: a, points: 1, container: { service: db, state: running } }",
      "{ check: a, points: 1, container: { service: db, project: shop, state: running } }",
      "{ check: a, points: 1, exec: { container: { service: web }, command: ls } }",
      "{ check: a, points: 1, sql: { container: { service: db, project: shop }, engine: mysql, user: u, query: q, expect: { rows: 1 } } }",
      "{ check: a, points: 1, file: { container: { service: web }, path: /etc/hosts } }",
      "{ check: a, points: 1, tcp: { from: { service: web }, host: mysql, port: 3306 } }",
      "{ action: a, restart: { containers: [lamp-web, { service: db }] } }",
      "{ action: a, recreate: { containers: [{ service: web }, { service: db }] } }",
    ]) {
      expect({ step, errors: errors(step) }).toEqual({ step, errors: [] });
    }
  });

  test("name and service together, a project alone, an unknown key: each said at its place", () => {
    expect(errors("{ check: a, points: 1, container: { name: x, service: db, state: running } }")).toEqual(["steps[0].container: cannot have `name`, `service` together: keep one."]);
    expect(errors("{ check: a, points: 1, container: { state: running, image: a } }")).toEqual(["steps[0].container: missing required key `name`."]);
    expect(errors("{ check: a, points: 1, container: { name: x, project: p, state: running } }")).toEqual([
      "steps[0].container: must have property service when property project is present.",
    ]);
    expect(errors("{ check: a, points: 1, exec: { container: { service: web, projet: p }, command: ls } }")).toEqual([
      "steps[0].exec.container.projet: unknown key `projet`. Did you mean `project`? Accepted keys: `service`, `project`.",
    ]);
    expect(errors("{ action: a, restart: { containers: [{ project: p }] } }")).toEqual(["steps[0].restart.containers[0]: missing required key `service`."]);
  });
});
