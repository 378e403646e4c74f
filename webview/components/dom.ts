// The one way our pages build DOM: text goes through textContent, never through HTML parsing,
// so request data (paths, headers, bodies) can never become markup.

export type Child = Node | string | number | null | undefined | false;

export interface ElOptions {
  className?: string;
  /** Plain attributes (role, aria-*, data-*, tabindex, title…). Event-handler attributes are refused. */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Listeners added with addEventListener (CSP forbids inline handlers anyway). */
  on?: { [K in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[K]) => void };
}

/** Creates an element; string children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElOptions | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options?.className) node.className = options.className;
  for (const [name, value] of Object.entries(options?.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    if (/^on/i.test(name) || name === "style" || name === "srcdoc")
      throw new Error(`el(): attribute "${name}" is not allowed`);
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [type, fn] of Object.entries(options?.on ?? {})) node.addEventListener(type, fn as EventListener);
  append(node, ...children);
  return node;
}

/** Appends children, turning strings and numbers into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}
