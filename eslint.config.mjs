// Lint: correctness rules from typescript-eslint, no import cycles, and the architecture's boundaries:
// src/core/ and src/shared/ never import vscode or webview/; webview/ and src/shared/ never import Node.
import js from "@eslint/js";
import { builtinModules } from "node:module";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import globals from "globals";

const noNode = { group: ["node:*"], message: "Pages and shared contracts run in a browser: no Node modules." };
const noNodeBare = builtinModules.map((name) => ({ name, message: noNode.message }));
const noVscode = {
  name: "vscode",
  message: "The core runs headless (CLI, container): only src/extension/ imports vscode.",
};
const noWebview = {
  group: ["**/webview/**", "**/webview"],
  message: "Pages depend on the core's contracts in src/shared/, never the other way.",
};
const noCore = {
  group: ["**/core/**", "**/core"],
  message: "Shared contracts are neutral: they import neither the core nor the pages.",
};
const noCoreInPages = {
  group: ["**/core/**", "**/core"],
  message: "Pages get their data by postMessage: import contracts from src/shared/, never the core.",
};
const noExtension = {
  group: ["**/extension/**", "**/extension"],
  message: "The core is driven by the extension, never the other way.",
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "certs/", "logs/", ".bench/", "test-results/", "**/*.d.mts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".mts", ".mjs", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".mts"] },
      "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".mts", ".mjs", ".js"] })],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "no-empty": ["error", { allowEmptyCatch: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["src/core/**"],
    rules: { "no-restricted-imports": ["error", { paths: [noVscode], patterns: [noWebview, noExtension] }] },
  },
  {
    files: ["src/shared/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [noVscode, ...noNodeBare], patterns: [noWebview, noCore, noExtension, noNode] },
      ],
    },
  },
  {
    files: ["src/cli/**"],
    rules: { "no-restricted-imports": ["error", { paths: [noVscode], patterns: [noWebview, noExtension] }] },
  },
  {
    files: ["webview/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [noVscode, ...noNodeBare], patterns: [noCoreInPages, noExtension, noNode] },
      ],
    },
  },
);
