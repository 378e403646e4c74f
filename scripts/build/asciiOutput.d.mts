// Types for asciiOutput.mjs, for its unit test.
import type { Plugin } from "esbuild";
export declare function asciiSource(
  code: string,
  options?: { sourceType?: "script" | "module" },
): { code: string; escaped: number; problems: Array<{ line: number; char: string }> };
export declare const asciiOutput: Plugin;
