/**
 * Code answers: every task × language gives task-specific code, and that code parses/compiles with the
 * toolchains installed here (each check is skipped, with the reason, when its tool is absent).
 */
import assert from "node:assert/strict";
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { detectTask, type Task } from "../../src/core/responder/code";
import { respond, type CodeLang, type RespondInput } from "../../src/core/responder/index";

type Lang = Exclude<CodeLang, "sql">;

const ask = (text: string, seed = 7): RespondInput => ({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: text }],
  temperature: 1,
  seed,
  n: 1,
  maxTokens: null,
});
const contentOf = (input: RespondInput): string => respond(input).choices[0]!.content ?? "";

const LANG_NAME: Record<Lang, string> = {
  python: "Python",
  typescript: "TypeScript",
  javascript: "JavaScript",
  go: "Go",
  rust: "Rust",
  java: "Java",
  c: "C",
  cpp: "C++",
  csharp: "C#",
  ruby: "Ruby",
  php: "PHP",
  kotlin: "Kotlin",
  swift: "Swift",
  bash: "Bash",
};
const LANGS = Object.keys(LANG_NAME) as Lang[];

// One phrasing per task, plus what the answer must say about it.
const ASKS: Record<Task, [ask: string, mention: RegExp]> = {
  sum: ["sums a list of numbers", /\bsum\b/i],
  average: ["computes the average of a list of numbers", /\baverage\b/i],
  max: ["finds the largest number in a list", /\blargest\b/i],
  min: ["finds the smallest number in an array", /\bsmallest\b/i],
  sort: ["sorts an array of integers", /\bsort/i],
  reverse: ["reverses a string", /\brevers/i],
  palindrome: ["checks whether a string is a palindrome", /\bpalindrome\b/i],
  fibonacci: ["generates the fibonacci sequence", /\bfibonacci\b/i],
  factorial: ["computes the factorial of n", /\bfactorial\b/i],
  prime: ["checks if a number is prime", /\bprime\b/i],
  fizzbuzz: ["prints fizzbuzz up to n", /\bfizzbuzz\b/i],
  wordcount: ["counts the frequency of each word in a text", /\bword/i],
  dedupe: ["removes duplicates from a list", /\bduplicate/i],
  bsearch: ["performs a binary search on a sorted array", /\bbinary search\b/i],
  readfile: ["reads a file line by line", /\bfile\b/i],
  httpget: ["fetches JSON from a URL", /\bHTTP\b/],
  parsejson: ["parses a JSON string into an object", /\bJSON\b/],
  generic: ["merges two configuration maps", /\bskeleton\b/i],
};
const TASKS = Object.keys(ASKS) as Task[];

// Where a language has no standard-library way to do the task, the answer is the honest generic skeleton.
const FALLBACKS = new Set([
  "c:httpget",
  "c:parsejson",
  "cpp:httpget",
  "cpp:parsejson",
  "rust:httpget",
  "rust:parsejson",
  "java:parsejson",
  "kotlin:parsejson",
  "bash:bsearch",
]);

const question = (task: Task, lang: Lang): string => `Write a function in ${LANG_NAME[lang]} that ${ASKS[task][0]}`;

function codeOf(content: string, lang: CodeLang): string {
  const m = new RegExp("```" + lang.replace(/[+#]/g, "\\$&") + "\\n([\\s\\S]*?)\\n```").exec(content);
  assert.ok(m, `no \`\`\`${lang} block in:\n${content.slice(0, 300)}`);
  return m[1]!;
}

// Every generated snippet, computed once and shared by the compile checks.
const SNIPPETS = new Map<string, string>();
for (const lang of LANGS)
  for (const task of TASKS) SNIPPETS.set(`${lang}:${task}`, codeOf(contentOf(ask(question(task, lang))), lang));
// Hostile input: quotes, comment terminators and `$` must not break any language's comments or strings.
const HOSTILE = `Write a function in {L} that handles "quoted" */ text with \`ticks\` and $vars {braces} \\u0041 and 'apostrophes'`;
for (const lang of LANGS)
  SNIPPETS.set(`${lang}:hostile`, codeOf(contentOf(ask(HOSTILE.replace("{L}", LANG_NAME[lang]))), lang));
// Strings variants of sort/dedupe, and max/min/sum worded differently.
for (const lang of LANGS) {
  SNIPPETS.set(
    `${lang}:sort-names`,
    codeOf(contentOf(ask(`Write a ${LANG_NAME[lang]} function that sorts a list of names alphabetically`)), lang),
  );
  SNIPPETS.set(
    `${lang}:dedupe-strings`,
    codeOf(contentOf(ask(`Write a ${LANG_NAME[lang]} function that removes duplicate strings from a list`)), lang),
  );
}
const snippetsOf = (lang: Lang): Array<[string, string]> => [...SNIPPETS].filter(([k]) => k.startsWith(`${lang}:`));

describe("code answers: task recognition", () => {
  for (const task of TASKS) {
    it(`"${ASKS[task][0]}" is ${task}`, () => assert.equal(detectTask(ASKS[task][0]), task));
  }
  it("recognises common phrasings", () => {
    assert.equal(detectTask("Write a function in Go that sums a slice of ints"), "sum");
    assert.equal(detectTask("what's the mean of these values"), "average");
    assert.equal(detectTask("get the maximum value of an array"), "max");
    assert.equal(detectTask("how do I read a text file in rust"), "readfile");
    assert.equal(detectTask("make an http get request"), "httpget");
    assert.equal(detectTask("count how many times each word appears"), "wordcount");
    assert.equal(detectTask("dedupe an array"), "dedupe");
    assert.equal(detectTask("javascript code to debounce calls"), "generic");
  });
});

describe("code answers: task × language", () => {
  for (const lang of LANGS) {
    for (const task of TASKS) {
      it(`${lang} × ${task}`, () => {
        const content = contentOf(ask(question(task, lang)));
        assert.equal(content.split("```").length, 3, "exactly one fenced block");
        codeOf(content, lang);
        assert.match(content, ASKS[task][1], "the answer names the task");
        const code = SNIPPETS.get(`${lang}:${task}`)!;
        const generic = /Adapt this/.test(code);
        assert.equal(generic, task === "generic" || FALLBACKS.has(`${lang}:${task}`), "task code vs generic skeleton");
        // The old template filtered and trimmed strings whatever the ask was.
        assert.doesNotMatch(code, /skip empty input|TrimSpace|\.trim\(\)|\.strip\(\)/);
      });
    }
  }
  it("the Go sum really sums ints", () => {
    const code = SNIPPETS.get("go:sum")!;
    assert.match(code, /func sumListNumbers\(numbers \[\]int\) int/);
    assert.match(code, /total \+= n/);
    assert.match(
      codeOf(contentOf(ask("Write a function in Go that sums a slice of ints")), "go"),
      /func sumSliceInts\(numbers \[\]int\) int/,
    );
  });
  it("max and min compare the right way", () => {
    assert.match(SNIPPETS.get("python:max")!, /if n > best/);
    assert.match(SNIPPETS.get("python:min")!, /if n < best/);
    assert.match(SNIPPETS.get("rust:min")!, /\.min\(\)/);
  });
  it("sorting names sorts strings", () => {
    assert.match(SNIPPETS.get("cpp:sort-names")!, /std::vector<std::string>/);
    assert.match(SNIPPETS.get("java:sort-names")!, /List<String>/);
    assert.match(SNIPPETS.get("cpp:sort")!, /std::vector<int>/);
  });
  it("names stay derived from the question and never shadow builtins", () => {
    assert.match(SNIPPETS.get("python:reverse")!, /def reverse_string\(/);
    assert.match(codeOf(contentOf(ask("python function to sum")), "python"), /def sum_numbers\(/);
    assert.match(codeOf(contentOf(ask("Write a PHP function that reads a file")), "php"), /function readFileLines\(/);
  });
  it("same seed gives the same bytes; phrasing varies with the seed", () => {
    const q = question("bsearch", "rust");
    assert.equal(contentOf(ask(q, 11)), contentOf(ask(q, 11)));
    const outs = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => contentOf(ask(q, s))));
    assert.ok(outs.size >= 2);
    assert.equal(
      new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => codeOf(contentOf(ask(q, s)), "rust"))).size,
      1,
      "code is fixed per task",
    );
  });
});

describe("code answers: SQL", () => {
  const cases: Array<[string, RegExp]> = [
    [
      "SQL query to find the top 5 customers by revenue",
      /FROM customers AS c\nJOIN orders AS x ON x\.customer_id = c\.id[\s\S]*ORDER BY total_revenue DESC\nLIMIT 5;/,
    ],
    [
      "SQL query to count orders per customer",
      /customer_id,\n\s+COUNT\(\*\) AS row_count\nFROM orders\nGROUP BY customer_id/,
    ],
    ["write a sql query for total sales by month", /DATE_TRUNC\('month', created_at\) AS month,\n\s+SUM\(amount\)/],
    ["SQL query to get the average salary of employees", /AVG\(salary\) AS avg_salary\nFROM employees/],
    ["SQL query to find duplicate emails in users", /FROM users\nGROUP BY email\nHAVING COUNT\(\*\) > 1/],
    [
      "SQL query that lists users along with their orders",
      /FROM users AS u\nLEFT JOIN orders AS x ON x\.user_id = u\.id/,
    ],
    ["SQL query to select recent products", /FROM products\nWHERE created_at >= '2024-01-01'/],
  ];
  for (const [q, re] of cases) {
    it(q, () => {
      const content = contentOf(ask(q));
      assert.match(codeOf(content, "sql"), re);
      assert.equal(content.split("```").length, 3);
    });
  }
});

// ---- compile / parse checks -------------------------------------------------------------------------

const has = (tool: string): boolean => {
  try {
    execFileSync("which", [tool], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const work = mkdtempSync(join(tmpdir(), "mock-gpt-code-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs a tool; resolves to its combined output, or rejects with it (bounded by a timeout). */
function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; input?: string; timeout?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { cwd: opts.cwd ?? work, timeout: opts.timeout ?? 30_000, maxBuffer: 4 << 20 },
      (err, stdout, stderr) => {
        const out = `${stdout}${stderr}`;
        if (err) reject(new Error(`${cmd} ${args.join(" ")}\n${out || err.message}`));
        else resolve(out);
      },
    );
    if (opts.input != null) child.stdin!.end(opts.input);
  });
}

/** Checks each snippet with `check`, two at a time, and reports every failure together. */
async function checkAll(lang: Lang, check: (name: string, code: string) => Promise<unknown>): Promise<void> {
  const queue = snippetsOf(lang);
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, code] = next;
      await check(name.replace(/[^a-z0-9]+/gi, "_"), code).catch((e: Error) =>
        failures.push(`--- ${name}\n${e.message}\n${code}`),
      );
    }
  };
  await Promise.all([worker(), worker()]);
  assert.equal(failures.length, 0, failures.join("\n\n"));
}

function dirFor(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const skipUnless = (tool: string): { skip?: string } => (has(tool) ? {} : { skip: `${tool} not installed` });

/** The answers use today's standard library (lowercase(), maxOrNull(): Kotlin 1.5+); Debian's kotlinc 1.3 would reject them. */
function kotlinSkip(): { skip?: string } {
  if (!has("kotlinc")) return { skip: "kotlinc not installed" };
  const r = spawnSync("kotlinc", ["-version"], { encoding: "utf8", timeout: 60_000 }); // prints to stderr
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  const m = /kotlinc-jvm (\d+)\.(\d+)\S*/.exec(out);
  return m && (Number(m[1]) > 1 || Number(m[2]) >= 5)
    ? {}
    : {
        skip: `${m?.[0] ?? "kotlinc (version unknown)"} is older than 1.5; the answers use the current standard library`,
      };
}

describe("code answers compile", { concurrency: 2 }, () => {
  it("python parses (ast)", skipUnless("python3"), async () => {
    const script =
      "import ast,json,sys\nbad=[]\nfor name,src in json.load(sys.stdin):\n    try: ast.parse(src)\n    except SyntaxError as e: bad.append(f'{name}: {e}')\nprint('\\n'.join(bad)); sys.exit(1 if bad else 0)";
    await run("python3", ["-c", script], { input: JSON.stringify(snippetsOf("python")) });
  });

  it("javascript passes node --check", async () => {
    await checkAll("javascript", async (name, code) => {
      const file = join(dirFor("js"), `${name}.mjs`);
      writeFileSync(file, code);
      await run(process.execPath, ["--check", file]);
    });
  });

  it("typescript type-checks (strict, lib es2022 + dom)", async () => {
    const ts = (await import("typescript")).default;
    const dir = dirFor("ts");
    const files = snippetsOf("typescript").map(([name, code]) => {
      const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, "_")}.ts`);
      // `export {}` keeps each file its own module, so top-level names don't collide across files.
      writeFileSync(file, `${code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      typeRoots: [join(process.cwd(), "node_modules", "@types")],
      skipLibCheck: true,
    });
    const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.includes(d.file.fileName));
    assert.equal(
      diags.length,
      0,
      ts.formatDiagnostics(diags, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => dir,
        getNewLine: () => "\n",
      }),
    );
  });

  it("c compiles (gcc -fsyntax-only -Wall -Werror)", skipUnless("gcc"), async () => {
    await checkAll("c", async (name, code) => {
      const file = join(dirFor("c"), `${name}.c`);
      writeFileSync(file, code);
      await run("gcc", ["-std=c11", "-fsyntax-only", "-Wall", "-Wextra", "-Werror", file]);
    });
  });

  it("c++ compiles (g++ -fsyntax-only -std=c++17 -Wall -Werror)", skipUnless("g++"), async () => {
    await checkAll("cpp", async (name, code) => {
      const file = join(dirFor("cpp"), `${name}.cpp`);
      writeFileSync(file, code);
      await run("g++", ["-std=c++17", "-fsyntax-only", "-Wall", "-Wextra", "-Werror", file]);
    });
  });

  it("java compiles (javac, one run for all classes)", skipUnless("javac"), async () => {
    const dir = dirFor("java");
    const files = snippetsOf("java").map(([name, code]) => {
      const cls = /public class (\w+)/.exec(code)?.[1];
      assert.ok(cls, `no public class in ${name}`);
      const sub = join(dir, name.replace(/[^a-z0-9]+/gi, "_"));
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `${cls}.java`), code);
      return join(sub, `${cls}.java`);
    });
    await run("javac", ["-Xlint:all", "-Werror", "-d", join(dir, "out"), ...files], { timeout: 60_000 });
  });

  it("rust compiles (rustc --emit=metadata -D warnings)", skipUnless("rustc"), async () => {
    await checkAll("rust", async (name, code) => {
      const dir = dirFor(`rust_${name}`);
      writeFileSync(join(dir, "main.rs"), code);
      await run(
        "rustc",
        [
          "--edition",
          "2021",
          "--crate-type",
          "bin",
          "--emit=metadata",
          "-D",
          "warnings",
          "-o",
          join(dir, "out.rmeta"),
          join(dir, "main.rs"),
        ],
        { cwd: dir },
      );
    });
  });

  it("bash parses (bash -n)", skipUnless("bash"), async () => {
    await checkAll("bash", async (name, code) => {
      const file = join(dirFor("sh"), `${name}.sh`);
      writeFileSync(file, code);
      await run("bash", ["-n", file]);
    });
  });

  it("sql parses (sqlite3: no syntax errors)", skipUnless("sqlite3"), async () => {
    const qs = [
      "top 5 customers by revenue",
      "count orders per customer",
      "total sales by month",
      "average salary of employees",
      "duplicate emails in users",
      "users along with their orders",
      "select recent products",
      "lowest rated products",
    ];
    const failures: string[] = [];
    for (const q of qs) {
      const sql = codeOf(contentOf(ask(`SQL query for ${q}`)), "sql");
      // Unknown tables/functions are fine (no schema here); only a syntax error fails.
      const out = await run("sqlite3", [":memory:", `EXPLAIN ${sql}`]).catch((e: Error) => e.message);
      if (/syntax error|incomplete input|unrecognized token/i.test(out)) failures.push(`${q}\n${out}\n${sql}`);
    }
    assert.equal(failures.length, 0, failures.join("\n\n"));
  });

  it("go parses (gofmt -e)", has("gofmt") ? {} : { skip: "go/gofmt not installed" }, async () => {
    await checkAll("go", async (name, code) => {
      const file = join(dirFor("go"), `${name}.go`);
      writeFileSync(file, code);
      await run("gofmt", ["-e", "-l", file]);
    });
  });

  it("ruby parses (ruby -c)", skipUnless("ruby"), async () => {
    await checkAll("ruby", (name, code) => run("ruby", ["-c"], { input: code }));
  });

  it("php parses (php -l)", skipUnless("php"), async () => {
    await checkAll("php", async (name, code) => {
      const file = join(dirFor("php"), `${name}.php`);
      writeFileSync(file, code);
      await run("php", ["-l", file]);
    });
  });

  it("kotlin compiles (kotlinc)", kotlinSkip(), async () => {
    await checkAll("kotlin", async (name, code) => {
      const file = join(dirFor("kt"), `${name}.kt`);
      writeFileSync(file, code);
      await run("kotlinc", [file, "-d", join(work, "kt-out")], { timeout: 120_000 });
    });
  });

  it("swift parses (swiftc -parse)", skipUnless("swiftc"), async () => {
    await checkAll("swift", async (name, code) => {
      const file = join(dirFor(`swift_${name}`), "main.swift");
      writeFileSync(file, code);
      await run("swiftc", ["-parse", file]);
    });
  });

  it("c# compiles (csc)", skipUnless("csc"), async () => {
    await checkAll("csharp", async (name, code) => {
      const file = join(dirFor("cs"), `${name}.cs`);
      writeFileSync(file, code);
      await run("csc", ["-nologo", "-t:exe", `-out:${join(work, `${name}.exe`)}`, file]);
    });
  });
});
