/**
 * `--shard i/n`: the i-th of n shares of a class, so that n machines grade it
 * together. A student's share depends only on the sorted list of folder names
 * (round robin over it), never on which other shards run or how fast: every
 * shard of a run over the same class folder agrees, and the shares balance to
 * within one student.
 */
import { UsageError } from "../errors";

export interface Shard {
  /** 1-based, as CI systems number parallel jobs (GitLab's CI_NODE_INDEX). */
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new UsageError(`--shard takes i/n with 1 <= i <= n (e.g. --shard 2/4), got "${text}"`);
  }
  return { index, total };
}

/** The items of this shard's share; `sorted` must be the whole class in a stable order. */
export function shareOf<T>(sorted: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...sorted];
  return sorted.filter((_item, position) => position % shard.total === shard.index - 1);
}
