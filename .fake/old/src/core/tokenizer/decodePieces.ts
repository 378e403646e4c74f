/**
 * Token ids back to text, as whole-character pieces with the number of tokens each took: a token
 * holding part of a character joins the next ones, as the API's stream does. Ids outside the
 * vocabulary (special tokens) add no text.
 */
import type { Vocabulary } from "./vocabulary";

export type Piece = { text: string; tokens: number };

const endsInHighSurrogate = (s: string) => {
  const c = s.charCodeAt(s.length - 1);
  return c >= 0xd800 && c <= 0xdbff;
};

export function decodePieces(vocab: Vocabulary, tokens: readonly number[]): Piece[] {
  const out: Piece[] = [];
  const bytes = vocab.buffer;
  // One streaming decoder per call: bytes of a character cut between tokens wait inside it.
  // ignoreBOM: a U+FEFF the text began with is text, and stays.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  // Whether the decoder may hold such bytes: never after a token that ends in an ASCII byte, nor
  // after a whole-character token (those skip the decoder).
  let pending = false;
  let text = "";
  let held = 0;
  for (const id of tokens) {
    held++;
    if (id >= 0 && id < vocab.size) {
      const start = vocab.start(id);
      const end = vocab.end(id);
      const whole = pending ? null : vocab.text(id);
      if (whole !== null) text += whole;
      else {
        text += decoder.decode(bytes.subarray(start, end), { stream: true });
        if (end > start) pending = bytes[end - 1]! >= 0x80;
      }
    }
    if (text && !endsInHighSurrogate(text)) {
      out.push({ text, tokens: held });
      text = "";
      held = 0;
    }
  }
  text += decoder.decode();
  if (text || held) out.push({ text, tokens: held });
  return out;
}
