/** The sandbox's own engine, driven with the docker CLI and curl inside the sandbox. */
import type { ContainerInspectInfo, NetworkInspectInfo, VolumeInspectInfo } from "dockerode";
import { PROBE_LABEL } from "../../graders/support/probe";
import type { CommandResult, ExecOptions, InnerDocker, SandboxShell } from "../../graders/types";

const API_VERSION = "v1.41";

function parseFirst<T>(result: CommandResult): T | undefined {
  if (result.exitCode !== 0) return undefined;
  try {
    return (JSON.parse(result.stdout) as T[])[0];
  } catch {
    return undefined;
  }
}

function lines(result: CommandResult): string[] {
  return result.exitCode === 0 ? result.stdout.split("\n").filter(Boolean) : [];
}

export function innerDocker(shell: SandboxShell): InnerDocker {
  const cli = (args: string[], options?: ExecOptions) => shell.exec(["docker", ...args], options);
  return {
    cli,
    container: async (name) => parseFirst<ContainerInspectInfo>(await cli(["container", "inspect", name])),
    volume: async (name) => parseFirst<VolumeInspectInfo>(await cli(["volume", "inspect", name])),
    async network(name) {
      // `docker network inspect db` also finds a network whose id begins with "db": only the name counts.
      const found = parseFirst<NetworkInspectInfo>(await cli(["network", "inspect", name]));
      return found?.Name === name ? found : undefined;
    },
    // The harness's probes, running beside the checks, are not the student's.
    containerNames: async () =>
      lines(await cli(["ps", "-a", "--format", `{{.Names}}\t{{.Label "${PROBE_LABEL}"}}`]))
        .filter((line) => !line.split("\t")[1])
        .map((line) => line.split("\t")[0]),
    volumeNames: async () => lines(await cli(["volume", "ls", "--format", "{{.Name}}"])),
    networkNames: async () => lines(await cli(["network", "ls", "--format", "{{.Name}}"])),
    async api(method, path, body) {
      const argv = ["curl", "-sS", "--unix-socket", "/var/run/docker.sock", "-X", method, "-w", "\n%{http_code}"];
      if (body !== undefined) argv.push("-H", "Content-Type: application/json", "--data-binary", "@-");
      const result = await shell.exec([...argv, `http://localhost/${API_VERSION}${path}`], {
        stdin: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: 120_000,
      });
      const cut = result.stdout.lastIndexOf("\n");
      const text = result.stdout.slice(0, cut);
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Plain-text answers (errors from proxies) are kept as text.
      }
      return { status: Number(result.stdout.slice(cut + 1)) || 0, body: parsed ?? result.stderr };
    },
  };
}
