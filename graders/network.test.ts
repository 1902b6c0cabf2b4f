import { network } from "./network";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

const dbNet = {
  Driver: "bridge",
  Internal: true,
  Attachable: false,
  IPAM: { Driver: "default", Config: [{ Subnet: "10.20.0.0/24", Gateway: "10.20.0.1" }] },
  Labels: { tier: "data" },
} as never;

const app1 = inspected({
  image: "traefik/whoami",
  networkMode: "app-net",
  networks: { "app-net": { Aliases: ["app"], IPAddress: "172.19.0.2" }, "db-net": { Aliases: [], IPAddress: "10.20.0.2" } },
});
const db = inspected({ image: "postgres:13", networkMode: "db-net", networks: { "db-net": { IPAddress: "10.20.0.10" } } });
const front = inspected({ image: "nginx:alpine", networkMode: "app-net", networks: { "app-net": { IPAddress: "172.19.0.3" } } });
const world = { networks: { bridge: { Driver: "bridge" }, "app-net": { Driver: "bridge" }, "db-net": dbNet }, containers: { app1, db, front } };

describe("network", () => {
  test("passes when every attribute and every attachment matches", async () => {
    const outcome = await network.evaluate(fakeContext(world), {
      name: "db-net",
      driver: "bridge",
      internal: true,
      subnet: "10.20.0.0/24",
      gateway: "10.20.0.1",
      attachable: false,
      labels: { tier: { "one-of": ["data", "db"] } },
      containers: [{ name: "db", ip: "10.20.0.10" }, { name: "app1" }],
      "not-attached": ["front", "nobody"],
    });
    expect(outcome).toMatchObject({ passed: true, ratio: 1 });
  });

  test("one item per attribute: what was expected and found, in the student's words", async () => {
    const outcome = await network.evaluate(fakeContext(world), { name: "app-net", internal: true, containers: [{ name: "app1", aliases: ["web"] }, { name: "db" }], "not-attached": ["front"] });
    expect(outcome).toMatchObject({ passed: false, ratio: 0 });
    expect(said("network", outcome)).toEqual({
      message:
        "Network app-net does not match for whether it is internal, container app1, container db, container front. Compare your `docker network create` and `docker run --network` options with the lab's, then look at `docker network inspect app-net`.",
      expected: "internal (--internal: no route out of the network); app1 on network app-net, alias web; db on network app-net; front not on network app-net",
      actual: "not internal; app1 on network app-net, alias app; db is not on network app-net, but on db-net; front on network app-net",
    });
    expect(said("network", outcome, "fr").actual).toBe("non interne ; app1 sur le réseau app-net, alias app ; db n'est pas sur le réseau app-net, mais sur db-net ; front sur le réseau app-net");
  });

  test("a missing network names those found and the near miss; retrying cannot make it", async () => {
    const outcome = await network.evaluate(fakeContext(world), { name: "db_net", internal: true });
    expect(outcome).toMatchObject({ passed: false, ratio: 0, final: true, messageId: "missing" });
    expect(said("network", outcome).actual).toBe("no network named db_net, but db-net exists");
    expect(said("network", outcome).message).toContain("Networks found: bridge, app-net, db-net.");
  });

  test("networks that must exist, or be gone, one item each", async () => {
    const outcome = await network.evaluate(fakeContext(world), { names: ["app-net", "front-net"], absent: ["db-net"] });
    expect(outcome).toMatchObject({ passed: false, ratio: 1 / 3 });
    expect(said("network", outcome, "fr").actual).toBe("aucun réseau nommé front-net ; le réseau db-net existe encore");
  });

  test("the none network's driver reads as none, and a subnet found is named", async () => {
    const ctx = fakeContext({ networks: { none: { Driver: "null" }, lab: { Driver: "bridge", IPAM: { Config: [{ Subnet: "172.19.0.0/16" }] } as never } } });
    expect((await network.evaluate(ctx, { name: "none", driver: "none" })).passed).toBe(true);
    expect(said("network", await network.evaluate(ctx, { name: "lab", subnet: "10.20.0.0/24" })).actual).toBe("subnet 172.19.0.0/16");
  });

  test("its checklist line", () => {
    expect(network.describe({ name: "db-net", internal: true, containers: [{ name: "db", ip: "10.20.0.10" }], "not-attached": ["front"] })).toBe(
      "network db-net is internal, connects db at 10.20.0.10, does not connect front",
    );
    expect(network.describe({ names: ["app-net"] })).toBe("networks app-net exist");
  });
});
