// `tools` and `tool_choice` of /v1/chat/completions. Function tools are what the generator calls;
// custom tools (CustomToolChatCompletions) are accepted and listed, but the mock never calls one:
// it cannot write free-form input in a grammar it does not know, so forcing one is a clear 400.
import type { ToolChoice, ToolDefinition } from "./chatRequest";
import { invalidParam } from "./errors";
import { checkSchemaDepth, invalidType, isObject } from "./validation";

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const badName = (at: string) =>
  invalidParam(
    at,
    `Invalid '${at}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
    "invalid_value",
  );
const missing = (at: string) => invalidParam(at, `Missing required parameter: '${at}'.`, "missing_required_parameter");
const badChoice = (message: string) =>
  invalidParam("tool_choice", `Invalid value for 'tool_choice': ${message}`, "invalid_value");
const unsupported = (what: string) =>
  invalidParam(
    "tool_choice",
    `${what} is not supported by Mock GPT: it never calls custom tools.`,
    "unsupported_value",
  );

interface Tools {
  functions: ToolDefinition[];
  custom: string[];
}

function readTools(v: unknown): Tools | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidType("tools", "an array", v);
  const out: Tools = { functions: [], custom: [] };
  v.forEach((t, i) => {
    if (isObject(t) && t.type === "custom") {
      if (!isObject(t.custom)) throw missing(`tools[${i}].custom`);
      if (typeof t.custom.name !== "string" || !NAME.test(t.custom.name)) throw badName(`tools[${i}].custom.name`);
      const format = t.custom.format;
      if (format !== undefined && !(isObject(format) && (format.type === "text" || format.type === "grammar")))
        throw invalidParam(
          `tools[${i}].custom.format`,
          `Invalid 'tools[${i}].custom.format': expected {type: 'text'} or {type: 'grammar', grammar: {...}}.`,
          "invalid_value",
        );
      out.custom.push(t.custom.name);
      return;
    }
    if (!isObject(t) || (t.type !== "function" && t.type !== undefined))
      throw invalidParam(
        `tools[${i}].type`,
        `Invalid value: '${isObject(t) ? String(t.type) : t}'. Supported values are: 'function' and 'custom'.`,
        "invalid_value",
      );
    const fn = t.function;
    if (!isObject(fn)) throw missing(`tools[${i}].function`);
    if (typeof fn.name !== "string" || !NAME.test(fn.name)) throw badName(`tools[${i}].function.name`);
    if (fn.parameters !== undefined && !isObject(fn.parameters))
      throw invalidType(`tools[${i}].function.parameters`, "an object", fn.parameters);
    checkSchemaDepth(`tools[${i}].function.parameters`, fn.parameters);
    out.functions.push(t as unknown as ToolDefinition);
  });
  return out;
}

/** The name a `{type, function|custom: {name}}` reference gives, checked against the request's tools. */
function reference(r: unknown, tools: Tools | undefined, at: string): { kind: "function" | "custom"; name: string } {
  if (isObject(r) && (r.type === "function" || r.type === "custom")) {
    const inner = r[r.type];
    if (isObject(inner) && typeof inner.name === "string") {
      const known =
        r.type === "function"
          ? tools?.functions.some((t) => t.function.name === inner.name)
          : tools?.custom.includes(inner.name);
      if (!known)
        throw badChoice(
          `${r.type === "function" ? "function" : "custom tool"} '${inner.name}' is not among the provided tools${at}.`,
        );
      return { kind: r.type, name: inner.name };
    }
  }
  throw badChoice(
    `expected 'none', 'auto', 'required', {type: 'function', function: {name}}, {type: 'custom', custom: {name}} or {type: 'allowed_tools', allowed_tools: {mode, tools}}${at}.`,
  );
}

/**
 * The function tools the generator may call and the choice among them. `allowed_tools` narrows the
 * function tools to those it lists; `required` with no function tool left would need a custom call.
 */
export function validateChatTools(
  rawTools: unknown,
  rawChoice: unknown,
): { tools: ToolDefinition[] | undefined; toolChoice: ToolChoice | undefined } {
  const tools = readTools(rawTools);
  const fns = tools && (tools.functions.length || tools.custom.length) ? tools.functions : undefined;
  const result = (functions: ToolDefinition[] | undefined, toolChoice: ToolChoice | undefined) => ({
    tools: tools ? functions : undefined,
    toolChoice,
  });
  if (rawChoice === undefined || rawChoice === null) return result(tools?.functions, undefined);
  const any = !!tools && tools.functions.length + tools.custom.length > 0;
  if (rawChoice === "none" || rawChoice === "auto" || rawChoice === "required") {
    if (rawChoice === "required" && !any) throw badChoice("'tool_choice' is only allowed when 'tools' are specified.");
    if (rawChoice === "required" && !tools!.functions.length)
      throw unsupported("'tool_choice': 'required' with only custom tools");
    return result(fns, rawChoice);
  }
  if (isObject(rawChoice) && rawChoice.type === "allowed_tools") {
    const a = rawChoice.allowed_tools;
    if (!isObject(a)) throw missing("tool_choice.allowed_tools");
    if (a.mode !== "auto" && a.mode !== "required")
      throw invalidParam(
        "tool_choice.allowed_tools.mode",
        `Invalid value: '${String(a.mode)}'. Supported values are: 'auto' and 'required'.`,
        "invalid_value",
      );
    if (!Array.isArray(a.tools)) throw invalidType("tool_choice.allowed_tools.tools", "an array", a.tools);
    const refs = a.tools.map((r, i) => reference(r, tools, ` (tool_choice.allowed_tools.tools[${i}])`));
    const allowed = new Set(refs.filter((r) => r.kind === "function").map((r) => r.name));
    const narrowed = (tools?.functions ?? []).filter((t) => allowed.has(t.function.name));
    if (a.mode === "required" && !narrowed.length)
      throw unsupported("'allowed_tools' in mode 'required' with only custom tools");
    return result(narrowed, narrowed.length ? a.mode : "none");
  }
  const ref = reference(rawChoice, tools, "");
  if (ref.kind === "custom") throw unsupported(`Forcing the custom tool '${ref.name}'`);
  return result(tools?.functions, rawChoice as ToolChoice);
}
