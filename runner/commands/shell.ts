/**
 * `labgrade shell <name>`: a shell in a sandbox kept by `labgrade check --keep`,
 * in the submission's folder, where `docker` is the sandbox's own engine: the
 * state the checks saw, to look at by hand. Refuses anything but a running
 * labgrade sandbox.
 */
import { spawn } from "node:child_process";
import { SandboxUnavailableError, UsageError } from "../errors";
import type { Io } from "../io";
import { chooseLang, langOption, translator } from "../i18n";
import { dockerCliEnv, hostDocker } from "../sandbox/host-engine";
import { LABEL_ROLE } from "../sandbox/labels";
import { SUBMISSION_DIR } from "../sandbox/sandbox";

export async function shellCommand(name: string, options: { lang?: string }, io: Io): Promise<number> {
  const t = translator(chooseLang({ flag: langOption(options.lang, process.env), env: process.env }));
  const docker = await hostDocker();
  const info = await docker.getContainer(name).inspect().catch(() => undefined);
  if (!info) throw new SandboxUnavailableError(t("shell.gone", { name }));
  if (info.Config.Labels?.[LABEL_ROLE] !== "sandbox") throw new UsageError(t("shell.notSandbox", { name }));
  if (!info.State.Running) throw new SandboxUnavailableError(t("shell.stopped", { name }));

  io.err(t("shell.intro", { name }));
  // -t only with a terminal: `echo 'docker ps' | labgrade shell NAME` works too.
  const tty = process.stdin.isTTY ? ["-t"] : [];
  // Debian's bashrc shows debian_chroot in the prompt: (labgrade-sandbox)root@…#
  const argv = ["exec", "-i", ...tty, "-w", SUBMISSION_DIR, "-e", "debian_chroot=labgrade-sandbox", name, "bash"];
  const env = { ...process.env, ...(await dockerCliEnv()) };
  return new Promise((resolve, reject) => {
    const child = spawn("docker", argv, { stdio: "inherit", env });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
