/** One small, syntactically sound template per language. `d` is a one-line description of the task. */
import type { CodeLang } from "./intent";

export interface Names { snake: string; camel: string; pascal: string }
type Template = (n: Names, d: string) => string;

const cLike = (lang: "c" | "cpp", n: Names, d: string): string =>
  lang === "c"
    ? `#include <stdio.h>
#include <string.h>

/* ${d} */
size_t ${n.snake}(const char *items[], size_t count, const char *out[]) {
    size_t written = 0;
    for (size_t i = 0; i < count; i++) {
        if (items[i] == NULL || strlen(items[i]) == 0) {
            continue; /* skip empty input */
        }
        out[written++] = items[i];
    }
    return written;
}

int main(void) {
    const char *items[] = {"alpha", "", "beta", "gamma"};
    const char *out[4];
    size_t n = ${n.snake}(items, 4, out);
    for (size_t i = 0; i < n; i++) {
        printf("%s\\n", out[i]);
    }
    return 0;
}`
    : `#include <iostream>
#include <string>
#include <vector>

// ${d}
std::vector<std::string> ${n.snake}(const std::vector<std::string>& items) {
    std::vector<std::string> result;
    result.reserve(items.size());
    for (const auto& item : items) {
        if (item.empty()) {
            continue;  // skip empty input
        }
        result.push_back(item);
    }
    return result;
}

int main() {
    for (const auto& value : ${n.snake}({"alpha", "", "beta", "gamma"})) {
        std::cout << value << '\\n';
    }
    return 0;
}`;

export const TEMPLATES: Record<Exclude<CodeLang, "sql">, Template> = {
  python: (n, d) => `from typing import Iterable


def ${n.snake}(items: Iterable[str]) -> list[str]:
    """${d}"""
    result: list[str] = []
    for item in items:
        if not item:
            continue  # skip empty input
        result.append(item.strip())
    return result


if __name__ == "__main__":
    print(${n.snake}(["alpha", "", "beta ", "gamma"]))`,
  typescript: (n, d) => `/** ${d} */
export function ${n.camel}(items: readonly string[]): string[] {
  const result: string[] = [];
  for (const item of items) {
    if (!item) continue; // skip empty input
    result.push(item.trim());
  }
  return result;
}

console.log(${n.camel}(["alpha", "", "beta ", "gamma"]));`,
  javascript: (n, d) => `/**
 * ${d}
 * @param {string[]} items
 * @returns {string[]}
 */
function ${n.camel}(items) {
  const result = [];
  for (const item of items) {
    if (!item) continue; // skip empty input
    result.push(item.trim());
  }
  return result;
}

console.log(${n.camel}(["alpha", "", "beta ", "gamma"]));`,
  rust: (n, d) => `/// ${d}
fn ${n.snake}(items: &[&str]) -> Vec<String> {
    items
        .iter()
        .filter(|item| !item.is_empty()) // skip empty input
        .map(|item| item.trim().to_string())
        .collect()
}

fn main() {
    let result = ${n.snake}(&["alpha", "", "beta ", "gamma"]);
    println!("{:?}", result);
}`,
  go: (n, d) => `package main

import (
	"fmt"
	"strings"
)

// ${n.camel} ${d.charAt(0).toLowerCase()}${d.slice(1)}
func ${n.camel}(items []string) []string {
	result := make([]string, 0, len(items))
	for _, item := range items {
		if item == "" {
			continue // skip empty input
		}
		result = append(result, strings.TrimSpace(item))
	}
	return result
}

func main() {
	fmt.Println(${n.camel}([]string{"alpha", "", "beta ", "gamma"}))
}`,
  bash: (n, d) => `#!/usr/bin/env bash
set -euo pipefail

# ${d}
${n.snake}() {
  local item
  for item in "$@"; do
    if [[ -z "$item" ]]; then
      continue  # skip empty input
    fi
    echo "$item"
  done
}

${n.snake} "alpha" "" "beta" "gamma"`,
  java: (n, d) => `import java.util.ArrayList;
import java.util.List;

public class ${n.pascal} {
    /** ${d} */
    public static List<String> ${n.camel}(List<String> items) {
        List<String> result = new ArrayList<>();
        for (String item : items) {
            if (item == null || item.isEmpty()) {
                continue; // skip empty input
            }
            result.add(item.trim());
        }
        return result;
    }

    public static void main(String[] args) {
        System.out.println(${n.camel}(List.of("alpha", "", "beta ", "gamma")));
    }
}`,
  c: (n, d) => cLike("c", n, d),
  cpp: (n, d) => cLike("cpp", n, d),
  csharp: (n, d) => `using System;
using System.Collections.Generic;
using System.Linq;

public static class ${n.pascal}Helper
{
    /// <summary>${d}</summary>
    public static List<string> ${n.pascal}(IEnumerable<string> items)
    {
        return items
            .Where(item => !string.IsNullOrEmpty(item)) // skip empty input
            .Select(item => item.Trim())
            .ToList();
    }

    public static void Main()
    {
        Console.WriteLine(string.Join(", ", ${n.pascal}(new[] { "alpha", "", "beta ", "gamma" })));
    }
}`,
  ruby: (n, d) => `# ${d}
def ${n.snake}(items)
  items
    .reject { |item| item.nil? || item.empty? } # skip empty input
    .map(&:strip)
end

puts ${n.snake}(["alpha", "", "beta ", "gamma"]).inspect`,
  php: (n, d) => `<?php

/**
 * ${d}
 *
 * @param string[] $items
 * @return string[]
 */
function ${n.camel}(array $items): array
{
    $result = [];
    foreach ($items as $item) {
        if ($item === '') {
            continue; // skip empty input
        }
        $result[] = trim($item);
    }
    return $result;
}

print_r(${n.camel}(['alpha', '', 'beta ', 'gamma']));`,
  kotlin: (n, d) => `/** ${d} */
fun ${n.camel}(items: List<String>): List<String> =
    items
        .filter { it.isNotEmpty() } // skip empty input
        .map { it.trim() }

fun main() {
    println(${n.camel}(listOf("alpha", "", "beta ", "gamma")))
}`,
  swift: (n, d) => `import Foundation

/// ${d}
func ${n.camel}(_ items: [String]) -> [String] {
    items
        .filter { !$0.isEmpty } // skip empty input
        .map { $0.trimmingCharacters(in: .whitespaces) }
}

print(${n.camel}(["alpha", "", "beta ", "gamma"]))`,
};
