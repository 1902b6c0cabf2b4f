import { container } from "./container";
import { renderedMessage } from "../runner/grading/results";
import { composeLabels, fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

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
    expect(said("container", outcome)).toEqual({
      message: "Container lamp-mysql does not match for its image, variable MYSQL_DATABASE, variable MYSQL_PASSWORD. Compare your `docker run` options with the lab's, then inspect it with `docker inspect lamp-mysql`.",
      expected: "image mysql:5.7; MYSQL_DATABASE=shop; MYSQL_PASSWORD=webpass",
      actual: "image mysql:8.0; MYSQL_DATABASE=webapp; MYSQL_PASSWORD is not set",
    });
    expect(said("container", outcome, "fr")).toEqual({
      message: "Le conteneur lamp-mysql ne correspond pas pour son image, la variable MYSQL_DATABASE, la variable MYSQL_PASSWORD. Comparez vos options de `docker run` avec celles du TP, puis inspectez-le avec `docker inspect lamp-mysql`.",
      expected: "l'image mysql:5.7 ; MYSQL_DATABASE=shop ; MYSQL_PASSWORD=webpass",
      actual: "l'image mysql:8.0 ; MYSQL_DATABASE=webapp ; MYSQL_PASSWORD n'est pas définie",
    });
  });

  test("a bind mount where a named volume was asked does not pass", async () => {
    const bound = inspected({ image: "mysql:8.0", mounts: [{ Type: "bind", Source: "/home/student/submission/data", Destination: "/var/lib/mysql", RW: true }] });
    const outcome = await container.evaluate(fakeContext({ containers: { db: bound } }), {
      name: "db",
      mounts: [{ type: "volume", source: "mysql-data", destination: "/var/lib/mysql" }],
    });
    expect(outcome.passed).toBe(false);
    expect(said("container", outcome).actual).toBe("folder ./data is mounted at /var/lib/mysql");
    expect(said("container", outcome, "fr").actual).toBe("le dossier ./data est monté sur /var/lib/mysql");
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
    expect(said("container", outcome)).toMatchObject({ expected: "container port 80 published on host port 8080", actual: "container port 80 is published on host port 8081" });
    expect(said("container", outcome, "fr")).toMatchObject({
      expected: "le port 80 du conteneur publié sur le port 8080 de l'hôte",
      actual: "le port 80 du conteneur est publié sur le port 8081 de l'hôte",
    });
  });

  test("published ports: on the host's network, -p publishes nothing, whatever the inspection keeps", async () => {
    // docker run --network host -p 8080:80: Docker discards the port (and warns) but keeps it in HostConfig.PortBindings.
    const web = inspected({ image: "php:7.4-apache", networkMode: "host", ports: { "80/tcp": [{ HostPort: "8080" }] } });
    const outcome = await container.evaluate(fakeContext({ containers: { "lamp-web": web } }), { name: "lamp-web", ports: [{ container: 80, host: 8080 }] });
    expect(outcome.passed).toBe(false);
    expect(said("container", outcome).actual).toBe("container port 80 is not published: on the host's network (--network host), a container publishes no port");
    expect(said("container", outcome, "fr").actual).toBe("le port 80 du conteneur n'est pas publié : sur le réseau de l'hôte (--network host), un conteneur ne publie aucun port");
  });

  test("a missing container lists the containers that do exist", async () => {
    const outcome = await container.evaluate(fakeContext({ containers: { other: mysql } }), { name: "lamp-web", state: "running" });
    expect(outcome).toMatchObject({ passed: false, messageId: "absent", data: { name: "lamp-web", present: "other" } });
    expect(said("container", outcome, "fr").actual).toBe("aucun conteneur nommé lamp-web");
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
      "The container of service db (submission-db-1) does not match for its image. Compare the service's settings in your compose file with the lab's, run `docker compose up -d` again, then inspect it with `docker inspect submission-db-1`.",
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

  describe("near misses, in the student's words", () => {
    const web = (mounts: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[]) => ({ "lamp-web": inspected({ image: "php:7.4-apache", mounts }) });
    const volume = (name: string, destination: string) => ({ Type: "volume", Name: name, Source: `/var/lib/docker/volumes/${name}/_data`, Destination: destination, RW: true });
    const webMounts = [
      { type: "volume" as const, source: "web-content", destination: "/var/www/html" },
      { type: "volume" as const, source: "user-uploads", destination: "/var/www/html/uploads" },
    ];

    test("the web-content volume forgotten: nothing at /var/www/html, and what is mounted where", async () => {
      const outcome = await container.evaluate(fakeContext({ containers: web([volume("user-uploads", "/var/www/html/uploads")]) }), { name: "lamp-web", mounts: webMounts });
      expect(outcome.ratio).toBe(0.5);
      expect(said("container", outcome)).toMatchObject({
        expected: "volume web-content mounted at /var/www/html",
        actual: "nothing is mounted at /var/www/html; volume user-uploads is mounted at /var/www/html/uploads",
      });
      expect(said("container", outcome, "fr")).toMatchObject({
        expected: "le volume web-content monté sur /var/www/html",
        actual: "rien n'est monté sur /var/www/html ; le volume user-uploads est monté sur /var/www/html/uploads",
      });
    });

    test("the right volume at the wrong path is named first", async () => {
      const outcome = await container.evaluate(fakeContext({ containers: web([volume("user-uploads", "/var/www/uploads"), volume("web-content", "/var/www")]) }), { name: "lamp-web", mounts: webMounts });
      expect(said("container", outcome, "fr").actual).toBe(
        "rien n'est monté sur /var/www/html ; le volume web-content est monté sur /var/www, le volume user-uploads est monté sur /var/www/uploads ; " +
          "rien n'est monté sur /var/www/html/uploads ; le volume user-uploads est monté sur /var/www/uploads, le volume web-content est monté sur /var/www",
      );
    });

    test("no mounts at all, and an anonymous volume where a named one was asked", async () => {
      const none = await container.evaluate(fakeContext({ containers: web([]) }), { name: "lamp-web", mounts: webMounts });
      expect(said("container", none, "fr").actual).toBe("rien n'est monté sur /var/www/html : le conteneur n'a aucun montage ; rien non plus sur /var/www/html/uploads");
      expect(said("container", none).actual).toBe("nothing is mounted at /var/www/html: the container has no mounts; nothing at /var/www/html/uploads either");
      const anonymous = await container.evaluate(fakeContext({ containers: { db: inspected({ image: "mysql:8.0", mounts: [volume("0".repeat(64), "/var/lib/mysql")] }) } }), {
        name: "db",
        mounts: [{ type: "volume", source: "mysql-data", destination: "/var/lib/mysql" }],
      });
      expect(said("container", anonymous).actual).toBe("an anonymous volume is mounted at /var/lib/mysql");
    });

    test("read-only asked, read-write found; a tmpfs without its size", async () => {
      const rw = await container.evaluate(fakeContext({ containers: web([{ ...volume("web-content", "/var/www/html"), RW: true }]) }), {
        name: "lamp-web",
        mounts: [{ type: "volume", source: "web-content", destination: "/var/www/html", "read-only": true }],
      });
      expect(said("container", rw, "fr")).toMatchObject({
        expected: "le volume web-content monté sur /var/www/html (en lecture seule)",
        actual: "le volume web-content est monté sur /var/www/html (en lecture-écriture)",
      });
      const tmp = await container.evaluate(fakeContext({ containers: { app: inspected({ image: "nginx:alpine", tmpfs: { "/tmp": "rw" } }) } }), {
        name: "app",
        mounts: [{ type: "tmpfs", destination: "/tmp", size: "100m" }],
      });
      expect(said("container", tmp)).toMatchObject({ expected: "a tmpfs mounted at /tmp (size 100 MiB)", actual: "a tmpfs is mounted at /tmp" });
    });

    test("the port published to another container port, or not at all", async () => {
      const swapped = await container.evaluate(fakeContext({ containers: { "lamp-web": inspected({ image: "php:7.4-apache", ports: { "8080/tcp": [{ HostPort: "8080" }] } }) } }), {
        name: "lamp-web",
        ports: [{ container: 80, host: 8080 }],
      });
      expect(said("container", swapped).actual).toBe("container port 80 is not published; host port 8080 leads to container port 8080");
      expect(said("container", swapped, "fr").actual).toBe("le port 80 du conteneur n'est pas publié ; le port 8080 de l'hôte mène au port 8080 du conteneur");
      const none = await container.evaluate(fakeContext({ containers: { "lamp-web": inspected({ image: "php:7.4-apache" }) } }), { name: "lamp-web", ports: [{ container: 80 }] });
      expect(said("container", none, "fr")).toMatchObject({ expected: "le port 80 du conteneur publié", actual: "le port 80 du conteneur n'est pas publié : le conteneur ne publie aucun port" });
    });

    test("a variable set under a similar name, and one with the wrong value", async () => {
      const db = inspected({ image: "mysql:8.0", env: ["MYSQL_DATABSE=webapp", "MYSQL_USER=root", "MYSQL_PASS=webpass"] });
      const outcome = await container.evaluate(fakeContext({ containers: { "lamp-mysql": db } }), { name: "lamp-mysql", env: { MYSQL_DATABASE: "webapp", MYSQL_USER: { matches: "^web" }, MYSQL_PASSWORD: "webpass" } });
      expect(said("container", outcome)).toMatchObject({
        expected: "MYSQL_DATABASE=webapp; MYSQL_USER matching /^web/; MYSQL_PASSWORD=webpass",
        actual: "MYSQL_DATABASE is not set, but MYSQL_DATABSE=webapp is; MYSQL_USER=root; MYSQL_PASSWORD is not set, but MYSQL_PASS=webpass is",
      });
      expect(said("container", outcome, "fr").actual).toBe(
        "MYSQL_DATABASE n'est pas définie, mais MYSQL_DATABSE=webapp l'est ; MYSQL_USER=root ; MYSQL_PASSWORD n'est pas définie, mais MYSQL_PASS=webpass l'est",
      );
    });

    test("the container that exists under a similar name, and a stopped one", async () => {
      const outcome = await container.evaluate(fakeContext({ containers: { lamp_web: mysql } }), { name: "lamp-web", state: "running" });
      expect(said("container", outcome)).toMatchObject({ expected: "a container named lamp-web", actual: "no container named lamp-web, but lamp_web exists" });
      expect(said("container", outcome, "fr").actual).toBe("aucun conteneur nommé lamp-web, mais lamp_web existe");
      const stopped = await container.evaluate(fakeContext({ containers: { "lamp-web": inspected({ image: "php:7.4-apache", status: "exited" }) } }), { name: "lamp-web", state: "running" });
      expect(said("container", stopped, "fr")).toMatchObject({ expected: "en cours d'exécution", actual: "arrêté (exited)" });
    });
  });
});

describe("container: networks", () => {
  const app = inspected({ image: "traefik/whoami", networkMode: "app-net", networks: { "app-net": { Aliases: ["app"], IPAddress: "172.19.0.2" } } });

  test("the network mode and the networks with their aliases and addresses", async () => {
    const ctx = fakeContext({ containers: { app1: app } });
    expect(await container.evaluate(ctx, { name: "app1", "network-mode": "app-net", networks: [{ name: "app-net", aliases: ["app"], ip: "172.19.0.2" }] })).toMatchObject({ passed: true });
    const wrong = await container.evaluate(ctx, { name: "app1", "network-mode": "bridge", networks: [{ name: "app-net", ip: "172.19.0.9" }, { name: "db-net" }] });
    expect(said("container", wrong)).toMatchObject({
      expected: "the default bridge (no --network, or --network bridge); app1 on network app-net, IP address 172.19.0.9; app1 on network db-net",
      actual: "--network app-net; app1 on network app-net, IP address 172.19.0.2; app1 is not on network db-net, but on app-net",
    });
  });

  test("--network host, and container:<id> read back as the other container's name", async () => {
    const db = { ...inspected({ image: "postgres:13" }), Id: "f00d", Name: "/db" };
    const sidecar = inspected({ image: "alpine:latest", networkMode: "container:f00d" });
    const ctx = fakeContext({ containers: { f00d: db, sidecar, front: inspected({ image: "nginx:alpine", networkMode: "host" }) } });
    expect(await container.evaluate(ctx, { name: "sidecar", "network-mode": "container:db" })).toMatchObject({ passed: true });
    expect(said("container", await container.evaluate(ctx, { name: "front", "network-mode": "app-net" })).actual).toBe("--network host");
  });
});
