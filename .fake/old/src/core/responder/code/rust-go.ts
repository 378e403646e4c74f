/** Rust and Go snippets. */
import { SAMPLE, type LangTable } from "./types";

const goFile = (imports: string[], body: string, main: string): string =>
  `package main\n\nimport ${imports.length === 1 ? `"${imports[0]}"` : `(\n${imports.map((i) => `\t"${i}"`).join("\n")}\n)`}\n\n${body}\n\nfunc main() {\n${main}\n}`;
// Go doc comments start with the function name.
const goDoc = (f: string, d: string): string => `// ${f}: ${d}`;

export const RUST: LangTable = {
  sum: ({ f, d }) =>
    `/// ${d}\nfn ${f}(numbers: &[i64]) -> i64 {\n    numbers.iter().sum()\n}\n\nfn main() {\n    println!("{}", ${f}(&[3, 1, 4, 1, 5])); // 14\n}`,
  average: ({ f, d }) =>
    `/// ${d} Returns \`None\` for an empty slice.\nfn ${f}(numbers: &[f64]) -> Option<f64> {\n    if numbers.is_empty() {\n        return None;\n    }\n    Some(numbers.iter().sum::<f64>() / numbers.len() as f64)\n}\n\nfn main() {\n    println!("{:?}", ${f}(&[3.0, 1.0, 4.0, 1.0, 5.0])); // Some(2.8)\n}`,
  extreme: ({ f, d, max }) =>
    `/// ${d} Returns \`None\` for an empty slice.\nfn ${f}(numbers: &[i32]) -> Option<i32> {\n    numbers.iter().copied().${max ? "max" : "min"}()\n}\n\nfn main() {\n    println!("{:?}", ${f}(&[3, 1, 4, 1, 5])); // Some(${max ? 5 : 1})\n}`,
  sort: ({ f, d, str }) =>
    `/// ${d}\nfn ${f}(items: &[${str ? "&str" : "i32"}]) -> Vec<${str ? "String" : "i32"}> {\n    let mut sorted: Vec<${str ? "String" : "i32"}> = items.iter()${str ? ".map(|s| s.to_string())" : ".copied()"}.collect();\n    sorted.sort();\n    sorted\n}\n\nfn main() {\n    println!("{:?}", ${f}(&${str ? `["pear", "apple", "fig"]` : "[5, 2, 9, 1, 7]"}));\n}`,
  reverse: ({ f, d }) =>
    `/// ${d}\nfn ${f}(text: &str) -> String {\n    // chars() walks Unicode scalar values, so multi-byte characters stay intact.\n    text.chars().rev().collect()\n}\n\nfn main() {\n    println!("{}", ${f}("hello")); // olleh\n}`,
  palindrome: ({ f, d }) =>
    `/// ${d}\nfn ${f}(text: &str) -> bool {\n    let cleaned: Vec<char> = text\n        .chars()\n        .filter(|c| c.is_alphanumeric())\n        .map(|c| c.to_ascii_lowercase())\n        .collect();\n    cleaned.iter().eq(cleaned.iter().rev())\n}\n\nfn main() {\n    println!("{}", ${f}("A man, a plan, a canal: Panama")); // true\n}`,
  fibonacci: ({ f, d }) =>
    `/// ${d}\nfn ${f}(n: usize) -> Vec<u64> {\n    let mut sequence = Vec::with_capacity(n);\n    let (mut a, mut b) = (0u64, 1u64);\n    for _ in 0..n {\n        sequence.push(a);\n        (a, b) = (b, a + b);\n    }\n    sequence\n}\n\nfn main() {\n    println!("{:?}", ${f}(10)); // [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]\n}`,
  factorial: ({ f, d }) =>
    `/// ${d} Returns \`None\` on overflow (n > 20).\nfn ${f}(n: u64) -> Option<u64> {\n    (2..=n).try_fold(1u64, |acc, i| acc.checked_mul(i))\n}\n\nfn main() {\n    println!("{:?}", ${f}(5)); // Some(120)\n}`,
  prime: ({ f, d }) =>
    `/// ${d}\nfn ${f}(n: u64) -> bool {\n    if n < 2 {\n        return false;\n    }\n    let mut i = 2;\n    while i * i <= n {\n        if n % i == 0 {\n            return false;\n        }\n        i += 1;\n    }\n    true\n}\n\nfn main() {\n    let primes: Vec<u64> = (0..20).filter(|&n| ${f}(n)).collect();\n    println!("{:?}", primes); // [2, 3, 5, 7, 11, 13, 17, 19]\n}`,
  fizzbuzz: ({ f, d }) =>
    `/// ${d}\nfn ${f}(n: u32) -> Vec<String> {\n    (1..=n)\n        .map(|i| match (i % 3, i % 5) {\n            (0, 0) => "FizzBuzz".to_string(),\n            (0, _) => "Fizz".to_string(),\n            (_, 0) => "Buzz".to_string(),\n            _ => i.to_string(),\n        })\n        .collect()\n}\n\nfn main() {\n    for line in ${f}(15) {\n        println!("{}", line);\n    }\n}`,
  wordcount: ({ f, d }) =>
    `use std::collections::HashMap;\n\n/// ${d}\nfn ${f}(text: &str) -> HashMap<String, usize> {\n    let mut counts = HashMap::new();\n    for word in text.split_whitespace() {\n        *counts.entry(word.to_lowercase()).or_insert(0) += 1;\n    }\n    counts\n}\n\nfn main() {\n    let counts = ${f}("${SAMPLE.words}");\n    println!("{:?}", counts.get("the")); // Some(3)\n}`,
  dedupe: ({ f, d, str }) =>
    `use std::collections::HashSet;\n\n/// ${d} Keeps the first occurrence of each value, in order.\nfn ${f}(items: &[${str ? "&str" : "i32"}]) -> Vec<${str ? "String" : "i32"}> {\n    let mut seen = HashSet::new();\n    items\n        .iter()\n        .filter(|item| seen.insert(**item))\n        ${str ? ".map(|item| item.to_string())" : ".copied()"}\n        .collect()\n}\n\nfn main() {\n    println!("{:?}", ${f}(&${str ? `["a", "b", "a", "c", "b"]` : "[3, 1, 3, 2, 1]"}));\n}`,
  bsearch: ({ f, d }) =>
    `/// ${d} Returns the index of \`target\`, or \`None\` if it is absent.\nfn ${f}(items: &[i32], target: i32) -> Option<usize> {\n    let (mut lo, mut hi) = (0, items.len());\n    while lo < hi {\n        let mid = lo + (hi - lo) / 2;\n        match items[mid].cmp(&target) {\n            std::cmp::Ordering::Equal => return Some(mid),\n            std::cmp::Ordering::Less => lo = mid + 1,\n            std::cmp::Ordering::Greater => hi = mid,\n        }\n    }\n    None\n}\n\nfn main() {\n    println!("{:?}", ${f}(&[1, 3, 5, 7, 9, 11], 7)); // Some(3)\n}`,
  readfile: ({ f, d }) =>
    `use std::fs::File;\nuse std::io::{self, BufRead, BufReader};\n\n/// ${d}\nfn ${f}(path: &str) -> io::Result<Vec<String>> {\n    let reader = BufReader::new(File::open(path)?);\n    reader.lines().collect()\n}\n\nfn main() -> io::Result<()> {\n    for (number, line) in ${f}("input.txt")?.iter().enumerate() {\n        println!("{}: {}", number + 1, line);\n    }\n    Ok(())\n}`,
  generic: ({ f, d }) =>
    `/// ${d}\nfn ${f}(input: &str) -> Result<String, String> {\n    if input.is_empty() {\n        return Err("input is required".to_string());\n    }\n    // Adapt this: replace the line below with the actual steps for your use case.\n    let result = input.to_string();\n    Ok(result)\n}\n\nfn main() {\n    match ${f}("example") {\n        Ok(result) => println!("{}", result),\n        Err(err) => eprintln!("error: {}", err),\n    }\n}`,
};

export const GO: LangTable = {
  sum: ({ f, d }) =>
    goFile(
      ["fmt"],
      `${goDoc(f, d)}\nfunc ${f}(numbers []int) int {\n\ttotal := 0\n\tfor _, n := range numbers {\n\t\ttotal += n\n\t}\n\treturn total\n}`,
      `\tfmt.Println(${f}([]int{3, 1, 4, 1, 5})) // 14`,
    ),
  average: ({ f, d }) =>
    goFile(
      ["errors", "fmt"],
      `${goDoc(f, d)}\nfunc ${f}(numbers []float64) (float64, error) {\n\tif len(numbers) == 0 {\n\t\treturn 0, errors.New("cannot average an empty slice")\n\t}\n\ttotal := 0.0\n\tfor _, n := range numbers {\n\t\ttotal += n\n\t}\n\treturn total / float64(len(numbers)), nil\n}`,
      `\tavg, err := ${f}([]float64{3, 1, 4, 1, 5})\n\tif err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n\tfmt.Println(avg) // 2.8`,
    ),
  extreme: ({ f, d, max }) =>
    goFile(
      ["errors", "fmt"],
      `${goDoc(f, d)}\nfunc ${f}(numbers []int) (int, error) {\n\tif len(numbers) == 0 {\n\t\treturn 0, errors.New("empty slice")\n\t}\n\tbest := numbers[0]\n\tfor _, n := range numbers[1:] {\n\t\tif n ${max ? ">" : "<"} best {\n\t\t\tbest = n\n\t\t}\n\t}\n\treturn best, nil\n}`,
      `\tvalue, err := ${f}([]int{3, 1, 4, 1, 5})\n\tif err != nil {\n\t\tfmt.Println(err)\n\t\treturn\n\t}\n\tfmt.Println(value) // ${max ? 5 : 1}`,
    ),
  sort: ({ f, d, str }) =>
    goFile(
      ["fmt", "sort"],
      `${goDoc(f, d)}\nfunc ${f}(items []${str ? "string" : "int"}) []${str ? "string" : "int"} {\n\tsorted := append([]${str ? "string" : "int"}(nil), items...) // copy, so the input is untouched\n\tsort.${str ? "Strings" : "Ints"}(sorted)\n\treturn sorted\n}`,
      `\tfmt.Println(${f}(${str ? `[]string{"pear", "apple", "fig"}` : "[]int{5, 2, 9, 1, 7}"}))`,
    ),
  reverse: ({ f, d }) =>
    goFile(
      ["fmt"],
      `${goDoc(f, d)}\nfunc ${f}(text string) string {\n\trunes := []rune(text) // runes, so multi-byte characters stay intact\n\tfor i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {\n\t\trunes[i], runes[j] = runes[j], runes[i]\n\t}\n\treturn string(runes)\n}`,
      `\tfmt.Println(${f}("hello")) // olleh`,
    ),
  palindrome: ({ f, d }) =>
    goFile(
      ["fmt", "unicode"],
      `${goDoc(f, d)}\nfunc ${f}(text string) bool {\n\tvar cleaned []rune\n\tfor _, r := range text {\n\t\tif unicode.IsLetter(r) || unicode.IsDigit(r) {\n\t\t\tcleaned = append(cleaned, unicode.ToLower(r))\n\t\t}\n\t}\n\tfor i, j := 0, len(cleaned)-1; i < j; i, j = i+1, j-1 {\n\t\tif cleaned[i] != cleaned[j] {\n\t\t\treturn false\n\t\t}\n\t}\n\treturn true\n}`,
      `\tfmt.Println(${f}("A man, a plan, a canal: Panama")) // true`,
    ),
  fibonacci: ({ f, d }) =>
    goFile(
      ["fmt"],
      `${goDoc(f, d)}\nfunc ${f}(n int) []uint64 {\n\tsequence := make([]uint64, 0, n)\n\tvar a, b uint64 = 0, 1\n\tfor i := 0; i < n; i++ {\n\t\tsequence = append(sequence, a)\n\t\ta, b = b, a+b\n\t}\n\treturn sequence\n}`,
      `\tfmt.Println(${f}(10)) // [0 1 1 2 3 5 8 13 21 34]`,
    ),
  factorial: ({ f, d }) =>
    goFile(
      ["fmt"],
      `${goDoc(f, d)} It fits in a uint64 up to n = 20.\nfunc ${f}(n uint) uint64 {\n\tresult := uint64(1)\n\tfor i := uint64(2); i <= uint64(n); i++ {\n\t\tresult *= i\n\t}\n\treturn result\n}`,
      `\tfmt.Println(${f}(5)) // 120`,
    ),
  prime: ({ f, d }) =>
    goFile(
      ["fmt"],
      `${goDoc(f, d)}\nfunc ${f}(n int) bool {\n\tif n < 2 {\n\t\treturn false\n\t}\n\tfor i := 2; i*i <= n; i++ {\n\t\tif n%i == 0 {\n\t\t\treturn false\n\t\t}\n\t}\n\treturn true\n}`,
      `\tfor i := 0; i < 20; i++ {\n\t\tif ${f}(i) {\n\t\t\tfmt.Print(i, " ")\n\t\t}\n\t}\n\tfmt.Println() // 2 3 5 7 11 13 17 19`,
    ),
  fizzbuzz: ({ f, d }) =>
    goFile(
      ["fmt", "strconv"],
      `${goDoc(f, d)}\nfunc ${f}(n int) []string {\n\tout := make([]string, 0, n)\n\tfor i := 1; i <= n; i++ {\n\t\tswitch {\n\t\tcase i%15 == 0:\n\t\t\tout = append(out, "FizzBuzz")\n\t\tcase i%3 == 0:\n\t\t\tout = append(out, "Fizz")\n\t\tcase i%5 == 0:\n\t\t\tout = append(out, "Buzz")\n\t\tdefault:\n\t\t\tout = append(out, strconv.Itoa(i))\n\t\t}\n\t}\n\treturn out\n}`,
      `\tfor _, line := range ${f}(15) {\n\t\tfmt.Println(line)\n\t}`,
    ),
  wordcount: ({ f, d }) =>
    goFile(
      ["fmt", "strings"],
      `${goDoc(f, d)}\nfunc ${f}(text string) map[string]int {\n\tcounts := make(map[string]int)\n\tfor _, word := range strings.Fields(strings.ToLower(text)) {\n\t\tcounts[word]++\n\t}\n\treturn counts\n}`,
      `\tcounts := ${f}("${SAMPLE.words}")\n\tfmt.Println(counts["the"]) // 3`,
    ),
  dedupe: ({ f, d, str }) =>
    goFile(
      ["fmt"],
      `${goDoc(f, d)} The first occurrence of each value is kept, in order.\nfunc ${f}(items []${str ? "string" : "int"}) []${str ? "string" : "int"} {\n\tseen := make(map[${str ? "string" : "int"}]struct{}, len(items))\n\tresult := make([]${str ? "string" : "int"}, 0, len(items))\n\tfor _, item := range items {\n\t\tif _, ok := seen[item]; ok {\n\t\t\tcontinue\n\t\t}\n\t\tseen[item] = struct{}{}\n\t\tresult = append(result, item)\n\t}\n\treturn result\n}`,
      `\tfmt.Println(${f}(${str ? `[]string{"a", "b", "a", "c", "b"}` : "[]int{3, 1, 3, 2, 1}"}))`,
    ),
  bsearch: ({ f, d }) =>
    goFile(
      ["fmt"],
      `${goDoc(f, d)} It returns the index of target, or -1 if absent.\nfunc ${f}(items []int, target int) int {\n\tlo, hi := 0, len(items)-1\n\tfor lo <= hi {\n\t\tmid := lo + (hi-lo)/2\n\t\tswitch {\n\t\tcase items[mid] == target:\n\t\t\treturn mid\n\t\tcase items[mid] < target:\n\t\t\tlo = mid + 1\n\t\tdefault:\n\t\t\thi = mid - 1\n\t\t}\n\t}\n\treturn -1\n}`,
      `\tfmt.Println(${f}([]int{1, 3, 5, 7, 9, 11}, 7)) // 3`,
    ),
  readfile: ({ f, d }) =>
    goFile(
      ["bufio", "fmt", "log", "os"],
      `${goDoc(f, d)}\nfunc ${f}(path string) ([]string, error) {\n\tfile, err := os.Open(path)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer file.Close()\n\n\tvar lines []string\n\tscanner := bufio.NewScanner(file)\n\tfor scanner.Scan() {\n\t\tlines = append(lines, scanner.Text())\n\t}\n\treturn lines, scanner.Err()\n}`,
      `\tlines, err := ${f}("input.txt")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tfor i, line := range lines {\n\t\tfmt.Printf("%d: %s\\n", i+1, line)\n\t}`,
    ),
  httpget: ({ f, d }) =>
    goFile(
      ["encoding/json", "fmt", "log", "net/http", "time"],
      `${goDoc(f, d)}\nfunc ${f}(url string) (map[string]any, error) {\n\tclient := &http.Client{Timeout: 10 * time.Second}\n\tresp, err := client.Get(url)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer resp.Body.Close()\n\tif resp.StatusCode != http.StatusOK {\n\t\treturn nil, fmt.Errorf("unexpected status: %s", resp.Status)\n\t}\n\tvar data map[string]any\n\tif err := json.NewDecoder(resp.Body).Decode(&data); err != nil {\n\t\treturn nil, err\n\t}\n\treturn data, nil\n}`,
      `\tdata, err := ${f}("${SAMPLE.url}")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tfmt.Println(data)`,
    ),
  parsejson: ({ f, d }) =>
    goFile(
      ["encoding/json", "fmt", "log"],
      `// Person mirrors the JSON document.\ntype Person struct {\n\tName      string   \`json:"name"\`\n\tAge       int      \`json:"age"\`\n\tLanguages []string \`json:"languages"\`\n}\n\n${goDoc(f, d)}\nfunc ${f}(data []byte) (Person, error) {\n\tvar p Person\n\terr := json.Unmarshal(data, &p)\n\treturn p, err\n}`,
      `\tp, err := ${f}([]byte(\`${SAMPLE.json}\`))\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tfmt.Println(p.Name, p.Age)`,
    ),
  generic: ({ f, d }) =>
    goFile(
      ["errors", "fmt", "log"],
      `${goDoc(f, d)}\nfunc ${f}(input string) (string, error) {\n\tif input == "" {\n\t\treturn "", errors.New("input is required")\n\t}\n\t// Adapt this: replace the line below with the actual steps for your use case.\n\tresult := input\n\treturn result, nil\n}`,
      `\tresult, err := ${f}("example")\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tfmt.Println(result)`,
    ),
};
