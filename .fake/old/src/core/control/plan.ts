import type { MockGptConfig, ScenarioDefinition } from "../config/types";
import { ApiError } from "../openai/errors";
import { findScenario, resolveBehavior } from "../scenarios/behavior";
import type { Behavior } from "../../shared/health";
import { parseFault, type Fault } from "./faults";
import type { FaultQueue } from "./faultQueue";
import { readControlHeaders, type HeaderControl } from "./headers";
import { latencyRandom, type LatencySettings, type Random } from "./latency";
import { matchRule, type LatencyOverride, type Rule, type RuleSubject } from "./rules";

/** What the server knows when a request arrives (read per request, so switches apply live). */
export interface ControlState {
  config: MockGptConfig;
  scenarios: readonly ScenarioDefinition[];
  rules: readonly Rule[];
  /** The active scenario and its behaviour (with any setBehavior overrides). */
  scenario: string;
  behavior: Behavior;
  faults: FaultQueue;
}

/** How this one request will be answered. */
export interface RequestPlan {
  scenario: string;
  behavior: Behavior;
  latency: LatencySettings;
  random: Random;
  fault: Fault | null;
  faultSource: "header" | "queue" | "rule" | "scenario" | null;
  rule: Rule | null;
}

const STREAM_ONLY = new Set<Fault["kind"]>(["truncate", "error_event", "malformed"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function text(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((p) => (isObject(p) && typeof p.text === "string" ? p.text : "")).join("\n");
  return "";
}

/**
 * The parts of a chat request rules and queued faults look at, read leniently from the raw body.
 * The message texts are joined only when a rule or a queued fault reads them: most requests meet
 * neither.
 */
class Subject implements RuleSubject {
  private user: string | undefined;
  private systemText: string | undefined;
  constructor(
    readonly endpoint: string,
    readonly model: string | null,
    private readonly messages: readonly unknown[],
    readonly tools: boolean,
    readonly header: (name: string) => string | undefined,
  ) {}

  get lastUser(): string {
    if (this.user === undefined) {
      let last: Record<string, unknown> | undefined;
      for (let i = this.messages.length - 1; i >= 0 && !last; i--) {
        const m = this.messages[i];
        if (isObject(m) && m.role === "user") last = m;
      }
      this.user = text(last?.content);
    }
    return this.user;
  }

  get system(): string {
    return (this.systemText ??= this.messages
      .filter(isObject)
      .filter((m) => m.role === "system" || m.role === "developer")
      .map((m) => text(m.content))
      .join("\n"));
  }
}

const NO_MESSAGES: readonly unknown[] = [];

/** The parts of a chat request rules and queued faults look at, read leniently from the raw body. */
export function subjectOf(endpoint: string, body: unknown, header: (name: string) => string | undefined): RuleSubject {
  const b = isObject(body) ? body : {};
  return new Subject(
    endpoint,
    typeof b.model === "string" ? b.model : null,
    Array.isArray(b.messages) ? b.messages : NO_MESSAGES,
    Array.isArray(b.tools) && b.tools.length > 0,
    header,
  );
}

const withLatency = (l: LatencySettings, o: LatencyOverride | undefined): LatencySettings =>
  o
    ? {
        delayMs: o.delay_ms ?? l.delayMs,
        ttftMs: o.ttft_ms ?? l.ttftMs,
        tokensPerSecond: o.tokens_per_second ?? l.tokensPerSecond,
        jitterPercent: o.jitter_percent ?? l.jitterPercent,
      }
    : l;

/** What steers one request: its x-mock-* headers and the first rule it matches. */
export interface Steering {
  headers: HeaderControl | null;
  rule: Rule | null;
}

/**
 * Reads the x-mock-* headers (a malformed one throws its 400) and matches the rules, once per
 * request: `requestScenario` and `planRequest` share the result instead of each reading again.
 */
export function readSteering(state: ControlState, subject: RuleSubject): Steering {
  const headers = state.config.responses.control_headers ? readControlHeaders(subject.header) : null;
  return { headers, rule: matchRule(state.rules, subject) ?? null };
}

/**
 * The scenario an x-mock-scenario header or a matching rule switches this one request to, or null
 * when it runs under the active one. Read before rate limits, whose budgets a scenario may set.
 */
export function requestScenario(
  state: ControlState,
  subject: RuleSubject,
  steer: Steering = readSteering(state, subject),
): ScenarioDefinition | null {
  const switchTo = steer.headers?.scenario ?? steer.rule?.action.scenario;
  if (switchTo === undefined || switchTo === state.scenario) return null;
  return findScenario(state.scenarios, switchTo) ?? null;
}

/**
 * Decides scenario, latency and fault for one request. Precedence, most specific first:
 * x-mock-* headers, then the first matching rule, then queued faults, then the scenario's fault rate.
 * A header or rule fault leaves the queue untouched.
 */
export function planRequest(
  state: ControlState,
  subject: RuleSubject,
  body: unknown,
  stream: boolean,
  steer: Steering = readSteering(state, subject),
): RequestPlan {
  const { headers, rule } = steer;

  let scenario = state.scenario;
  let behavior = state.behavior;
  const switchTo = headers?.scenario ?? rule?.action.scenario;
  if (switchTo !== undefined && switchTo !== scenario) {
    const def = findScenario(state.scenarios, switchTo);
    if (!def)
      throw new ApiError(
        400,
        `Invalid x-mock-scenario header: unknown scenario "${switchTo}". Known: ${state.scenarios.map((s) => s.name).join(", ")}.`,
        "invalid_request_error",
        "x-mock-scenario",
        "invalid_mock_header",
      );
    scenario = switchTo;
    behavior = resolveBehavior(state.config.responses, def);
  }

  let latency: LatencySettings = {
    delayMs: behavior.delayMs,
    ttftMs: behavior.ttftMs,
    tokensPerSecond: behavior.tokensPerSecond,
    jitterPercent: behavior.jitterPercent,
  };
  latency = withLatency(withLatency(latency, rule?.action.latency), headers?.latency);

  const b = isObject(body) ? body : {};
  const seed = typeof b.seed === "number" ? b.seed : state.config.responses.seed || null;
  // Without a seed the draws are Math.random: no need to serialize the messages for a hash.
  const random =
    seed === null ? Math.random : latencyRandom(seed, JSON.stringify(b.messages ?? null) + String(b.model));

  let fault: Fault | null = null;
  let faultSource: RequestPlan["faultSource"] = null;
  if (headers?.fault) [fault, faultSource] = [headers.fault, "header"];
  else if (rule?.action.fault) [fault, faultSource] = [rule.action.fault, "rule"];
  else {
    // Stream-shaped faults wait in the queue for an endpoint that streams them (chat, Responses).
    const streamsFaults = subject.endpoint === "/v1/chat/completions" || subject.endpoint === "/v1/responses";
    const queued = state.faults.take(subject, (f) => streamsFaults || !STREAM_ONLY.has(f.kind));
    if (queued) [fault, faultSource] = [queued, "queue"];
    else if (behavior.faults.length && behavior.faultRatePercent > 0 && random() * 100 < behavior.faultRatePercent) {
      const drawn = parseFault(behavior.faults[Math.floor(random() * behavior.faults.length)]!);
      if (stream || !STREAM_ONLY.has(drawn.kind)) [fault, faultSource] = [drawn, "scenario"];
    }
  }
  return { scenario, behavior, latency, random, fault, faultSource, rule };
}
