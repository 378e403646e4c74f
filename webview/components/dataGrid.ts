// A small table as a <vscode-data-grid> (role=grid, arrow-key cell navigation from the toolkit).
// Rows are built here rather than through the grid's `rowsData`, so cells can hold nodes (badges)
// and rows can carry data-* hooks; cell text always goes in through dom.ts (text nodes, no HTML).
// Not virtualized: for thousands of rows use virtualList.
import { append, el, type Child } from "./dom";
import { useDataGrid } from "./toolkit";

export interface DataGridColumn {
  title: string;
  /** A CSS grid track, e.g. "minmax(120px, 1fr)". @default "1fr" */
  width?: string;
  /** Extra class on this column's body cells (e.g. "mg-mono"). */
  className?: string;
}

export interface DataGridRowSpec {
  cells: Child[];
  /** data-* attributes on the row (data-key and the like). */
  data?: Record<string, string>;
}

export interface DataGridOptions {
  /** Accessible name of the grid. */
  label: string;
  id?: string;
  className?: string;
  /** Show the column titles as a header row. @default true */
  header?: boolean;
}

export function dataGrid(
  columns: DataGridColumn[],
  rows: Array<Child[] | DataGridRowSpec>,
  o: DataGridOptions,
): HTMLElement {
  useDataGrid();
  const cell = (content: Child, i: number, type: "default" | "columnheader" | "rowheader") => {
    const c = el("vscode-data-grid-cell", {
      className: type === "columnheader" ? undefined : columns[i]?.className,
      attrs: { "grid-column": i + 1, "cell-type": type === "default" ? undefined : type },
    });
    append(c, content);
    return c;
  };
  const header = el(
    "vscode-data-grid-row",
    { attrs: { "row-type": "header" } },
    ...columns.map((col, i) => cell(col.title, i, "columnheader")),
  );
  const body = rows.map((r) => {
    const spec = Array.isArray(r) ? { cells: r } : r;
    const attrs = Object.fromEntries(Object.entries(spec.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
    return el("vscode-data-grid-row", { attrs }, ...spec.cells.map((c, i) => cell(c, i, "default")));
  });
  return el(
    "vscode-data-grid",
    {
      className: `mg-grid${o.className ? ` ${o.className}` : ""}`,
      // generate-header="none": our own header row (or none); the grid would otherwise add one from rowsData.
      attrs: {
        id: o.id,
        "aria-label": o.label,
        "generate-header": "none",
        "grid-template-columns": columns.map((c) => c.width ?? "1fr").join(" "),
      },
    },
    o.header === false ? null : header,
    ...body,
  );
}
