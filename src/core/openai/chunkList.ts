/**
 * A stream's event payloads, each written when asked for: an open stream then holds the events it
 * sent, not its whole answer (128 choices with logprobs run to ~33 MB of chunks), and writing them
 * is spread over the stream instead of done before its first event.
 */
export interface ChunkList {
  readonly length: number;
  at(index: number): string | undefined;
}

/** `lists` interleaved round-robin, as the API interleaves the choices of n > 1, then `last` if given. */
export function interleave(lists: readonly ChunkList[], last: (() => string) | null): ChunkList {
  if (lists.length === 1 && !last) return lists[0]!; // one choice: its own order
  let total = 0;
  let longest = 0;
  for (const l of lists) {
    total += l.length;
    longest = Math.max(longest, l.length);
  }
  // The send order as (list, event) pairs: two numbers an event, not its text.
  const listOf = new Int32Array(total);
  const eventOf = new Int32Array(total);
  let k = 0;
  for (let j = 0; j < longest; j++)
    for (let i = 0; i < lists.length; i++)
      if (j < lists[i]!.length) {
        listOf[k] = i;
        eventOf[k++] = j;
      }
  const length = total + (last ? 1 : 0);
  return {
    length,
    at(k: number): string | undefined {
      if (k < 0 || k >= length || !Number.isInteger(k)) return undefined;
      return k < total ? lists[listOf[k]!]!.at(eventOf[k]!) : last!();
    },
  };
}
