// The /ui pages for the headless server: the same bundles as the VS Code webviews, served with the
// same CSP, talking to page controllers over SSE + JSON POST. Plain h3 handlers: nothing here goes
// through the API's Exchange, so the pages' own traffic never lands in the request log they show.
import { promises as fsp } from "node:fs";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import type { H3, H3Event } from "h3";
import type { RouteExtension } from "../app";
import type { ServerRuntime } from "../runtime";
import type { ClientTlsPaths } from "../../../shared/pages/inspector/protocol";
import type { PageControllerFactory } from "../../pages/controller";
import { createInspectorController } from "../../pages/inspector/controller";
import { contentSecurityPolicy, createNonce, renderPageHtml, type PageName } from "../../pages/html";
import { UiSessions } from "./sessions";

export interface UiRoutesOptions {
  /** Folder with the built page bundles and styles.css (dist/webview). */
  assetsDir: string;
  /** Dashboard page controller (src/core/pages/dashboard). Without it /ui/dashboard answers 404. */
  dashboard?: PageControllerFactory;
  /** Health page controller (src/core/pages/health). Without it /ui/health answers 404. */
  health?: PageControllerFactory;
  /** Client certificate files for "copy as curl" and replay. @default () => null */
  clientTls?: () => ClientTlsPaths | null;
  /** Shown as the HAR creator version. */
  version?: string;
}

/** URL path segment → page. */
const PAGES: Record<string, { page: PageName; title: string }> = {
  requests: { page: "inspector", title: "Mock GPT · Requests" },
  dashboard: { page: "dashboard", title: "Mock GPT · Dashboard" },
  health: { page: "health", title: "Mock GPT · Health" },
};

const ASSET_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json",
};

/**
 * The pages show every logged request and can trigger replays with the server's client key, so
 * they need a verified client certificate, or a loopback peer when mTLS is switched off.
 */
function allowed(event: H3Event): boolean {
  const socket = event.runtime?.node?.req?.socket as TLSSocket | undefined;
  if (!socket) return true; // in-process requests (tests)
  if (socket.authorized) return true;
  const ip = socket.remoteAddress ?? "";
  return ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";
}

const forbidden = () =>
  new Response(
    "The Mock GPT pages need a client certificate signed by this server's CA (or a request from this machine).\n",
    {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    },
  );

/** Wraps a handler with the access check: per route, so the API's hot path pays nothing. */
function guard<T>(handler: (event: H3Event) => T): (event: H3Event) => T | Response {
  return (event) => (allowed(event) ? handler(event) : forbidden());
}

export function uiRoutes(options: UiRoutesOptions): RouteExtension {
  const sessions = new UiSessions();
  return (app: H3, rt: ServerRuntime) => {
    const factories: Record<PageName, PageControllerFactory | undefined> = {
      inspector: (post) =>
        createInspectorController(post, {
          log: rt.log,
          status: () => rt.status(),
          clientTls: options.clientTls ?? (() => null),
          version: options.version,
        }),
      dashboard: options.dashboard,
      health: options.health,
    };
    rt.signal().addEventListener("abort", () => sessions.disposeAll(), { once: true });

    app.get(
      "/ui",
      guard(() => new Response(null, { status: 302, headers: { location: "/ui/requests" } })),
    );
    app.get(
      "/ui/",
      guard(() => new Response(null, { status: 302, headers: { location: "/ui/requests" } })),
    );
    for (const [segment, { page, title }] of Object.entries(PAGES)) {
      app.get(
        `/ui/${segment}`,
        guard(() => (factories[page] ? pageResponse(page, title) : notFound())),
      );
      app.get(
        `/ui/api/${page}/events`,
        guard((event: H3Event) => {
          const factory = factories[page];
          return factory ? sessions.open(event, factory) : notFound();
        }),
      );
      app.post(
        `/ui/api/${page}/messages`,
        guard((event: H3Event) => sessions.receive(event)),
      );
    }
    app.get(
      "/ui/assets/:file",
      guard(async (event: H3Event) => {
        const file = event.context.params?.file ?? "";
        const ext = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(js|css|map)$/.exec(file)?.[1]; // a bare name: no traversal
        if (!ext) return notFound();
        try {
          const body = await fsp.readFile(join(options.assetsDir, file));
          return new Response(body, {
            headers: {
              "content-type": ASSET_TYPES[ext]!,
              "cache-control": "no-cache",
              "x-content-type-options": "nosniff",
            },
          });
        } catch {
          return notFound();
        }
      }),
    );
  };
}

function pageResponse(page: PageName, title: string): Response {
  const nonce = createNonce();
  const o = {
    page,
    title,
    cspSource: "'self'",
    connectSrc: "'self'",
    nonce,
    scriptUri: `/ui/assets/${page}.js`,
    styleUri: "/ui/assets/styles.css",
    bodyClass: "mg-browser",
    data: { endpoint: `/ui/api/${page}` },
  };
  return new Response(renderPageHtml(o), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": `${contentSecurityPolicy(o)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
}

function notFound(): Response {
  return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}
