// Reassembles a streamed chat completion from its SSE payloads: the text the client would show
// and the tool-call arguments it would accumulate.
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
  finishReason: string | null;
  /** True when "[DONE]" arrived. */
  done: boolean;
  /** Payloads that were not JSON (other than [DONE]). */
  invalid: number;
}

interface ChunkPayload {
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
}

export function reassembleStream(chunks: readonly StreamChunk[]): ReassembledStream {
  const out: ReassembledStream = { text: "", toolCalls: [], finishReason: null, done: false, invalid: 0 };
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

/** Pretty JSON when the text parses, the text unchanged otherwise. Output is for textContent only. */
export function prettyJson(text: string): string {
  if (!text.trim()) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
