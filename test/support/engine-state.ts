/**
 * What a test file's own gradings left on the host engine, to prove that
 * grading leaves nothing behind. Other test files and other people grade on
 * the same engine at the same time, so nothing here compares the whole
 * engine: containers are this file's by their run label (see TEST_RUN), and
 * volumes and networks are those the engine reports mounting or connecting
 * to one of them.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { TEST_RUN } from "./cli";

export interface Leftovers {
  containers: string[];
  volumes: string[];
  networks: string[];
}

interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
}

function list(args: string[]): string[] {
  return execFileSync("docker", args, { encoding: "utf8" }).split("\n").filter(Boolean).sort();
}

function exists(kind: "volume" | "network", id: string): boolean {
  try {
    execFileSync("docker", [kind, "inspect", id], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export class EngineWatch {
  /** Containers of this run the engine created, by id. */
  readonly created = new Set<string>();
  private readonly attached: { container: string; kind: "volume" | "network"; id: string }[] = [];
  private readonly streams: ChildProcess[] = [];
  private readonly failures: string[] = [];
  private readonly volumesBefore = new Set(list(["volume", "ls", "-q"]));
  private readonly networksBefore = new Set(list(["network", "ls", "-q", "--no-trunc"]));

  constructor(readonly run = TEST_RUN) {
    // --since replays what the engine has buffered from that moment, so nothing is missed while the stream starts.
    const since = String(Math.floor(Date.now() / 1000) - 1);
    this.follow(["--filter", "type=container", "--filter", "event=create", "--filter", `label=labgrade.run=${run}`], since, (event) => this.created.add(event.Actor.ID));
    this.follow(["--filter", "type=volume", "--filter", "type=network", "--filter", "event=mount", "--filter", "event=connect"], since, (event) => {
      const container = event.Actor.Attributes.container;
      if (container) this.attached.push({ container, kind: event.Type === "volume" ? "volume" : "network", id: event.Actor.ID });
    });
  }

  private follow(filters: string[], since: string, seen: (event: EngineEvent) => void): void {
    const child = spawn("docker", ["events", "--since", since, "--format", "{{json .}}", ...filters], { stdio: ["ignore", "pipe", "pipe"] });
    let pending = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop()!;
      for (const line of lines.filter(Boolean)) seen(JSON.parse(line) as EngineEvent);
    });
    child.stderr!.on("data", (chunk: Buffer) => this.failures.push(chunk.toString("utf8")));
    child.on("exit", (code, signal) => {
      if (signal !== "SIGTERM") this.failures.push(`docker events ended (${code ?? signal})`);
    });
    this.streams.push(child);
  }

  /** What this run's containers created and is still on the engine. Throws when the engine's events could not be followed. */
  async leftovers(): Promise<Leftovers> {
    // Events arrive through a pipe: give the last ones a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (this.failures.length) throw new Error(`could not follow the engine's events: ${this.failures.join("; ")}`);
    const ours = (kind: "volume" | "network", before: Set<string>) =>
      [...new Set(this.attached.filter((a) => a.kind === kind && this.created.has(a.container) && !before.has(a.id)).map((a) => a.id))].filter((id) => exists(kind, id)).sort();
    return {
      containers: list(["ps", "-a", "--filter", `label=labgrade.run=${this.run}`, "--format", "{{.Names}}"]),
      volumes: ours("volume", this.volumesBefore),
      networks: ours("network", this.networksBefore),
    };
  }

  /** How many volumes this run's containers were given (to show that a leak check had something to look at). */
  volumesSeen(): number {
    return new Set(this.attached.filter((a) => a.kind === "volume" && this.created.has(a.container)).map((a) => a.id)).size;
  }

  stop(): void {
    for (const child of this.streams) child.kill("SIGTERM");
  }
}
