// The dashboard's four charts. chart.js is bundled into the page (no CDN: the CSP allows only our
// nonce'd script), and only the pieces used here are registered, which keeps the bundle small.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import type { StatsSnapshot } from "../../src/shared/stats";
import { formatClock, statusClass } from "./format";

Chart.register(
  DoughnutController,
  ArcElement,
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

interface ThemeColors {
  fg: string;
  grid: string;
  bg: string;
  font: string;
  palette: string[];
  byClass: Record<ReturnType<typeof statusClass>, string>;
}

/** Reads the --vscode-* colours now; called again whenever VS Code switches theme. */
function readTheme(): ThemeColors {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const blue = v("--vscode-charts-blue", "#3794ff");
  const green = v("--vscode-charts-green", "#89d185");
  const orange = v("--vscode-charts-orange", "#d18616");
  const red = v("--vscode-charts-red", "#f14c4c");
  const yellow = v("--vscode-charts-yellow", "#cca700");
  const purple = v("--vscode-charts-purple", "#b180d7");
  return {
    fg: v("--vscode-charts-foreground", v("--vscode-foreground", "#888")),
    grid: v("--vscode-charts-lines", "rgba(128,128,128,0.3)"),
    bg: v("--vscode-editor-background", "transparent"),
    font: v("--vscode-font-family", "sans-serif"),
    palette: [blue, green, orange, purple, yellow, red],
    byClass: { "2xx": green, "3xx": blue, "4xx": yellow, "429": orange, "5xx": red, other: purple },
  };
}

export interface DashboardCharts {
  update(stats: StatsSnapshot): void;
  /** Re-reads the theme colours and redraws. */
  applyTheme(): void;
  destroy(): void;
}

type PointContext = { dataIndex: number; dataset: { data: unknown[] } };

/** A dot where a bucket has data, so a single sample shows; Average's is wider, so Max's sits inside it. */
const pointRadius = (r: number) => (ctx: PointContext) => (ctx.dataset.data[ctx.dataIndex] == null ? 0 : r);

export function createCharts(canvases: {
  methods: HTMLCanvasElement;
  status: HTMLCanvasElement;
  endpoints: HTMLCanvasElement;
  latency: HTMLCanvasElement;
}): DashboardCharts {
  let theme = readTheme();
  let last: StatsSnapshot | null = null;
  const base = { responsive: true, maintainAspectRatio: false, animation: false as const };

  const methods = new Chart<"doughnut", number[], string>(canvases.methods, {
    type: "doughnut",
    data: { labels: [], datasets: [{ data: [] }] },
    options: { ...base, plugins: { legend: { position: "right" } } },
  });
  const status = new Chart<"bar", number[], string>(canvases.status, {
    type: "bar",
    data: { labels: [], datasets: [{ label: "Responses", data: [] }] },
    options: {
      ...base,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  // One horizontal bar per route: chat, responses, embeddings, completions, moderations, models…
  const endpoints = new Chart<"bar", number[], string>(canvases.endpoints, {
    type: "bar",
    data: { labels: [], datasets: [{ label: "Requests", data: [] }] },
    options: {
      ...base,
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  // Max is drawn last (lowest `order`) and dashed over a wider Average line, so when the two are
  // equal, as with one request per second, both stay visible. Idle seconds have no latency at all:
  // the lines span them rather than breaking into isolated dots.
  const latency = new Chart<"line", Array<number | null>, string>(canvases.latency, {
    type: "line",
    data: {
      labels: [],
      datasets: [
        { label: "Max", data: [], order: 0, borderWidth: 2, borderDash: [6, 4], pointRadius: pointRadius(2) },
        { label: "Average", data: [], order: 1, borderWidth: 4, pointRadius: pointRadius(3.5) },
      ],
    },
    options: {
      ...base,
      spanGaps: true,
      plugins: { legend: { labels: { usePointStyle: true, pointStyle: "line" } } },
      elements: { point: { hitRadius: 6 }, line: { cubicInterpolationMode: "monotone" } },
      scales: {
        x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } },
        y: { beginAtZero: true, title: { display: true, text: "ms" } },
      },
    },
  });
  const all: Chart[] = [methods, status, endpoints, latency] as unknown as Chart[];

  function paint(): void {
    for (const c of all) {
      c.options.color = theme.fg;
      c.options.font = { family: theme.font };
      for (const scale of Object.values(c.options.scales ?? {})) {
        if (!scale) continue;
        scale.grid = { ...scale.grid, color: theme.grid };
        scale.ticks = { ...scale.ticks, color: theme.fg };
        if ("title" in scale && scale.title) scale.title.color = theme.fg;
      }
    }
    const m = methods.data.datasets[0]!;
    m.backgroundColor = (methods.data.labels ?? []).map((_, i) => theme.palette[i % theme.palette.length]!);
    m.borderColor = theme.bg;
    const s = status.data.datasets[0]!;
    s.backgroundColor = (status.data.labels ?? []).map((l) => theme.byClass[statusClass(String(l))]);
    const ep = endpoints.data.datasets[0]!;
    ep.backgroundColor = (endpoints.data.labels ?? []).map((_, i) => theme.palette[i % theme.palette.length]!);
    const [max, avg] = latency.data.datasets;
    Object.assign(avg!, { borderColor: theme.palette[0], backgroundColor: theme.palette[0] });
    Object.assign(max!, { borderColor: theme.palette[2], backgroundColor: theme.palette[2] });
    for (const c of all) c.update("none");
  }

  function setData(stats: StatsSnapshot): void {
    const methodKeys = Object.keys(stats.byMethod).sort((a, b) => stats.byMethod[b]! - stats.byMethod[a]!);
    methods.data.labels = methodKeys;
    methods.data.datasets[0]!.data = methodKeys.map((k) => stats.byMethod[k]!);
    const statusKeys = Object.keys(stats.byStatus).sort();
    status.data.labels = statusKeys;
    status.data.datasets[0]!.data = statusKeys.map((k) => stats.byStatus[k]!);
    const byEndpoint = stats.byEndpoint ?? {};
    const endpointKeys = Object.keys(byEndpoint).sort((a, b) => byEndpoint[b]! - byEndpoint[a]! || a.localeCompare(b));
    endpoints.data.labels = endpointKeys;
    endpoints.data.datasets[0]!.data = endpointKeys.map((k) => byEndpoint[k]!);
    latency.data.labels = stats.series.map((p) => formatClock(p.t));
    latency.data.datasets[0]!.data = stats.series.map((p) => p.maxMs);
    latency.data.datasets[1]!.data = stats.series.map((p) => p.avgMs);
    describe(
      canvases.methods,
      "HTTP Methods",
      methodKeys.map((k) => `${k} ${stats.byMethod[k]}`),
    );
    describe(
      canvases.status,
      "Status Codes",
      statusKeys.map((k) => `${k}: ${stats.byStatus[k]}`),
    );
    describe(
      canvases.endpoints,
      "Endpoints",
      endpointKeys.map((k) => `${k}: ${byEndpoint[k]}`),
    );
    const recent = stats.series.filter((p) => p.avgMs !== null);
    describe(
      canvases.latency,
      "Latency over Time",
      recent.length ? [`${recent.length} active seconds`, `last average ${Math.round(recent.at(-1)!.avgMs!)} ms`] : [],
    );
  }

  return {
    update(stats) {
      last = stats;
      setData(stats);
      paint();
    },
    applyTheme() {
      theme = readTheme();
      if (last) setData(last);
      paint();
    },
    destroy() {
      all.forEach((c) => c.destroy());
    },
  };
}

/** Canvases are images to assistive tech; the label carries the numbers as text. */
function describe(canvas: HTMLCanvasElement, title: string, parts: string[]): void {
  canvas.setAttribute("aria-label", `${title}: ${parts.length ? parts.join(", ") : "no data yet"}`);
}
