/**
 * A duration in OpenAI's x-ratelimit-reset-* format, which is Go's time.Duration.String():
 * "0s", "20ms", "1s", "8.64s", "6m0s", "1h2m3.5s". Rounded up to whole milliseconds, so a
 * client that waits the time shown never arrives early.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0s";
  const total = Math.ceil(ms - 1e-9);
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const millis = total % 60_000;
  const whole = Math.floor(millis / 1000);
  const frac = millis % 1000;
  const seconds = frac ? whole + fraction(frac) : String(whole);
  if (hours) return `${hours}h${minutes}m${seconds}s`;
  if (minutes) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/**
 * Milliseconds 1-999 as a decimal fraction of a second without trailing zeros, as Go prints them
 * (".5", ".05", ".125"). Arithmetic, not padStart and a RegExp: every response's reset headers
 * format one while a bucket refills.
 */
function fraction(frac: number): string {
  if (frac % 100 === 0) return "." + frac / 100;
  if (frac % 10 === 0) return (frac < 100 ? ".0" : ".") + frac / 10;
  return (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
}

/** Parses what formatDuration writes (and Go's µs/ns units), in ms; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|µs|us|ns)/gy;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, µs: 1e-3, us: 1e-3, ns: 1e-6 };
  let ms = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text)) !== null) {
    ms += Number(m[1]) * unit[m[2]!]!;
    end = re.lastIndex;
  }
  return end > 0 && end === text.length ? ms : null;
}
