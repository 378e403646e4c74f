// What every target is loaded with. The example is the README's request: default temperature (so the
// mock samples a full answer), no max_tokens. Each entry names the status the target must answer.
const EXAMPLE = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello!" }] };
const CHAT = "/v1/chat/completions";
// The example repeats one body, which the mock answers from a pool of variants per body (responder/memo.ts).
// "varied" asks a different question every time (the client numbers each one), so no pool can serve it:
// its figures are what generating an answer costs, as varied real traffic pays.
const QUESTIONS = [
  "Hello!",
  "What is mutual TLS?",
  "Write a haiku about the sea.",
  "How do I sort a list in Python?",
  "Summarize the plot of Hamlet in two sentences.",
  "Give me three names for a cat.",
];
const MARK = "@@question@@";
const [VARIED_HEAD, VARIED_TAIL] = JSON.stringify({ ...EXAMPLE, messages: [{ role: "user", content: MARK }] }).split(
  MARK,
);

export const SCENARIOS = [
  { name: "example", method: "POST", path: CHAT, body: JSON.stringify(EXAMPLE), status: 200 },
  { name: "temp0", method: "POST", path: CHAT, body: JSON.stringify({ ...EXAMPLE, temperature: 0 }), status: 200 },
  { name: "stream", method: "POST", path: CHAT, body: JSON.stringify({ ...EXAMPLE, stream: true }), status: 200 },
  // A request the API refuses: 'messages' missing.
  { name: "400", method: "POST", path: CHAT, body: JSON.stringify({ model: "gpt-4o-mini" }), status: 400 },
  { name: "404", method: "GET", path: "/v1/nope", body: null, status: 404 },
  {
    name: "varied",
    method: "POST",
    path: CHAT,
    body: variedBody(0),
    varied: { head: VARIED_HEAD, tail: VARIED_TAIL, questions: QUESTIONS },
    status: 200,
  },
];

/** The varied scenario's n-th body: a question, numbered (wrk.mjs writes the same in Lua). */
export function variedBody(n) {
  return VARIED_HEAD + `${QUESTIONS[n % QUESTIONS.length]} (${n})` + VARIED_TAIL;
}

export const HEADERS = {
  "content-type": "application/json",
  authorization: "Bearer sk-bench",
  "user-agent": "mock-gpt-bench",
};
