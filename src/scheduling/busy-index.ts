// Busy ranges sorted once by start, with a running maximum of their ends, so
// "does [a, b) overlap anything busy?" is one binary search: among the ranges
// starting before b, the one reaching furthest must end after a. A long
// vacation that starts weeks earlier is still found, unlike a plain neighbour
// check.

export interface MsRange {
  start: number;
  end: number;
}

export interface BusyIndex {
  starts: Float64Array;
  /** maxEnds[i] = the largest end among the first i + 1 ranges by start. */
  maxEnds: Float64Array;
}

/** Keeps only ranges touching [windowStart, windowEnd) and indexes them. */
export function buildBusyIndex(ranges: MsRange[], windowStart: number, windowEnd: number): BusyIndex {
  const relevant = ranges.filter((r) => r.end > windowStart && r.start < windowEnd && r.end > r.start);
  relevant.sort((a, b) => a.start - b.start);
  const starts = new Float64Array(relevant.length);
  const maxEnds = new Float64Array(relevant.length);
  let furthest = -Infinity;
  relevant.forEach((range, i) => {
    furthest = Math.max(furthest, range.end);
    starts[i] = range.start;
    maxEnds[i] = furthest;
  });
  return { starts, maxEnds };
}

/** True when half-open [start, end) shares any moment with a busy range. */
export function overlapsBusy(index: BusyIndex, start: number, end: number): boolean {
  const count = countStartingBefore(index.starts, end);
  return count > 0 && (index.maxEnds[count - 1] ?? -Infinity) > start;
}

function countStartingBefore(starts: Float64Array, limit: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] ?? Infinity) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
