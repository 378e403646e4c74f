// The filter toolbar: method, status, endpoint, path, scenario/fault/rule and body search. Text
// fields are debounced; every change reaches the app as one patch.
import { dropdown, textField, toolbar } from "../components";
import { API_ENDPOINTS } from "../../src/shared/endpoints";
import type { InspectorFilter, StatusClass } from "../../src/shared/pages/inspector/filter";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const STATUSES: Array<{ value: StatusClass; label: string }> = [
  { value: "all", label: "Any Status" },
  { value: "2xx", label: "2xx" },
  { value: "3xx", label: "3xx" },
  { value: "4xx", label: "4xx" },
  { value: "5xx", label: "5xx" },
  { value: "tls", label: "TLS Refused" },
  { value: "pending", label: "In Flight" },
];
const DEBOUNCE_MS = 120;

export function createFilterBar(filter: InspectorFilter, onChange: (patch: Partial<InspectorFilter>) => void) {
  let timer = 0;
  let pending: Partial<InspectorFilter> = {};
  const debounced = (patch: Partial<InspectorFilter>) => {
    pending = { ...pending, ...patch }; // both fields may change within one debounce window
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      const p = pending;
      pending = {};
      onChange(p);
    }, DEBOUNCE_MS);
  };
  const method = dropdown({
    label: "Method",
    id: "filter-method",
    value: filter.method,
    options: [{ value: "", label: "Any Method" }, ...METHODS.map((m) => ({ value: m, label: m }))],
    onChange: (v) => onChange({ method: v }),
  });
  const status = dropdown<StatusClass>({
    label: "Status",
    id: "filter-status",
    value: filter.status,
    options: STATUSES,
    onChange: (v) => onChange({ status: v }),
  });
  const isEndpoint = (p: string) => (API_ENDPOINTS as readonly string[]).includes(p);
  // A shortcut for the path filter: picking an endpoint fills "Path Contains" with its route.
  const endpoint = dropdown({
    label: "Endpoint",
    id: "filter-endpoint",
    value: isEndpoint(filter.path) ? filter.path : "",
    options: [{ value: "", label: "Any Endpoint" }, ...API_ENDPOINTS.map((e) => ({ value: e, label: e }))],
    onChange: (v) => {
      (path as HTMLElement & { value: string }).value = v;
      onChange({ path: v });
    },
  });
  const path = textField({
    label: "Path Contains",
    placeholder: "Path contains…",
    id: "filter-path",
    value: filter.path,
    onInput: (v) => {
      endpoint.value = isEndpoint(v) ? v : "";
      debounced({ path: v });
    },
  });
  const control = textField({
    label: "Scenario, Fault or Rule Contains",
    placeholder: "Scenario / fault / rule…",
    id: "filter-control",
    value: filter.control ?? "",
    onInput: (v) => debounced({ control: v }),
  });
  const text = textField({
    label: "Search Bodies",
    placeholder: "Search bodies…",
    id: "filter-text",
    value: filter.text,
    onInput: (v) => debounced({ text: v }),
  });
  return toolbar(method.element, status.element, endpoint.element, path, control, text);
}
