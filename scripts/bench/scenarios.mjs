// What every target is loaded with. The example is the README's request: default temperature (so the
// mock samples a full answer), no max_tokens. Each entry names the status the target must answer.
const EXAMPLE = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello!" }] };
const CHAT = "/v1/chat/completions";

export const SCENARIOS = [
  { name: "example", method: "POST", path: CHAT, body: JSON.stringify(EXAMPLE), status: 200 },
  { name: "temp0", method: "POST", path: CHAT, body: JSON.stringify({ ...EXAMPLE, temperature: 0 }), status: 200 },
  { name: "stream", method: "POST", path: CHAT, body: JSON.stringify({ ...EXAMPLE, stream: true }), status: 200 },
  // A request the API refuses: 'messages' missing.
  { name: "400", method: "POST", path: CHAT, body: JSON.stringify({ model: "gpt-4o-mini" }), status: 400 },
  { name: "404", method: "GET", path: "/v1/nope", body: null, status: 404 },
];

export const HEADERS = {
  "content-type": "application/json",
  authorization: "Bearer sk-bench",
  "user-agent": "mock-gpt-bench",
};
