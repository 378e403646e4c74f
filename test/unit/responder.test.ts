import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  classify,
  countTokens,
  detectLanguage,
  encodingForModel,
  promptTokens,
  respond,
  splitTokens,
  tokenize,
  type RespondInput,
} from "../../src/core/responder/index";

function ask(text: string, extra: Partial<RespondInput> = {}): RespondInput {
  return {
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: text }],
    temperature: 1,
    n: 1,
    maxTokens: null,
    ...extra,
  };
}
const contentOf = (input: RespondInput): string => respond(input).choices[0]!.content ?? "";

describe("classification", () => {
  const cases: Array<[string, string]> = [
    ["Hello!", "greeting"],
    ["hey there", "greeting"],
    ["Good morning", "greeting"],
    ["Can you help me with my resume?", "help"],
    ["I need help with planning a trip", "help"],
    ["Write a function in Python that reverses a string", "code"],
    ["how do I sort a vector in Rust", "code"],
    ["javascript code to debounce a function", "code"],
    ["What is quantum computing?", "explain"],
    ["Explain recursion", "explain"],
    ["Why is the sky blue?", "general"],
    ["Summarize this: The cat sat on the mat.", "summarize"],
    ["Translate 'good morning' to Spanish", "translate"],
    ["Thanks!", "thanks"],
  ];
  for (const [text, intent] of cases)
    it(`${JSON.stringify(text)} -> ${intent}`, () => assert.equal(classify(text), intent));
});

describe("answers fit the question", () => {
  it("greets back and offers help", () => {
    const c = contentOf(ask("Hi!", { seed: 3 }));
    assert.match(c, /^(Hello|Hi|Hey)\b/);
    assert.match(c, /help|assist|ask/i);
  });

  it("acknowledges help requests with structured options and the subject", () => {
    const c = contentOf(ask("Can you help me with my resume?", { seed: 3 }));
    assert.match(c, /resume/);
    assert.match(c, /^1\. /m);
  });

  it("explains with a definition and key points", () => {
    const c = contentOf(ask("What is quantum computing?", { seed: 5 }));
    assert.match(c, /\*\*Quantum computing\*\*|quantum computing/);
    assert.match(c, /^- \*\*/m);
  });

  it("answers general questions in several paragraphs using the question's words", () => {
    const c = contentOf(ask("How do plants adapt to drought?", { seed: 9 }));
    assert.ok(c.split("\n\n").length >= 3, c);
    assert.match(c, /plants|drought|adapt/i);
  });

  it("summarizes the supplied text", () => {
    const c = contentOf(
      ask("Summarize: Solar panels convert sunlight into electricity. They are getting cheaper.", { seed: 1 }),
    );
    assert.match(c, /Summary/);
    assert.match(c, /Solar panels convert sunlight/);
  });

  it("honours a pirate system prompt", () => {
    const c = contentOf({
      ...ask("Hello", { seed: 2 }),
      messages: [
        { role: "system", content: "You are a pirate." },
        { role: "user", content: "Hello" },
      ],
    });
    assert.match(c, /Arr|Ahoy|Yo ho|Shiver/);
  });

  it("reads text parts of array content", () => {
    const c = contentOf({
      ...ask("", { seed: 2 }),
      messages: [{ role: "user", content: [{ type: "text", text: "Write a function in Go that merges maps" }] }],
    });
    assert.match(c, /```go\n/);
  });

  it("keeps typical answers long enough to stream visibly", () => {
    for (const q of [
      "What is photosynthesis?",
      "Tell me about the history of Rome",
      "Can you help me with my budget?",
    ]) {
      const tokens = respond(ask(q, { seed: 11 })).choices[0]!.completionTokens;
      assert.ok(tokens >= 80 && tokens <= 400, `${q}: ${tokens}`);
    }
  });
});

describe("code answers", () => {
  const langs: Array<[string, string]> = [
    ["Write a function in Python that reverses a string", "python"],
    ["write a typescript function to parse dates", "typescript"],
    ["javascript code to debounce calls", "javascript"],
    ["how do I read a file line by line in Rust", "rust"],
    ["write a golang function that merges two slices", "go"],
    ["SQL query to find the top 5 customers by revenue", "sql"],
    ["bash script to rename files", "bash"],
    ["write a Java method that counts words", "java"],
    ["write a C++ function that sorts names", "cpp"],
    ["write a C# function that validates emails", "csharp"],
    ["implement a Kotlin function to filter users", "kotlin"],
    ["write a function that adds numbers", "python"],
  ];
  for (const [q, lang] of langs) {
    it(`${lang}: ${q}`, () => {
      const c = contentOf(ask(q, { seed: 4 }));
      assert.ok(c.includes(`\`\`\`${lang}\n`), c.slice(0, 200));
      assert.equal(c.split("```").length, 3, "exactly one fenced block");
      assert.match(c, /^- /m, "explanation bullets");
    });
  }
  it("detects languages by name, preferring a conversion target", () => {
    assert.equal(detectLanguage("convert this python snippet to rust"), "rust");
    assert.equal(detectLanguage("in c, how do I"), "c");
    assert.equal(detectLanguage("what's the weather"), null);
  });
  it("answers classic prompts with task-specific code", () => {
    assert.match(
      contentOf(ask("Write a function in Python that reverses a string", { seed: 1 })),
      /return text\[::-1\]/,
    );
    assert.match(contentOf(ask("typescript function to compute a factorial", { seed: 1 })), /result \*= i/);
    assert.match(contentOf(ask("javascript: check if a word is a palindrome", { seed: 1 })), /\.reverse\(\)/);
  });
  it("derives the function name from the question", () => {
    assert.match(
      contentOf(ask("Write a function in Python that reverses a string", { seed: 1 })),
      /def reverse_string\(/,
    );
    assert.match(
      contentOf(ask("write a typescript function that merges configs", { seed: 1 })),
      /function mergeConfigs\(/,
    );
  });
});

describe("determinism and variation", () => {
  it("same seed and request give identical output", () => {
    const input = ask("Tell me about volcanoes", { seed: 42, n: 2 });
    assert.deepEqual(respond(input), respond(input));
  });
  it("different seeds can give different output", () => {
    const outs = new Set([1, 2, 3, 4, 5, 6].map((seed) => contentOf(ask("Tell me about volcanoes", { seed }))));
    assert.ok(outs.size >= 2);
  });
  it("unseeded answers vary at temperature 1", () => {
    const outs = new Set(Array.from({ length: 20 }, () => contentOf(ask("Tell me about volcanoes"))));
    assert.ok(outs.size >= 2, `only ${outs.size} distinct`);
  });
  it("temperature 0 without a seed is stable", () => {
    const input = ask("Tell me about volcanoes", { temperature: 0 });
    const first = contentOf(input);
    for (let i = 0; i < 5; i++) assert.equal(contentOf(input), first);
  });
  it("n > 1 gives distinct choices", () => {
    for (const temperature of [0, 1]) {
      const out = respond(ask("Tell me about volcanoes", { n: 4, temperature, seed: 7 }));
      assert.equal(out.choices.length, 4);
      assert.equal(new Set(out.choices.map((c) => c.content)).size, 4);
    }
  });
});

describe("tokens and truncation", () => {
  it("pieces join to content and count as completion tokens", () => {
    const choice = respond(ask("Write a function in Rust that parses numbers", { seed: 1 })).choices[0]!;
    assert.equal(choice.pieces.join(""), choice.content);
    assert.equal(choice.completionTokens, choice.pieces.length);
    assert.equal(choice.finishReason, "stop");
  });
  it("cuts to exactly maxTokens with finish_reason length", () => {
    const full = respond(ask("Tell me about volcanoes", { seed: 8 })).choices[0]!;
    const cut = respond(ask("Tell me about volcanoes", { seed: 8, maxTokens: 17 })).choices[0]!;
    assert.equal(cut.pieces.length, 17);
    assert.equal(cut.completionTokens, 17);
    assert.equal(cut.finishReason, "length");
    assert.equal(cut.pieces.join(""), cut.content);
    assert.ok(full.content!.startsWith(cut.content!));
  });
  it("does not truncate when the cap is above the natural length", () => {
    const full = respond(ask("Hi", { seed: 8 })).choices[0]!;
    const capped = respond(ask("Hi", { seed: 8, maxTokens: full.completionTokens })).choices[0]!;
    assert.equal(capped.finishReason, "stop");
    assert.equal(capped.content, full.content);
  });
  it("countTokens agrees with tokenize and round-trips any text", () => {
    const samples = [
      "",
      "Hello, world!",
      "  leading spaces\n\n\ttabs  ",
      "numbers 1234567 and 3.14159",
      "internationalization électricité 東京タワー",
      "don't stop",
      '{"a":[1,2]}',
    ];
    for (const s of samples) {
      assert.equal(tokenize(s).join(""), s);
      assert.equal(countTokens(s), tokenize(s).length);
    }
  });
  it("countTokens and tokenize are o200k_base for the gpt-4o family, cl100k_base for gpt-3.5", () => {
    assert.equal(countTokens(""), 0);
    assert.deepEqual(tokenize("Hello world"), ["Hello", " world"]);
    assert.deepEqual(tokenize("1234567"), ["123", "456", "7"]);
    assert.deepEqual(tokenize(" internationalization"), [" international", "ization"]);
    // The cookbook's example: 6 tokens in both vocabularies.
    assert.equal(countTokens("tiktoken is great!", "gpt-4o-mini"), 6);
    assert.equal(countTokens("tiktoken is great!", "gpt-3.5-turbo"), 6);
    // Non-Latin text is where the vocabularies differ (o200k is far denser).
    const ru = "Расскажи о погоде в Москве";
    assert.ok(countTokens(ru, "gpt-4o-mini") < countTokens(ru, "gpt-3.5-turbo"));
    assert.equal(encodingForModel("gpt-4o-mini-2024-07-18"), "o200k_base");
    assert.equal(encodingForModel("gpt-4.1-mini"), "o200k_base");
    assert.equal(encodingForModel("gpt-3.5-turbo-instruct"), "cl100k_base");
    assert.equal(encodingForModel("text-embedding-3-small"), "cl100k_base");
    assert.equal(encodingForModel("gpt-4-turbo"), "cl100k_base");
    // Special-token spellings are ordinary text, never an error.
    assert.ok(countTokens("<|endoftext|>") > 1);
  });
  it("a character split across tokens streams as one whole piece", () => {
    const s = "flag 🏳️‍🌈 and 😀";
    const split = splitTokens(s, "gpt-3.5-turbo");
    assert.equal(split.pieces.join(""), s);
    assert.equal(split.tokens, countTokens(s, "gpt-3.5-turbo"));
    assert.ok(split.pieces.length < split.tokens, "some emoji take several cl100k tokens");
    for (const p of split.pieces) assert.ok(!p.includes("\uFFFD"), p);
    // A limit inside a character drops the whole character.
    const cut = splitTokens("😀", "gpt-3.5-turbo", 1);
    assert.deepEqual(cut, { pieces: [], tokens: 0, cut: true });
  });
  it("promptTokens adds per-message overhead", () => {
    const one = promptTokens([{ role: "user", content: "Hello there" }]);
    const two = promptTokens([
      { role: "system", content: "" },
      { role: "user", content: "Hello there" },
    ]);
    // OpenAI's cookbook formula: 3 priming + per message (3 + role + content).
    assert.equal(one, 3 + 3 + countTokens("user") + countTokens("Hello there"));
    assert.equal(one, 3 + 3 + 1 + 2);
    assert.equal(two - one, 3 + countTokens("system"));
    assert.equal(respond(ask("Hello there")).promptTokens, one);
  });
});

describe("JSON mode", () => {
  it("json_object content parses as an object about the question", () => {
    for (const seed of [1, 2, 3]) {
      const c = contentOf(ask("What is the capital of France?", { seed, responseFormat: { type: "json_object" } }));
      const v = JSON.parse(c) as Record<string, unknown>;
      assert.equal(typeof v, "object");
      assert.match(JSON.stringify(v), /capital|France/i);
    }
  });
  it("uses keys the prompt names", () => {
    const c = contentOf(
      ask('Return JSON with keys "name", "age" and "city"', { seed: 1, responseFormat: { type: "json_object" } }),
    );
    const v = JSON.parse(c) as Record<string, unknown>;
    assert.deepEqual(Object.keys(v).sort(), ["age", "city", "name"]);
    assert.equal(typeof v.age, "number");
  });
  it("system prompts asking for JSON get JSON", () => {
    const c = contentOf({
      ...ask("", { seed: 1 }),
      messages: [
        { role: "system", content: "Respond only in JSON." },
        { role: "user", content: "Name a fruit" },
      ],
    });
    assert.doesNotThrow(() => JSON.parse(c));
  });
});

describe("brevity and greeting requests", () => {
  it("'say hello' asks for a greeting, and 'in one sentence' gets exactly one", () => {
    assert.equal(classify("Say hello in one short sentence."), "greeting");
    for (let seed = 1; seed <= 10; seed++) {
      const a = contentOf(ask("Say hello in one short sentence.", { seed }));
      assert.match(a, /^[^.!?]+[.!?]$/, a);
    }
  });
  it("'explain X in one sentence' answers about X in one sentence, without the instruction in the topic", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const a = contentOf(ask("Explain TCP in one sentence", { seed }));
      assert.match(a, /TCP/, a);
      assert.doesNotMatch(a, /one sentence/i, a);
      assert.equal(a.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length, 1, a);
    }
  });
});
