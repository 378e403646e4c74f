/** The Responses API's wire objects, as far as the mock produces them (see OpenAI's openapi.yaml). */

export interface OutputText {
  type: "output_text";
  text: string;
  annotations: never[];
  logprobs: never[];
}

export interface MessageItem {
  id: string;
  type: "message";
  status: "in_progress" | "completed" | "incomplete";
  role: "assistant";
  content: OutputText[];
}

export interface FunctionCallItem {
  id: string;
  type: "function_call";
  status: "in_progress" | "completed" | "incomplete";
  call_id: string;
  name: string;
  arguments: string;
}

export type OutputItem = MessageItem | FunctionCallItem;

/** An input item as stored and listed by GET /v1/responses/{id}/input_items (each with an id). */
export type InputItemResource =
  | {
      id: string;
      type: "message";
      role: "user" | "system" | "developer";
      status: "completed";
      content: Array<{ type: "input_text"; text: string } | Record<string, unknown>>;
    }
  | MessageItem
  | FunctionCallItem
  | { id: string; type: "function_call_output"; call_id: string; output: string; status: "completed" };

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** A function tool as the response echoes it. */
export interface FunctionToolOut {
  type: "function";
  name: string;
  description: string | null;
  parameters: Record<string, unknown> | null;
  strict: boolean;
}

export type TextFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: Record<string, unknown>; strict: boolean; description?: string };

export type ResponsesToolChoice = "none" | "auto" | "required" | { type: "function"; name: string };

export type ResponseStatus = "completed" | "failed" | "in_progress" | "incomplete";

export interface ResponseObject {
  id: string;
  object: "response";
  created_at: number;
  status: ResponseStatus;
  completed_at: number | null;
  background: boolean;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: "max_output_tokens" } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  max_tool_calls: null;
  model: string;
  output: OutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: { effort: null; summary: null };
  service_tier: "default";
  store: boolean;
  temperature: number;
  text: { format: TextFormat; verbosity: "medium" };
  tool_choice: ResponsesToolChoice;
  tools: FunctionToolOut[];
  top_logprobs: number;
  top_p: number;
  truncation: "disabled" | "auto";
  /** Absent until the response is done (the schema has no null). */
  usage?: ResponseUsage;
  /** Deprecated in the API; present only when the request set it (the schema has no null). */
  user?: string;
  metadata: Record<string, string>;
}
