/** Builds the `response` object from what the responder generated. */
import type { ChoiceOut } from "../../responder/types";
import { functionCallItemId, messageItemId } from "./ids";
import type { ResponsesRequest } from "./request";
import type { OutputItem, ResponseObject, ResponseUsage } from "./types";

/** Streamed fragments of each output item, index for index (text tokens, or argument pieces). */
export type OutputPieces = string[][];

export interface BuiltResponse {
  response: ResponseObject;
  pieces: OutputPieces;
}

export interface BuildContext {
  id: string;
  createdAt: number;
  /** The model as the response reports it (the snapshot for aliases). */
  model: string;
  request: ResponsesRequest;
  /** Effective temperature (the config's default when the request set none). */
  temperature: number;
}

export function usageOf(inputTokens: number, outputTokens: number): ResponseUsage {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
}

/** The response's fields that do not depend on the output: what `response.created` carries. */
export function responseShell(ctx: BuildContext): ResponseObject {
  const r = ctx.request;
  return {
    id: ctx.id,
    object: "response",
    created_at: ctx.createdAt,
    status: "in_progress",
    completed_at: null,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: r.instructions,
    max_output_tokens: r.maxOutputTokens,
    max_tool_calls: null,
    model: ctx.model,
    output: [],
    parallel_tool_calls: r.parallelToolCalls,
    previous_response_id: r.previousResponseId,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: r.store,
    temperature: ctx.temperature,
    text: { format: r.textFormat, verbosity: "medium" },
    tool_choice: r.toolChoice,
    tools: r.tools,
    top_logprobs: 0,
    top_p: r.top_p ?? 1,
    truncation: r.truncation,
    ...(r.user !== null ? { user: r.user } : {}),
    metadata: r.metadata,
  };
}

/**
 * A finished response. Text that ran out of max_output_tokens makes it `incomplete` (reason
 * max_output_tokens), as the real API reports it; tool calls become one function_call item each.
 */
export function buildResponse(ctx: BuildContext, choice: ChoiceOut, inputTokens: number): BuiltResponse {
  const cut = choice.finishReason === "length";
  const itemStatus = cut ? "incomplete" : "completed";
  const output: OutputItem[] = [];
  const pieces: OutputPieces = [];
  if (choice.content !== null || !choice.toolCalls.length) {
    output.push({
      id: messageItemId(),
      type: "message",
      status: itemStatus,
      role: "assistant",
      content: [{ type: "output_text", text: choice.content ?? "", annotations: [], logprobs: [] }],
    });
    pieces.push(choice.pieces);
  }
  for (const call of choice.toolCalls) {
    output.push({
      id: functionCallItemId(),
      type: "function_call",
      status: itemStatus,
      call_id: call.id,
      name: call.name,
      arguments: call.arguments,
    });
    pieces.push(call.argumentPieces);
  }
  const now = Math.floor(Date.now() / 1000);
  return {
    response: {
      ...responseShell(ctx),
      status: cut ? "incomplete" : "completed",
      completed_at: cut ? null : now,
      incomplete_details: cut ? { reason: "max_output_tokens" } : null,
      output,
      usage: usageOf(inputTokens, choice.completionTokens),
    },
    pieces,
  };
}

/** A response that failed mid-generation (an injected fault): status failed, with the error. */
export function failedResponse(
  response: ResponseObject,
  error: { code: "server_error" | "rate_limit_exceeded"; message: string },
): ResponseObject {
  const { usage: _usage, ...rest } = response;
  return { ...rest, status: "failed", completed_at: null, incomplete_details: null, output: [], error };
}
