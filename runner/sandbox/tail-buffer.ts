/**
 * Keeps the last `limit` bytes of a stream and counts the rest, so that a
 * script printing gigabytes never makes the harness hold them in memory.
 */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept > this.limit && this.chunks.length > 0) {
      const excess = this.kept - this.limit;
      const first = this.chunks[0];
      if (first.length <= excess) {
        this.chunks.shift();
        this.kept -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.kept -= excess;
        this.dropped += excess;
      }
    }
  }

  text(): string {
    // A cut may fall inside a multi-byte character: drop the broken start.
    return Buffer.concat(this.chunks).toString("utf8").replace(/^\uFFFD+/, "");
  }
}

/** Terminal bytes that `script` and `docker -it` add: colours, cursor moves, carriage returns. */
export function stripTerminal(text: string): string {
  return text
    .replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]/g, "")
    .replace(/\x1b\][^\x07]*(\x07|\x1b\\)/g, "")
    .replace(/\r+\n/g, "\n")
    .replace(/\r/g, "\n");
}
