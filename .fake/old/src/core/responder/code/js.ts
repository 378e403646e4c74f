/** TypeScript and JavaScript snippets: one table, type annotations only when `typed`. */
import { SAMPLE, type LangTable } from "./types";

function jsTable(typed: boolean): LangTable {
  // Type annotation, present only in TypeScript.
  const t = (s: string): string => (typed ? s : "");
  const doc = (d: string): string => `/** ${d} */\n`;
  return {
    sum: ({ f, d }) => `${doc(d)}function ${f}(numbers${t(": readonly number[]")})${t(": number")} {
  return numbers.reduce((total, n) => total + n, 0);
}

console.log(${f}([3, 1, 4, 1, 5])); // 14`,
    average: ({ f, d }) => `${doc(d)}function ${f}(numbers${t(": readonly number[]")})${t(": number")} {
  if (numbers.length === 0) throw new RangeError("cannot average an empty array");
  return numbers.reduce((total, n) => total + n, 0) / numbers.length;
}

console.log(${f}([3, 1, 4, 1, 5])); // 2.8`,
    extreme: ({ f, d, max }) => `${doc(d)}function ${f}(numbers${t(": readonly number[]")})${t(": number")} {
  if (numbers.length === 0) throw new RangeError("cannot take the ${max ? "maximum" : "minimum"} of an empty array");
  let best = numbers[0]${t("!")};
  for (const n of numbers) {
    if (n ${max ? ">" : "<"} best) best = n;
  }
  return best;
}

console.log(${f}([3, 1, 4, 1, 5])); // ${max ? 5 : 1}`,
    sort: ({
      f,
      d,
      str,
    }) => `${doc(d)}function ${f}(items${t(str ? ": readonly string[]" : ": readonly number[]")})${t(str ? ": string[]" : ": number[]")} {
  // Copy first: Array.prototype.sort mutates in place.
  return [...items].sort(${str ? "(a, b) => a.localeCompare(b)" : "(a, b) => a - b"});
}

console.log(${f}(${str ? `["pear", "apple", "fig"])); // ["apple", "fig", "pear"]` : `[5, 2, 9, 1, 7])); // [1, 2, 5, 7, 9]`}`,
    reverse: ({ f, d }) => `${doc(d)}function ${f}(text${t(": string")})${t(": string")} {
  // Spread by code point so emoji and accents survive.
  return [...text].reverse().join("");
}

console.log(${f}("hello")); // "olleh"`,
    palindrome: ({ f, d }) => `${doc(d)}function ${f}(text${t(": string")})${t(": boolean")} {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9]/g, "");
  return cleaned === [...cleaned].reverse().join("");
}

console.log(${f}("A man, a plan, a canal: Panama")); // true`,
    fibonacci: ({ f, d }) => `${doc(d)}function ${f}(n${t(": number")})${t(": number[]")} {
  const sequence${t(": number[]")} = [];
  let [a, b] = [0, 1];
  for (let i = 0; i < n; i++) {
    sequence.push(a);
    [a, b] = [b, a + b];
  }
  return sequence;
}

console.log(${f}(10)); // [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]`,
    factorial: ({ f, d }) => `${doc(d)}function ${f}(n${t(": number")})${t(": number")} {
  if (n < 0) throw new RangeError("n must be non-negative");
  let result = 1;
  for (let i = 2; i <= n; i++) result *= i;
  return result;
}

console.log(${f}(5)); // 120`,
    prime: ({ f, d }) => `${doc(d)}function ${f}(n${t(": number")})${t(": boolean")} {
  if (n < 2) return false;
  for (let i = 2; i * i <= n; i++) {
    if (n % i === 0) return false;
  }
  return true;
}

console.log([...Array(20).keys()].filter(${f})); // [2, 3, 5, 7, 11, 13, 17, 19]`,
    fizzbuzz: ({ f, d }) => `${doc(d)}function ${f}(n${t(": number")})${t(": string[]")} {
  const out${t(": string[]")} = [];
  for (let i = 1; i <= n; i++) {
    if (i % 15 === 0) out.push("FizzBuzz");
    else if (i % 3 === 0) out.push("Fizz");
    else if (i % 5 === 0) out.push("Buzz");
    else out.push(String(i));
  }
  return out;
}

console.log(${f}(15).join("\\n"));`,
    wordcount: ({ f, d }) => `${doc(d)}function ${f}(text${t(": string")})${t(": Map<string, number>")} {
  const counts = new Map${t("<string, number>")}();
  for (const word of text.toLowerCase().split(/\\s+/).filter(Boolean)) {
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

console.log(${f}("${SAMPLE.words}"));`,
    dedupe: ({
      f,
      d,
      str,
    }) => `${doc(d)}function ${f}(items${t(str ? ": readonly string[]" : ": readonly number[]")})${t(str ? ": string[]" : ": number[]")} {
  // A Set keeps the first occurrence of each value, in order.
  return [...new Set(items)];
}

console.log(${f}(${str ? `["a", "b", "a", "c", "b"])); // ["a", "b", "c"]` : `[3, 1, 3, 2, 1])); // [3, 1, 2]`}`,
    bsearch: ({
      f,
      d,
    }) => `${doc(d)}function ${f}(items${t(": readonly number[]")}, target${t(": number")})${t(": number")} {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid] === target) return mid;
    if (items[mid]${t("!")} < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

console.log(${f}([1, 3, 5, 7, 9, 11], 7)); // 3`,
    readfile: ({ f, d }) => `import * as fs from "node:fs/promises";

${doc(d)}async function ${f}(path${t(": string")})${t(": Promise<string[]>")} {
  const text = await fs.readFile(path, "utf8");
  return text.split(/\\r?\\n/);
}

${f}("input.txt")
  .then((lines) => lines.forEach((line, i) => console.log(\`\${i + 1}: \${line}\`)))
  .catch((err) => console.error(err));`,
    httpget: ({ f, d }) => `${doc(d)}async function ${f}${t("<T = unknown>")}(url${t(": string")})${t(": Promise<T>")} {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(\`Request failed: \${response.status} \${response.statusText}\`);
  }
  return ${typed ? "(await response.json()) as T" : "response.json()"};
}

${f}("${SAMPLE.url}")
  .then((data) => console.log(data))
  .catch((err) => console.error(err));`,
    parsejson: ({
      f,
      d,
    }) => `${typed ? "interface Person {\n  name: string;\n  age: number;\n  languages: string[];\n}\n\n" : ""}${doc(d)}function ${f}(text${t(": string")})${t(": Person")} {
  const data${t(": unknown")} = JSON.parse(text);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError("expected a JSON object");
  }
  return data${t(" as Person")};
}

const person = ${f}('${SAMPLE.json}');
console.log(person.name, person.age);`,
    generic: ({ f, d }) => `${doc(d)}function ${f}(input${t(": unknown")})${t(": unknown")} {
  if (input == null) throw new TypeError("input is required");
  // Adapt this: replace the line below with the actual steps for your use case.
  const result = input;
  return result;
}

console.log(${f}({ example: true }));`,
  };
}

export const TYPESCRIPT = jsTable(true);
export const JAVASCRIPT = jsTable(false);
