import { EventEmitter, setMaxListeners } from "node:events";
import { CertificateError, loadTlsMaterial } from "../certs";
import type { LoadedConfig, MockGptConfig, ScenarioDefinition } from "../config/types";
import { createLogger, type LogSink, type Logger } from "../log/logger";
import { RequestLog } from "../log/requestLog";
import { connectionEntry } from "../log/connectionEntry";
import { RateLimits } from "../rateLimits/service";
import { StatsTracker } from "../stats/statsTracker";
import { findScenario, resolveBehavior } from "../scenarios";
import { requestId } from "../openai/ids";
import { FaultQueue } from "../control/faultQueue";
import { createApp, type RouteExtension } from "./app";
import { listen, type Listener } from "./listener";
import type { ServerRuntime } from "./runtime";
import type { ControlSurface } from "./control/surface";
import { readFaultBody } from "./control/faultBody";
import type { ProtocolError } from "./protocolErrors";
import { redactPath } from "./redact";
import { refusedUnread } from "./expectContinue";
import { ServerStartError, type Behavior, type MockServerEvents, type ServerState, type ServerStatus } from "./types";

export interface MockServerOptions {
  /** Share a log across restarts or with a UI; one is created from logging.request_log_size otherwise. */
  log?: RequestLog;
  /** Extra log destinations (VS Code's output channel, the CLI's stderr). The JSON file comes from logging.file. */
  logSinks?: LogSink[];
  /** Routes mounted beside the API, e.g. the /ui pages. */
  routes?: RouteExtension[];
}

/** Keys whose change needs a new listener; everything else applies to the next request. */
const LISTENER_KEYS = (c: MockGptConfig) =>
  JSON.stringify([
    c.server.host,
    c.server.port,
    c.server.max_connections,
    c.server.request_timeout_ms,
    c.server.handshake_timeout_ms,
    c.tls,
  ]);

/**
 * The mock server as the CLI and the extension drive it. start/stop/restart/applyConfig run one at
 * a time through an internal queue, so rapid clicks can neither race nor leak a listener.
 */
export class MockServer extends EventEmitter<MockServerEvents> {
  readonly log: RequestLog;
  /** Per-client budgets behind the x-ratelimit-* headers and 429s. */
  readonly rateLimits = new RateLimits();
  private statsTracker: StatsTracker | null = null;
  /** Faults queued for the next matching request(s): `server.faults.queue("reset", { count: 2 })`. */
  readonly faults = new FaultQueue();
  private loaded: LoadedConfig;
  private logger: Logger;
  private listener: Listener | null = null;
  private state: ServerState = "stopped";
  private startedAt: number | null = null;
  private lastError: ServerStartError | null = null;
  /** The log's HTTP count when this server was made: the log may outlive it (the extension shares one). */
  private readonly requestBase: number;
  private scenarioName: string;
  private overrides: Partial<Behavior> = {};
  private currentBehavior!: Behavior;
  private abort = new AbortController();
  private queue: Promise<unknown> = Promise.resolve();
  private statusTimer: NodeJS.Timeout | null = null;
  private readonly runtime: ServerRuntime;

  constructor(
    loaded: LoadedConfig,
    private readonly options: MockServerOptions = {},
  ) {
    super();
    this.loaded = loaded;
    this.log = options.log ?? new RequestLog({ capacity: loaded.config.logging.request_log_size });
    this.logger = this.makeLogger();
    this.scenarioName = findScenario(loaded.scenarios, loaded.config.scenario.active)
      ? loaded.config.scenario.active
      : "normal";
    this.recomputeBehavior();
    this.requestBase = this.log.httpAdded;
    const currentLogger = () => this.logger;
    this.runtime = {
      log: this.log,
      get logger() {
        return currentLogger();
      },
      config: () => this.loaded.config,
      behavior: () => this.currentBehavior,
      scenario: () => this.scenarioName,
      signal: () => this.abort.signal,
      status: () => this.status(),
      rateLimits: this.rateLimits,
      controlApi: {
        scenarios: () => this.loaded.scenarios,
        scenario: () => this.scenarioName,
        behavior: () => this.currentBehavior,
        setScenario: (name) => this.setScenario(name),
        stats: () => this.stats.snapshot(),
        rateLimits: () => this.rateLimits.snapshot(),
        resetRateLimits: () => this.rateLimits.reset(),
        reset: () => this.reset(),
        faults: {
          queue: (body) => {
            const { fault, options } = readFaultBody(body);
            const id = this.faults.queue(fault, options).id;
            return this.faults.list().find((f) => f.id === id) ?? { id };
          },
          list: () => this.faults.list(),
          clear: () => {
            const n = this.faults.size;
            this.faults.clear();
            return n;
          },
        },
      },
      control: () => ({
        config: this.loaded.config,
        scenarios: this.loaded.scenarios,
        rules: this.loaded.rules ?? [],
        scenario: this.scenarioName,
        behavior: this.currentBehavior,
        faults: this.faults,
      }),
    };
  }

  /** Live statistics over the log, attached on first use and seeded from what the log holds. */
  get stats(): StatsTracker {
    if (!this.statsTracker) {
      this.statsTracker = new StatsTracker();
      this.statsTracker.attach(this.log);
    }
    return this.statsTracker;
  }

  /**
   * Back to the configured state without a restart: the configured scenario, no behaviour
   * overrides, no queued faults, an empty journal (and so fresh stats) and full rate-limit budgets.
   */
  reset(): void {
    const active = this.loaded.config.scenario.active;
    this.scenarioName = findScenario(this.loaded.scenarios, active) ? active : "normal";
    this.overrides = {};
    this.recomputeBehavior();
    this.faults.clear();
    this.log.clear();
    this.rateLimits.reset();
    this.logger.info("reset to the configured state", { scenario: this.scenarioName });
    this.emitStatus();
  }

  /** What the /__mock/ control API steers; the in-process testing API uses the same. */
  get controlApi(): ControlSurface {
    return this.runtime.controlApi;
  }

  get config(): LoadedConfig {
    return this.loaded;
  }

  get scenarios(): ScenarioDefinition[] {
    return this.loaded.scenarios;
  }

  get scenario(): string {
    return this.scenarioName;
  }

  get behavior(): Behavior {
    return this.currentBehavior;
  }

  status(): ServerStatus {
    const l = this.listener;
    return {
      state: this.state,
      url: l ? `https://${l.host.includes(":") ? `[${l.host}]` : l.host}:${l.port}` : null,
      host: l?.host ?? null,
      port: l?.port ?? null,
      startedAt: this.startedAt,
      connections: l?.connections ?? 0,
      requestCount: this.log.httpAdded - this.requestBase,
      scenario: this.scenarioName,
      mtls: this.loaded.config.tls.require_client_cert,
      lastError: this.lastError,
    };
  }

  /** Builds the app a start serves, without a listener: the CLI's build compiles it into its code cache. */
  warmUp(): void {
    createApp(this.runtime, this.options.routes);
  }

  /** Starts the listener; throws ServerStartError (port_in_use, cert_missing, …) with a fix-oriented message. */
  start(): Promise<ServerStatus> {
    return this.enqueue(() => this.doStart());
  }

  /** Closes every connection (in-flight streams included) and frees the port. Idempotent. */
  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<ServerStatus> {
    return this.enqueue(async () => {
      await this.doStop();
      return this.doStart();
    });
  }

  /**
   * Applies a reloaded configuration. The listener restarts only when host, port, connection
   * limit or TLS settings changed; everything else applies to the next request.
   */
  applyConfig(next: LoadedConfig): Promise<{ restarted: boolean }> {
    return this.enqueue(async () => {
      const relisten = LISTENER_KEYS(next.config) !== LISTENER_KEYS(this.loaded.config);
      this.loaded = next;
      const previous = this.logger;
      this.logger = this.makeLogger();
      previous.close();
      this.log.resize(next.config.logging.request_log_size);
      if (!findScenario(next.scenarios, this.scenarioName))
        this.scenarioName = findScenario(next.scenarios, next.config.scenario.active)
          ? next.config.scenario.active
          : "normal";
      this.recomputeBehavior();
      const running = this.state === "running";
      if (relisten && running) {
        await this.doStop();
        await this.doStart();
      } else this.emitStatus();
      return { restarted: relisten && running };
    });
  }

  /** Switches scenario for the next request; no restart. Throws on an unknown name. */
  setScenario(name: string): void {
    if (!findScenario(this.loaded.scenarios, name))
      throw new Error(`Unknown scenario "${name}". Known: ${this.loaded.scenarios.map((s) => s.name).join(", ")}.`);
    this.scenarioName = name;
    this.overrides = {};
    this.recomputeBehavior();
    this.logger.info(`scenario: ${name}`, { scenario: name });
    this.emitStatus();
  }

  /** Overrides parts of the behaviour on top of the scenario (until the next scenario switch). */
  setBehavior(partial: Partial<Behavior>): void {
    this.overrides = { ...this.overrides, ...partial };
    this.recomputeBehavior();
    this.emitStatus();
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async doStart(): Promise<ServerStatus> {
    if (this.state === "running") return this.status();
    // A stop closed the logger (its file's handle and exit hook): each start writes through a new one.
    this.logger.close();
    this.logger = this.makeLogger();
    this.lastError = null;
    this.setState("starting");
    const c = this.loaded.config;
    try {
      let tls;
      try {
        tls = loadTlsMaterial(c.tls);
      } catch (err) {
        if (err instanceof CertificateError) throw new ServerStartError(err.code, err.message, { path: err.path });
        throw err;
      }
      this.abort = new AbortController();
      // Every delayed request listens on this one signal until it answers: many at once is normal, not a leak.
      setMaxListeners(0, this.abort.signal);
      this.listener = await listen(createApp(this.runtime, this.options.routes), {
        host: c.server.host,
        port: c.server.port,
        ...tls,
        requireClientCert: c.tls.require_client_cert,
        maxConnections: c.server.max_connections,
        requestTimeoutMs: c.server.request_timeout_ms,
        handshakeTimeoutMs: c.server.handshake_timeout_ms,
        onTlsReject: (info) => this.recordTlsReject(info),
        onHandshakeAbort: (info) => this.recordHandshakeAbort(info),
        onDrop: (remoteAddress) =>
          this.logger.warn(
            `connection from ${remoteAddress} dropped: server.max_connections (${c.server.max_connections}) reached`,
          ),
        onConnectionsChanged: () => this.scheduleStatus(),
        onProtocolError: (e) => this.recordProtocolError(e),
        refusedUnread: (req) => refusedUnread(req, this.runtime.config().server.max_body_bytes),
      });
      this.startedAt = Date.now();
      this.setState("running");
      this.logger.info(`listening on ${this.status().url}`, {
        mtls: c.tls.require_client_cert,
        scenario: this.scenarioName,
      });
      return this.status();
    } catch (err) {
      this.lastError =
        err instanceof ServerStartError
          ? err
          : new ServerStartError("unknown", err instanceof Error ? err.message : String(err));
      this.listener = null;
      this.setState("failed");
      this.logger.error(this.lastError.message, { code: this.lastError.code });
      throw this.lastError;
    }
  }

  private async doStop(): Promise<void> {
    const l = this.listener;
    if (!l) {
      if (this.state !== "stopped") this.setState("stopped");
      return;
    }
    this.setState("stopping");
    this.abort.abort();
    await l.close();
    this.listener = null;
    this.startedAt = null;
    this.setState("stopped");
    this.logger.info("stopped");
    this.logger.close();
  }

  /** Answered with an x-request-id: logged under it, so the inspector and /__mock/requests find it. */
  private recordProtocolError(e: ProtocolError): void {
    this.logger.warn(`protocol error ${e.status}: ${e.message}`, { requestId: e.requestId, code: e.code });
    if (!e.requestId) return;
    this.log.add(
      connectionEntry({
        id: e.requestId,
        kind: "http",
        durationMs: 0,
        remoteAddress: e.remoteAddress ?? "",
        method: e.method ?? "",
        path: redactPath(e.path ?? ""),
        status: e.status,
        scenario: this.scenarioName,
        error: { code: e.code, message: e.message },
      }),
    );
  }

  private recordTlsReject(info: { code: string; message: string; remoteAddress: string }): void {
    this.logger.warn(`TLS handshake refused from ${info.remoteAddress}: ${info.message}`, { code: info.code });
    this.log.add(
      connectionEntry({
        id: requestId(),
        kind: "tls-rejected",
        durationMs: null,
        remoteAddress: info.remoteAddress,
        method: "",
        path: "",
        status: null,
        scenario: this.scenarioName,
        error: { code: info.code, message: info.message },
      }),
    );
  }

  /** Not a request and not a refusal: no log row, only a count beside the refusals. */
  private recordHandshakeAbort(info: { code: string; remoteAddress: string }): void {
    this.logger.debug(`TLS handshake abandoned by ${info.remoteAddress} (${info.code})`);
    this.stats.handshakeAborted();
  }

  private recomputeBehavior(): void {
    const scenario = findScenario(this.loaded.scenarios, this.scenarioName) ?? this.loaded.scenarios[0]!;
    this.currentBehavior = { ...resolveBehavior(this.loaded.config.responses, scenario), ...this.overrides };
    this.rateLimits.configure(this.loaded.config.rate_limits, scenario);
  }

  private makeLogger(): Logger {
    const { level, file } = this.loaded.config.logging;
    return createLogger({ level, file, sinks: this.options.logSinks });
  }

  private setState(state: ServerState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.emit("status", this.status());
  }

  /** Connection churn (every keep-alive open and close) is coalesced to a few status events a second. */
  private scheduleStatus(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.emitStatus();
    }, 200);
    this.statusTimer.unref();
  }
}
