// FAST (under the toolkit) checks once, while its modules load, whether :focus-visible works, by
// appending an empty <style> to <head> and inserting a rule into its sheet. Our CSP (style-src
// without 'unsafe-inline') blocks that element: Chromium logs a CSP violation and FAST then falls
// back to :focus, so every mouse click would draw a focus ring. toolkit.ts imports this module
// before the toolkit and calls endFocusProbeShim() right after: in between, an empty <style>
// appended to <head> gets a constructable sheet (which CSP allows) and never enters the DOM, so
// the probe's insertRule still answers truthfully.
const head = document.head;
const probes = new WeakSet<Node>();

head.appendChild = function <T extends Node>(this: HTMLHeadElement, node: T): T {
  if (node instanceof HTMLStyleElement && !node.textContent) {
    Object.defineProperty(node, "sheet", { value: new CSSStyleSheet(), configurable: true });
    probes.add(node);
    return node;
  }
  return HTMLHeadElement.prototype.appendChild.call(this, node) as T;
};
head.removeChild = function <T extends Node>(this: HTMLHeadElement, node: T): T {
  if (probes.delete(node)) return node;
  return HTMLHeadElement.prototype.removeChild.call(this, node) as T;
};

/** Puts <head> back to normal (drops the own properties; the prototype's methods show through). */
export function endFocusProbeShim(): void {
  delete (head as Partial<Pick<HTMLHeadElement, "appendChild" | "removeChild">>).appendChild;
  delete (head as Partial<Pick<HTMLHeadElement, "appendChild" | "removeChild">>).removeChild;
}
