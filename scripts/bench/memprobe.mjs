// Preloaded (node --expose-gc --import memprobe.mjs) into every target of the open-streams test, the same way:
// on SIGUSR2 it runs full garbage collections, then appends one JSON line of memory figures to the file named by
// MOCK_GPT_BENCH_PROBE. The bench turns them into memory per open stream (see streamMemory.mjs).
import { appendFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

const file = process.env.MOCK_GPT_BENCH_PROBE;
if (file && typeof globalThis.gc === "function") {
  process.on("SIGUSR2", () => {
    // Twice: the first can leave objects whose finalizers or weak callbacks free more on the next one.
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    const h = getHeapStatistics();
    const line = {
      rss: m.rss,
      heapUsed: h.used_heap_size,
      heapPhysical: h.total_physical_size,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
    };
    appendFileSync(file, JSON.stringify(line) + "\n");
  });
}
