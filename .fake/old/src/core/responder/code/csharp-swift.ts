/** C# and Swift snippets. */
import { SAMPLE, type LangTable } from "./types";

const cs = (usings: string[], cls: string, method: string, main: string, asyncMain = false): string =>
  `${usings.map((u) => `using ${u};\n`).join("")}\npublic static class ${cls}\n{\n${method}\n\n    public static ${asyncMain ? "async Task" : "void"} Main()\n    {\n${main}\n    }\n}`;
const LINQ = ["System", "System.Collections.Generic", "System.Linq"];

export const CSHARP: LangTable = {
  sum: ({ f, d, cls }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d}</summary>\n    public static long ${f}(IEnumerable<int> numbers) => numbers.Sum(n => (long)n);`,
      `        Console.WriteLine(${f}(new[] { 3, 1, 4, 1, 5 })); // 14`,
    ),
  average: ({ f, d, cls }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d}</summary>\n    public static double ${f}(IReadOnlyCollection<double> numbers)\n    {\n        if (numbers.Count == 0)\n        {\n            throw new ArgumentException("Cannot average an empty collection.", nameof(numbers));\n        }\n        return numbers.Average();\n    }`,
      `        Console.WriteLine(${f}(new[] { 3.0, 1.0, 4.0, 1.0, 5.0 })); // 2.8`,
    ),
  extreme: ({ f, d, cls, max }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d}</summary>\n    public static int ${f}(IEnumerable<int> numbers) => numbers.${max ? "Max" : "Min"}();`,
      `        Console.WriteLine(${f}(new[] { 3, 1, 4, 1, 5 })); // ${max ? 5 : 1}`,
    ),
  sort: ({ f, d, cls, str }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d} Returns a new sorted list.</summary>\n    public static List<${str ? "string" : "int"}> ${f}(IEnumerable<${str ? "string" : "int"}> items) =>\n        items.OrderBy(item => item${str ? ", StringComparer.OrdinalIgnoreCase" : ""}).ToList();`,
      `        Console.WriteLine(string.Join(", ", ${f}(new[] { ${str ? `"pear", "apple", "fig"` : "5, 2, 9, 1, 7"} })));`,
    ),
  reverse: ({ f, d, cls }) =>
    cs(
      ["System"],
      cls,
      `    /// <summary>${d}</summary>\n    public static string ${f}(string text)\n    {\n        char[] chars = text.ToCharArray();\n        Array.Reverse(chars);\n        return new string(chars);\n    }`,
      `        Console.WriteLine(${f}("hello")); // olleh`,
    ),
  palindrome: ({ f, d, cls }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d} Ignores case and non-alphanumeric characters.</summary>\n    public static bool ${f}(string text)\n    {\n        var cleaned = text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();\n        return cleaned.SequenceEqual(Enumerable.Reverse(cleaned));\n    }`,
      `        Console.WriteLine(${f}("A man, a plan, a canal: Panama")); // True`,
    ),
  fibonacci: ({ f, d, cls }) =>
    cs(
      ["System", "System.Collections.Generic"],
      cls,
      `    /// <summary>${d}</summary>\n    public static IEnumerable<long> ${f}(int n)\n    {\n        long a = 0, b = 1;\n        for (int i = 0; i < n; i++)\n        {\n            yield return a;\n            (a, b) = (b, a + b);\n        }\n    }`,
      `        Console.WriteLine(string.Join(", ", ${f}(10))); // 0, 1, 1, 2, 3, 5, 8, 13, 21, 34`,
    ),
  factorial: ({ f, d, cls }) =>
    cs(
      ["System", "System.Numerics"],
      cls,
      `    /// <summary>${d}</summary>\n    public static BigInteger ${f}(int n)\n    {\n        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), "n must be non-negative");\n        BigInteger result = BigInteger.One;\n        for (int i = 2; i <= n; i++) result *= i;\n        return result;\n    }`,
      `        Console.WriteLine(${f}(5)); // 120`,
    ),
  prime: ({ f, d, cls }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d}</summary>\n    public static bool ${f}(int n)\n    {\n        if (n < 2) return false;\n        for (long i = 2; i * i <= n; i++)\n        {\n            if (n % i == 0) return false;\n        }\n        return true;\n    }`,
      `        Console.WriteLine(string.Join(", ", Enumerable.Range(0, 20).Where(${f}))); // 2, 3, 5, 7, 11, 13, 17, 19`,
    ),
  fizzbuzz: ({ f, d, cls }) =>
    cs(
      ["System", "System.Collections.Generic"],
      cls,
      `    /// <summary>${d}</summary>\n    public static IEnumerable<string> ${f}(int n)\n    {\n        for (int i = 1; i <= n; i++)\n        {\n            yield return i % 15 == 0 ? "FizzBuzz" : i % 3 == 0 ? "Fizz" : i % 5 == 0 ? "Buzz" : i.ToString();\n        }\n    }`,
      `        foreach (var line in ${f}(15)) Console.WriteLine(line);`,
    ),
  wordcount: ({ f, d, cls }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d}</summary>\n    public static Dictionary<string, int> ${f}(string text) =>\n        text.ToLowerInvariant()\n            .Split(new[] { ' ', '\\t', '\\n' }, StringSplitOptions.RemoveEmptyEntries)\n            .GroupBy(word => word)\n            .ToDictionary(g => g.Key, g => g.Count());`,
      `        foreach (var (word, count) in ${f}("${SAMPLE.words}")) Console.WriteLine($"{word}: {count}");`,
    ),
  dedupe: ({ f, d, cls, str }) =>
    cs(
      LINQ,
      cls,
      `    /// <summary>${d} Keeps the first occurrence of each value, in order.</summary>\n    public static List<${str ? "string" : "int"}> ${f}(IEnumerable<${str ? "string" : "int"}> items) => items.Distinct().ToList();`,
      `        Console.WriteLine(string.Join(", ", ${f}(new[] { ${str ? `"a", "b", "a", "c", "b"` : "3, 1, 3, 2, 1"} })));`,
    ),
  bsearch: ({ f, d, cls }) =>
    cs(
      ["System"],
      cls,
      `    /// <summary>${d} Returns the index of target, or -1 if it is absent.</summary>\n    public static int ${f}(int[] items, int target)\n    {\n        int lo = 0, hi = items.Length - 1;\n        while (lo <= hi)\n        {\n            int mid = lo + (hi - lo) / 2;\n            if (items[mid] == target) return mid;\n            if (items[mid] < target) lo = mid + 1;\n            else hi = mid - 1;\n        }\n        return -1;\n    }`,
      `        Console.WriteLine(${f}(new[] { 1, 3, 5, 7, 9, 11 }, 7)); // 3`,
    ),
  readfile: ({ f, d, cls }) =>
    cs(
      ["System", "System.IO"],
      cls,
      `    /// <summary>${d}</summary>\n    public static string[] ${f}(string path) => File.ReadAllLines(path);`,
      `        var lines = ${f}("input.txt");\n        for (int i = 0; i < lines.Length; i++) Console.WriteLine($"{i + 1}: {lines[i]}");`,
    ),
  httpget: ({ f, d, cls }) =>
    cs(
      ["System", "System.Net.Http", "System.Text.Json", "System.Threading.Tasks"],
      cls,
      `    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };\n\n    /// <summary>${d}</summary>\n    public static async Task<JsonDocument> ${f}(string url)\n    {\n        using var response = await Client.GetAsync(url);\n        response.EnsureSuccessStatusCode();\n        await using var stream = await response.Content.ReadAsStreamAsync();\n        return await JsonDocument.ParseAsync(stream);\n    }`,
      `        using var doc = await ${f}("${SAMPLE.url}");\n        Console.WriteLine(doc.RootElement);`,
      true,
    ),
  parsejson: ({ f, d, cls }) =>
    `using System;\nusing System.Text.Json;\n\npublic record Person(string Name, int Age, string[] Languages);\n\n${cs([], cls, `    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };\n\n    /// <summary>${d}</summary>\n    public static Person ${f}(string json) =>\n        JsonSerializer.Deserialize<Person>(json, Options) ?? throw new JsonException("expected a JSON object");`, `        var person = ${f}("""${SAMPLE.json}""");\n        Console.WriteLine($"{person.Name} ({person.Age})");`).trimStart()}`,
  generic: ({ f, d, cls }) =>
    cs(
      ["System"],
      cls,
      `    /// <summary>${d}</summary>\n    public static T ${f}<T>(T input)\n    {\n        ArgumentNullException.ThrowIfNull(input);\n        // Adapt this: replace the line below with the actual steps for your use case.\n        T result = input;\n        return result;\n    }`,
      `        Console.WriteLine(${f}("example"));`,
    ),
};

export const SWIFT: LangTable = {
  sum: ({ f, d }) =>
    `/// ${d}\nfunc ${f}(_ numbers: [Int]) -> Int {\n    numbers.reduce(0, +)\n}\n\nprint(${f}([3, 1, 4, 1, 5])) // 14`,
  average: ({ f, d }) =>
    `/// ${d} Returns nil for an empty array.\nfunc ${f}(_ numbers: [Double]) -> Double? {\n    guard !numbers.isEmpty else { return nil }\n    return numbers.reduce(0, +) / Double(numbers.count)\n}\n\nprint(${f}([3, 1, 4, 1, 5]) ?? 0) // 2.8`,
  extreme: ({ f, d, max }) =>
    `/// ${d} Returns nil for an empty array.\nfunc ${f}(_ numbers: [Int]) -> Int? {\n    numbers.${max ? "max" : "min"}()\n}\n\nprint(${f}([3, 1, 4, 1, 5]) ?? 0) // ${max ? 5 : 1}`,
  sort: ({ f, d, str }) =>
    `/// ${d} Returns a new sorted array.\nfunc ${f}(_ items: [${str ? "String" : "Int"}]) -> [${str ? "String" : "Int"}] {\n    items.sorted()\n}\n\nprint(${f}([${str ? `"pear", "apple", "fig"` : "5, 2, 9, 1, 7"}]))`,
  reverse: ({ f, d }) =>
    `/// ${d}\nfunc ${f}(_ text: String) -> String {\n    String(text.reversed())\n}\n\nprint(${f}("hello")) // olleh`,
  palindrome: ({ f, d }) =>
    `/// ${d} Ignores case and non-alphanumeric characters.\nfunc ${f}(_ text: String) -> Bool {\n    let cleaned = text.lowercased().filter { $0.isLetter || $0.isNumber }\n    return cleaned == String(cleaned.reversed())\n}\n\nprint(${f}("A man, a plan, a canal: Panama")) // true`,
  fibonacci: ({ f, d }) =>
    `/// ${d}\nfunc ${f}(_ n: Int) -> [Int] {\n    var sequence: [Int] = []\n    var (a, b) = (0, 1)\n    for _ in 0..<n {\n        sequence.append(a)\n        (a, b) = (b, a + b)\n    }\n    return sequence\n}\n\nprint(${f}(10)) // [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]`,
  factorial: ({ f, d }) =>
    `/// ${d}\nfunc ${f}(_ n: Int) -> Int {\n    precondition(n >= 0, "n must be non-negative")\n    return n < 2 ? 1 : (2...n).reduce(1, *)\n}\n\nprint(${f}(5)) // 120`,
  prime: ({ f, d }) =>
    `/// ${d}\nfunc ${f}(_ n: Int) -> Bool {\n    guard n >= 2 else { return false }\n    var i = 2\n    while i * i <= n {\n        if n % i == 0 { return false }\n        i += 1\n    }\n    return true\n}\n\nprint((0..<20).filter(${f})) // [2, 3, 5, 7, 11, 13, 17, 19]`,
  fizzbuzz: ({ f, d }) =>
    `/// ${d}\nfunc ${f}(_ n: Int) -> [String] {\n    (1...n).map { i in\n        switch (i % 3, i % 5) {\n        case (0, 0): return "FizzBuzz"\n        case (0, _): return "Fizz"\n        case (_, 0): return "Buzz"\n        default: return String(i)\n        }\n    }\n}\n\n${f}(15).forEach { print($0) }`,
  wordcount: ({ f, d }) =>
    `/// ${d}\nfunc ${f}(_ text: String) -> [String: Int] {\n    var counts: [String: Int] = [:]\n    for word in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {\n        counts[String(word), default: 0] += 1\n    }\n    return counts\n}\n\nprint(${f}("${SAMPLE.words}"))`,
  dedupe: ({ f, d, str }) =>
    `/// ${d} Keeps the first occurrence of each value, in order.\nfunc ${f}(_ items: [${str ? "String" : "Int"}]) -> [${str ? "String" : "Int"}] {\n    var seen = Set<${str ? "String" : "Int"}>()\n    return items.filter { seen.insert($0).inserted }\n}\n\nprint(${f}([${str ? `"a", "b", "a", "c", "b"` : "3, 1, 3, 2, 1"}]))`,
  bsearch: ({ f, d }) =>
    `/// ${d} Returns the index of target, or nil if it is absent.\nfunc ${f}(_ items: [Int], _ target: Int) -> Int? {\n    var lo = 0, hi = items.count - 1\n    while lo <= hi {\n        let mid = lo + (hi - lo) / 2\n        if items[mid] == target { return mid }\n        if items[mid] < target { lo = mid + 1 } else { hi = mid - 1 }\n    }\n    return nil\n}\n\nprint(${f}([1, 3, 5, 7, 9, 11], 7) ?? -1) // 3`,
  readfile: ({ f, d }) =>
    `import Foundation\n\n/// ${d}\nfunc ${f}(_ path: String) throws -> [String] {\n    let text = try String(contentsOfFile: path, encoding: .utf8)\n    return text.components(separatedBy: .newlines)\n}\n\ndo {\n    for (i, line) in try ${f}("input.txt").enumerated() {\n        print("\\(i + 1): \\(line)")\n    }\n} catch {\n    print("Could not read file: \\(error)")\n}`,
  httpget: ({ f, d }) =>
    `import Foundation\n\n/// ${d}\nfunc ${f}(_ url: URL) async throws -> Any {\n    var request = URLRequest(url: url)\n    request.setValue("application/json", forHTTPHeaderField: "Accept")\n    let (data, response) = try await URLSession.shared.data(for: request)\n    guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {\n        throw URLError(.badServerResponse)\n    }\n    return try JSONSerialization.jsonObject(with: data)\n}\n\nlet json = try await ${f}(URL(string: "${SAMPLE.url}")!)\nprint(json)`,
  parsejson: ({ f, d }) =>
    `import Foundation\n\nstruct Person: Codable {\n    let name: String\n    let age: Int\n    let languages: [String]\n}\n\n/// ${d}\nfunc ${f}(_ json: String) throws -> Person {\n    try JSONDecoder().decode(Person.self, from: Data(json.utf8))\n}\n\ndo {\n    let person = try ${f}(#"${SAMPLE.json}"#)\n    print(person.name, person.age)\n} catch {\n    print("Invalid JSON: \\(error)")\n}`,
  generic: ({ f, d }) =>
    `/// ${d}\nfunc ${f}<T>(_ input: T) -> T {\n    // Adapt this: replace the line below with the actual steps for your use case.\n    let result = input\n    return result\n}\n\nprint(${f}("example"))`,
};
