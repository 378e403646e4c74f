// The browser transport for the server's /ui pages: host messages arrive over SSE
// (GET {endpoint}/events), page messages go out as JSON POSTs to {endpoint}/messages?session=….
// The first SSE event opens a session; messages posted before it are queued. EventSource reconnects
// by itself (server restart): the new session gets the page's "ready" again, hence a fresh snapshot.
import { browserState } from "./browserState";
import type { HostTransport, Message, SessionOpenMessage } from "./types";

export interface HttpTransportOptions {
  /** e.g. "/ui/api/inspector" */
  endpoint: string;
  /** Key for the saved UI state. */
  stateKey: string;
}

export function createHttpTransport<In extends Message, Out extends Message>(
  o: HttpTransportOptions,
): HostTransport<In, Out> {
  const handlers = new Set<(m: In) => void>();
  const state = browserState(o.stateKey);
  let session: string | null = null;
  let queue: Out[] = [];
  let ready: Out | null = null;

  const send = (m: Out) => {
    void fetch(`${o.endpoint}/messages?session=${encodeURIComponent(session!)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(m),
    }).catch(() => undefined); // the SSE reconnect resends "ready"; nothing else needs retrying
  };

  const source = new EventSource(`${o.endpoint}/events`);
  source.addEventListener("message", (ev) => {
    let m: Message;
    try {
      m = JSON.parse(String(ev.data)) as Message;
    } catch {
      return;
    }
    if (m.type === "session/open") {
      const reconnect = session !== null;
      session = (m as SessionOpenMessage).session;
      if (reconnect && ready) send(ready);
      const pending = queue;
      queue = [];
      pending.forEach(send);
      return;
    }
    for (const h of handlers) h(m as In);
  });

  return {
    environment: "browser",
    post(m) {
      if (m.type === "ready") ready = m;
      if (session === null) queue.push(m);
      else send(m);
    },
    onMessage(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    getState: <S>() => state.get<S>(),
    setState: (s) => state.set(s),
  };
}
