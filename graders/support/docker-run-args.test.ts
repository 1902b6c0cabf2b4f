import { parseCommandLog, parseRun } from "./docker-run-args";

describe("parseRun", () => {
  test("the course's backup command: -v with :ro, --rm, the image after the options", () => {
    const run = parseRun(["run", "--rm", "-v", "mon-volume:/data:ro", "-v", "/home/student/submission/backups:/backup", "alpine:latest", "tar", "czf", "/backup/x.tar.gz", "-C", "/data", "."]);
    expect(run).toEqual({
      argv: expect.any(Array),
      rm: true,
      publish: [],
      name: undefined,
      image: "alpine:latest",
      mounts: [
        { source: "mon-volume", destination: "/data", readOnly: true },
        { source: "/home/student/submission/backups", destination: "/backup", readOnly: false },
      ],
    });
  });

  test("--mount with readonly, combined short flags, --name=, options with values before the image", () => {
    const run = parseRun(["container", "run", "-dit", "--name=web", "-e", "A=1", "-p", "8080:80", "--mount", "type=volume,source=data,target=/app,readonly", "-vlogs:/logs", "nginx:alpine", "-v", "not-a-mount:/x"]);
    expect(run?.image).toBe("nginx:alpine");
    expect(run?.name).toBe("web");
    expect(run?.rm).toBe(false);
    expect(run?.publish).toEqual(["8080:80"]);
    expect(run?.mounts).toEqual([
      { source: "data", destination: "/app", readOnly: true },
      { source: "logs", destination: "/logs", readOnly: false },
    ]);
  });

  test("commands that start no container are not runs", () => {
    expect(parseRun(["volume", "create", "x"])).toBeUndefined();
    expect(parseRun(["exec", "-it", "web", "sh"])).toBeUndefined();
  });
});

test("parseCommandLog splits the shim's records, keeping spaces and accents in arguments", () => {
  const log = "run\0-v\0données:/data\0alpine\0\x1evolume\0create\0x\0\x1e";
  expect(parseCommandLog(log)).toEqual([["run", "-v", "données:/data", "alpine"], ["volume", "create", "x"]]);
});
