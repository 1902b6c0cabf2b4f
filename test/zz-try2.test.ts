import { validateCommand } from "../runner/commands/validate";
import { explainCommand } from "../runner/commands/explain";
test("x", async () => {
  const out: string[] = []; const io = { out: (t: string) => out.push(t), err: (t: string) => out.push("ERR " + t), color: false };
  console.log(await validateCommand(["rubrics/lamp-stack.yaml", "nope.yaml"], io), await explainCommand("rubrics/lamp-stack.yaml", io));
  console.log(out.join("\n"));
});
