/** `labgrade clean`: removes what crashed or interrupted runs left behind. */
import type { Io } from "../io";
import { removeLeftovers } from "../leftovers";

export async function cleanCommand(io: Io): Promise<number> {
  await removeLeftovers(io);
  return 0;
}
