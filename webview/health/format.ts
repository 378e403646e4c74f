// Text for the health page; pure so tests and the page agree.

export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** 93784000 → "1d 2h 3m 4s"; the two largest units only past an hour. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "–";
  let s = Math.floor(ms / 1000);
  const parts: Array<[number, string]> = [];
  for (const [size, unit] of [
    [86400, "d"],
    [3600, "h"],
    [60, "m"],
    [1, "s"],
  ] as const) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n || parts.length) parts.push([n, unit]);
  }
  if (!parts.length) return "0s";
  return parts
    .slice(0, parts.length > 2 && parts[0]![1] !== "m" ? 2 : parts.length)
    .map(([n, u]) => `${n}${u}`)
    .join(" ");
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
