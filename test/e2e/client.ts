// The official SDK against the extension's server, as every e2e test talks to it: over mTLS with
// the client certificate the extension wrote, without retries, and always closed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import { Agent } from "undici";

export interface ClientTlsFiles {
  ca: string;
  cert: string;
  key: string;
}

/** Waits for the extension to write the workspace's client certificate set, then reads it. */
export async function waitForWorkspaceCerts(workspace: string, timeoutMs = 15_000): Promise<ClientTlsFiles> {
  const dir = join(workspace, "certs");
  const files = ["ca.crt", "client.crt", "client.key"].map((f) => join(dir, f));
  const deadline = Date.now() + timeoutMs;
  while (!files.every((f) => existsSync(f))) {
    if (Date.now() > deadline) throw new Error(`certificates not written to ${dir} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const [ca, cert, key] = files.map((f) => readFileSync(f, "utf8")) as [string, string, string];
  return { ca, cert, key };
}

/**
 * Runs `body` with the SDK pointed at 127.0.0.1:`port` over mTLS (no retries: tests expect errors
 * once), and closes the connection pool however `body` ends.
 */
export async function withClient<T>(
  port: number,
  tls: ClientTlsFiles,
  body: (client: OpenAI) => Promise<T>,
): Promise<T> {
  const agent = new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key } });
  const client = new OpenAI({
    baseURL: `https://127.0.0.1:${port}/v1`,
    apiKey: "test",
    maxRetries: 0,
    timeout: 60_000, // the "slow" built-in answers in 5–30 s
    fetchOptions: { dispatcher: agent },
  });
  try {
    return await body(client);
  } finally {
    await agent.close();
  }
}

/** Reads a chat completion stream to its end: the text, how many chunks carried a choice, and the finish reason. */
export async function readChatStream(
  stream: AsyncIterable<OpenAI.ChatCompletionChunk>,
): Promise<{ text: string; chunks: number; finishReason: string | null }> {
  let text = "";
  let chunks = 0;
  let finishReason: string | null = null;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    chunks++;
    text += choice.delta?.content ?? "";
    finishReason = choice.finish_reason ?? finishReason;
  }
  return { text, chunks, finishReason };
}
