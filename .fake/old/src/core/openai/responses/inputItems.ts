/**
 * Normalizes the `input` of a Responses request (a string, or a list of items in any of the
 * shapes the SDKs send) into stored items with ids, the form GET …/input_items lists.
 */
import { invalidParam } from "../errors";
import { functionCallItemId, functionOutputItemId, messageItemId } from "./ids";
import type { InputItemResource } from "./types";
import { invalidType, invalidValue, isObject, missing } from "../validation";

const ROLES = ["user", "assistant", "system", "developer"];
const TEXT_PARTS = new Set(["input_text", "output_text", "text"]);
const OTHER_PARTS = new Set(["input_image", "input_file", "input_audio", "refusal"]);

/** Looks up an item of a stored response by id (for `item_reference` inputs). */
export type ItemResolver = (id: string) => InputItemResource | undefined;

function contentParts(c: unknown, at: string): Array<Record<string, unknown>> {
  if (typeof c === "string") return [{ type: "input_text", text: c }];
  if (!Array.isArray(c)) throw invalidType(`${at}.content`, "a string or an array of content parts", c);
  return c.map((part, j) => {
    const p = `${at}.content[${j}]`;
    if (!isObject(part) || typeof part.type !== "string") throw invalidType(p, "an object with a 'type'", part);
    if (TEXT_PARTS.has(part.type)) {
      if (typeof part.text !== "string") throw invalidType(`${p}.text`, "a string", part.text);
      return part;
    }
    if (part.type === "refusal" || OTHER_PARTS.has(part.type)) return part;
    throw invalidValue(`${p}.type`, part.type, ["input_text", "input_image", "input_file", "output_text", "refusal"]);
  });
}

const textOf = (parts: Array<Record<string, unknown>>) =>
  parts
    .map((p) => (typeof p.text === "string" ? p.text : typeof p.refusal === "string" ? p.refusal : ""))
    .filter(Boolean)
    .join("\n");

function messageItem(item: Record<string, unknown>, at: string): InputItemResource {
  if (item.role === undefined) throw missing(`${at}.role`);
  if (typeof item.role !== "string" || !ROLES.includes(item.role)) throw invalidValue(`${at}.role`, item.role, ROLES);
  if (item.content === undefined || item.content === null) throw missing(`${at}.content`);
  const parts = contentParts(item.content, at);
  const id = typeof item.id === "string" ? item.id : messageItemId();
  if (item.role === "assistant")
    return {
      id,
      type: "message",
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: textOf(parts), annotations: [], logprobs: [] }],
    };
  const content = parts.map((p) =>
    TEXT_PARTS.has(p.type as string) ? { type: "input_text" as const, text: p.text as string } : p,
  );
  return { id, type: "message", role: item.role as "user" | "system" | "developer", status: "completed", content };
}

function stringField(item: Record<string, unknown>, key: string, at: string): string {
  const v = item[key];
  if (v === undefined || v === null) throw missing(`${at}.${key}`);
  if (typeof v !== "string") throw invalidType(`${at}.${key}`, "a string", v);
  return v;
}

function item(raw: unknown, i: number, resolve: ItemResolver): InputItemResource | null {
  const at = `input[${i}]`;
  if (!isObject(raw)) throw invalidType(at, "an object", raw);
  const type = raw.type ?? (raw.role !== undefined ? "message" : undefined);
  switch (type) {
    case "message":
      return messageItem(raw, at);
    case "function_call":
      return {
        id: typeof raw.id === "string" ? raw.id : functionCallItemId(),
        type: "function_call",
        status: "completed",
        call_id: stringField(raw, "call_id", at),
        name: stringField(raw, "name", at),
        arguments: stringField(raw, "arguments", at),
      };
    case "function_call_output": {
      const out = raw.output;
      if (out === undefined || out === null) throw missing(`${at}.output`);
      const output = typeof out === "string" ? out : Array.isArray(out) ? textOf(contentParts(out, at)) : undefined;
      if (output === undefined) throw invalidType(`${at}.output`, "a string or an array of content parts", out);
      return {
        id: typeof raw.id === "string" ? raw.id : functionOutputItemId(),
        type: "function_call_output",
        call_id: stringField(raw, "call_id", at),
        output,
        status: "completed",
      };
    }
    case "item_reference": {
      const id = stringField(raw, "id", at);
      const found = resolve(id);
      if (!found) throw invalidParam(`${at}.id`, `Item with id '${id}' not found.`, "invalid_value");
      return found;
    }
    // Reasoning items only matter to reasoning models; the mock has none to continue.
    case "reasoning":
      return null;
    case undefined:
      throw missing(`${at}.type`);
    default:
      throw invalidParam(
        `${at}.type`,
        `Invalid value: '${String(type)}'. Mock GPT supports input items of type 'message', 'function_call', 'function_call_output', 'item_reference' and 'reasoning'.`,
        "invalid_value",
      );
  }
}

/** `input` as stored items; a string is one user message. */
export function normalizeInput(input: unknown, resolve: ItemResolver): InputItemResource[] {
  if (input === undefined || input === null) return [];
  if (typeof input === "string")
    return [
      {
        id: messageItemId(),
        type: "message",
        role: "user",
        status: "completed",
        content: [{ type: "input_text", text: input }],
      },
    ];
  if (!Array.isArray(input)) throw invalidType("input", "a string or an array of input items", input);
  const out: InputItemResource[] = [];
  input.forEach((raw, i) => {
    const it = item(raw, i, resolve);
    if (it) out.push(it);
  });
  return out;
}
