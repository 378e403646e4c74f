/**
 * h3's "already answered" marker (what its own fromNodeHandler returns): a handler that wrote to
 * Node's response itself, or that ends without an answer, returns it, and h3 and srvx write nothing more.
 */
export const HANDLED = Symbol.for("h3.handled") as unknown as Response;
