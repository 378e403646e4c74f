// What the inspector page remembers across hide/reload (through the transport's state): filter,
// selection, open entry, tab and scroll.
import { EMPTY_FILTER, type InspectorFilter } from "../../src/shared/pages/inspector/filter";
import type { HostTransport } from "../transport";
import type { DetailTab } from "./detail/detailView";

export interface InspectorState {
  filter: InspectorFilter;
  selectedId: string | null;
  openId: string | null;
  tab: DetailTab | null;
  scrollTop: number;
}

export function loadState(host: Pick<HostTransport<never, never>, "getState">): InspectorState {
  const saved = host.getState<InspectorState>();
  return {
    filter: { ...EMPTY_FILTER, ...saved?.filter },
    selectedId: saved?.selectedId ?? null,
    openId: saved?.openId ?? null,
    tab: saved?.tab ?? null,
    scrollTop: saved?.scrollTop ?? 0,
  };
}
