import { LABEL_APP, LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_RUN, LABEL_SESSION } from "./labels";
import { ownerVerdict, type Here } from "./owner";

const here: Here = { host: "vm", session: "s-now", isAlive: (pid) => pid === 100 };
const owned = (pid: string, extra: Record<string, string> = {}) => ({ [LABEL_APP]: "true", [LABEL_OWNER_PID]: pid, [LABEL_OWNER_HOST]: "vm", [LABEL_SESSION]: "s-then", ...extra });

describe("ownerVerdict", () => {
  it("an orphan is a container of this machine whose owner process is gone", () => {
    expect(ownerVerdict(owned("200"), here)).toBe("orphan");
    expect(ownerVerdict(owned("100"), here)).toBe("owned");
  });

  it("leaves alone what this session started, and another machine's containers", () => {
    expect(ownerVerdict(owned("200", { [LABEL_SESSION]: "s-now" }), here)).toBe("owned");
    expect(ownerVerdict(owned("200", { [LABEL_OWNER_HOST]: "ci-runner" }), here)).toBe("owned");
  });

  it("never takes a labelled container without an owner pid for an orphan (someone's short-lived tool)", () => {
    expect(ownerVerdict({ [LABEL_APP]: "true" }, here)).toBe("not-ours");
    expect(ownerVerdict(owned(""), here)).toBe("not-ours");
    expect(ownerVerdict(owned("abc"), here)).toBe("not-ours");
  });

  it("with a run named, looks only at that run's containers", () => {
    const inRun = { ...here, run: "job-7" };
    expect(ownerVerdict(owned("200", { [LABEL_RUN]: "job-7" }), inRun)).toBe("orphan");
    expect(ownerVerdict(owned("200", { [LABEL_RUN]: "job-8" }), inRun)).toBe("not-ours");
    expect(ownerVerdict(owned("200"), inRun)).toBe("not-ours");
  });
});
