// The answers both reference servers send. The bench captures them from mock-gpt itself before loading
// (MOCK_GPT_BENCH_FIXTURES, a JSON file), so every target writes the same bytes; these are the fallback.
import { readFileSync } from "node:fs";

const fallbackCompletion = JSON.stringify({
  id: "chatcmpl-bench0000000000000000000000001",
  object: "chat.completion",
  created: 1735689600,
  model: "gpt-4o-mini-2024-07-18",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "Hello! How can I help you today?", refusal: null },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 24,
    completion_tokens: 9,
    total_tokens: 33,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  },
  service_tier: "default",
  system_fingerprint: "fp_bench0001",
});

const err = (message, param, code) =>
  JSON.stringify({ error: { message, type: "invalid_request_error", param, code } });

/** { completion, events, badRequest, notFound }: events are stream payloads (after `data: `), [DONE] included. */
export function loadFixtures() {
  const file = process.env.MOCK_GPT_BENCH_FIXTURES;
  const captured = file ? JSON.parse(readFileSync(file, "utf8")) : {};
  return {
    completion: captured.completion ?? fallbackCompletion,
    events: captured.events ?? [fallbackCompletion, "[DONE]"],
    badRequest:
      captured.badRequest ?? err("Missing required parameter: 'messages'.", "messages", "missing_required_parameter"),
    notFound: captured.notFound ?? err("Invalid URL (GET /v1/nope)", null, null),
  };
}

/** The stream's total duration, spread over its events like mock-gpt does (for the open-streams test). */
export const streamDelayMs = () => Number(process.env.MOCK_GPT_RESPONSES_DEFAULT_DELAY_MS ?? 0);

/** Same decision as the mock: 400 without a messages array, a stream when asked. */
export function classify(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return "bad";
  }
  if (!body || !Array.isArray(body.messages)) return "bad";
  return body.stream === true ? "stream" : "json";
}
