// The /__mock/ control API: scenario, fault queue, request journal, stats, rate limits and reset,
// in JSON, behind the same mTLS as the API. Plain h3 handlers, not Exchanges, so a test's control
// traffic never lands in the journal it reads.
import { STATUS_CODES } from "node:http";
import type { TLSSocket } from "node:tls";
import type { H3, H3Event } from "h3";
import { JournalQueryError, parseJournalQuery, queryJournal } from "../../journal/query";
import type { ServerRuntime } from "../runtime";
import type { ControlSurface } from "../control/surface";

export const CONTROL_PREFIX = "/__mock";

/** Every route, for GET /__mock/ and 404s: the API describes itself. */
export const CONTROL_ROUTES: ReadonlyArray<[method: string, path: string, what: string]> = [
  ["GET", "/__mock/scenario", "the active scenario, its behaviour and every scenario"],
  ["PUT", "/__mock/scenario", 'switch scenario: {"name": "rate-limited"}'],
  ["GET", "/__mock/faults", "faults queued for the next requests"],
  ["POST", "/__mock/faults", 'queue a fault: {"fault": "429", "count": 2}'],
  ["DELETE", "/__mock/faults", "drop every queued fault"],
  ["GET", "/__mock/requests", "the journal: ?endpoint= &status= &model= &client= &since= &until= &header=name:value"],
  ["GET", "/__mock/requests/:id", "one journal entry (its x-request-id)"],
  ["DELETE", "/__mock/requests", "clear the journal (and the stats)"],
  ["GET", "/__mock/stats", "request statistics, as the dashboard shows them"],
  ["GET", "/__mock/rate-limits", "budgets and each client's standing"],
  ["DELETE", "/__mock/rate-limits", "refill every budget"],
  ["POST", "/__mock/reset", "scenario, faults, journal, stats and budgets back to the configured state"],
];

/** mTLS already verified the client; with mTLS switched off, only this machine may steer the mock. */
function allowed(event: H3Event): boolean {
  const socket = event.runtime?.node?.req?.socket as TLSSocket | undefined;
  if (!socket || socket.authorized) return true;
  const ip = socket.remoteAddress ?? "";
  return ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";
}

const json = (status: number, body: unknown, extra?: Record<string, string>) =>
  new Response(JSON.stringify(body, null, 2) + "\n", {
    status,
    statusText: STATUS_CODES[status],
    headers: { "content-type": "application/json", "cache-control": "no-store", ...extra },
  });

/** The same envelope as the API's errors, so one client-side check reads both. */
const fail = (
  status: number,
  message: string,
  code: string,
  param: string | null = null,
  headers?: Record<string, string>,
) => json(status, { error: { message, type: "invalid_request_error", param, code } }, headers);

/** Larger bodies get 413, unread (expectContinue.ts tells the listener). */
export const MAX_CONTROL_BODY = 65_536;

/**
 * The body as text, or null past MAX_CONTROL_BODY bytes: refused by its content-length before
 * any byte is read, or as soon as a chunked body grows past it, never read whole into memory.
 */
async function readCapped(event: H3Event): Promise<string | null> {
  if (Number(event.req.headers.get("content-length") ?? 0) > MAX_CONTROL_BODY) return null;
  const body = event.req.body;
  if (!body) return "";
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > MAX_CONTROL_BODY) {
      void reader.cancel().catch(() => {});
      return null;
    }
    parts.push(r.value);
  }
  return Buffer.concat(parts).toString("utf8");
}

async function readJsonBody(event: H3Event): Promise<Record<string, unknown> | Response> {
  const text = await readCapped(event);
  if (text === null) {
    // The rest of the body is never read: the connection closes after the answer.
    const refused = fail(413, "Control request bodies are limited to 64 KiB.", "request_too_large");
    refused.headers.set("connection", "close");
    return refused;
  }
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return fail(400, "The body is not valid JSON.", "invalid_json");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return fail(400, "The body must be a JSON object.", "invalid_body");
  return body as Record<string, unknown>;
}

function scenarioView(c: ControlSurface) {
  return {
    active: c.scenario(),
    behavior: c.behavior(),
    scenarios: c.scenarios().map(({ name, description, origin }) => ({ name, description, origin })),
  };
}

/** Mounts /__mock/* on the app; `rt.controlApi` is the server behind it. */
export function controlRoutes(app: H3, rt: ServerRuntime): void {
  const c = rt.controlApi;
  const route = (method: "get" | "put" | "post" | "delete", path: string, fn: (e: H3Event) => unknown) =>
    app[method](path, async (event: H3Event) => {
      if (!allowed(event))
        return fail(403, "The control API needs a client certificate signed by this server's CA.", "forbidden");
      try {
        const out = await fn(event);
        return out instanceof Response ? out : json(200, out);
      } catch (err) {
        return fail(500, err instanceof Error ? err.message : String(err), "control_error");
      }
    });

  const index = () => ({ routes: CONTROL_ROUTES.map(([method, path, what]) => ({ method, path, what })) });
  route("get", CONTROL_PREFIX, index);
  route("get", `${CONTROL_PREFIX}/`, index);

  route("get", `${CONTROL_PREFIX}/scenario`, () => scenarioView(c));
  const setScenario = async (event: H3Event) => {
    const body = await readJsonBody(event);
    if (body instanceof Response) return body;
    if (typeof body.name !== "string" || body.name === "")
      return fail(400, 'Expected {"name": "<scenario>"}.', "invalid_value", "name");
    try {
      c.setScenario(body.name);
    } catch (err) {
      return fail(404, (err as Error).message, "scenario_not_found", "name");
    }
    return scenarioView(c);
  };
  route("put", `${CONTROL_PREFIX}/scenario`, setScenario);
  route("post", `${CONTROL_PREFIX}/scenario`, setScenario);

  const noFaults = () => fail(501, "This server has no fault queue.", "not_implemented");
  route("get", `${CONTROL_PREFIX}/faults`, () => (c.faults ? { queued: c.faults.list() } : noFaults()));
  route("post", `${CONTROL_PREFIX}/faults`, async (event) => {
    if (!c.faults) return noFaults();
    const body = await readJsonBody(event);
    if (body instanceof Response) return body;
    try {
      const queued = c.faults.queue(body);
      return json(201, { queued, pending: c.faults.list() });
    } catch (err) {
      return fail(400, (err as Error).message, "invalid_fault");
    }
  });
  route("delete", `${CONTROL_PREFIX}/faults`, () => (c.faults ? { cleared: c.faults.clear() } : noFaults()));

  route("get", `${CONTROL_PREFIX}/requests`, (event) => {
    try {
      return queryJournal(rt.log.values(), parseJournalQuery(event.url.searchParams));
    } catch (err) {
      if (err instanceof JournalQueryError) return fail(400, err.message, "invalid_filter", err.param);
      throw err;
    }
  });
  route("get", `${CONTROL_PREFIX}/requests/:id`, (event) => {
    const id = decodeURIComponent(event.context.params?.id ?? "");
    return rt.log.get(id) ?? fail(404, `No journal entry "${id}" (it may have been evicted or cleared).`, "not_found");
  });
  route("delete", `${CONTROL_PREFIX}/requests`, () => {
    const cleared = rt.log.size;
    rt.log.clear();
    return { cleared };
  });

  route("get", `${CONTROL_PREFIX}/stats`, () => c.stats());
  route("get", `${CONTROL_PREFIX}/rate-limits`, () => c.rateLimits());
  route("delete", `${CONTROL_PREFIX}/rate-limits`, () => {
    c.resetRateLimits();
    return c.rateLimits();
  });
  route("post", `${CONTROL_PREFIX}/reset`, () => {
    c.reset();
    return { reset: true, scenario: scenarioView(c), rateLimits: c.rateLimits() };
  });

  app.all(`${CONTROL_PREFIX}/**`, (event: H3Event) => {
    const path = event.url.pathname.replace(/\/$/, "");
    const methods = CONTROL_ROUTES.filter(([, p]) => new RegExp(`^${p.replace(/:\w+/g, "[^/]+")}$`).test(path));
    return methods.length
      ? fail(
          405,
          `${event.req.method} ${path} is not allowed; use ${methods.map(([m]) => m).join(" or ")}.`,
          "method_not_allowed",
          null,
          { allow: methods.map(([m]) => m).join(", ") },
        )
      : fail(404, `No control route ${path}; GET ${CONTROL_PREFIX}/ lists them.`, "not_found");
  });
}
