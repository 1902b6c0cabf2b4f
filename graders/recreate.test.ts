import type { ContainerInspectInfo } from "dockerode";
import { createRequestOf } from "./recreate";

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
