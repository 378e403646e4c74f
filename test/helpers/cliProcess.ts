// The built CLI as a child process: output captured, waits on a pattern, stopped by PID.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";

export const CLI = resolve(__dirname, "..", "..", "dist", "cli.js");

export interface CliRun {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  /** Resolves with the first match of re in the stream; rejects on timeout or exit. */
  until(re: RegExp, ms?: number, stream?: "stdout" | "stderr"): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs dist/cli.js with a clean MOCK_GPT_* environment plus env. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("MOCK_GPT_")));
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exit = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
  const r: CliRun = {
    child,
    stdout: "",
    stderr: "",
    exit,
    async until(re, ms = 15_000, stream = "stdout") {
      const end = Date.now() + ms;
      for (;;) {
        const m = r[stream].match(re);
        if (m) return m;
        if (Date.now() > end || child.exitCode !== null)
          throw new Error(`no ${re} in output:\n${r.stdout}\n${r.stderr}`);
        await new Promise((res) => setTimeout(res, 25));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
  child.stdout!.on("data", (d) => (r.stdout += d));
  child.stderr!.on("data", (d) => (r.stderr += d));
  return r;
}
