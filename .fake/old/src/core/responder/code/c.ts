/** C snippets (C11, standard library only). */
import { SAMPLE, type LangTable } from "./types";

const cMain = (body: string): string => `\n\nint main(void) {\n${body}\n    return 0;\n}`;
const NUMS = "{3, 1, 4, 1, 5}";

export const C: LangTable = {
  sum: ({ f, d }) => `#include <stdio.h>
#include <stddef.h>

/* ${d} */
long ${f}(const int *numbers, size_t count) {
    long total = 0;
    for (size_t i = 0; i < count; i++) {
        total += numbers[i];
    }
    return total;
}${cMain(`    int numbers[] = ${NUMS};\n    printf("%ld\\n", ${f}(numbers, sizeof numbers / sizeof numbers[0])); /* 14 */`)}`,
  average: ({ f, d }) => `#include <stdio.h>
#include <stddef.h>

/* ${d} Returns 0.0 for an empty array. */
double ${f}(const double *numbers, size_t count) {
    if (count == 0) {
        return 0.0;
    }
    double total = 0.0;
    for (size_t i = 0; i < count; i++) {
        total += numbers[i];
    }
    return total / (double)count;
}${cMain(`    double numbers[] = {3, 1, 4, 1, 5};\n    printf("%.2f\\n", ${f}(numbers, sizeof numbers / sizeof numbers[0])); /* 2.80 */`)}`,
  extreme: ({ f, d, max }) => `#include <stdio.h>
#include <stddef.h>

/* ${d} The array must not be empty. */
int ${f}(const int *numbers, size_t count) {
    int best = numbers[0];
    for (size_t i = 1; i < count; i++) {
        if (numbers[i] ${max ? ">" : "<"} best) {
            best = numbers[i];
        }
    }
    return best;
}${cMain(`    int numbers[] = ${NUMS};\n    printf("%d\\n", ${f}(numbers, sizeof numbers / sizeof numbers[0])); /* ${max ? 5 : 1} */`)}`,
  sort: ({ f, d, str }) =>
    str
      ? `#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ${d} Sorts in place. */
void ${f}(const char **items, size_t count) {
    qsort(items, count, sizeof items[0], compare_strings);
}${cMain(`    const char *names[] = {"pear", "apple", "fig"};\n    size_t count = sizeof names / sizeof names[0];\n    ${f}(names, count);\n    for (size_t i = 0; i < count; i++) {\n        printf("%s\\n", names[i]);\n    }`)}`
      : `#include <stdio.h>
#include <stdlib.h>

static int compare_ints(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y); /* avoids overflow of x - y */
}

/* ${d} Sorts in place. */
void ${f}(int *numbers, size_t count) {
    qsort(numbers, count, sizeof numbers[0], compare_ints);
}${cMain(`    int numbers[] = {5, 2, 9, 1, 7};\n    size_t count = sizeof numbers / sizeof numbers[0];\n    ${f}(numbers, count);\n    for (size_t i = 0; i < count; i++) {\n        printf("%d ", numbers[i]);\n    }\n    printf("\\n"); /* 1 2 5 7 9 */`)}`,
  reverse: ({ f, d }) => `#include <stdio.h>
#include <string.h>

/* ${d} Reverses in place and returns the same buffer. */
char *${f}(char *text) {
    size_t len = strlen(text);
    for (size_t i = 0; i < len / 2; i++) {
        char tmp = text[i];
        text[i] = text[len - 1 - i];
        text[len - 1 - i] = tmp;
    }
    return text;
}${cMain(`    char text[] = "hello";\n    printf("%s\\n", ${f}(text)); /* olleh */`)}`,
  palindrome: ({ f, d }) => `#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* ${d} Ignores case and non-alphanumeric characters. */
bool ${f}(const char *text) {
    size_t i = 0, j = strlen(text);
    while (i < j) {
        if (!isalnum((unsigned char)text[i])) { i++; continue; }
        if (!isalnum((unsigned char)text[j - 1])) { j--; continue; }
        if (tolower((unsigned char)text[i]) != tolower((unsigned char)text[j - 1])) {
            return false;
        }
        i++;
        j--;
    }
    return true;
}${cMain(`    printf("%s\\n", ${f}("A man, a plan, a canal: Panama") ? "true" : "false");`)}`,
  fibonacci: ({ f, d }) => `#include <stdio.h>

/* ${d} Returns the n-th Fibonacci number (F(0) = 0). */
unsigned long long ${f}(unsigned n) {
    unsigned long long a = 0, b = 1;
    for (unsigned i = 0; i < n; i++) {
        unsigned long long next = a + b;
        a = b;
        b = next;
    }
    return a;
}${cMain(`    for (unsigned i = 0; i < 10; i++) {\n        printf("%llu ", ${f}(i));\n    }\n    printf("\\n"); /* 0 1 1 2 3 5 8 13 21 34 */`)}`,
  factorial: ({ f, d }) => `#include <stdio.h>

/* ${d} Fits in 64 bits up to n = 20. */
unsigned long long ${f}(unsigned n) {
    unsigned long long result = 1;
    for (unsigned i = 2; i <= n; i++) {
        result *= i;
    }
    return result;
}${cMain(`    printf("%llu\\n", ${f}(5)); /* 120 */`)}`,
  prime: ({ f, d }) => `#include <stdbool.h>
#include <stdio.h>

/* ${d} */
bool ${f}(int n) {
    if (n < 2) {
        return false;
    }
    for (int i = 2; (long long)i * i <= n; i++) {
        if (n % i == 0) {
            return false;
        }
    }
    return true;
}${cMain(`    for (int i = 0; i < 20; i++) {\n        if (${f}(i)) {\n            printf("%d ", i);\n        }\n    }\n    printf("\\n"); /* 2 3 5 7 11 13 17 19 */`)}`,
  fizzbuzz: ({ f, d }) => `#include <stdio.h>

/* ${d} */
void ${f}(int n) {
    for (int i = 1; i <= n; i++) {
        if (i % 15 == 0) {
            puts("FizzBuzz");
        } else if (i % 3 == 0) {
            puts("Fizz");
        } else if (i % 5 == 0) {
            puts("Buzz");
        } else {
            printf("%d\\n", i);
        }
    }
}${cMain(`    ${f}(15);`)}`,
  bsearch: ({ f, d }) => `#include <stdio.h>
#include <stddef.h>

/* ${d} Returns the index of target, or -1 if it is absent. */
long ${f}(const int *items, size_t count, int target) {
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (items[mid] == target) {
            return (long)mid;
        }
        if (items[mid] < target) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}${cMain(`    int items[] = {1, 3, 5, 7, 9, 11};\n    printf("%ld\\n", ${f}(items, sizeof items / sizeof items[0], 7)); /* 3 */`)}`,
  readfile: ({ f, d }) => `#include <stdio.h>

/* ${d} Prints each line with its number; returns the line count or -1. */
long ${f}(const char *path) {
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        perror(path);
        return -1;
    }
    char line[4096];
    long count = 0;
    while (fgets(line, sizeof line, file) != NULL) {
        printf("%ld: %s", ++count, line);
    }
    fclose(file);
    return count;
}${cMain(`    if (${f}("input.txt") < 0) {\n        return 1;\n    }`)}`,
  wordcount: ({ f, d }) => `#include <ctype.h>
#include <stdio.h>
#include <stddef.h>

/* ${d} Words are separated by whitespace. */
size_t ${f}(const char *text) {
    size_t count = 0;
    int in_word = 0;
    for (const char *p = text; *p != '\\0'; p++) {
        if (isspace((unsigned char)*p)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            count++;
        }
    }
    return count;
}${cMain(`    printf("%zu\\n", ${f}("${SAMPLE.words}")); /* 11 */`)}`,
  dedupe: ({ f, d }) => `#include <stdio.h>
#include <stddef.h>

/* ${d} Works in place, keeps the first occurrence, returns the new length. */
size_t ${f}(int *items, size_t count) {
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        size_t j = 0;
        while (j < kept && items[j] != items[i]) {
            j++;
        }
        if (j == kept) {
            items[kept++] = items[i];
        }
    }
    return kept;
}${cMain(`    int items[] = {3, 1, 3, 2, 1};\n    size_t n = ${f}(items, sizeof items / sizeof items[0]);\n    for (size_t i = 0; i < n; i++) {\n        printf("%d ", items[i]);\n    }\n    printf("\\n"); /* 3 1 2 */`)}`,
  generic: ({ f, d }) => `#include <stdio.h>

/* ${d} Returns 0 on success, -1 on invalid input. */
int ${f}(const char *input) {
    if (input == NULL) {
        return -1;
    }
    /* Adapt this: replace the line below with the actual steps for your use case. */
    printf("processing: %s\\n", input);
    return 0;
}${cMain(`    return ${f}("example") == 0 ? 0 : 1;`).replace("\n    return 0;\n}", "\n}")}`,
};
