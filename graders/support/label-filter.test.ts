import { labelled } from "./label-filter";

describe("docker's label filters over inspected labels", () => {
  const labels = { "com.docker.compose.service": "web", "com.docker.compose.oneoff": "False", note: "a=b" };

  it("KEY asks for the label whatever its value; KEY=VALUE for that value exactly; all filters must pass", () => {
    expect(labelled(labels, ["com.docker.compose.service"])).toBe(true);
    expect(labelled(labels, ["com.docker.compose.service=web", "com.docker.compose.oneoff=False"])).toBe(true);
    expect(labelled(labels, ["com.docker.compose.service=we"])).toBe(false);
    expect(labelled(labels, ["com.docker.compose.service=web", "com.docker.compose.project"])).toBe(false);
    expect(labelled(labels, ["note=a=b"])).toBe(true);
  });

  it("nothing passes a filter without labels; no filter passes everything", () => {
    expect(labelled(undefined, ["com.docker.compose.service"])).toBe(false);
    expect(labelled(null, [])).toBe(true);
  });
});
