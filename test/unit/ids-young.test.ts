// Request and completion ids are slices of random text (src/core/openai/ids.ts). The text they are cut
// from must die young: a 32 KB string used for ~1,000 requests outlived two scavenges under load and
// was promoted, 30-40 B per request for each kind of id.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { completionId, requestId } from "../../src/core/openai/ids";

test("ids do not keep their random text alive into the old generation, with a request's garbage between them", () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === "old_space")!.space_used_size;
  let sink = 0;
  const mint = (n: number) => {
    for (let i = 0; i < n; i++) {
      sink += requestId().length + completionId().length;
      // What a request allocates besides its ids (~20 KB), so that scavenges come as often as under load.
      for (let k = 0; k < 40; k++) sink += new Array(64).length;
    }
  };
  mint(2000);
  gc();
  gc();
  const before = oldSpace();
  mint(20_000);
  const grown = oldSpace() - before;
  assert.ok(sink > 0);
  assert.ok(grown < 256 * 1024, `the old generation grew by ${(grown / 1024).toFixed(0)} KB`);
});
