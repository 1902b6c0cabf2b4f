import type { ContainerInspectInfo } from "dockerode";
import { composeLabels, fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";
import { composeProjectOf, composeUpArgs, createRequestOf, recreate } from "./recreate";

function info(networkMode: string, networks: Record<string, unknown>): ContainerInspectInfo {
  return {
    Id: "abcdef1234567890",
    Config: { Hostname: "abcdef123456", Image: "php:7.4-apache", Env: ["A=1"], Cmd: ["apache2-foreground"] },
    HostConfig: { NetworkMode: networkMode, Binds: ["web-content:/var/www/html"], Links: ["/lamp-mysql:/lamp-web/mysql"], PortBindings: { "80/tcp": [{ HostPort: "8080" }] } },
    NetworkSettings: { Networks: networks },
    State: { Running: true },
  } as unknown as ContainerInspectInfo;
}

describe("createRequestOf", () => {
  test("keeps image, env, binds, links and ports; drops the old hostname and the default bridge endpoint", () => {
    const { body, extraNetworks } = createRequestOf(info("default", { bridge: { Aliases: null, Links: null } }));
    expect(body).toMatchObject({ Image: "php:7.4-apache", Env: ["A=1"], HostConfig: { Binds: ["web-content:/var/www/html"], Links: ["/lamp-mysql:/lamp-web/mysql"] } });
    expect(body).not.toHaveProperty("Hostname");
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: {} });
    expect(extraNetworks).toEqual([]);
  });

  test("a user-defined network keeps its aliases, but not the old container id; other networks are connected after", () => {
    const { body, extraNetworks } = createRequestOf(
      info("lamp-net", { "lamp-net": { Aliases: ["mysql", "abcdef123456"], Links: null }, other: { Aliases: ["db"], Links: null } }),
    );
    expect(body.NetworkingConfig).toEqual({ EndpointsConfig: { "lamp-net": { Aliases: ["mysql"], Links: undefined, IPAMConfig: undefined } } });
    expect(extraNetworks).toEqual([["other", { Aliases: ["db"], Links: undefined, IPAMConfig: undefined }]]);
  });
});

describe("recreate of Compose services", () => {
  const service = (name: string, labels: Record<string, string> = {}) =>
    inspected({ image: "mysql:8.0", labels: { ...composeLabels("shop", name, { workingDir: "/home/student/submission/app" }), ...labels } }) as ContainerInspectInfo;

  test("the project is read from the labels Compose put on the container", () => {
    const info = service("db", { "com.docker.compose.project.config_files": "/w/compose.yaml,/w/compose.override.yaml", "com.docker.compose.project.environment_file": "/w/.env" });
    expect(composeProjectOf(info)).toEqual({ project: "shop", workingDir: "/home/student/submission/app", configFiles: ["/w/compose.yaml", "/w/compose.override.yaml"], envFiles: ["/w/.env"] });
    expect(composeProjectOf(inspected({ image: "mysql:8.0" }) as ContainerInspectInfo)).toBeUndefined();
  });

  test("compose up re-creates only the listed services, from the same files, with new anonymous volumes", async () => {
    const ctx = fakeContext({ containers: { "shop-web-1": service("web"), "shop-db-1": service("db") }, commands: { "docker compose": {} } });
    expect(await recreate.evaluate(ctx, { containers: [{ service: "web" }, { service: "db", project: "shop" }] })).toEqual({ passed: true });
    const composed = ctx.calls.filter((argv) => argv[1] === "compose");
    expect(composed).toEqual([
      ["docker", ...composeUpArgs(composeProjectOf(service("web"))!, ["web", "db"])],
    ]);
    expect(composed[0].join(" ")).toBe(
      "docker compose --project-name shop --project-directory /home/student/submission/app --file /home/student/submission/app/compose.yaml up --detach --force-recreate --renew-anon-volumes --no-deps web db",
    );
  });

  test("a failing compose up is reported in the student's words, not with what compose said", async () => {
    const ctx = fakeContext({ containers: { "shop-db-1": service("db") }, commands: { "docker compose": { exitCode: 1, stderr: "open /home/student/submission/app/compose.yaml: no such file or directory\n" } } });
    const outcome = await recreate.evaluate(ctx, { containers: [{ service: "db" }] });
    expect(outcome).toMatchObject({ passed: false, messageId: "failed" });
    expect(said("recreate", outcome, "fr").message).toBe("Impossible de recréer db : `docker compose up --force-recreate` ne l'a pas remis en route (essayez-le vous-même).");
  });
});
