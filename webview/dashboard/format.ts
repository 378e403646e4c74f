// Number formatting for the dashboard's cards; pure, so the page and tests agree on the text.

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** 0..1 → "97.5 %"; "–" before anything completed. */
export function formatRate(rate: number, completed: number): string {
  return completed === 0 ? "–" : `${(rate * 100).toFixed(1)} %`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "–";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatRps(rps: number): string {
  return rps >= 100 ? String(Math.round(rps)) : rps.toFixed(1);
}

/** "12:03:07" in local time, for chart labels. */
export function formatClock(t: number): string {
  const d = new Date(t);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((v) => String(v).padStart(2, "0")).join(":");
}

/** Status code → the chart colour family it belongs to. */
export function statusClass(code: string): "2xx" | "3xx" | "4xx" | "429" | "5xx" | "other" {
  if (code === "429") return "429";
  const n = Number(code);
  if (n >= 200 && n < 300) return "2xx";
  if (n >= 300 && n < 400) return "3xx";
  if (n >= 400 && n < 500) return "4xx";
  if (n >= 500 && n < 600) return "5xx";
  return "other";
}
