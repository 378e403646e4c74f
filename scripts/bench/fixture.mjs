// The fixed answer both reference servers send: a short but complete chat.completion.
export const completion = JSON.stringify({
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
