import { splitTokens } from "../responder/tokens";
import { Rng } from "../responder/rng";
import type { ChoiceOut } from "../responder/types";
import type { RuleAction } from "./rules";

/**
 * A rule's canned answer as the responder would have produced it: real token pieces (so it
 * streams like a generated answer), a tool call with a `call_` id, and honest token counts.
 */
export function cannedChoice(action: RuleAction, model: string, n: number, maxTokens: number): ChoiceOut[] {
  const one = (index: number): ChoiceOut => {
    if (action.tool_call) {
      const { name, arguments: args } = action.tool_call;
      const split = splitTokens(args, model);
      const rng = new Rng(`canned:${name}:${args}:${index}`);
      return {
        pieces: [],
        content: null,
        toolCalls: [
          {
            id: `call_${rng.base62(24)}`,
            name,
            arguments: args,
            argumentPieces: split.pieces,
            argumentTokens: split.tokens,
          },
        ],
        finishReason: "tool_calls",
        completionTokens: split.tokens + 7,
      };
    }
    const split = splitTokens(action.reply ?? "", model, maxTokens);
    return {
      pieces: split.pieces,
      content: split.pieces.join(""),
      toolCalls: [],
      finishReason: split.cut ? "length" : "stop",
      completionTokens: split.tokens,
    };
  };
  return Array.from({ length: Math.max(1, n) }, (_, i) => one(i));
}
