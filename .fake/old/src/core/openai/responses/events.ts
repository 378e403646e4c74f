/**
 * The Responses API's streaming events for a finished response, in the documented order, each
 * with its `sequence_number`. The SDKs rebuild the response from them (openai-node's
 * ResponseAccumulator), so every index and snapshot must line up with the final object.
 */
import type { OutputPieces } from "./build";
import type { OutputItem, OutputText, ResponseObject } from "./types";

export interface StreamEvent {
  /** The `event:` name, equal to the payload's `type`. */
  type: string;
  /** The JSON payload (`data:`), serialized. */
  data: string;
}

class Sequence {
  readonly events: StreamEvent[] = [];
  add(type: string, fields: Record<string, unknown>): void {
    // `type` first and `sequence_number` last, as the real service orders them.
    this.events.push({
      type,
      data: JSON.stringify({ type, ...fields, sequence_number: this.events.length }),
    });
  }
}

const emptyText = (): OutputText => ({ type: "output_text", text: "", annotations: [], logprobs: [] });

function itemEvents(seq: Sequence, item: OutputItem, index: number, pieces: string[]): void {
  if (item.type === "message") {
    seq.add("response.output_item.added", {
      output_index: index,
      item: { ...item, status: "in_progress", content: [] },
    });
    item.content.forEach((part, c) => {
      const at = { item_id: item.id, output_index: index, content_index: c };
      seq.add("response.content_part.added", { ...at, part: emptyText() });
      for (const delta of pieces) seq.add("response.output_text.delta", { ...at, delta, logprobs: [] });
      seq.add("response.output_text.done", { ...at, text: part.text, logprobs: [] });
      seq.add("response.content_part.done", { ...at, part });
    });
  } else {
    seq.add("response.output_item.added", {
      output_index: index,
      item: { ...item, status: "in_progress", arguments: "" },
    });
    const at = { item_id: item.id, output_index: index };
    for (const delta of pieces) seq.add("response.function_call_arguments.delta", { ...at, delta });
    seq.add("response.function_call_arguments.done", { ...at, name: item.name, arguments: item.arguments });
  }
  seq.add("response.output_item.done", { output_index: index, item });
}

/** The in-progress snapshot `response.created` and `response.in_progress` carry. */
export function inProgress(final: ResponseObject): ResponseObject {
  const { usage: _usage, ...rest } = final;
  return { ...rest, status: "in_progress", completed_at: null, incomplete_details: null, error: null, output: [] };
}

/** Every event of the stream for `final`; the last one is response.completed (or .incomplete / .failed). */
export function responseEvents(final: ResponseObject, pieces: OutputPieces): StreamEvent[] {
  const seq = new Sequence();
  const start = inProgress(final);
  seq.add("response.created", { response: start });
  seq.add("response.in_progress", { response: start });
  final.output.forEach((item, i) => itemEvents(seq, item, i, pieces[i] ?? []));
  const end =
    final.status === "incomplete"
      ? "response.incomplete"
      : final.status === "failed"
        ? "response.failed"
        : "response.completed";
  seq.add(end, { response: final });
  return seq.events;
}

/** The event that ends a stream cut short by a fault after `sent` events. */
export function failureEvent(sent: number, failed: ResponseObject): StreamEvent {
  return {
    type: "response.failed",
    data: JSON.stringify({ type: "response.failed", response: failed, sequence_number: sent }),
  };
}

/** The `error` event (an injected error-event fault): OpenAI's ResponseErrorEvent, then the stream ends. */
export function errorEvent(
  sent: number,
  error: { code: string | null; message: string; param: string | null },
): StreamEvent {
  return {
    type: "error",
    data: JSON.stringify({
      type: "error",
      code: error.code,
      message: error.message,
      param: error.param,
      sequence_number: sent,
    }),
  };
}
