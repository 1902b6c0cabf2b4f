import { container } from "./container";
import { renderedMessage } from "../runner/steps/results";
import { composeLabels, fakeContext, inspected } from "../test/support/fake-context";

const mysql = inspected({
  image: "mysql:8.0",
  env: ["MYSQL_DATABASE=webapp", "MYSQL_USER=webuser", "PATH=/usr/bin"],
  mounts: [{ Type: "volume", Name: "mysql-data", Source: "/var/lib/docker/volumes/mysql-data/_data", Destination: "/var/lib/mysql", RW: true }],
});

describe("container", () => {
  test("passes when state, image, env and mounts match, whatever the image's spelling", async () => {
    const ctx = fakeContext({ containers: { "lamp-mysql": { ...mysql, Config: { ...mysql.Config!, Image: "docker.io/library/mysql:8.0" } } } });
    const outcome = await container.evaluate(ctx, {
      name: "lamp-mysql",
      state: "running",
      image: "mysql:8.0",
      env: { MYSQL_DATABASE: "webapp", MYSQL_USER: { matches: "^web" } },
      mounts: [{ type: "volume", source: "mysql-data", destination: "/var/lib/mysql" }],
    });
    expect(outcome).toMatchObject({ passed: true, ratio: 1 });
  });

  test("names each wrong item with what was expected and what was found", async () => {
    const ctx = fakeContext({ containers: { "lamp-mysql": mysql } });
    const outcome = await container.evaluate(ctx, { name: "lamp-mysql", image: "mysql:5.7", env: { MYSQL_DATABASE: "shop", MYSQL_PASSWORD: "webpass" } });
    expect(outcome.passed).toBe(false);
    expect(outcome.ratio).toBe(0);
    expect(outcome.expected).toBe('image: mysql:5.7; env MYSQL_DATABASE: equals "shop"; env MYSQL_PASSWORD: set, equals "webpass"');
    expect(outcome.actual).toBe('image: mysql:8.0; env MYSQL_DATABASE: "webapp"; env MYSQL_PASSWORD: not set');
  });

  test("a bind mount where a named volume was asked does not pass", async () => {
    const bound = inspected({ image: "mysql:8.0", mounts: [{ Type: "bind", Source: "/home/student/submission/data", Destination: "/var/lib/mysql", RW: true }] });
    const outcome = await container.evaluate(fakeContext({ containers: { db: bound } }), {
      name: "db",
      mounts: [{ type: "volume", source: "mysql-data", destination: "/var/lib/mysql" }],
    });
    expect(outcome.passed).toBe(false);
    expect(outcome.actual).toContain("bind /home/student/submission/data at /var/lib/mysql");
  });

  test("a relative bind source is taken in the submission folder, and --tmpfs sizes are read", async () => {
    const dev = inspected({
      image: "nginx:alpine",
      mounts: [{ Type: "bind", Source: "/home/student/submission/src", Destination: "/usr/share/nginx/html", RW: false }],
      tmpfs: { "/tmp": "rw,size=100m" },
    });
    const outcome = await container.evaluate(fakeContext({ containers: { web: dev } }), {
      name: "web",
      mounts: [
        { type: "bind", source: "src", destination: "/usr/share/nginx/html", "read-only": true },
        { type: "tmpfs", destination: "/tmp", size: "100m" },
      ],
    });
    expect(outcome).toMatchObject({ passed: true });
  });

  test("published ports: the wrong host port is named", async () => {
    const web = inspected({ image: "php:7.4-apache", ports: { "80/tcp": [{ HostPort: "8081" }] } });
    const outcome = await container.evaluate(fakeContext({ containers: { "lamp-web": web } }), { name: "lamp-web", ports: [{ container: 80, host: 8080 }] });
    expect(outcome.passed).toBe(false);
    expect(outcome.expected).toBe("port 80/tcp: 80/tcp published on 8080");
    expect(outcome.actual).toBe("port 80/tcp: 8081->80/tcp");
  });

  test("a missing container lists the containers that do exist", async () => {
    const outcome = await container.evaluate(fakeContext({ containers: { other: mysql } }), { name: "lamp-web", state: "running" });
    expect(outcome).toMatchObject({ passed: false, messageId: "absent", data: { name: "lamp-web", present: "other" } });
  });

  test("state absent passes only when no such container exists", async () => {
    expect((await container.evaluate(fakeContext({}), { name: "ma-postgres", state: "absent" })).passed).toBe(true);
    const still = await container.evaluate(fakeContext({ containers: { "ma-postgres": mysql } }), { name: "ma-postgres", state: "absent" });
    expect(still).toMatchObject({ passed: false, messageId: "present" });
  });

  test("a Compose service is checked in its container, and named in the checklist", async () => {
    const db = { ...mysql, Config: { ...mysql.Config!, Labels: composeLabels("submission", "db") } };
    const ctx = fakeContext({ containers: { "submission-db-1": db } });
    expect(await container.evaluate(ctx, { service: "db", state: "running", image: "mysql:8.0" })).toMatchObject({ passed: true });
    const wrong = await container.evaluate(ctx, { service: "db", project: "submission", image: "mysql:5.7" });
    expect(wrong).toMatchObject({ passed: false, messageId: "serviceMismatch", data: { name: "submission-db-1", service: "db" } });
    expect(renderedMessage(container, wrong)).toBe(
      "The container of service db (submission-db-1) does not match for image. Compare the service's settings in your compose file with the lab's, run `docker compose up -d` again, then inspect it with `docker inspect submission-db-1`.",
    );
    expect(container.describe({ service: "db", state: "running" })).toBe("service db is running");
    expect(container.describe({ name: "lamp-mysql", state: "running" })).toBe("container lamp-mysql is running");
  });

  test("state absent of a service passes when it has no container, and fails while it has one", async () => {
    const db = { ...mysql, Config: { ...mysql.Config!, Labels: composeLabels("submission", "db") } };
    expect((await container.evaluate(fakeContext({}), { service: "db", state: "absent" })).passed).toBe(true);
    expect(await container.evaluate(fakeContext({ containers: { "submission-db-1": db } }), { service: "db", state: "absent" })).toMatchObject({ passed: false, messageId: "present" });
    expect(container.describe({ service: "db", state: "absent" })).toBe("no container of service db remains");
  });
});
