/** Public contract of the responder; re-exported by index.ts. */
export type JsonSchema = Record<string, unknown>;

export interface ChatMessageIn {
  role: "system" | "developer" | "user" | "assistant" | "tool" | "function";
  content: string | Array<{ type: string; text?: string; [k: string]: unknown }> | null;
  name?: string;
  tool_calls?: unknown[];
  tool_call_id?: string;
}

export interface ToolDef {
  type: "function";
  function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean | null };
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema?: JsonSchema; strict?: boolean | null } };

export type ToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } };

export interface RespondInput {
  model: string;
  /** Already validated by the wire layer. */
  messages: ChatMessageIn[];
  /** Same seed + same request => identical output. */
  seed?: number | null;
  /** 0..2, already defaulted. */
  temperature: number;
  top_p?: number | null;
  /** 1..8 */
  n: number;
  /** Completion token cap, already resolved from max_completion_tokens ?? max_tokens ?? config. */
  maxTokens: number | null;
  responseFormat?: ResponseFormat;
  tools?: ToolDef[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
}

export interface ToolCallOut {
  /** `call_` + 24 base62 characters. */
  id: string;
  name: string;
  /** JSON text. */
  arguments: string;
  /** Fragments for streaming, at real token boundaries; joined === arguments. */
  argumentPieces: string[];
  /** Real tokens of `arguments`. */
  argumentTokens: number;
}

export interface ChoiceOut {
  /** Text pieces as they would be streamed, one per real token (a character split across tokens is one piece); joined = content. Empty when content is null (tool calls). */
  pieces: string[];
  content: string | null;
  toolCalls: ToolCallOut[];
  finishReason: "stop" | "length" | "tool_calls";
  completionTokens: number;
}

export interface RespondOutput {
  choices: ChoiceOut[];
  promptTokens: number;
}
