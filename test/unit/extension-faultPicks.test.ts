import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FAULT_PICKS, queuedMessage, validateCount } from "../../src/extension/model/faultPicks";
import { FAULT_STATUSES, faultSpec, parseFault } from "../../src/core/control/faults";

describe("Inject Fault picks", () => {
  test("every pick is a valid fault spelling, and every catalogue status is offered", () => {
    for (const p of FAULT_PICKS) assert.equal(faultSpec(parseFault(p.spec)), p.spec);
    const specs = FAULT_PICKS.map((p) => p.spec);
    for (const s of FAULT_STATUSES) assert.ok(specs.includes(String(s)), `status ${s}`);
    for (const kind of ["reset", "hang", "slow-headers", "truncate", "error-event", "malformed"])
      assert.ok(
        specs.some((s) => s.startsWith(kind)),
        kind,
      );
    assert.equal(new Set(specs).size, specs.length);
  });

  test("count validation and the confirmation wording", () => {
    assert.equal(validateCount("3"), undefined);
    for (const bad of ["0", "-1", "1.5", "x", "1001"]) assert.ok(validateCount(bad), bad);
    assert.equal(queuedMessage("Hang", 1, 1), "Mock GPT: Hang queued for the next request.");
    assert.equal(
      queuedMessage("Hang", 2, 3),
      "Mock GPT: Hang queued for the next 2 requests (3 queued faults in all).",
    );
  });
});
