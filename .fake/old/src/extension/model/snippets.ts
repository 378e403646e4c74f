/** What a client needs to reach this workspace's mock over mutual TLS. */
export interface ClientTarget {
  /** e.g. https://127.0.0.1:8443 (no /v1). */
  url: string;
  caPath: string;
  certPath: string;
  keyPath: string;
}

export type SnippetKind = "curl" | "node" | "node-responses" | "python";

export const SNIPPET_KINDS: ReadonlyArray<{ kind: SnippetKind; label: string; description: string }> = [
  { kind: "curl", label: "curl", description: "chat completion from a shell" },
  { kind: "node", label: "Node.js (openai SDK)", description: "undici Agent with the client certificate" },
  {
    kind: "node-responses",
    label: "Node.js Responses API (openai SDK)",
    description: "responses.create and responses.stream over mTLS",
  },
  { kind: "python", label: "Python (openai SDK)", description: "ssl.SSLContext passed to httpx" },
];

const MODEL = "gpt-4o-mini";

/** A wildcard bind address is not a name the server certificate covers; clients dial loopback. */
export function clientUrl(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `https://${h.includes(":") ? `[${h}]` : h}:${port}`;
}

export function buildSnippet(kind: SnippetKind, t: ClientTarget): string {
  const base = `${t.url.replace(/\/+$/, "")}/v1`;
  if (kind === "curl") {
    const body = JSON.stringify({ model: MODEL, messages: [{ role: "user", content: "Hello" }] });
    return [
      `curl ${shellQuote(`${base}/chat/completions`)} \\`,
      `  --cacert ${shellQuote(t.caPath)} \\`,
      `  --cert ${shellQuote(t.certPath)} \\`,
      `  --key ${shellQuote(t.keyPath)} \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -H 'Authorization: Bearer sk-mock' \\`,
      `  -d ${shellQuote(body)}`,
      "",
    ].join("\n");
  }
  // JSON string literals are valid JS and Python string literals (paths with backslashes included).
  const q = JSON.stringify;
  if (kind === "node" || kind === "node-responses") {
    return `// npm install openai undici
import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { Agent } from "undici";

// Mutual TLS: trust the mock's CA and present the client certificate.
const dispatcher = new Agent({
  connect: {
    ca: readFileSync(${q(t.caPath)}),
    cert: readFileSync(${q(t.certPath)}),
    key: readFileSync(${q(t.keyPath)}),
  },
});

const client = new OpenAI({ baseURL: ${q(base)}, apiKey: "sk-mock", fetchOptions: { dispatcher } });
${kind === "node-responses" ? responsesExample(q(MODEL)) : chatExample(q(MODEL))}`;
  }
  return `# pip install openai
import ssl

from openai import DefaultHttpxClient, OpenAI

# Mutual TLS: trust the mock's CA and present the client certificate.
ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
ctx.load_verify_locations(cafile=${q(t.caPath)})
ctx.load_cert_chain(certfile=${q(t.certPath)}, keyfile=${q(t.keyPath)})

client = OpenAI(base_url=${q(base)}, api_key="sk-mock", http_client=DefaultHttpxClient(verify=ctx))

completion = client.chat.completions.create(
    model=${q(MODEL)},
    messages=[{"role": "user", "content": "Hello"}],
)
print(completion.choices[0].message.content)
`;
}

const chatExample = (model: string) => `
const completion = await client.chat.completions.create({
  model: ${model},
  messages: [{ role: "user", content: "Hello" }],
});
console.log(completion.choices[0].message.content);
`;

// The Responses API: one call, then a stream continuing the stored conversation.
const responsesExample = (model: string) => `
const response = await client.responses.create({ model: ${model}, input: "Hello" });
console.log(response.output_text);

const stream = client.responses.stream({
  model: ${model},
  previous_response_id: response.id,
  input: "Tell me more.",
});
for await (const event of stream) {
  if (event.type === "response.output_text.delta") process.stdout.write(event.delta);
}
console.log("\\n", (await stream.finalResponse()).usage);
`;

/** POSIX single-quoting. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
