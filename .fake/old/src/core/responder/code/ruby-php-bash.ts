/** Ruby, PHP and Bash snippets. Bash covers only tasks that make sense as a shell script. */
import { SAMPLE, type LangTable } from "./types";

export const RUBY: LangTable = {
  sum: ({ f, d }) => `# ${d}\ndef ${f}(numbers)\n  numbers.sum\nend\n\nputs ${f}([3, 1, 4, 1, 5]) # 14`,
  average: ({ f, d }) =>
    `# ${d}\ndef ${f}(numbers)\n  raise ArgumentError, "cannot average an empty array" if numbers.empty?\n\n  numbers.sum.to_f / numbers.size\nend\n\nputs ${f}([3, 1, 4, 1, 5]) # 2.8`,
  extreme: ({ f, d, max }) =>
    `# ${d} Returns nil for an empty array.\ndef ${f}(numbers)\n  numbers.${max ? "max" : "min"}\nend\n\nputs ${f}([3, 1, 4, 1, 5]) # ${max ? 5 : 1}`,
  sort: ({ f, d, str }) =>
    `# ${d} Returns a new sorted array.\ndef ${f}(items)\n  items.sort${str ? "_by(&:downcase)" : ""}\nend\n\np ${f}(${str ? `%w[pear apple fig]` : "[5, 2, 9, 1, 7]"})`,
  reverse: ({ f, d }) => `# ${d}\ndef ${f}(text)\n  text.reverse\nend\n\nputs ${f}("hello") # olleh`,
  palindrome: ({ f, d }) =>
    `# ${d} Ignores case and non-alphanumeric characters.\ndef ${f}(text)\n  cleaned = text.downcase.gsub(/[^a-z0-9]/, "")\n  cleaned == cleaned.reverse\nend\n\nputs ${f}("A man, a plan, a canal: Panama") # true`,
  fibonacci: ({ f, d }) =>
    `# ${d}\ndef ${f}(n)\n  sequence = []\n  a, b = 0, 1\n  n.times do\n    sequence << a\n    a, b = b, a + b\n  end\n  sequence\nend\n\np ${f}(10) # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]`,
  factorial: ({ f, d }) =>
    `# ${d}\ndef ${f}(n)\n  raise ArgumentError, "n must be non-negative" if n.negative?\n\n  (1..n).reduce(1, :*)\nend\n\nputs ${f}(5) # 120`,
  prime: ({ f, d }) =>
    `# ${d}\ndef ${f}(n)\n  return false if n < 2\n\n  (2..Integer.sqrt(n)).none? { |i| (n % i).zero? }\nend\n\np((0...20).select { |n| ${f}(n) }) # [2, 3, 5, 7, 11, 13, 17, 19]`,
  fizzbuzz: ({ f, d }) =>
    `# ${d}\ndef ${f}(n)\n  (1..n).map do |i|\n    if (i % 15).zero? then "FizzBuzz"\n    elsif (i % 3).zero? then "Fizz"\n    elsif (i % 5).zero? then "Buzz"\n    else i.to_s\n    end\n  end\nend\n\nputs ${f}(15)`,
  wordcount: ({ f, d }) => `# ${d}\ndef ${f}(text)\n  text.downcase.split.tally\nend\n\np ${f}("${SAMPLE.words}")`,
  dedupe: ({ f, d, str }) =>
    `# ${d} Keeps the first occurrence of each value, in order.\ndef ${f}(items)\n  items.uniq\nend\n\np ${f}(${str ? `%w[a b a c b]` : "[3, 1, 3, 2, 1]"})`,
  bsearch: ({ f, d }) =>
    `# ${d} Returns the index of target, or nil if it is absent.\ndef ${f}(items, target)\n  lo = 0\n  hi = items.size - 1\n  while lo <= hi\n    mid = (lo + hi) / 2\n    return mid if items[mid] == target\n\n    if items[mid] < target\n      lo = mid + 1\n    else\n      hi = mid - 1\n    end\n  end\n  nil\nend\n\np ${f}([1, 3, 5, 7, 9, 11], 7) # 3`,
  readfile: ({ f, d }) =>
    `# ${d}\ndef ${f}(path)\n  File.readlines(path, chomp: true)\nend\n\n${f}("input.txt").each_with_index do |line, i|\n  puts "#{i + 1}: #{line}"\nend`,
  httpget: ({ f, d }) =>
    `require "json"\nrequire "net/http"\n\n# ${d}\ndef ${f}(url)\n  response = Net::HTTP.get_response(URI(url))\n  raise "Request failed: #{response.code}" unless response.is_a?(Net::HTTPSuccess)\n\n  JSON.parse(response.body)\nend\n\np ${f}("${SAMPLE.url}")`,
  parsejson: ({ f, d }) =>
    `require "json"\n\n# ${d}\ndef ${f}(text)\n  JSON.parse(text, symbolize_names: true)\nrescue JSON::ParserError => e\n  raise ArgumentError, "invalid JSON: #{e.message}"\nend\n\nperson = ${f}('${SAMPLE.json}')\nputs person[:name], person[:age]`,
  generic: ({ f, d }) =>
    `# ${d}\ndef ${f}(input)\n  raise ArgumentError, "input is required" if input.nil?\n\n  # Adapt this: replace the line below with the actual steps for your use case.\n  result = input\n  result\nend\n\np ${f}("example")`,
};

const php = (body: string): string => `<?php\n\ndeclare(strict_types=1);\n\n${body}`;

export const PHP: LangTable = {
  sum: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(array $numbers): int|float\n{\n    return array_sum($numbers);\n}\n\necho ${f}([3, 1, 4, 1, 5]), PHP_EOL; // 14`,
    ),
  average: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(array $numbers): float\n{\n    if ($numbers === []) {\n        throw new InvalidArgumentException('Cannot average an empty array');\n    }\n    return array_sum($numbers) / count($numbers);\n}\n\necho ${f}([3, 1, 4, 1, 5]), PHP_EOL; // 2.8`,
    ),
  extreme: ({ f, d, max }) =>
    php(
      `/** ${d} */\nfunction ${f}(array $numbers): int|float\n{\n    if ($numbers === []) {\n        throw new InvalidArgumentException('Empty array');\n    }\n    return ${max ? "max" : "min"}($numbers);\n}\n\necho ${f}([3, 1, 4, 1, 5]), PHP_EOL; // ${max ? 5 : 1}`,
    ),
  sort: ({ f, d, str }) =>
    php(
      `/** ${d} Returns a sorted copy; sort() works in place on the local copy. */\nfunction ${f}(array $items): array\n{\n    sort($items${str ? ", SORT_STRING | SORT_FLAG_CASE" : ""});\n    return $items;\n}\n\nprint_r(${f}(${str ? `['pear', 'apple', 'fig']` : "[5, 2, 9, 1, 7]"}));`,
    ),
  reverse: ({ f, d }) =>
    php(
      `/** ${d} Multibyte-safe. */\nfunction ${f}(string $text): string\n{\n    return implode('', array_reverse(mb_str_split($text)));\n}\n\necho ${f}('hello'), PHP_EOL; // olleh`,
    ),
  palindrome: ({ f, d }) =>
    php(
      `/** ${d} Ignores case and non-alphanumeric characters. */\nfunction ${f}(string $text): bool\n{\n    $cleaned = strtolower(preg_replace('/[^a-z0-9]/i', '', $text));\n    return $cleaned === strrev($cleaned);\n}\n\nvar_dump(${f}('A man, a plan, a canal: Panama')); // bool(true)`,
    ),
  fibonacci: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(int $n): array\n{\n    $sequence = [];\n    [$a, $b] = [0, 1];\n    for ($i = 0; $i < $n; $i++) {\n        $sequence[] = $a;\n        [$a, $b] = [$b, $a + $b];\n    }\n    return $sequence;\n}\n\necho implode(', ', ${f}(10)), PHP_EOL; // 0, 1, 1, 2, 3, 5, 8, 13, 21, 34`,
    ),
  factorial: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(int $n): int\n{\n    if ($n < 0) {\n        throw new InvalidArgumentException('n must be non-negative');\n    }\n    $result = 1;\n    for ($i = 2; $i <= $n; $i++) {\n        $result *= $i;\n    }\n    return $result;\n}\n\necho ${f}(5), PHP_EOL; // 120`,
    ),
  prime: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(int $n): bool\n{\n    if ($n < 2) {\n        return false;\n    }\n    for ($i = 2; $i * $i <= $n; $i++) {\n        if ($n % $i === 0) {\n            return false;\n        }\n    }\n    return true;\n}\n\necho implode(', ', array_filter(range(0, 19), '${f}')), PHP_EOL; // 2, 3, 5, 7, 11, 13, 17, 19`,
    ),
  fizzbuzz: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(int $n): array\n{\n    $out = [];\n    for ($i = 1; $i <= $n; $i++) {\n        $out[] = match (true) {\n            $i % 15 === 0 => 'FizzBuzz',\n            $i % 3 === 0 => 'Fizz',\n            $i % 5 === 0 => 'Buzz',\n            default => (string) $i,\n        };\n    }\n    return $out;\n}\n\necho implode(PHP_EOL, ${f}(15)), PHP_EOL;`,
    ),
  wordcount: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(string $text): array\n{\n    $words = preg_split('/\\s+/', strtolower($text), -1, PREG_SPLIT_NO_EMPTY);\n    return array_count_values($words);\n}\n\nprint_r(${f}('${SAMPLE.words}'));`,
    ),
  dedupe: ({ f, d, str }) =>
    php(
      `/** ${d} Keeps the first occurrence of each value. */\nfunction ${f}(array $items): array\n{\n    return array_values(array_unique($items));\n}\n\nprint_r(${f}(${str ? `['a', 'b', 'a', 'c', 'b']` : "[3, 1, 3, 2, 1]"}));`,
    ),
  bsearch: ({ f, d }) =>
    php(
      `/** ${d} Returns the index of $target, or -1 if it is absent. */\nfunction ${f}(array $items, int $target): int\n{\n    $lo = 0;\n    $hi = count($items) - 1;\n    while ($lo <= $hi) {\n        $mid = intdiv($lo + $hi, 2);\n        if ($items[$mid] === $target) {\n            return $mid;\n        }\n        if ($items[$mid] < $target) {\n            $lo = $mid + 1;\n        } else {\n            $hi = $mid - 1;\n        }\n    }\n    return -1;\n}\n\necho ${f}([1, 3, 5, 7, 9, 11], 7), PHP_EOL; // 3`,
    ),
  readfile: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(string $path): array\n{\n    $lines = file($path, FILE_IGNORE_NEW_LINES);\n    if ($lines === false) {\n        throw new RuntimeException("Cannot read $path");\n    }\n    return $lines;\n}\n\nforeach (${f}('input.txt') as $i => $line) {\n    echo ($i + 1) . ": $line" . PHP_EOL;\n}`,
    ),
  httpget: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(string $url): array\n{\n    $context = stream_context_create(['http' => ['header' => "Accept: application/json\\r\\n", 'timeout' => 10]]);\n    $body = file_get_contents($url, false, $context);\n    if ($body === false) {\n        throw new RuntimeException("Request to $url failed");\n    }\n    return json_decode($body, true, 512, JSON_THROW_ON_ERROR);\n}\n\nprint_r(${f}('${SAMPLE.url}'));`,
    ),
  parsejson: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(string $json): array\n{\n    $data = json_decode($json, true, 512, JSON_THROW_ON_ERROR);\n    if (!is_array($data)) {\n        throw new InvalidArgumentException('Expected a JSON object');\n    }\n    return $data;\n}\n\n$person = ${f}('${SAMPLE.json}');\necho $person['name'], ' ', $person['age'], PHP_EOL;`,
    ),
  generic: ({ f, d }) =>
    php(
      `/** ${d} */\nfunction ${f}(mixed $input): mixed\n{\n    if ($input === null) {\n        throw new InvalidArgumentException('input is required');\n    }\n    // Adapt this: replace the line below with the actual steps for your use case.\n    $result = $input;\n    return $result;\n}\n\nvar_dump(${f}('example'));`,
    ),
};

const sh = (body: string): string => `#!/usr/bin/env bash\nset -euo pipefail\n\n${body}`;

export const BASH: LangTable = {
  sum: ({ f, d }) =>
    sh(
      `# ${d}\n${f}() {\n  local total=0 n\n  for n in "$@"; do\n    total=$((total + n))\n  done\n  echo "$total"\n}\n\n${f} 3 1 4 1 5  # 14`,
    ),
  average: ({ f, d }) =>
    sh(
      `# ${d} Bash has no floats, so awk does the division.\n${f}() {\n  if [[ $# -eq 0 ]]; then\n    echo "usage: ${f} NUMBER..." >&2\n    return 1\n  fi\n  printf '%s\\n' "$@" | awk '{ total += $1 } END { print total / NR }'\n}\n\n${f} 3 1 4 1 5  # 2.8`,
    ),
  extreme: ({ f, d, max }) =>
    sh(
      `# ${d}\n${f}() {\n  local best=$1 n\n  shift\n  for n in "$@"; do\n    if (( n ${max ? ">" : "<"} best )); then\n      best=$n\n    fi\n  done\n  echo "$best"\n}\n\n${f} 3 1 4 1 5  # ${max ? 5 : 1}`,
    ),
  sort: ({ f, d, str }) =>
    sh(
      `# ${d}\n${f}() {\n  printf '%s\\n' "$@" | sort${str ? " -f" : " -n"}\n}\n\n${f} ${str ? "pear apple fig" : "5 2 9 1 7"}`,
    ),
  reverse: ({ f, d }) =>
    sh(
      `# ${d}\n${f}() {\n  local text=$1 reversed="" i\n  for (( i = \${#text} - 1; i >= 0; i-- )); do\n    reversed+="\${text:i:1}"\n  done\n  echo "$reversed"\n}\n\n${f} "hello"  # olleh`,
    ),
  palindrome: ({ f, d }) =>
    sh(
      `# ${d} Ignores case and non-alphanumeric characters.\n${f}() {\n  local cleaned\n  cleaned=$(printf '%s' "$1" | tr -cd '[:alnum:]' | tr '[:upper:]' '[:lower:]')\n  [[ "$cleaned" == "$(printf '%s' "$cleaned" | rev)" ]]\n}\n\nif ${f} "A man, a plan, a canal: Panama"; then\n  echo "palindrome"\nelse\n  echo "not a palindrome"\nfi`,
    ),
  fibonacci: ({ f, d }) =>
    sh(
      `# ${d}\n${f}() {\n  local n=$1 a=0 b=1 i\n  for (( i = 0; i < n; i++ )); do\n    printf '%d ' "$a"\n    (( b = a + b, a = b - a ))\n  done\n  echo\n}\n\n${f} 10  # 0 1 1 2 3 5 8 13 21 34`,
    ),
  factorial: ({ f, d }) =>
    sh(
      `# ${d}\n${f}() {\n  local n=$1 result=1 i\n  for (( i = 2; i <= n; i++ )); do\n    (( result *= i ))\n  done\n  echo "$result"\n}\n\n${f} 5  # 120`,
    ),
  prime: ({ f, d }) =>
    sh(
      `# ${d} Exit status 0 means prime.\n${f}() {\n  local n=$1 i\n  (( n < 2 )) && return 1\n  for (( i = 2; i * i <= n; i++ )); do\n    (( n % i == 0 )) && return 1\n  done\n  return 0\n}\n\nfor n in {0..19}; do\n  if ${f} "$n"; then\n    printf '%d ' "$n"\n  fi\ndone\necho  # 2 3 5 7 11 13 17 19`,
    ),
  fizzbuzz: ({ f, d }) =>
    sh(
      `# ${d}\n${f}() {\n  local i\n  for (( i = 1; i <= $1; i++ )); do\n    if (( i % 15 == 0 )); then echo "FizzBuzz"\n    elif (( i % 3 == 0 )); then echo "Fizz"\n    elif (( i % 5 == 0 )); then echo "Buzz"\n    else echo "$i"\n    fi\n  done\n}\n\n${f} 15`,
    ),
  wordcount: ({ f, d }) =>
    sh(
      `# ${d} Reads stdin and prints "count word", most frequent first.\n${f}() {\n  tr -s '[:space:]' '\\n' | tr '[:upper:]' '[:lower:]' | grep -v '^$' | sort | uniq -c | sort -rn\n}\n\necho "${SAMPLE.words}" | ${f}`,
    ),
  dedupe: ({ f, d }) =>
    sh(
      `# ${d} Keeps the first occurrence of each line, in order.\n${f}() {\n  awk '!seen[$0]++'\n}\n\nprintf '%s\\n' a b a c b | ${f}`,
    ),
  readfile: ({ f, d }) =>
    sh(
      `# ${d}\n${f}() {\n  local file=$1 line number=0\n  while IFS= read -r line || [[ -n "$line" ]]; do\n    number=$((number + 1))\n    printf '%d: %s\\n' "$number" "$line"\n  done < "$file"\n}\n\n${f} "input.txt"`,
    ),
  httpget: ({ f, d }) =>
    sh(
      `# ${d} Needs curl; pipe to jq to pick fields.\n${f}() {\n  curl --fail --silent --show-error --max-time 10 -H "Accept: application/json" "$1"\n}\n\n${f} "${SAMPLE.url}"`,
    ),
  parsejson: ({ f, d }) => sh(`# ${d} Needs jq.\n${f}() {\n  jq -r '.name, .age' <<< "$1"\n}\n\n${f} '${SAMPLE.json}'`),
  generic: ({ f, d }) =>
    sh(
      `# ${d}\n${f}() {\n  if [[ $# -eq 0 ]]; then\n    echo "usage: ${f} INPUT..." >&2\n    return 1\n  fi\n  local item\n  for item in "$@"; do\n    # Adapt this: replace the line below with the actual steps for your use case.\n    echo "$item"\n  done\n}\n\n${f} "example"`,
    ),
};
