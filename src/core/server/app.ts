import { H3, type H3Event } from "h3";
import { methodNotAllowed, notFoundRoute } from "../openai/errors";
import { Exchange, ExchangeEnded, type ExchangeOptions } from "./exchange";
import type { ServerRuntime } from "./runtime";
import { chatCompletions } from "./routes/chatCompletions";
import { controlRoutes } from "./routes/control";
import { completions } from "./routes/completions";
import { embeddings } from "./routes/embeddings";
import { moderations } from "./routes/moderations";
import { health } from "./routes/health";
import { listModels, retrieveModel } from "./routes/models";
import { createResponse, deleteResponse, responseInputItems, retrieveResponse } from "./routes/responses";

/** Extra routes mounted next to the API (the /ui pages); kept out of the request log. */
export type RouteExtension = (app: H3, rt: ServerRuntime) => void;

/** Malformed percent-encoding is just an id that does not exist (404), not a server error. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Which methods each known path answers, for 405 instead of a misleading 404. */
const ALLOWED: Array<[RegExp, string[]]> = [
  [/^\/v1\/chat\/completions\/?$/, ["POST"]],
  [/^\/v1\/responses\/?$/, ["POST"]],
  // POST /v1/responses/input_tokens (and /compact) are OpenAI endpoints the mock lacks: a 404, not a 405 for an id.
  [/^\/v1\/responses\/(?!(?:input_tokens|compact)$)[^/]+$/, ["GET", "DELETE"]],
  [/^\/v1\/responses\/[^/]+\/input_items$/, ["GET"]],
  [/^\/v1\/(?:embeddings|completions|moderations)\/?$/, ["POST"]],
  [/^\/v1\/models\/?$/, ["GET", "HEAD"]],
  [/^\/v1\/models\/[^/]+$/, ["GET", "HEAD"]],
  [/^\/health\/?$/, ["GET", "HEAD"]],
];

function corsPreflight(allowed: string[], requested: string | null): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": [...allowed, "OPTIONS"].join(", "),
    "access-control-allow-headers": requested ?? "authorization, content-type",
    "access-control-max-age": "600",
  };
}

/**
 * The h3 app: OpenAI routes, health, and a catch-all that answers unknown routes and wrong
 * methods in OpenAI's error shape. Every handler goes through an Exchange, so every request is logged.
 */
export function createApp(rt: ServerRuntime, extensions: RouteExtension[] = []): H3 {
  const app = new H3({
    silent: true,
    // Last line of defence: anything that escaped a handler still answers in OpenAI's shape.
    onError: (error, event) => exchange(event).error(error),
  });
  // The options change only with the config, the scenario or the logger: one object until then.
  let opts: ExchangeOptions | null = null;
  let optsConfig: unknown = null;
  const exchange = (event: H3Event) => {
    const c = rt.config();
    const scenario = rt.scenario();
    const logger = rt.logger;
    if (!opts || optsConfig !== c || opts.scenario !== scenario || opts.logger !== logger) {
      opts = { log: rt.log, logger, scenario, maxBodyBytes: c.server.max_body_bytes, rateLimits: rt.rateLimits };
      optsConfig = c;
    }
    return new Exchange(event, opts);
  };
  // Not async: a route that answers at once (the body came with the headers) returns its Response
  // as it is, and h3 sends it without a promise or a microtask in between.
  const route =
    (fn: (x: Exchange, event: H3Event) => Response | Promise<Response>) =>
    (event: H3Event): Response | Promise<Response> => {
      const x = exchange(event);
      let out: Response | Promise<Response>;
      try {
        out = fn(x, event);
      } catch (err) {
        return x.error(err);
      }
      return out instanceof Promise ? out.catch((err: unknown) => x.error(err)) : out;
    };

  app.post(
    "/v1/chat/completions",
    route((x) => chatCompletions(x, rt)),
  );
  app.post(
    "/v1/responses",
    route((x) => createResponse(x, rt)),
  );
  const responseIdOf = (e: H3Event) => safeDecode(e.context.params?.id ?? "");
  app.get(
    "/v1/responses/:id",
    route((x, e) => retrieveResponse(x, rt, responseIdOf(e))),
  );
  app.delete(
    "/v1/responses/:id",
    route((x, e) => deleteResponse(x, rt, responseIdOf(e))),
  );
  app.get(
    "/v1/responses/:id/input_items",
    route((x, e) => responseInputItems(x, rt, responseIdOf(e))),
  );
  app.post(
    "/v1/embeddings",
    route((x) => embeddings(x, rt)),
  );
  app.post(
    "/v1/completions",
    route((x) => completions(x, rt)),
  );
  app.post(
    "/v1/moderations",
    route((x) => moderations(x, rt)),
  );
  // HEAD answers like GET; Node drops the body and keeps content-length.
  for (const method of ["get", "head"] as const) {
    app[method](
      "/v1/models",
      route((x) => listModels(x, rt)),
    );
    app[method](
      "/v1/models/:id",
      route((x, e) => retrieveModel(x, rt, safeDecode(e.context.params?.id ?? ""))),
    );
    app[method](
      "/health",
      route((x) => health(x, rt)),
    );
  }
  controlRoutes(app, rt);
  for (const extend of extensions) extend(app, rt);

  app.all(
    "/**",
    route(async (x) => {
      // Read so the inspector shows what was sent to the wrong place; a body cut short still ends the exchange.
      await x.readText().catch((err: unknown) => {
        if (err instanceof ExchangeEnded) throw err;
      });
      const path = x.path.split("?")[0]!;
      const allowed = ALLOWED.find(([re]) => re.test(path))?.[1];
      // CORS preflight, for browser clients (the SDKs' dangerouslyAllowBrowser mode).
      if (allowed && x.method === "OPTIONS")
        return x.empty({
          status: 204,
          headers: corsPreflight(allowed, x.event.req.headers.get("access-control-request-headers")),
        });
      throw allowed && !allowed.includes(x.method)
        ? methodNotAllowed(x.method, path, allowed)
        : notFoundRoute(x.method, path);
    }),
  );
  return app;
}
