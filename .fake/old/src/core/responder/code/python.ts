/** Python snippets. */
import { SAMPLE, type LangTable } from "./types";

const main = (body: string): string => `\n\n\nif __name__ == "__main__":\n    ${body}`;

export const PYTHON: LangTable = {
  sum: ({ f, d }) => `def ${f}(numbers: list[int]) -> int:
    """${d}"""
    total = 0
    for n in numbers:
        total += n
    return total${main(`print(${f}([3, 1, 4, 1, 5]))  # 14`)}`,
  average: ({ f, d }) => `def ${f}(numbers: list[float]) -> float:
    """${d}"""
    if not numbers:
        raise ValueError("cannot average an empty list")
    return sum(numbers) / len(numbers)${main(`print(${f}([3, 1, 4, 1, 5]))  # 2.8`)}`,
  extreme: ({ f, d, max }) => `def ${f}(numbers: list[int]) -> int:
    """${d}"""
    if not numbers:
        raise ValueError("cannot take the ${max ? "maximum" : "minimum"} of an empty list")
    best = numbers[0]
    for n in numbers[1:]:
        if n ${max ? ">" : "<"} best:
            best = n
    return best${main(`print(${f}([3, 1, 4, 1, 5]))  # ${max ? 5 : 1}`)}`,
  sort: ({ f, d, str }) => `def ${f}(items: list[${str ? "str" : "int"}]) -> list[${str ? "str" : "int"}]:
    """${d}"""
    # sorted() returns a new list and leaves the input untouched.
    return sorted(items${str ? ", key=str.lower" : ""})${main(str ? `print(${f}(["pear", "Apple", "fig"]))  # ['Apple', 'fig', 'pear']` : `print(${f}([5, 2, 9, 1, 7]))  # [1, 2, 5, 7, 9]`)}`,
  reverse: ({ f, d }) => `def ${f}(text: str) -> str:
    """${d}"""
    return text[::-1]${main(`print(${f}("hello"))  # olleh`)}`,
  palindrome: ({ f, d }) => `def ${f}(text: str) -> bool:
    """${d}"""
    cleaned = [ch.lower() for ch in text if ch.isalnum()]
    return cleaned == cleaned[::-1]${main(`print(${f}("A man, a plan, a canal: Panama"))  # True`)}`,
  fibonacci: ({ f, d }) => `def ${f}(n: int) -> list[int]:
    """${d}"""
    sequence: list[int] = []
    a, b = 0, 1
    for _ in range(n):
        sequence.append(a)
        a, b = b, a + b
    return sequence${main(`print(${f}(10))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]`)}`,
  factorial: ({ f, d }) => `def ${f}(n: int) -> int:
    """${d}"""
    if n < 0:
        raise ValueError("n must be non-negative")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result${main(`print(${f}(5))  # 120`)}`,
  prime: ({ f, d }) => `def ${f}(n: int) -> bool:
    """${d}"""
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            return False
        i += 1
    return True${main(`print([x for x in range(20) if ${f}(x)])  # [2, 3, 5, 7, 11, 13, 17, 19]`)}`,
  fizzbuzz: ({ f, d }) => `def ${f}(n: int) -> list[str]:
    """${d}"""
    out: list[str] = []
    for i in range(1, n + 1):
        if i % 15 == 0:
            out.append("FizzBuzz")
        elif i % 3 == 0:
            out.append("Fizz")
        elif i % 5 == 0:
            out.append("Buzz")
        else:
            out.append(str(i))
    return out${main(`print("\\n".join(${f}(15)))`)}`,
  wordcount: ({ f, d }) => `from collections import Counter


def ${f}(text: str) -> Counter[str]:
    """${d}"""
    return Counter(text.lower().split())${main(`print(${f}("${SAMPLE.words}").most_common(3))`)}`,
  dedupe: ({ f, d, str }) => `def ${f}(items: list[${str ? "str" : "int"}]) -> list[${str ? "str" : "int"}]:
    """${d}"""
    # dict keys keep insertion order, so the first occurrence wins.
    return list(dict.fromkeys(items))${main(str ? `print(${f}(["a", "b", "a", "c", "b"]))  # ['a', 'b', 'c']` : `print(${f}([3, 1, 3, 2, 1]))  # [3, 1, 2]`)}`,
  bsearch: ({ f, d }) => `def ${f}(items: list[int], target: int) -> int:
    """${d}"""
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1${main(`print(${f}([1, 3, 5, 7, 9, 11], 7))  # 3`)}`,
  readfile: ({ f, d }) => `from pathlib import Path


def ${f}(path: str) -> list[str]:
    """${d}"""
    with Path(path).open(encoding="utf-8") as handle:
        return [line.rstrip("\\n") for line in handle]${main(`for number, line in enumerate(${f}("input.txt"), start=1):\n        print(f"{number}: {line}")`)}`,
  httpget: ({ f, d }) => `import json
import urllib.request
from typing import Any


def ${f}(url: str, timeout: float = 10.0) -> Any:
    """${d}"""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))${main(`print(${f}("${SAMPLE.url}"))`)}`,
  parsejson: ({ f, d }) => `import json
from typing import Any


def ${f}(text: str) -> dict[str, Any]:
    """${d}"""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON at line {err.lineno}, column {err.colno}") from err
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return data${main(`person = ${f}('${SAMPLE.json}')\n    print(person["name"], person["age"])`)}`,
  generic: ({ f, d }) => `from typing import Any


def ${f}(data: Any) -> Any:
    """${d}"""
    if data is None:
        raise ValueError("data is required")
    # Adapt this: replace the line below with the actual steps for your use case.
    result = data
    return result${main(`print(${f}({"example": True}))`)}`,
};
