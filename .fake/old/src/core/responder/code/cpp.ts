/** C++ snippets (C++17, standard library only). */
import { SAMPLE, type LangTable } from "./types";

const cppMain = (body: string): string => `\n\nint main() {\n${body}\n    return 0;\n}`;

export const CPP: LangTable = {
  sum: ({ f, d }) => `#include <iostream>
#include <numeric>
#include <vector>

// ${d}
long long ${f}(const std::vector<int>& numbers) {
    return std::accumulate(numbers.begin(), numbers.end(), 0LL);
}${cppMain(`    std::cout << ${f}({3, 1, 4, 1, 5}) << '\\n';  // 14`)}`,
  average: ({ f, d }) => `#include <iostream>
#include <numeric>
#include <stdexcept>
#include <vector>

// ${d}
double ${f}(const std::vector<double>& numbers) {
    if (numbers.empty()) {
        throw std::invalid_argument("cannot average an empty vector");
    }
    return std::accumulate(numbers.begin(), numbers.end(), 0.0) / static_cast<double>(numbers.size());
}${cppMain(`    std::cout << ${f}({3, 1, 4, 1, 5}) << '\\n';  // 2.8`)}`,
  extreme: ({ f, d, max }) => `#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <vector>

// ${d}
int ${f}(const std::vector<int>& numbers) {
    if (numbers.empty()) {
        throw std::invalid_argument("empty input");
    }
    return *std::${max ? "max" : "min"}_element(numbers.begin(), numbers.end());
}${cppMain(`    std::cout << ${f}({3, 1, 4, 1, 5}) << '\\n';  // ${max ? 5 : 1}`)}`,
  sort: ({ f, d, str }) => `#include <algorithm>
#include <iostream>
${str ? "#include <string>\n" : ""}#include <vector>

// ${d} Takes a copy, so the caller's vector is untouched.
std::vector<${str ? "std::string" : "int"}> ${f}(std::vector<${str ? "std::string" : "int"}> items) {
    std::sort(items.begin(), items.end());
    return items;
}${cppMain(`    for (const auto& item : ${f}(${str ? `{"pear", "apple", "fig"}` : "{5, 2, 9, 1, 7}"})) {\n        std::cout << item << ' ';\n    }\n    std::cout << '\\n';`)}`,
  reverse: ({ f, d }) => `#include <iostream>
#include <string>

// ${d}
std::string ${f}(const std::string& text) {
    return std::string(text.rbegin(), text.rend());
}${cppMain(`    std::cout << ${f}("hello") << '\\n';  // olleh`)}`,
  palindrome: ({ f, d }) =>
    `#include <cctype>
#include <iostream>
#include <string>

// ${d} Ignores case and non-alphanumeric characters.
bool ${f}(const std::string& text) {
    std::string cleaned;
    for (unsigned char ch : text) {
        if (std::isalnum(ch)) {
            cleaned += static_cast<char>(std::tolower(ch));
        }
    }
    return std::equal(cleaned.begin(), cleaned.begin() + cleaned.size() / 2, cleaned.rbegin());
}${cppMain(`    std::cout << std::boolalpha << ${f}("A man, a plan, a canal: Panama") << '\\n';  // true`)}`.replace(
      "#include <cctype>",
      "#include <algorithm>\n#include <cctype>",
    ),
  fibonacci: ({ f, d }) => `#include <cstdint>
#include <iostream>
#include <vector>

// ${d}
std::vector<std::uint64_t> ${f}(std::size_t n) {
    std::vector<std::uint64_t> sequence;
    sequence.reserve(n);
    std::uint64_t a = 0, b = 1;
    for (std::size_t i = 0; i < n; ++i) {
        sequence.push_back(a);
        b = a + b;
        a = b - a;
    }
    return sequence;
}${cppMain(`    for (auto value : ${f}(10)) {\n        std::cout << value << ' ';\n    }\n    std::cout << '\\n';  // 0 1 1 2 3 5 8 13 21 34`)}`,
  factorial: ({ f, d }) => `#include <cstdint>
#include <iostream>

// ${d} Fits in 64 bits up to n = 20.
std::uint64_t ${f}(unsigned n) {
    std::uint64_t result = 1;
    for (unsigned i = 2; i <= n; ++i) {
        result *= i;
    }
    return result;
}${cppMain(`    std::cout << ${f}(5) << '\\n';  // 120`)}`,
  prime: ({ f, d }) => `#include <iostream>

// ${d}
bool ${f}(long long n) {
    if (n < 2) {
        return false;
    }
    for (long long i = 2; i * i <= n; ++i) {
        if (n % i == 0) {
            return false;
        }
    }
    return true;
}${cppMain(`    for (int i = 0; i < 20; ++i) {\n        if (${f}(i)) {\n            std::cout << i << ' ';\n        }\n    }\n    std::cout << '\\n';  // 2 3 5 7 11 13 17 19`)}`,
  fizzbuzz: ({ f, d }) => `#include <iostream>
#include <string>
#include <vector>

// ${d}
std::vector<std::string> ${f}(int n) {
    std::vector<std::string> out;
    for (int i = 1; i <= n; ++i) {
        if (i % 15 == 0) out.push_back("FizzBuzz");
        else if (i % 3 == 0) out.push_back("Fizz");
        else if (i % 5 == 0) out.push_back("Buzz");
        else out.push_back(std::to_string(i));
    }
    return out;
}${cppMain(`    for (const auto& line : ${f}(15)) {\n        std::cout << line << '\\n';\n    }`)}`,
  wordcount: ({ f, d }) => `#include <iostream>
#include <map>
#include <sstream>
#include <string>

// ${d}
std::map<std::string, int> ${f}(const std::string& text) {
    std::map<std::string, int> counts;
    std::istringstream stream(text);
    std::string word;
    while (stream >> word) {
        ++counts[word];
    }
    return counts;
}${cppMain(`    for (const auto& [word, count] : ${f}("${SAMPLE.words}")) {\n        std::cout << word << ": " << count << '\\n';\n    }`)}`,
  dedupe: ({ f, d, str }) => `#include <iostream>
${str ? "#include <string>\n" : ""}#include <unordered_set>
#include <vector>

// ${d} Keeps the first occurrence of each value, in order.
std::vector<${str ? "std::string" : "int"}> ${f}(const std::vector<${str ? "std::string" : "int"}>& items) {
    std::unordered_set<${str ? "std::string" : "int"}> seen;
    std::vector<${str ? "std::string" : "int"}> result;
    for (const auto& item : items) {
        if (seen.insert(item).second) {
            result.push_back(item);
        }
    }
    return result;
}${cppMain(`    for (const auto& item : ${f}(${str ? `{"a", "b", "a", "c", "b"}` : "{3, 1, 3, 2, 1}"})) {\n        std::cout << item << ' ';\n    }\n    std::cout << '\\n';`)}`,
  bsearch: ({ f, d }) => `#include <iostream>
#include <vector>

// ${d} Returns the index of target, or -1 if it is absent.
int ${f}(const std::vector<int>& items, int target) {
    int lo = 0, hi = static_cast<int>(items.size()) - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (items[mid] == target) return mid;
        if (items[mid] < target) lo = mid + 1;
        else hi = mid - 1;
    }
    return -1;
}${cppMain(`    std::cout << ${f}({1, 3, 5, 7, 9, 11}, 7) << '\\n';  // 3`)}`,
  readfile: ({ f, d }) => `#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

// ${d}
std::vector<std::string> ${f}(const std::string& path) {
    std::ifstream file(path);
    if (!file) {
        throw std::runtime_error("cannot open " + path);
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);) {
        lines.push_back(line);
    }
    return lines;
}${cppMain(`    for (const auto& line : ${f}("input.txt")) {\n        std::cout << line << '\\n';\n    }`)}`,
  generic: ({ f, d }) => `#include <iostream>
#include <stdexcept>
#include <string>

// ${d}
std::string ${f}(const std::string& input) {
    if (input.empty()) {
        throw std::invalid_argument("input is required");
    }
    // Adapt this: replace the line below with the actual steps for your use case.
    std::string result = input;
    return result;
}${cppMain(`    std::cout << ${f}("example") << '\\n';`)}`,
};
