// One line per SSE payload for the compact stream timeline (like DevTools' EventStream view):
// what kind of event it is and the text it adds. The raw JSON stays in the chunk, shown on demand.
import type { StreamChunk } from "../../../src/shared/requestLog";

export type StreamEventTone = "normal" | "end" | "error";

export interface StreamEventLine {
  /** Milliseconds since the response started. */
  offsetMs: number;
  /** "chunk", "[DONE]", a Responses event name without its "response." prefix, or "error". */
  type: string;
  /** The delta text, or a short note (role, tool call, finish reason, usage, error message). */
  text: string;
  tone: StreamEventTone;
}

interface Payload {
  type?: string;
  delta?: unknown;
  item?: { type?: string; name?: string };
  response?: { status?: string };
  message?: string;
  error?: { message?: string; code?: string } | null;
  usage?: { total_tokens?: number } | null;
  choices?: Array<{
    delta?: {
      role?: string;
      content?: string | null;
      refusal?: string | null;
      tool_calls?: Array<{ index?: number; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
}

/** Newlines shown as ↵ so each event stays on one row. */
const oneLine = (s: string) => s.replace(/\r?\n/g, "↵");

export function describeStreamEvent(chunk: StreamChunk): StreamEventLine {
  const offsetMs = Math.round(chunk.t);
  const data = chunk.data.trim();
  if (data === "[DONE]") return { offsetMs, type: "[DONE]", text: "", tone: "end" };
  let p: Payload;
  try {
    p = JSON.parse(data) as Payload;
  } catch {
    return { offsetMs, type: "text", text: oneLine(data), tone: "normal" };
  }
  if (!p || typeof p !== "object") return { offsetMs, type: "text", text: oneLine(data), tone: "normal" };
  if (typeof p.type === "string") return responsesLine(offsetMs, p);
  if (p.error) return { offsetMs, type: "error", text: oneLine(p.error.message ?? p.error.code ?? ""), tone: "error" };
  return { offsetMs, type: "chunk", text: oneLine(chatText(p)), tone: "normal" };
}

function chatText(p: Payload): string {
  const c = p.choices?.[0];
  const parts: string[] = [];
  if (c?.delta?.role && !c.delta.content) parts.push(`role: ${c.delta.role}`);
  if (typeof c?.delta?.content === "string" && c.delta.content) parts.push(c.delta.content);
  if (typeof c?.delta?.refusal === "string") parts.push(`refusal: ${c.delta.refusal}`);
  for (const tc of c?.delta?.tool_calls ?? []) {
    const name = tc.function?.name ? `${tc.function.name} ` : "";
    parts.push(`tool ${tc.index ?? 0}: ${name}${tc.function?.arguments ?? ""}`);
  }
  if (c?.finish_reason) parts.push(`finish_reason: ${c.finish_reason}`);
  if (!c && p.usage) parts.push(`usage: ${p.usage.total_tokens ?? "?"} tokens`);
  return parts.join(" · ");
}

const TERMINAL = new Set(["response.completed", "response.incomplete", "response.failed"]);

function responsesLine(offsetMs: number, p: Payload): StreamEventLine {
  const type = p.type!.replace(/^response\./, "");
  if (p.type === "error" || p.type === "response.failed") {
    const message = p.message ?? p.error?.message ?? p.response?.status ?? "";
    return { offsetMs, type, text: oneLine(message), tone: "error" };
  }
  if (TERMINAL.has(p.type!)) return { offsetMs, type, text: `status: ${p.response?.status ?? "?"}`, tone: "end" };
  if (typeof p.delta === "string") return { offsetMs, type, text: oneLine(p.delta), tone: "normal" };
  if (p.item?.type)
    return { offsetMs, type, text: `${p.item.type}${p.item.name ? ` ${p.item.name}` : ""}`, tone: "normal" };
  return { offsetMs, type, text: "", tone: "normal" };
}
