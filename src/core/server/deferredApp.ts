import type { H3 } from "h3";

/**
 * An h3 app built on first use, so a start can open its listener before the routes exist (their
 * registration is ~5 ms of a ~160 ms start). warm() builds it in the next turn of the event loop,
 * after the caller has reported the listener and well before a first request's TLS handshake can
 * finish; a request that still comes first builds it itself.
 */
export function deferredApp(build: () => H3): { app: H3; warm(): void } {
  let built: H3 | undefined;
  const get = () => (built ??= build());
  // h3 binds fetch to its app; nodeListener reads it once, so this is one more call per request.
  const fetch = (request: Request) => get().fetch(request);
  return {
    app: { fetch } as unknown as H3,
    warm: () => {
      // A build that throws here throws again, the same way, in the first request.
      setImmediate(() => {
        try {
          get();
        } catch {
          // nothing to do before a request
        }
      }).unref();
    },
  };
}
