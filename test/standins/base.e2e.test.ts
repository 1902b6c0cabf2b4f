/**
 * redis:alpine, alpine and ubuntu keep the official images' documented
 * contract (docker-library docs, redis/content.md, alpine/content.md,
 * ubuntu/content.md) and what the course runs in them, in one sandbox.
 * Passes against the stand-ins and the real images.
 */
import { createHash } from "node:crypto";
import { tcp, type TcpSpec } from "../../graders/tcp";
import { imageSandbox, waitFor, type ImageSandbox } from "../support/image-sandbox";

let box: ImageSandbox;

const REDIS_CONF = "requirepass labsecret\nappendonly yes\n";

beforeAll(async () => {
  box = await imageSandbox("base", ["redis:alpine", "alpine:latest", "ubuntu:latest"]);
  await box
    .ok(
      `
mkdir -p redis-conf
printf '%s' "$1" > redis-conf/redis.conf
docker network create lab >/dev/null
docker run -d --name cache --network lab -v cache-data:/data redis:alpine >/dev/null
docker run -d --name persistent --network lab -v persist-data:/data redis:alpine redis-server --appendonly yes >/dev/null
docker run -d --name configured --network lab -v "$PWD/redis-conf:/usr/local/etc/redis:ro" redis:alpine redis-server /usr/local/etc/redis/redis.conf >/dev/null
`,
      { args: [REDIS_CONF] },
    )
    .catch(async (error) => {
      await box?.dispose();
      throw error;
    });
}, 300_000);

afterAll(() => box?.dispose());

describe("redis:alpine", () => {
  beforeAll(
    () =>
      box.ok(
        [
          waitFor("docker exec cache redis-cli ping | grep -q PONG", 60),
          waitFor("docker exec persistent redis-cli ping | grep -q PONG", 60),
          waitFor("docker exec configured redis-cli -a labsecret --no-auth-warning ping | grep -q PONG", 60),
        ].join(" && "),
      ),
    120_000,
  );

  test("redis-cli inside answers PONG", async () => {
    expect(await box.ok("docker exec cache redis-cli ping")).toBe("PONG\n");
  });

  test("another container on the network connects without a password (protected mode off)", async () => {
    expect(await box.ok("docker run --rm --network lab redis:alpine redis-cli -h cache set greeting hello")).toBe("OK\n");
    expect(await box.ok("docker exec cache redis-cli get greeting")).toBe("hello\n");
  });

  test("data lives in /data, owned by redis (uid 999): SAVE writes dump.rdb there", async () => {
    await box.ok("docker exec cache redis-cli save");
    expect(await box.ok("docker exec cache ls /data")).toMatch(/dump\.rdb/);
    expect(await box.ok("docker exec cache id -u redis")).toBe("999\n");
    expect(await box.ok("docker exec cache stat -c %u /data/dump.rdb")).toBe("999\n");
  });

  test("redis-server --appendonly yes keeps writes across a restart", async () => {
    await box.ok("docker exec persistent redis-cli set counter 41 && docker exec persistent redis-cli incr counter");
    await box.ok("docker restart persistent >/dev/null");
    await box.ok(waitFor("docker exec persistent redis-cli ping", 30));
    expect(await box.ok("docker exec persistent redis-cli get counter")).toBe("42\n");
  });

  test("a redis.conf given as the argument is used (requirepass)", async () => {
    const refused = await box.sh("docker exec configured redis-cli set k v");
    expect(refused.stdout + refused.stderr).toMatch(/NOAUTH/);
    expect(await box.ok("docker run --rm --network lab redis:alpine redis-cli -h configured -a labsecret --no-auth-warning set k v")).toBe("OK\n");
  });
});

describe("alpine", () => {
  test("sh and BusyBox's tools: a volume written, archived and restored as the course does", async () => {
    await box.ok(`docker run --rm -v mon-volume:/data alpine sh -c 'echo "Hello" > /data/test.txt && mkdir /data/sub && echo deep > /data/sub/f'`);
    await box.ok("mkdir -p backup && docker run --rm -v mon-volume:/data -v \"$PWD/backup:/backup\" alpine tar czf /backup/backup.tar.gz -C /data .");
    await box.ok(`docker run --rm -v mon-volume-restaure:/data -v "$PWD/backup:/backup" alpine sh -c "cd /data && tar xzf /backup/backup.tar.gz"`);
    expect(await box.ok("docker run --rm -v mon-volume-restaure:/data alpine cat /data/test.txt /data/sub/f")).toBe("Hello\ndeep\n");
    expect(await box.ok("docker run --rm -v mon-volume-restaure:/data alpine ls -la /data")).toMatch(/test\.txt/);
  });

  test("--volumes-from shares a container's volumes", async () => {
    await box.ok("docker create -v /data --name data-container alpine >/dev/null");
    await box.ok(`docker run --rm --volumes-from data-container alpine sh -c 'echo shared > /data/file'`);
    expect(await box.ok("docker run --rm --volumes-from data-container alpine ls /data")).toBe("file\n");
  });

  test("the default command is /bin/sh, BusyBox's; wget is BusyBox's", async () => {
    expect(await box.ok(`docker image inspect -f '{{json .Config.Cmd}}' alpine`)).toBe('["/bin/sh"]\n');
    expect(await box.ok("echo 'echo from stdin' | docker run --rm -i alpine")).toBe("from stdin\n");
    expect(await box.ok(`docker run --rm alpine sh -c 'basename "$(readlink -f /bin/sh)"'`)).toBe("busybox\n");
    expect((await box.sh("docker run --rm alpine wget --help")).stderr).toMatch(/BusyBox/);
  });

  test("find -mindepth 1 -delete empties a volume, as a restore script does", async () => {
    await box.ok(`docker run --rm -v to-empty:/data alpine sh -c 'mkdir -p /data/a/b && touch /data/a/b/f /data/.hidden && find /data -mindepth 1 -delete'`);
    expect(await box.ok("docker run --rm -v to-empty:/data alpine ls -A /data")).toBe("");
  });

  test("wget fetches a page from another container", async () => {
    await box.ok(`docker run -d --name pages --network lab alpine sh -c 'mkdir /www && echo hi > /www/index.html && httpd -f -p 8000 -h /www'`);
    expect(await box.ok(waitFor("docker run --rm --network lab alpine wget -qO- http://pages:8000/", 20) + " && docker run --rm --network lab alpine wget -qO- http://pages:8000/")).toMatch(/hi\n$/);
  });
});

describe("ubuntu", () => {
  test("bash, coreutils and tar, as the course runs them", async () => {
    expect(await box.ok(`docker run --rm ubuntu bash -c 'echo "$BASH_VERSION" | cut -d. -f1'`)).toMatch(/^\d+\n$/);
    await box.ok(`docker run --rm -v ub-data:/data ubuntu bash -c 'echo "Hello" > /data/test.txt'`);
    expect(await box.ok("docker run --rm -v ub-data:/data ubuntu tar -C /data -cf - . | tar -tf - | sort")).toBe("./\n./test.txt\n");
  });

  test("--tmpfs /tmp is a tmpfs; the default command is bash", async () => {
    expect(await box.ok("docker run --rm --tmpfs /tmp ubuntu sh -c 'grep \" /tmp \" /proc/mounts | cut -d\" \" -f3'")).toBe("tmpfs\n");
    expect(await box.ok(`docker image inspect -f '{{json .Config.Cmd}}' ubuntu`)).toBe('["/bin/bash"]\n');
  });

  test("the C.UTF-8 locale and the ubuntu user (uid 1000) are there", async () => {
    expect(await box.ok("docker run --rm -e LANG=C.UTF-8 ubuntu bash -c 'locale -a' ")).toMatch(/C\.utf8/i);
    expect(await box.ok("docker run --rm ubuntu id -u ubuntu")).toBe("1000\n");
  });
});

describe("the harness's docker exec (the engine's API) and the sandbox's docker CLI", () => {
  test("print the same on each stream and exit the same, errors included", async () => {
    const docker = box.graderContext().docker;
    await box.ok("docker run -d --name execs alpine:latest sleep 600 >/dev/null && docker create --name stopped alpine:latest true >/dev/null");
    const cases: [string, string[]][] = [
      ["execs", ["sh", "-c", 'echo out; echo "é err" >&2; exit 3']],
      ["execs", ["nosuchcmd"]],
      ["execs", ["/etc/passwd"]],
      ["nosuch", ["true"]],
      ["stopped", ["true"]],
    ];
    for (const [container, argv] of cases) {
      const api = await docker.exec(container, argv, { env: { GREETING: "salut" } });
      const cli = await box.shell.exec(["docker", "exec", "-e", "GREETING=salut", container, ...argv]);
      expect({ container, argv, ...api }).toEqual({ container, argv, ...cli });
    }
    expect(await docker.exec("execs", ["sh", "-c", 'printf %s "$GREETING"'], { env: { GREETING: "salut" } })).toEqual({ exitCode: 0, stdout: "salut", stderr: "" });
  });
});

describe("the harness's probes (the engine's API) and the sandbox's docker run --rm", () => {
  test("print the same on each stream, exit the same, and leave nothing behind", async () => {
    const ctx = box.graderContext();
    await box.ok("docker run -d --name probed --hostname probed-host alpine:latest sleep 600 >/dev/null && docker volume create probe-data >/dev/null");
    // The shared network brings the container's host name; alone, a probe has one of its own.
    const script = 'echo "out $(hostname | grep -x probed-host || echo own)"; echo "é err" >&2; ls /data; exit "$1"';
    const cases: { network: string; argv: string[] }[] = [
      { network: "none", argv: ["sh", "-c", script, "probe", "3"] },
      { network: "container:probed", argv: ["sh", "-c", script, "probe", "0"] },
    ];
    for (const { network, argv } of cases) {
      const api = await ctx.docker.probe({ image: ctx.probeImage, network, mounts: [{ source: "probe-data", target: "/data" }], argv });
      const cli = await box.shell.exec(["docker", "run", "--rm", "--network", network, "-v", "probe-data:/data:ro", ctx.probeImage, ...argv]);
      expect({ network, ...api }).toEqual({ network, ...cli });
    }
    // Standard input reaches it whole, and a writable mount keeps what it wrote; a read-only one refuses.
    const text = "é\n".repeat(50_000);
    const write = (writable: boolean) =>
      ctx.docker.probe({ image: ctx.probeImage, network: "none", mounts: [{ source: "probe-data", target: "/data", writable }], argv: ["sh", "-c", "cat > /data/in.txt"], stdin: text });
    expect((await write(false)).exitCode).not.toBe(0);
    expect(await write(true)).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    expect(await box.ok("docker run --rm -v probe-data:/data alpine:latest sh -c 'wc -c < /data/in.txt; md5sum < /data/in.txt'")).toBe(`${Buffer.byteLength(text)}\n${createHash("md5").update(text).digest("hex")}  -\n`);
    // A container that cannot start is docker run's 125; one that runs too long is ended, and removed.
    await box.ok("docker stop -t 0 probed >/dev/null");
    expect(await ctx.docker.probe({ image: ctx.probeImage, network: "container:probed", argv: ["true"] })).toMatchObject({ exitCode: 125 });
    expect(await ctx.docker.probe({ image: ctx.probeImage, network: "none", argv: ["sh", "-c", "echo started; sleep 60"], timeoutMs: 2_000 })).toEqual({ exitCode: 124, stdout: "started\n", stderr: "" });
    expect(await box.ok("docker ps -aq --filter label=labgrade.probe")).toBe("");
  }, 120_000);
});

describe("the tcp check from a container: its names, its networks and its DNS", () => {
  test("a link name and a network's container resolve and answer; a container of another network does not resolve; a closed port refuses", async () => {
    const ctx = box.graderContext();
    await box.ok(
      "docker run -d --name kvstore redis:alpine >/dev/null && docker run -d --name client --link kvstore:kv alpine:latest sleep 600 >/dev/null && docker run -d --name member --network lab alpine:latest sleep 600 >/dev/null",
    );
    const cases: [TcpSpec, object][] = [
      [{ from: "client", host: "kv", port: 6379 }, { passed: true }],
      [{ from: "member", host: "cache", port: 6379 }, { passed: true }],
      [{ from: "member", host: "kvstore", port: 6379, expect: "unresolved" }, { passed: true }],
      [{ from: "client", host: "kv", port: 6380 }, { passed: false, messageId: "refused" }],
      [{ from: "member", host: "cache", port: 6379, expect: "unreachable" }, { passed: false, messageId: "answers" }],
    ];
    for (const [spec, outcome] of cases) expect({ spec, outcome: await tcp.evaluate(ctx, spec) }).toEqual({ spec, outcome: expect.objectContaining(outcome) });
    // Nothing of the probe's stays: the sandbox's own names and resolver are as they were.
    expect(await box.ok("getent hosts kv cache || echo none")).toBe("none\n");
  }, 120_000);
});
