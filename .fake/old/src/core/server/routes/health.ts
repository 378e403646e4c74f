import type { Exchange } from "../exchange";
import type { ServerRuntime } from "../runtime";

/** GET /health: liveness plus what a human checking on the mock wants to know. */
export function health(x: Exchange, rt: ServerRuntime): Response {
  const s = rt.status();
  return x.json({
    body: {
      status: "healthy",
      service: "mock-gpt-server",
      version: VERSION,
      uptime_s: s.startedAt ? Math.round((Date.now() - s.startedAt) / 1000) : 0,
      scenario: s.scenario,
      mtls: s.mtls,
      models: rt.config().models.available,
      requests: s.requestCount,
      connections: s.connections,
    },
  });
}

declare const __VERSION__: string | undefined;
/** Injected by esbuild; "dev" when running from sources. */
export const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "dev";
