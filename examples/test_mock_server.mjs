#!/usr/bin/env node
// The official OpenAI Node SDK against a running Mock GPT server, over mutual TLS.
//   npm install openai undici      (already there in this repository)
//   node examples/test_mock_server.mjs
//   MOCK_GPT_URL=https://localhost:9443 MOCK_GPT_CERTS=/path/to/certs node examples/test_mock_server.mjs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { Agent } from "undici";

const baseUrl = (process.env.MOCK_GPT_URL ?? "https://localhost:8443").replace(/\/$/, "");
const certs = process.env.MOCK_GPT_CERTS ?? "certs";
const read = (name) => readFileSync(join(certs, name), "utf8");

// The client certificate goes in the TLS handshake: an undici Agent as the SDK's dispatcher.
const dispatcher = new Agent({ connect: { ca: read("ca.crt"), cert: read("client.crt"), key: read("client.key") } });
const openai = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: "sk-mock", fetchOptions: { dispatcher }, maxRetries: 0 });

let failed = 0;
const check = (name, ok, detail = "") => {
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${detail ? "  - " + detail : ""}`);
  if (!ok) failed++;
};

try {
  const models = await openai.models.list();
  check(
    "models.list() includes gpt-4o-mini",
    models.data.some((m) => m.id === "gpt-4o-mini"),
  );

  const chat = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Say hello in five words." }],
  });
  check(
    "chat.completions.create() answers",
    Boolean(chat.choices[0]?.message.content),
    chat.choices[0]?.message.content?.slice(0, 50),
  );

  const stream = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Count to five." }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let usage = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? "";
    usage = chunk.usage ?? usage;
  }
  check("a stream assembles text and reports usage", text.length > 0 && usage?.total_tokens > 0, text.slice(0, 50));

  try {
    await openai.chat.completions.create({ model: "gpt-unknown", messages: [{ role: "user", content: "hi" }] });
    check("an unknown model raises an APIError", false, "no error");
  } catch (e) {
    check(
      "an unknown model raises an APIError",
      e instanceof OpenAI.APIError && e.code === "model_not_found",
      `${e.status} ${e.code}`,
    );
  }
} catch (e) {
  check("no unexpected error", false, String(e?.stack ?? e));
} finally {
  await dispatcher.close();
}
console.log(`\n${failed ? `${failed} check(s) failed` : "all checks passed"} against ${baseUrl}`);
process.exit(failed ? 1 : 0);
