// A fixed-row-height virtual list: only the rows in view (plus a small overscan) exist in the DOM,
// so 10,000 entries cost the same as 50. Keyboard: Up/Down/PageUp/PageDown/Home/End move the
// selection, Enter/Space activate it. The list itself is the single tab stop (aria-activedescendant).
import { el } from "./dom";

export interface VirtualListOptions<T> {
  /** Must match the CSS row height. */
  rowHeight: number;
  label: string;
  key: (item: T) => string;
  /** Fills a row element (reused across scrolls) for one item; set text only. */
  renderRow: (row: HTMLElement, item: T) => void;
  onSelect?: (key: string | null) => void;
  onActivate?: (key: string) => void;
  onScroll?: (scrollTop: number) => void;
  /** Optional header row above the scroller. */
  header?: HTMLElement;
  overscan?: number;
}

export interface VirtualList<T> {
  element: HTMLElement;
  scroller: HTMLElement;
  setItems(items: T[]): void;
  readonly selected: string | null;
  select(key: string | null, reveal?: boolean): void;
  scrollTo(top: number): void;
  /** Re-renders visible rows (items mutated in place). */
  refresh(): void;
}

export function virtualList<T>(o: VirtualListOptions<T>): VirtualList<T> {
  const overscan = o.overscan ?? 8;
  const spacer = el("div", { className: "mg-vlist__spacer" });
  const scroller = el(
    "div",
    { className: "mg-vlist__scroller", attrs: { role: "listbox", tabindex: 0, "aria-label": o.label } },
    spacer,
  );
  const element = el("div", { className: "mg-vlist" }, o.header ?? null, scroller);
  let items: T[] = [];
  let index = new Map<string, number>();
  let selected: string | null = null;
  const rows = new Map<string, HTMLElement>();
  let frame = 0;

  function render(): void {
    frame = 0;
    spacer.style.height = `${items.length * o.rowHeight}px`;
    const first = Math.max(0, Math.floor(scroller.scrollTop / o.rowHeight) - overscan);
    const last = Math.min(
      items.length,
      Math.ceil((scroller.scrollTop + (scroller.clientHeight || 400)) / o.rowHeight) + overscan,
    );
    const keep = new Set<string>();
    for (let i = first; i < last; i++) {
      const item = items[i]!;
      const key = o.key(item);
      keep.add(key);
      let row = rows.get(key);
      if (!row) {
        row = el("div", { className: "mg-vlist__row", attrs: { role: "option", id: rowId(key), "data-key": key } });
        rows.set(key, row);
      }
      spacer.appendChild(row); // (re)appending keeps DOM order = visual order, for assistive tech
      row.style.transform = `translateY(${i * o.rowHeight}px)`;
      row.setAttribute("aria-selected", String(key === selected));
      row.setAttribute("aria-posinset", String(i + 1));
      row.setAttribute("aria-setsize", String(items.length));
      o.renderRow(row, item);
    }
    for (const [key, row] of rows) {
      if (!keep.has(key)) {
        row.remove();
        rows.delete(key);
      }
    }
    if (selected && keep.has(selected)) scroller.setAttribute("aria-activedescendant", rowId(selected));
    else scroller.removeAttribute("aria-activedescendant");
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };

  function reveal(i: number): void {
    const top = i * o.rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + o.rowHeight > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + o.rowHeight - scroller.clientHeight;
  }

  function select(key: string | null, doReveal = false): void {
    selected = key !== null && index.has(key) ? key : null;
    if (selected !== null && doReveal) reveal(index.get(selected)!);
    render();
    o.onSelect?.(selected);
  }

  scroller.addEventListener("scroll", () => {
    schedule();
    o.onScroll?.(scroller.scrollTop);
  });
  scroller.addEventListener("click", (ev) => {
    const row = (ev.target as Element).closest<HTMLElement>(".mg-vlist__row");
    const key = row?.dataset.key;
    if (!key) return;
    select(key);
    o.onActivate?.(key);
  });
  scroller.addEventListener("keydown", (ev) => {
    if (items.length === 0) return;
    const cur = selected !== null ? (index.get(selected) ?? -1) : -1;
    const page = Math.max(1, Math.floor(scroller.clientHeight / o.rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: cur + 1,
      ArrowUp: cur - 1,
      PageDown: cur + page,
      PageUp: cur - page,
      Home: 0,
      End: items.length - 1,
    };
    if (ev.key in moves) {
      ev.preventDefault();
      const next = Math.min(items.length - 1, Math.max(0, moves[ev.key]!));
      select(o.key(items[next]!), true);
    } else if ((ev.key === "Enter" || ev.key === " ") && selected !== null) {
      ev.preventDefault();
      o.onActivate?.(selected);
    }
  });
  new ResizeObserver(schedule).observe(scroller);

  return {
    element,
    scroller,
    setItems(next) {
      items = next;
      index = new Map(items.map((it, i) => [o.key(it), i]));
      if (selected !== null && !index.has(selected)) selected = null;
      render();
    },
    get selected() {
      return selected;
    },
    select,
    scrollTo(top) {
      scroller.scrollTop = top;
      render();
    },
    refresh: render,
  };
}

function rowId(key: string): string {
  return `row-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}
