import { stripTerminal, TailBuffer } from "./tail-buffer";

describe("TailBuffer", () => {
  test("keeps the last bytes and counts the rest", () => {
    const tail = new TailBuffer(10);
    for (let i = 0; i < 5; i++) tail.push(Buffer.from("abcdef"));
    expect(tail.text()).toBe("cdefabcdef");
    expect(tail.dropped).toBe(20);
  });

  test("a cut inside a multi-byte character drops the broken start", () => {
    const tail = new TailBuffer(3);
    tail.push(Buffer.from("données"));
    expect(tail.text()).toBe("es");
  });
});

test("stripTerminal removes colours and carriage returns from `script` output", () => {
  expect(stripTerminal("\x1b[1;32mOK\x1b[0m\r\nnext\rline")).toBe("OK\nnext\nline");
});
