// VS Code renders `[label](command:…)` (and https:, file:) in notification messages as clickable
// links (since 1.34; the pattern lives in vs/base/common/linkedText). Text that came from a request
// must never become one: a hostile path could otherwise offer a click that runs a command.

/** A request path for a notification: `[`, `]`, `(` and `)` percent-encoded, the same URL to a server. */
export function notificationPath(path: string): string {
  return path.replace(/[[\]()]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Any text for a notification, with no `[label](target)` link left: a zero-width space between
 * `]` and `(` breaks the pattern and reads the same.
 */
export function noNotificationLinks(text: string): string {
  return text.replace(/\]\s*\(/g, (m) => m.slice(0, 1) + "\u200b" + m.slice(1));
}
