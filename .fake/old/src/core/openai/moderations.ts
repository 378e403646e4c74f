/**
 * POST /v1/moderations: every category and score of OpenAI's response, from a small lexicon of
 * plainly violent, hateful, harassing, sexual, self-harm and illicit phrasing. A category whose
 * patterns match scores 0.80–0.99 and is flagged; the others get tiny scores (1e-6–1e-3) that
 * depend on the text, so everyday text is never flagged and identical text scores identically.
 */
import { randomBytes } from "node:crypto";
import { ApiError, invalidParam } from "./errors";
import { requireModel } from "./modelKinds";

export const CATEGORIES = [
  "harassment",
  "harassment/threatening",
  "hate",
  "hate/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;
export type Category = (typeof CATEGORIES)[number];

// Categories omni-moderation also scores on images (the rest are text-only), per OpenAI's schema.
const IMAGE_CATEGORIES = new Set<Category>([
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "violence",
  "violence/graphic",
]);

const KILL = String.raw`(?:kill|murder|stab|shoot|strangle|slaughter|behead|butcher)`;
const GROUP = String.raw`(?:jews?|muslims?|christians?|blacks?|whites?|asians?|mexicans?|immigrants?|gays?|women|trans(?:gender)? people|arabs?|hindus?)`;

const LEXICON: Record<Category, RegExp[]> = {
  violence: [
    new RegExp(String.raw`\b(?:i(?:'m| am)? (?:going to|gonna|will|want to)|let's|we should) ${KILL}`, "i"),
    new RegExp(String.raw`\b${KILL}(?:ed|ing)? (?:him|her|them|you|everyone|people|all of (?:you|them))\b`, "i"),
    /\b(?:blow up|bomb|massacre|torture|beat (?:him|her|them|you) (?:up|to death))\b/i,
  ],
  "violence/graphic": [
    /\b(?:blood (?:everywhere|spurting|gushing)|guts|entrails|dismember(?:ed|ing)?|decapitat(?:ed|ion)|gore|mutilat(?:ed|ion)|severed (?:head|limbs?))\b/i,
  ],
  harassment: [
    /\b(?:you(?:'re| are) (?:a |an )?(?:worthless|pathetic|stupid|idiot|disgusting|loser|moron|ugly)|shut up,? you|nobody likes you|you (?:idiot|moron|loser))\b/i,
  ],
  "harassment/threatening": [
    new RegExp(
      String.raw`\b(?:i(?:'ll| will) (?:find|hurt|${KILL}) you|you(?:'re| are) (?:dead|going to die)|watch your back)\b`,
      "i",
    ),
  ],
  hate: [
    new RegExp(
      String.raw`\b(?:i hate (?:all )?${GROUP}|${GROUP} are (?:vermin|animals|subhuman|inferior|filth|a disease)|(?:all|those) ${GROUP} (?:should|must) (?:die|be (?:deported|eliminated|exterminated)))`,
      "i",
    ),
  ],
  "hate/threatening": [
    new RegExp(
      String.raw`\b(?:${KILL}|exterminate|gas|wipe out) (?:all (?:the )?)?${GROUP}\b|\b${GROUP} (?:should|must) (?:die|be (?:killed|exterminated|eliminated))`,
      "i",
    ),
  ],
  "self-harm": [
    /\b(?:kill(?:ing)? myself|suicide|suicidal|self[- ]harm|cut(?:ting)? myself|end(?:ing)? my (?:own )?life|hurt(?:ing)? myself|overdose)\b/i,
  ],
  "self-harm/intent": [
    /\b(?:i (?:want|plan|am going|'m going|intend) to (?:kill myself|die|end (?:it|my life)|cut myself)|i(?:'m| am) going to end it)\b/i,
  ],
  "self-harm/instructions": [
    /\b(?:how (?:to|do i|can i|should i) (?:kill myself|commit suicide|cut myself|overdose)|best way to (?:kill myself|die|commit suicide)|painless way to die)\b/i,
  ],
  sexual: [/\b(?:porn(?:ography)?|explicit sex|have sex with|nude photos?|naked pictures?|sexually explicit)\b/i],
  "sexual/minors": [/\b(?:child porn|sex(?:ual)? with (?:a )?(?:child|minor|kid)s?|underage (?:sex|nudes?))\b/i],
  illicit: [
    /\b(?:how (?:to|do i|can i) (?:shoplift|steal|make meth|cook meth|launder money|pick a lock|hotwire|hack into|buy (?:drugs|a gun illegally))|synthesi[sz]e (?:meth|cocaine|heroin|fentanyl))\b/i,
  ],
  "illicit/violent": [
    /\b(?:how (?:to|do i|can i) (?:make|build) (?:a )?(?:bomb|pipe bomb|explosives?|molotov)|buy an? (?:untraceable )?gun to (?:kill|shoot))\b/i,
  ],
};

// A flagged sub-category implies its parent, as OpenAI's categories do.
const PARENT: Partial<Record<Category, Category>> = {
  "harassment/threatening": "harassment",
  "hate/threatening": "hate",
  "illicit/violent": "illicit",
  "self-harm/intent": "self-harm",
  "self-harm/instructions": "self-harm",
  "sexual/minors": "sexual",
  "violence/graphic": "violence",
};

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Deterministic uniform in [0, 1) from text and category. */
const unit = (s: string) => (hash(s) % 1_000_003) / 1_000_003;

export type ModerationInput = { type: "text"; text: string } | { type: "image_url"; url: string };

export interface ModerationRequest {
  model: string;
  /** One entry per result: strings each get one; a multimodal array is one result. */
  groups: ModerationInput[][];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const invalidInput = () =>
  invalidParam(
    "input",
    "Invalid 'input': expected a string, an array of strings, or an array of text and image_url objects.",
    "invalid_type",
  );

function multimodal(v: unknown): ModerationInput {
  if (isObject(v) && v.type === "text" && typeof v.text === "string") return { type: "text", text: v.text };
  if (isObject(v) && v.type === "image_url" && isObject(v.image_url) && typeof v.image_url.url === "string")
    return { type: "image_url", url: v.image_url.url };
  throw invalidInput();
}

export function parseModerationRequest(body: unknown, models: readonly string[]): ModerationRequest {
  if (!isObject(body))
    throw new ApiError(400, "Invalid body: expected a JSON object.", "invalid_request_error", null, "invalid_type");
  const model = body.model ?? "omni-moderation-latest";
  if (typeof model !== "string")
    throw invalidParam("model", "Invalid type for 'model': expected a string.", "invalid_type");
  const input = body.input;
  if (input === undefined || input === null)
    throw invalidParam("input", "Missing required parameter: 'input'.", "missing_required_parameter");
  let groups: ModerationInput[][];
  if (typeof input === "string") groups = [[{ type: "text", text: input }]];
  else if (Array.isArray(input) && input.length && input.every((v) => typeof v === "string"))
    groups = input.map((text: string) => [{ type: "text" as const, text }]);
  else if (Array.isArray(input) && input.length) groups = [input.map(multimodal)];
  else throw invalidInput();
  requireModel(model, models, "moderation");
  if (!model.startsWith("omni") && groups.some((g) => g.some((i) => i.type !== "text")))
    throw invalidParam(
      "input",
      `Image inputs are not supported by ${model}; use omni-moderation-latest.`,
      "invalid_value",
    );
  return { model, groups };
}

export interface ModerationResult {
  flagged: boolean;
  categories: Record<Category, boolean | null>;
  category_scores: Record<Category, number>;
  category_applied_input_types: Record<Category, Array<"text" | "image">>;
}

/** Scores one result: the texts of the group are read together, images only inform their categories' input types. */
export function moderate(group: ModerationInput[], omni: boolean): ModerationResult {
  const text = group
    .filter((i): i is { type: "text"; text: string } => i.type === "text")
    .map((i) => i.text)
    .join("\n");
  const hasText = group.some((i) => i.type === "text");
  const hasImage = group.some((i) => i.type === "image_url");
  const hit = new Set<Category>();
  for (const c of CATEGORIES) if (LEXICON[c].some((re) => re.test(text))) hit.add(c);
  for (const c of [...hit]) if (PARENT[c]) hit.add(PARENT[c]!);
  if (!omni) for (const c of hit) if (c.startsWith("illicit")) hit.delete(c);
  const categories = {} as ModerationResult["categories"];
  const scores = {} as ModerationResult["category_scores"];
  const applied = {} as ModerationResult["category_applied_input_types"];
  for (const c of CATEGORIES) {
    const u = unit(`${c}\u0000${text}`);
    scores[c] = hit.has(c) ? 0.8 + u * 0.19 : Number((1e-6 + u * u * 1e-3).toPrecision(6));
    // text-moderation predates the illicit categories: OpenAI reports them as null there.
    categories[c] = !omni && c.startsWith("illicit") ? null : hit.has(c);
    const types: Array<"text" | "image"> = [];
    if (hasText) types.push("text");
    if (hasImage && omni && IMAGE_CATEGORIES.has(c)) types.push("image");
    applied[c] = types;
  }
  return {
    flagged: hit.size > 0,
    categories,
    category_scores: scores,
    category_applied_input_types: applied,
  };
}

/** The full `moderation` response for a parsed request. */
export function moderationBody(req: ModerationRequest) {
  const omni = req.model.startsWith("omni");
  return {
    id: "modr-" + randomBytes(16).toString("hex"),
    // Aliases answer with what they point to, as the real API does.
    model: req.model === "text-moderation-latest" ? "text-moderation-007" : req.model,
    results: req.groups.map((g) => moderate(g, omni)),
  };
}
