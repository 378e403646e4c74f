// Keeps Node's fetch classes (Headers, Request, Response) out of a server's start. Node defines them as lazy
// globals: the first read loads its internal undici, ~7 MB of RSS and ~28 ms here, plus node:http2 (~10 ms)
// that srvx imports for a server we never create. srvx and h3 read those globals while their modules load, to
// build classes on top of them; this pass defers each of those reads to the first use of what needs it
// (the first request builds a NodeRequest), with the same classes and prototype chains as before.
// Each edit must match the pinned sources exactly once, so a changed h3 or srvx fails the build instead of
// being bundled half-edited: then review the edits against the new sources.
import { readFile } from "node:fs/promises";

/**
 * A stand-in for a class whose definition needs a Headers/Request/Response global: it defines the class on
 * first use (new, a static, instanceof), and `define` also rebinds the module's variable to the real class,
 * so later uses skip the stand-in. Inserted into the edited modules as source text.
 */
const LAZY_CLASS = `
function __lazyClass(define) {
	let real;
	const load = () => real ??= define();
	const stub = new Proxy(function () {}.bind(null), {
		construct: (_, args, newTarget) => Reflect.construct(load(), args, newTarget === stub ? real : newTarget),
		apply: (_, self, args) => Reflect.apply(load(), self, args),
		get: (_, key) => {
			const value = Reflect.get(load(), key);
			return typeof value === "function" && key !== "prototype" ? value.bind(real) : value;
		},
		set: (_, key, value) => Reflect.set(load(), key, value),
		has: (_, key) => Reflect.has(load(), key),
		getPrototypeOf: () => Reflect.getPrototypeOf(load()),
	});
	return stub;
}
`;

/** `const NAME = /* @__PURE__ *\/ (() => { ... })();` at top level, made lazy with __lazyClass. */
function lazyIife(name) {
  return (code) => {
    const start = `const ${name} = /* @__PURE__ */ (() => {\n`;
    const at = once(code, start, name);
    const end = code.indexOf("\n})();\n", at);
    if (end < 0) throw new Error(`no end for ${name}`);
    return (
      code.slice(0, at) +
      `let ${name} = __lazyClass(() => ${name} = (() => {\n` +
      code.slice(at + start.length, end) +
      "\n})());\n" +
      code.slice(end + "\n})();\n".length)
    );
  };
}

/** code with `find` replaced by `replacement`, which must occur `count` times. */
function exact(find, replacement, count = 1) {
  return (code) => {
    const n = code.split(find).length - 1;
    if (n !== count) throw new Error(`expected ${count} of ${JSON.stringify(find)}, found ${n}`);
    return code.replaceAll(find, replacement);
  };
}

function once(code, find, what) {
  const at = code.indexOf(find);
  if (at < 0 || code.indexOf(find, at + 1) >= 0) throw new Error(`expected one ${what}`);
  return at;
}

const append = (text) => (code) => code + text;

/** Edits per module, keyed by the end of its path. */
export const EDITS = {
  "srvx/dist/adapters/node.mjs": [
    lazyIife("NodeRequestHeaders"),
    lazyIife("NodeRequest"),
    lazyIife("NodeResponse"),
    // node:http2 is only needed by srvx's own serve() with http2; the module takes ~10 ms to load.
    exact('import nodeHTTP2 from "node:http2";\n', ""),
    exact("nodeHTTP2.createSecureServer(", 'require("node:http2").createSecureServer('),
    exact("nodeHTTP2", "nodeHTTP2", 0),
    append(LAZY_CLASS),
  ],
  "h3/dist/response.mjs": [
    // Two frozen Headers instances built at load: built on first use instead, so their uses become calls.
    exact(
      `var FrozenHeaders = class extends Headers {
	set = frozen("set");
	append = frozen("append");
	delete = frozen("delete");
};
const emptyHeaders = /* @__PURE__ */ new FrozenHeaders({ "content-length": "0" });
const jsonHeaders = /* @__PURE__ */ new FrozenHeaders({ "content-type": "application/json;charset=UTF-8" });
`,
      `let FrozenHeaders;
const frozenHeaders = (init) => new (FrozenHeaders ??= class extends Headers {
	set = frozen("set");
	append = frozen("append");
	delete = frozen("delete");
})(init);
let emptyHeadersValue, jsonHeadersValue;
const emptyHeaders = () => emptyHeadersValue ??= frozenHeaders({ "content-length": "0" });
const jsonHeaders = () => jsonHeadersValue ??= frozenHeaders({ "content-type": "application/json;charset=UTF-8" });
`,
    ),
    exact("headers: emptyHeaders\n", "headers: emptyHeaders()\n"),
    exact("headers: jsonHeaders\n", "headers: jsonHeaders()\n", 2),
    exact(
      "mergeHeaders(jsonHeaders, error.headers) : new Headers(jsonHeaders)",
      "mergeHeaders(jsonHeaders(), error.headers) : new Headers(jsonHeaders())",
    ),
    // Every other mention would still expect an instance.
    (code) => {
      const left = code.match(/\b(?:emptyHeaders|jsonHeaders)\b(?!\(\))/g) ?? [];
      if (left.length !== 2) throw new Error(`unexpected uses: ${left.length - 2}`);
      return code;
    },
  ],
};

/** The edited source of the module at path, or null when it has no edits. */
export function editSource(path, code) {
  const key = Object.keys(EDITS).find((k) => path.replaceAll("\\", "/").endsWith(`/node_modules/${k}`));
  if (!key) return null;
  try {
    return EDITS[key].reduce((c, edit) => edit(c), code);
  } catch (e) {
    throw new Error(
      `lazyWebClasses: ${key} no longer matches (${e.message}); review scripts/build/lazyWebClasses.mjs`,
      {
        cause: e,
      },
    );
  }
}

/** The esbuild plugin. */
export const lazyWebClasses = {
  name: "lazy-web-classes",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/](?:srvx|h3)[\\/]dist[\\/].*\.mjs$/ }, async ({ path }) => {
      const code = editSource(path, await readFile(path, "utf8"));
      return code === null ? undefined : { contents: code, loader: "js" };
    });
  },
};
