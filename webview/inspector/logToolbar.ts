// Commands on the whole log (Clear, Export JSON, Export HAR) and the count of what is listed.
import { button, el, toolbar } from "../components";
import type { ExportFormat } from "../../src/shared/pages/inspector/protocol";

export interface LogToolbar {
  element: HTMLElement;
  setCount(text: string): void;
}

export function createLogToolbar(o: { clear(): void; export(format: ExportFormat): void }): LogToolbar {
  const count = el("span", { className: "mg-muted mg-count", attrs: { id: "count" } });
  const element = toolbar(
    button({
      // The dashboard counts from the same log: say that Clear resets it too.
      label: "Clear Requests and Stats",
      title: "Clear the request log and reset the dashboard's statistics",
      appearance: "secondary",
      id: "clear",
      onClick: o.clear,
    }),
    button({
      label: "Export JSON",
      title: "Export the listed requests as JSON",
      appearance: "secondary",
      id: "export-json",
      onClick: () => o.export("json"),
    }),
    button({
      label: "Export HAR",
      title: "Export the listed requests as HAR 1.2",
      appearance: "secondary",
      id: "export-har",
      onClick: () => o.export("har"),
    }),
    count,
  );
  return { element, setCount: (text) => (count.textContent = text) };
}
