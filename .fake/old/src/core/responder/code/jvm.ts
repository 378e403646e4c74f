/** Java and Kotlin snippets. Java wraps each in a public class named after the task (file name must match). */
import { SAMPLE, type LangTable } from "./types";

const java = (imports: string[], cls: string, method: string, main: string): string =>
  `${imports.map((i) => `import ${i};\n`).join("")}${imports.length ? "\n" : ""}public class ${cls} {\n${method}\n\n    public static void main(String[] args) {\n${main}\n    }\n}`;

export const JAVA: LangTable = {
  sum: ({ f, d, cls }) =>
    java(
      [],
      cls,
      `    /** ${d} */\n    public static long ${f}(int[] numbers) {\n        long total = 0;\n        for (int n : numbers) {\n            total += n;\n        }\n        return total;\n    }`,
      `        System.out.println(${f}(new int[] {3, 1, 4, 1, 5})); // 14`,
    ),
  average: ({ f, d, cls }) =>
    java(
      [],
      cls,
      `    /** ${d} */\n    public static double ${f}(double[] numbers) {\n        if (numbers.length == 0) {\n            throw new IllegalArgumentException("cannot average an empty array");\n        }\n        double total = 0;\n        for (double n : numbers) {\n            total += n;\n        }\n        return total / numbers.length;\n    }`,
      `        System.out.println(${f}(new double[] {3, 1, 4, 1, 5})); // 2.8`,
    ),
  extreme: ({ f, d, cls, max }) =>
    java(
      [],
      cls,
      `    /** ${d} */\n    public static int ${f}(int[] numbers) {\n        if (numbers.length == 0) {\n            throw new IllegalArgumentException("empty array");\n        }\n        int best = numbers[0];\n        for (int n : numbers) {\n            best = Math.${max ? "max" : "min"}(best, n);\n        }\n        return best;\n    }`,
      `        System.out.println(${f}(new int[] {3, 1, 4, 1, 5})); // ${max ? 5 : 1}`,
    ),
  sort: ({ f, d, cls, str }) =>
    java(
      ["java.util.ArrayList", "java.util.Collections", "java.util.List"],
      cls,
      `    /** ${d} Returns a sorted copy. */\n    public static List<${str ? "String" : "Integer"}> ${f}(List<${str ? "String" : "Integer"}> items) {\n        List<${str ? "String" : "Integer"}> sorted = new ArrayList<>(items);\n        Collections.sort(sorted);\n        return sorted;\n    }`,
      `        System.out.println(${f}(List.of(${str ? `"pear", "apple", "fig"` : "5, 2, 9, 1, 7"})));`,
    ),
  reverse: ({ f, d, cls }) =>
    java(
      [],
      cls,
      `    /** ${d} */\n    public static String ${f}(String text) {\n        return new StringBuilder(text).reverse().toString();\n    }`,
      `        System.out.println(${f}("hello")); // olleh`,
    ),
  palindrome: ({ f, d, cls }) =>
    java(
      [],
      cls,
      `    /** ${d} Ignores case and non-alphanumeric characters. */\n    public static boolean ${f}(String text) {\n        String cleaned = text.toLowerCase().replaceAll("[^a-z0-9]", "");\n        return new StringBuilder(cleaned).reverse().toString().equals(cleaned);\n    }`,
      `        System.out.println(${f}("A man, a plan, a canal: Panama")); // true`,
    ),
  fibonacci: ({ f, d, cls }) =>
    java(
      ["java.util.ArrayList", "java.util.List"],
      cls,
      `    /** ${d} */\n    public static List<Long> ${f}(int n) {\n        List<Long> sequence = new ArrayList<>();\n        long a = 0, b = 1;\n        for (int i = 0; i < n; i++) {\n            sequence.add(a);\n            long next = a + b;\n            a = b;\n            b = next;\n        }\n        return sequence;\n    }`,
      `        System.out.println(${f}(10)); // [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]`,
    ),
  factorial: ({ f, d, cls }) =>
    java(
      ["java.math.BigInteger"],
      cls,
      `    /** ${d} BigInteger, so large n does not overflow. */\n    public static BigInteger ${f}(int n) {\n        if (n < 0) {\n            throw new IllegalArgumentException("n must be non-negative");\n        }\n        BigInteger result = BigInteger.ONE;\n        for (int i = 2; i <= n; i++) {\n            result = result.multiply(BigInteger.valueOf(i));\n        }\n        return result;\n    }`,
      `        System.out.println(${f}(5)); // 120`,
    ),
  prime: ({ f, d, cls }) =>
    java(
      [],
      cls,
      `    /** ${d} */\n    public static boolean ${f}(int n) {\n        if (n < 2) {\n            return false;\n        }\n        for (int i = 2; (long) i * i <= n; i++) {\n            if (n % i == 0) {\n                return false;\n            }\n        }\n        return true;\n    }`,
      `        for (int i = 0; i < 20; i++) {\n            if (${f}(i)) {\n                System.out.print(i + " ");\n            }\n        }\n        System.out.println(); // 2 3 5 7 11 13 17 19`,
    ),
  fizzbuzz: ({ f, d, cls }) =>
    java(
      ["java.util.ArrayList", "java.util.List"],
      cls,
      `    /** ${d} */\n    public static List<String> ${f}(int n) {\n        List<String> out = new ArrayList<>();\n        for (int i = 1; i <= n; i++) {\n            if (i % 15 == 0) out.add("FizzBuzz");\n            else if (i % 3 == 0) out.add("Fizz");\n            else if (i % 5 == 0) out.add("Buzz");\n            else out.add(String.valueOf(i));\n        }\n        return out;\n    }`,
      `        ${f}(15).forEach(System.out::println);`,
    ),
  wordcount: ({ f, d, cls }) =>
    java(
      ["java.util.Map", "java.util.TreeMap"],
      cls,
      `    /** ${d} */\n    public static Map<String, Integer> ${f}(String text) {\n        Map<String, Integer> counts = new TreeMap<>();\n        for (String word : text.toLowerCase().split("\\\\s+")) {\n            if (!word.isEmpty()) {\n                counts.merge(word, 1, Integer::sum);\n            }\n        }\n        return counts;\n    }`,
      `        System.out.println(${f}("${SAMPLE.words}"));`,
    ),
  dedupe: ({ f, d, cls, str }) =>
    java(
      ["java.util.ArrayList", "java.util.LinkedHashSet", "java.util.List"],
      cls,
      `    /** ${d} Keeps the first occurrence of each value, in order. */\n    public static List<${str ? "String" : "Integer"}> ${f}(List<${str ? "String" : "Integer"}> items) {\n        return new ArrayList<>(new LinkedHashSet<>(items));\n    }`,
      `        System.out.println(${f}(List.of(${str ? `"a", "b", "a", "c", "b"` : "3, 1, 3, 2, 1"})));`,
    ),
  bsearch: ({ f, d, cls }) =>
    java(
      [],
      cls,
      `    /** ${d} Returns the index of target, or -1 if it is absent. */\n    public static int ${f}(int[] items, int target) {\n        int lo = 0, hi = items.length - 1;\n        while (lo <= hi) {\n            int mid = (lo + hi) >>> 1;\n            if (items[mid] == target) return mid;\n            if (items[mid] < target) lo = mid + 1;\n            else hi = mid - 1;\n        }\n        return -1;\n    }`,
      `        System.out.println(${f}(new int[] {1, 3, 5, 7, 9, 11}, 7)); // 3`,
    ),
  readfile: ({ f, d, cls }) =>
    java(
      ["java.io.IOException", "java.nio.file.Files", "java.nio.file.Path", "java.util.List"],
      cls,
      `    /** ${d} */\n    public static List<String> ${f}(String path) throws IOException {\n        return Files.readAllLines(Path.of(path));\n    }`,
      `        try {\n            List<String> lines = ${f}("input.txt");\n            for (int i = 0; i < lines.size(); i++) {\n                System.out.println((i + 1) + ": " + lines.get(i));\n            }\n        } catch (IOException e) {\n            System.err.println("Could not read file: " + e.getMessage());\n        }`,
    ),
  httpget: ({ f, d, cls }) =>
    java(
      [
        "java.io.IOException",
        "java.net.URI",
        "java.net.http.HttpClient",
        "java.net.http.HttpRequest",
        "java.net.http.HttpResponse",
        "java.time.Duration",
      ],
      cls,
      `    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();\n\n    /** ${d} Returns the response body (JSON text). */\n    public static String ${f}(String url) throws IOException, InterruptedException {\n        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET().build();\n        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());\n        if (response.statusCode() != 200) {\n            throw new IOException("Unexpected status: " + response.statusCode());\n        }\n        return response.body();\n    }`,
      `        try {\n            System.out.println(${f}("${SAMPLE.url}"));\n        } catch (IOException | InterruptedException e) {\n            System.err.println("Request failed: " + e.getMessage());\n        }`,
    ),
  generic: ({ f, d, cls }) =>
    java(
      ["java.util.Objects"],
      cls,
      `    /** ${d} */\n    public static <T> T ${f}(T input) {\n        Objects.requireNonNull(input, "input is required");\n        // Adapt this: replace the line below with the actual steps for your use case.\n        T result = input;\n        return result;\n    }`,
      `        System.out.println(${f}("example"));`,
    ),
};

export const KOTLIN: LangTable = {
  sum: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(numbers: List<Int>): Int = numbers.sum()\n\nfun main() {\n    println(${f}(listOf(3, 1, 4, 1, 5))) // 14\n}`,
  average: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(numbers: List<Double>): Double {\n    require(numbers.isNotEmpty()) { "cannot average an empty list" }\n    return numbers.average()\n}\n\nfun main() {\n    println(${f}(listOf(3.0, 1.0, 4.0, 1.0, 5.0))) // 2.8\n}`,
  extreme: ({ f, d, max }) =>
    `/** ${d} Returns null for an empty list. */\nfun ${f}(numbers: List<Int>): Int? = numbers.${max ? "maxOrNull" : "minOrNull"}()\n\nfun main() {\n    println(${f}(listOf(3, 1, 4, 1, 5))) // ${max ? 5 : 1}\n}`,
  sort: ({ f, d, str }) =>
    `/** ${d} Returns a new sorted list. */\nfun ${f}(items: List<${str ? "String" : "Int"}>): List<${str ? "String" : "Int"}> = items.sorted()\n\nfun main() {\n    println(${f}(listOf(${str ? `"pear", "apple", "fig"` : "5, 2, 9, 1, 7"})))\n}`,
  reverse: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(text: String): String = text.reversed()\n\nfun main() {\n    println(${f}("hello")) // olleh\n}`,
  palindrome: ({ f, d }) =>
    `/** ${d} Ignores case and non-alphanumeric characters. */\nfun ${f}(text: String): Boolean {\n    val cleaned = text.filter { it.isLetterOrDigit() }.lowercase()\n    return cleaned == cleaned.reversed()\n}\n\nfun main() {\n    println(${f}("A man, a plan, a canal: Panama")) // true\n}`,
  fibonacci: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(n: Int): List<Long> =\n    generateSequence(0L to 1L) { (a, b) -> b to a + b }\n        .map { it.first }\n        .take(n)\n        .toList()\n\nfun main() {\n    println(${f}(10)) // [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]\n}`,
  factorial: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(n: Int): Long {\n    require(n >= 0) { "n must be non-negative" }\n    return (2..n).fold(1L) { acc, i -> acc * i }\n}\n\nfun main() {\n    println(${f}(5)) // 120\n}`,
  prime: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(n: Int): Boolean {\n    if (n < 2) return false\n    var i = 2\n    while (i.toLong() * i <= n) {\n        if (n % i == 0) return false\n        i++\n    }\n    return true\n}\n\nfun main() {\n    println((0 until 20).filter { ${f}(it) }) // [2, 3, 5, 7, 11, 13, 17, 19]\n}`,
  fizzbuzz: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(n: Int): List<String> = (1..n).map {\n    when {\n        it % 15 == 0 -> "FizzBuzz"\n        it % 3 == 0 -> "Fizz"\n        it % 5 == 0 -> "Buzz"\n        else -> it.toString()\n    }\n}\n\nfun main() {\n    ${f}(15).forEach(::println)\n}`,
  wordcount: ({ f, d }) =>
    `/** ${d} */\nfun ${f}(text: String): Map<String, Int> =\n    text.lowercase()\n        .split(Regex("\\\\s+"))\n        .filter { it.isNotEmpty() }\n        .groupingBy { it }\n        .eachCount()\n\nfun main() {\n    println(${f}("${SAMPLE.words}"))\n}`,
  dedupe: ({ f, d, str }) =>
    `/** ${d} Keeps the first occurrence of each value, in order. */\nfun ${f}(items: List<${str ? "String" : "Int"}>): List<${str ? "String" : "Int"}> = items.distinct()\n\nfun main() {\n    println(${f}(listOf(${str ? `"a", "b", "a", "c", "b"` : "3, 1, 3, 2, 1"})))\n}`,
  bsearch: ({ f, d }) =>
    `/** ${d} Returns the index of target, or -1 if it is absent. */\nfun ${f}(items: List<Int>, target: Int): Int {\n    var lo = 0\n    var hi = items.size - 1\n    while (lo <= hi) {\n        val mid = (lo + hi) ushr 1\n        when {\n            items[mid] == target -> return mid\n            items[mid] < target -> lo = mid + 1\n            else -> hi = mid - 1\n        }\n    }\n    return -1\n}\n\nfun main() {\n    println(${f}(listOf(1, 3, 5, 7, 9, 11), 7)) // 3\n}`,
  readfile: ({ f, d }) =>
    `import java.io.File\n\n/** ${d} */\nfun ${f}(path: String): List<String> = File(path).readLines()\n\nfun main() {\n    ${f}("input.txt").forEachIndexed { i, line -> println("\${i + 1}: $line") }\n}`,
  httpget: ({ f, d }) =>
    `import java.net.HttpURLConnection\nimport java.net.URL\n\n/** ${d} Returns the response body (JSON text). */\nfun ${f}(url: String): String {\n    val connection = URL(url).openConnection() as HttpURLConnection\n    connection.setRequestProperty("Accept", "application/json")\n    connection.connectTimeout = 10_000\n    connection.readTimeout = 10_000\n    try {\n        check(connection.responseCode == 200) { "Unexpected status: \${connection.responseCode}" }\n        return connection.inputStream.bufferedReader().use { it.readText() }\n    } finally {\n        connection.disconnect()\n    }\n}\n\nfun main() {\n    println(${f}("${SAMPLE.url}"))\n}`,
  generic: ({ f, d }) =>
    `/** ${d} */\nfun <T : Any> ${f}(input: T?): T {\n    requireNotNull(input) { "input is required" }\n    // Adapt this: replace the line below with the actual steps for your use case.\n    val result = input\n    return result\n}\n\nfun main() {\n    println(${f}("example"))\n}`,
};
