/**
 * A grader context without Docker: containers and volumes are plain data and
 * commands answer from a table. Enough to unit-test a grader's logic.
 */
import type { ContainerInspectInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";
import type { CommandResult, GraderContext, Outcome } from "../../graders/types";

export interface FakeWorld {
  containers?: Record<string, Partial<ContainerInspectInfo>>;
  volumes?: string[];
  /** Labels of some of those volumes (Compose's: see composeVolumeLabels). */
  volumeLabels?: Record<string, Record<string, string>>;
  /** Networks by name, as `docker network inspect` shows them. */
  networks?: Record<string, Partial<NetworkInspectInfo>>;
  /**
   * Answers to commands, keyed by the argv joined with spaces (prefix match).
   * A list answers one item per call, then repeats its last: a service that comes up.
   */
  commands?: Record<string, Partial<CommandResult> | Partial<CommandResult>[]>;
}

export function fakeContext(world: FakeWorld, check?: (type: string, spec: unknown) => Promise<Outcome>): GraderContext & { calls: string[][] } {
  const calls: string[][] = [];
  const asked = new Map<string, number>();
  const answer = async (argv: string[]): Promise<CommandResult> => {
    calls.push(argv);
    const line = argv.join(" ");
    const key = Object.keys(world.commands ?? {}).find((prefix) => line.startsWith(prefix));
    if (!key) return { exitCode: 127, stdout: "", stderr: `no fake answer for ${line}` };
    const given = world.commands![key];
    const n = asked.get(key) ?? 0;
    asked.set(key, n + 1);
    return { exitCode: 0, stdout: "", stderr: "", ...(Array.isArray(given) ? given[Math.min(n, given.length - 1)] : given) };
  };
  return {
    calls,
    shell: { exec: (argv) => answer(argv) },
    docker: {
      cli: (args) => answer(["docker", ...args]),
      // Answered as the command line it stands for.
      exec: (container, argv, options) => answer(["docker", "exec", ...Object.entries(options?.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]), container, ...argv]),
      probe: (run) =>
        answer([
          ...["docker", "run", "--rm", "--label", "labgrade.probe=1", ...(run.stdin !== undefined ? ["-i"] : []), "--network", run.network],
          ...(run.mounts ?? []).flatMap((m) => ["-v", `${m.source}:${m.target}${m.writable ? "" : ":ro"}`]),
          run.image,
          ...run.argv,
        ]),
      container: async (name) => world.containers?.[name] as ContainerInspectInfo | undefined,
      volume: async (name) => (world.volumes?.includes(name) ? ({ Name: name } as never) : undefined),
      containerNames: async () => Object.keys(world.containers ?? {}),
      containers: async () => Object.entries(world.containers ?? {}).map(([name, info]) => ({ ...info, Name: `/${name}` }) as ContainerInspectInfo),
      volumes: async () => (world.volumes ?? []).map((name) => ({ Name: name, Labels: world.volumeLabels?.[name] ?? {} }) as unknown as VolumeInspectInfo),
      volumeNames: async () => world.volumes ?? [],
      network: async (name) => (world.networks?.[name] ? ({ Name: name, ...world.networks[name] } as NetworkInspectInfo) : undefined),
      networkNames: async () => Object.keys(world.networks ?? {}),
      api: async () => ({ status: 500, body: "no engine in a fake context" }),
    },
    submissionDir: "/home/student/submission",
    probeImage: "labgrade/probe:latest",
    runScript: async () => ({ exitCode: 0, output: "", timedOut: false, durationMs: 0, timeoutMs: 300_000 }),
    check: check ?? (async () => ({ passed: false })),
  };
}

/** Inspect data shaped like `docker inspect` of a container started by the lab. */
export function inspected(overrides: {
  image: string;
  env?: string[];
  status?: string;
  ports?: Record<string, { HostPort: string }[]>;
  mounts?: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[];
  tmpfs?: Record<string, string>;
  labels?: Record<string, string>;
  /** HostConfig.NetworkMode: bridge, host, none, container:<id>, a network's name. */
  networkMode?: string;
  /** NetworkSettings.Networks: each network's aliases and address. */
  networks?: Record<string, { Aliases?: string[]; DNSNames?: string[]; IPAddress?: string }>;
}): Partial<ContainerInspectInfo> {
  return {
    Id: "0123456789abcdef0123456789abcdef",
    Config: { Image: overrides.image, Env: overrides.env ?? [], Labels: overrides.labels ?? {} } as never,
    State: { Status: overrides.status ?? "running", Running: (overrides.status ?? "running") === "running", Pid: (overrides.status ?? "running") === "running" ? 4242 : 0 } as never,
    HostsPath: "/var/lib/docker/containers/0123456789abcdef/hosts",
    ResolvConfPath: "/var/lib/docker/containers/0123456789abcdef/resolv.conf",
    HostConfig: { PortBindings: overrides.ports ?? {}, Tmpfs: overrides.tmpfs, NetworkMode: overrides.networkMode ?? "bridge" } as never,
    Mounts: (overrides.mounts ?? []) as never,
    NetworkSettings: { Networks: overrides.networks ?? {} } as never,
  };
}

/** The labels `docker compose up` puts on a volume it creates for the compose file's `volumes:`. */
export function composeVolumeLabels(project: string, volume: string): Record<string, string> {
  return { "com.docker.compose.project": project, "com.docker.compose.volume": volume, "com.docker.compose.version": "2.26.1" };
}

/** The labels `docker compose up` puts on a service's container. */
export function composeLabels(project: string, service: string, options: { oneoff?: boolean; workingDir?: string } = {}): Record<string, string> {
  const workingDir = options.workingDir ?? "/home/student/submission";
  return {
    "com.docker.compose.project": project,
    "com.docker.compose.service": service,
    "com.docker.compose.oneoff": options.oneoff ? "True" : "False",
    "com.docker.compose.container-number": "1",
    "com.docker.compose.project.working_dir": workingDir,
    "com.docker.compose.project.config_files": `${workingDir}/compose.yaml`,
  };
}
