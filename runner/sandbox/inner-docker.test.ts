import type { CommandResult, SandboxShell } from "../../graders/types";
import { innerDocker } from "./inner-docker";

describe("the inner engine's listings", () => {
  it("leave out the harness's probe containers, which a check running beside another may have started", async () => {
    const asked: string[][] = [];
    const shell: SandboxShell = {
      exec: async (argv): Promise<CommandResult> => {
        asked.push(argv);
        return { exitCode: 0, stdout: "lamp-web\t\nquirky_hopper\t1\nlamp-mysql\t\n", stderr: "" };
      },
    };
    expect(await innerDocker(shell).containerNames()).toEqual(["lamp-web", "lamp-mysql"]);
    expect(asked[0].join(" ")).toBe('docker ps -a --format {{.Names}}\t{{.Label "labgrade.probe"}}');
  });
});
