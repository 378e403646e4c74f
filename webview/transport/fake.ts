// A transport for browser tests: the harness page drives it through window.__mockGptFakeHost.
import { browserState } from "./browserState";
import type { HostTransport, Message } from "./types";

export interface FakeHost {
  /** Every message the page posted, in order. */
  sent: Message[];
  /** Delivers a host message to the page, as a real host would. */
  deliver(message: Message): void;
}

declare global {
  interface Window {
    __mockGptFakeHost?: FakeHost;
  }
}

export function createFakeTransport<In extends Message, Out extends Message>(stateKey: string): HostTransport<In, Out> {
  const handlers = new Set<(m: In) => void>();
  const state = browserState(stateKey);
  const host: FakeHost = {
    sent: [],
    deliver: (m) => handlers.forEach((h) => h(m as In)),
  };
  window.__mockGptFakeHost = host;
  return {
    environment: "browser",
    post: (m) => void host.sent.push(m),
    onMessage(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    getState: <S>() => state.get<S>(),
    setState: (s) => state.set(s),
  };
}
