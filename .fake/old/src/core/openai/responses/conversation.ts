/**
 * The Responses API's items as the chat-shaped conversation the responder reads: instructions
 * become a developer message, function calls an assistant turn with tool_calls, their outputs
 * tool messages. That is how a function_call_output gets an answer that uses it.
 */
import type { ChatMessageIn } from "../../responder/types";
import type { InputItemResource } from "./types";

type Part = { type: string; text?: string; [k: string]: unknown };

export function toChatMessages(items: InputItemResource[], instructions: string | null): ChatMessageIn[] {
  const messages: ChatMessageIn[] = [];
  if (instructions) messages.push({ role: "developer", content: instructions });
  for (const it of items) {
    switch (it.type) {
      case "message":
        messages.push({
          role: it.role,
          content: (it.content as Part[]).map((p) =>
            typeof p.text === "string" ? { type: "text", text: p.text } : { type: String(p.type) },
          ),
        });
        break;
      case "function_call": {
        const call = { id: it.call_id, type: "function", function: { name: it.name, arguments: it.arguments } };
        const last = messages[messages.length - 1];
        // Parallel calls are one assistant turn with several tool_calls.
        if (last?.role === "assistant" && last.content === null && last.tool_calls) last.tool_calls.push(call);
        else messages.push({ role: "assistant", content: null, tool_calls: [call] });
        break;
      }
      case "function_call_output":
        messages.push({ role: "tool", tool_call_id: it.call_id, content: it.output });
        break;
    }
  }
  return messages;
}
