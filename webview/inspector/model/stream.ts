// Reassembles a streamed chat completion, or a Responses API event stream, from its SSE payloads:
// the text the client would show and the tool-call arguments it would accumulate.
import type { StreamChunk } from "../../../src/shared/requestLog";

export interface ReassembledToolCall {
  index: number;
  id: string | null;
  name: string | null;
  arguments: string;
}

export interface ReassembledStream {
  text: string;
  toolCalls: ReassembledToolCall[];
  /** Chat: the last finish_reason. Responses: the final status (completed, incomplete, failed). */
  finishReason: string | null;
  /** True when the stream's end arrived: "[DONE]" (chat) or response.completed/.incomplete/.failed. */
  done: boolean;
  /** Which API's stream this is, from its payloads. */
  api: "chat" | "responses";
  /** Payloads that were not JSON (other than [DONE]). */
  invalid: number;
}

interface ChunkPayload {
  /** Responses API events carry their name. */
  type?: string;
  output_index?: number;
  delta?: string;
  item?: { type?: string; call_id?: string; name?: string };
  response?: { status?: string };
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
}

export function reassembleStream(chunks: readonly StreamChunk[]): ReassembledStream {
  const out: ReassembledStream = { text: "", toolCalls: [], finishReason: null, done: false, api: "chat", invalid: 0 };
  const calls = new Map<number, ReassembledToolCall>();
  for (const { data } of chunks) {
    if (data.trim() === "[DONE]") {
      out.done = true;
      continue;
    }
    let payload: ChunkPayload;
    try {
      payload = JSON.parse(data) as ChunkPayload;
    } catch {
      out.invalid++;
      continue;
    }
    if (typeof payload.type === "string") {
      out.api = "responses";
      responsesEvent(payload, out, calls);
      continue;
    }
    const choice = payload.choices?.[0];
    if (!choice) continue;
    if (typeof choice.delta?.content === "string") out.text += choice.delta.content;
    for (const tc of choice.delta?.tool_calls ?? []) {
      const index = tc.index ?? 0;
      let call = calls.get(index);
      if (!call) calls.set(index, (call = { index, id: null, name: null, arguments: "" }));
      if (tc.id) call.id = tc.id;
      if (tc.function?.name) call.name = tc.function.name;
      if (typeof tc.function?.arguments === "string") call.arguments += tc.function.arguments;
    }
    if (choice.finish_reason) out.finishReason = choice.finish_reason;
  }
  out.toolCalls = [...calls.values()].sort((a, b) => a.index - b.index);
  return out;
}

const TERMINAL = new Set(["response.completed", "response.incomplete", "response.failed"]);

/** One Responses API event: text deltas, function calls by output_index, the final status. */
function responsesEvent(p: ChunkPayload, out: ReassembledStream, calls: Map<number, ReassembledToolCall>): void {
  const index = p.output_index ?? 0;
  if (p.type === "response.output_text.delta" && typeof p.delta === "string") out.text += p.delta;
  else if (p.type === "response.output_item.added" && p.item?.type === "function_call")
    calls.set(index, { index, id: p.item.call_id ?? null, name: p.item.name ?? null, arguments: "" });
  else if (p.type === "response.function_call_arguments.delta" && typeof p.delta === "string") {
    const call = calls.get(index);
    if (call) call.arguments += p.delta;
  } else if (p.type && TERMINAL.has(p.type)) {
    out.done = true;
    out.finishReason = p.response?.status ?? null;
  } else if (p.type === "error") out.done = true;
}

/** Pretty JSON when the text parses, the text unchanged otherwise. Output is for textContent only. */
export function prettyJson(text: string): string {
  if (!text.trim()) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
