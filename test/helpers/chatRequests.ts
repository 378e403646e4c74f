// Generated Chat Completions request bodies covering the serializer's shapes: text, n > 1,
// logprobs, tools, JSON modes, stop sequences, max_tokens cuts, streams with and without usage.
// Seeded, so a failing case can be replayed by its index.

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROMPTS = [
  "Hello",
  "Write a Python function that reverses a string.",
  "Explain TCP slow start in one sentence.",
  'Say "quoted" text, a tab\there and a newline\nplease.',
  "Unicode: é, 日本語, emoji 😀 and </script>",
  "List three colours as JSON.",
  "What is the weather in Paris?",
];
const TOOLS = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Weather for a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
];

export function generatedRequest(i: number): Record<string, unknown> {
  const r = prng(i * 7919 + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const body: Record<string, unknown> = {
    model: pick(["gpt-4o-mini", "gpt-4o-mini-2024-07-18"]),
    messages: [
      ...(r() < 0.3
        ? [{ role: "system", content: pick(["Be concise.", "Talk like a pirate.", "Reply in JSON."]) }]
        : []),
      { role: "user", content: pick(PROMPTS) },
    ],
  };
  if (r() < 0.5) body.temperature = pick([0, 0.7, 1.2]);
  if (r() < 0.3) body.seed = Math.floor(r() * 1000);
  if (r() < 0.25) body.n = pick([2, 3]);
  if (r() < 0.25) body.max_tokens = pick([1, 5, 20]);
  if (r() < 0.2) body.stop = pick([["."], ["\n", "the"], "e"]);
  if (r() < 0.15) {
    body.logprobs = true;
    body.top_logprobs = pick([0, 2, 5]);
  }
  if (r() < 0.2) {
    body.tools = TOOLS;
    if (r() < 0.5) body.tool_choice = pick(["required", { type: "function", function: { name: "get_weather" } }]);
  }
  if (r() < 0.15 && !body.tools) body.response_format = { type: "json_object" };
  if (r() < 0.4) {
    body.stream = true;
    if (r() < 0.5) body.stream_options = { include_usage: true };
  }
  return body;
}
