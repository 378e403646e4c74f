import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { IncomingHttpHeaders } from "node:http";
import {
  loggedHeaders,
  loggedHeadersByKey,
  redactAuthorization,
  redactPath,
  redactSecret,
} from "../../src/core/server/redact";
import { apiKeyOf, rateLimitClient } from "../../src/core/rateLimits/client";
import { REPLAY_PLACEHOLDER_KEY, replayHeaders } from "../../src/shared/pages/inspector/headers";
import { displayPath, isSecretParam, MAX_DECODES, replayPath } from "../../src/shared/pages/inspector/query";
import { OPENAPI_SPEC, openApiSkip } from "../helpers/openapi";

test("redactAuthorization keeps a known scheme and a hint of the key", () => {
  assert.equal(redactAuthorization("Bearer sk-proj-abcdefghijklmnop"), "Bearer sk-…mnop");
  assert.equal(redactAuthorization("bearer   sk-proj-abcdefghijklmnop "), "bearer sk-…mnop");
  assert.equal(redactAuthorization("Basic abc"), "Basic …");
  assert.equal(redactSecret("short"), "…");
  assert.equal(redactSecret("Bearer sk-proj-abcdefghijklmnop"), "Bea…mnop", "outside Authorization, no scheme");
});

test("loggedHeaders redacts credentials and joins repeats on a copy, leaving Node's object alone", () => {
  const node = {
    authorization: "Bearer sk-proj-abcdefghijklmnop",
    cookie: "session=0123456789abcdef",
    "x-custom": ["a", "b"],
    "content-type": "application/json",
  };
  const original = structuredClone(node);
  const logged = loggedHeaders(node);
  assert.deepEqual(logged, {
    authorization: "Bearer sk-…mnop",
    cookie: "ses…cdef",
    "x-custom": "a, b",
    "content-type": "application/json",
  });
  assert.deepEqual(node, original, "the request's own headers are unchanged");
  assert.deepEqual(Object.keys(logged), Object.keys(node), "same order as received");
});

test("loggedHeaders agrees with the key-by-key copy on real and odd header objects", () => {
  const SECRET = "sk-proj-abcdefghijklmnopqrstuvwxyz";
  const parsed = (raw: string[]) => {
    // As Node's parser builds req.headers: properties added by assignment, repeats joined or kept as arrays.
    const h: Record<string, string | string[]> = {};
    for (let i = 0; i < raw.length; i += 2) h[raw[i]!] = raw[i + 1]!;
    return h as IncomingHttpHeaders;
  };
  const cases: IncomingHttpHeaders[] = [
    parsed(["host", "127.0.0.1:8443", "content-type", "application/json", "authorization", `Bearer ${SECRET}`]),
    parsed(["authorization", `Bearer ${SECRET}`, "user-agent", "sdk", "content-length", "72"]),
    parsed([
      "x-api-key",
      `${SECRET}, ${SECRET}x`,
      "referer",
      `https://app/?api_key=${SECRET}`,
      "cookie",
      `s=${SECRET}`,
    ]),
    { "set-cookie": ["a=1", "b=2"], "x-custom": ["a", "b"], accept: "*/*" },
    { "10": "numeric name first", b: "x", a: "y" },
    { a: "1", b: undefined, c: "3" },
    JSON.parse(`{"a":"1","__proto__":"polluted","authorization":"Bearer ${SECRET}"}`) as IncomingHttpHeaders,
    {},
  ];
  for (const h of cases) {
    const want = loggedHeadersByKey(h);
    const got = loggedHeaders(h);
    assert.deepEqual(got, want);
    assert.deepEqual(Object.keys(got), Object.keys(want), "same keys, same order");
    assert.equal(Object.getPrototypeOf(got), Object.prototype);
    assert.doesNotMatch(JSON.stringify(got), /abcdefghijklmnop/);
  }
});

test("redactPath cuts credential query parameters to a hint and leaves the rest byte for byte", () => {
  assert.equal(redactPath("/v1/models"), "/v1/models");
  assert.equal(
    redactPath("/v1/responses/resp_1?stream=true&starting_after=3"),
    "/v1/responses/resp_1?stream=true&starting_after=3",
  );
  assert.equal(
    redactPath("/v1/chat/completions?api_key=sk-proj-abcdefghijklmnop&x=1%202"),
    "/v1/chat/completions?api_key=sk-%E2%80%A6mnop&x=1%202",
  );
  assert.equal(redactPath("/v1/models?API-KEY=0123456789abcdef"), "/v1/models?API-KEY=012%E2%80%A6cdef");
  assert.equal(
    redactPath("/v1/models?access_token=short&token=sk%2Dproj%2Dzyxwvutsrq"),
    "/v1/models?access_token=%E2%80%A6&token=sk-%E2%80%A6tsrq",
  );
  assert.equal(
    redactPath("/v1/models?api%5Fkey=sk-proj-abcdefghijklmnop#frag"),
    "/v1/models?api%5Fkey=sk-%E2%80%A6mnop#frag",
  );
  assert.equal(redactPath("/v1/models?key=%E0%A4%A"), "/v1/models?key=%E2%80%A6", "malformed escapes are still cut");
});

test("a redacted query stays an ASCII URL that Node and WHATWG URL parse back to the hint", () => {
  const logged = redactPath("/v1/models?api-key=azure-secret-key-123456&x=%C3%A9");
  assert.equal(logged, "/v1/models?api-key=azu%E2%80%A63456&x=%C3%A9");
  assert.match(logged, /^[\x21-\x7e]*$/, "printable ASCII only");
  assert.equal(new URL(logged, "https://h").searchParams.get("api-key"), "azu\u20263456");
  assert.equal(
    redactPath("/v1/models?auth=Bearer%20sk-proj-abcdefghijklmnop"),
    "/v1/models?auth=Bea%E2%80%A6mnop",
    "a query value is redacted whole, scheme or not",
  );
});

test("replayPath puts the placeholder or the user's key in place of redacted query credentials only", () => {
  const logged = redactPath("/v1/models?api-key=azure-secret-key-123456&note=a%E2%80%A6b&x=1");
  assert.deepEqual(replayPath(logged), {
    path: `/v1/models?api-key=${REPLAY_PLACEHOLDER_KEY}&note=a%E2%80%A6b&x=1`,
    credential: "placeholder",
  });
  assert.deepEqual(replayPath(logged, " my key+1 "), {
    path: "/v1/models?api-key=my%20key%2B1&note=a%E2%80%A6b&x=1",
    credential: "key",
  });
  assert.deepEqual(
    replayPath(redactPath("/v1/models?auth=Bearer%20sk-proj-abcdefghijklmnop"), "sk-u")!.path,
    "/v1/models?auth=sk-u",
  );
  // A log from before query values were redacted whole: its known scheme is still kept.
  assert.deepEqual(
    replayPath("/v1/models?auth=Bearer%20sk-%E2%80%A6mnop", "sk-u").path,
    "/v1/models?auth=Bearer%20sk-u",
  );
  assert.deepEqual(replayPath("/v1/models?api_key=not-redacted"), {
    path: "/v1/models?api_key=not-redacted",
    credential: null,
  });
  assert.deepEqual(replayPath("/v1/models"), { path: "/v1/models", credential: null });
});

// From the review: a credential followed by whitespace was taken for "scheme + secret" and logged whole.
describe("credentials followed by whitespace are redacted whole", () => {
  const KEY = "sk-proj-TOPSECRET0123456789";
  for (const path of [`/v1/chat/completions?api-key=${KEY}+`, `/v1/chat/completions?api_key=${KEY}%20v2`])
    it(`redactPath hides it: ${path}`, () => {
      assert.ok(!redactPath(path).includes("TOPSECRET"), redactPath(path));
    });
  for (const [name, value] of [
    ["api-key", `${KEY} v2`],
    ["x-api-key", `${KEY} `],
    ["authorization", `${KEY} v2`],
    ["authorization", `Bearer ${KEY} v2`],
    ["proxy-authorization", `${KEY} v2`],
  ] as const)
    it(`loggedHeaders hides it: ${name}: ${value}`, () => {
      const logged = loggedHeaders({ [name]: value });
      assert.ok(!logged[name]!.includes("TOPSECRET"), logged[name]);
    });
  it("a scheme is kept for Authorization only, and only a known one", () => {
    assert.equal(loggedHeaders({ authorization: `Bearer ${KEY}` }).authorization, "Bearer sk-…6789");
    assert.equal(loggedHeaders({ authorization: `Token ${KEY}` }).authorization, "Token sk-…6789");
    assert.equal(loggedHeaders({ authorization: `${KEY} v2` }).authorization, "sk-…9 v2");
    assert.equal(loggedHeaders({ "api-key": `Bearer ${KEY}` })["api-key"], "Bea…6789");
    assert.equal(redactPath(`/v1/models?api-key=${KEY}+`), "/v1/models?api-key=sk-%E2%80%A66789", "trimmed");
  });
  it("the rate limiter keys the same trimmed value and labels it with the log's hint", () => {
    assert.equal(apiKeyOf({}, `/v1/chat/completions?api-key=${KEY}+`), KEY);
    assert.equal(rateLimitClient({}, null, "", `/v1/models?api-key=${KEY}+`).label, "sk-…6789");
    assert.equal(rateLimitClient({ authorization: `Bearer ${KEY}` }, null).label, "sk-…6789");
  });
  it("a secret under 16 characters shows none of itself, in the log and as a rate-limit label", () => {
    for (const secret of ["abcdefghi", "abcdefghijkl", "abcdefghijklmno"]) {
      assert.equal(redactSecret(secret), "…");
      assert.equal(loggedHeaders({ authorization: `Bearer ${secret}` }).authorization, "Bearer …");
      assert.match(rateLimitClient({ authorization: `Bearer ${secret}` }, null).label, /^key #[0-9a-f]{6}$/);
    }
    assert.equal(redactSecret("abcdefghijklmnop"), "abc…mnop", "16 characters: 9 still hidden");
  });
});

test("a replay puts the key back after a known scheme only", () => {
  const logged = loggedHeaders({
    authorization: "Bearer sk-proj-abcdefghijklmnop",
    "api-key": "a b-secretsecretsecret",
  });
  assert.equal(logged["api-key"], "a b…cret");
  assert.deepEqual(replayHeaders(logged, "sk-u").headers, [
    ["authorization", "Bearer sk-u"],
    ["api-key", "sk-u"],
  ]);
});

test("a hint never splits a surrogate pair, so redactPath cannot throw on an emoji at its edge", () => {
  const front = redactPath("/v1/models?api_key=ab%F0%9F%98%80cdefghijklmnopqrstuvwxyz");
  assert.equal(front, `/v1/models?api_key=${encodeURIComponent("ab\u{1F600}\u2026wxyz")}`);
  const back = redactPath("/v1/models?api_key=abcdefghijklmnopqrstuvwxyz%F0%9F%98%80xyz");
  assert.equal(back, `/v1/models?api_key=${encodeURIComponent("abc\u2026\u{1F600}xyz")}`);
});

test("Basic credentials show no hint: their last base64 characters decode to the password's end", () => {
  const basic = `Basic ${Buffer.from("user:hunter2-longer").toString("base64")}`;
  assert.equal(loggedHeaders({ authorization: basic }).authorization, "Basic …");
  assert.equal(rateLimitClient({ authorization: basic }, null).label, "Basic …");
});

test("a bare Bearer (no token) is no API key: a query key names the client instead", () => {
  const key = "sk-proj-TOPSECRET0123456789";
  const c = rateLimitClient({ authorization: "Bearer" }, null, "127.0.0.1", `/v1/models?api-key=${key}`);
  assert.equal(c.label, "sk-…6789");
  assert.equal(apiKeyOf({ authorization: "bearer" }), null);
});

test("a short key's id and label cannot be matched against hashed guesses", () => {
  const c = rateLimitClient({ authorization: "Bearer hunter2" }, null);
  const guesses = ["password", "letmein", "hunter2"].map((k) => createHash("sha256").update(k).digest("hex"));
  assert.ok(!guesses.some((h) => c.id === `key:${h.slice(0, 16)}` || c.label === `key #${h.slice(0, 6)}`));
  assert.equal(rateLimitClient({ "api-key": "hunter2" }, null).id, c.id, "the same key is the same client");
});

test("credential header names: the ones SDKs and gateways send are redacted, ordinary ones are not", () => {
  const value = "abcdefghijklmnopqrstuvwxyz";
  for (const name of [
    "x-goog-api-key",
    "ocp-apim-subscription-key",
    "x-auth-token",
    "x-access-token",
    "private-token",
    "x-functions-key",
    "apikey",
    "x-litellm-api-key",
    "helicone-auth",
    "cf-aig-authorization",
    "x-client-secret",
    "x-portkey-virtual-key",
    "x-access-key",
    "x-amz-access-key",
    "x-jwt",
    "jwt",
    "set-cookie",
  ])
    assert.equal(loggedHeaders({ [name]: value })[name], "abc…wxyz", name);
  for (const name of [
    "idempotency-key",
    "x-idempotency-key",
    "x-cache-key",
    "x-portkey-cache-namespace",
    "x-request-id",
    "openai-organization",
    "openai-project",
    "x-stainless-retry-count",
    "x-mock-fault",
    "user-agent",
    "www-authenticate",
    "x-author",
    "x-access-key-id-hint",
    "x-jwt-issuer",
  ])
    assert.equal(loggedHeaders({ [name]: value })[name], value, name);
});

test("a repeated credential header: each value redacted on its own, the first is the caller's key", () => {
  const [k1, k2] = ["sk-proj-first-0123456789AAAA", "sk-proj-second-0123456789BBBB"];
  assert.equal(loggedHeaders({ "api-key": `${k1}, ${k2}` })["api-key"], "sk-…AAAA, sk-…BBBB");
  assert.equal(loggedHeaders({ "x-goog-api-key": `${k1},short` })["x-goog-api-key"], "sk-…AAAA, …");
  assert.equal(apiKeyOf({ "api-key": `${k1}, ${k2}` }), k1);
  assert.equal(apiKeyOf({ "x-api-key": [k2, k1] }), k2);
  assert.equal(rateLimitClient({ "api-key": `${k1}, ${k2}` }, null).id, rateLimitClient({ "api-key": k1 }, null).id);
  assert.equal(rateLimitClient({ "api-key": `${k1}, ${k2}` }, null).label, "sk-…AAAA");
  // A cookie is one credential, whatever it holds.
  assert.equal(loggedHeaders({ cookie: "a=1, b=0123456789abcdef" }).cookie, "a=1…cdef");
});

describe("redactPath reads a raw target as a careless or hostile client may write it", () => {
  const KEY = "sk-proj-TOPSECRET0123456789wxyz";
  const cases: Array<[string, string]> = [
    [`/v1/chat/completions#api-key=${KEY}`, "/v1/chat/completions#api-key=sk-%E2%80%A6wxyz"],
    [`/v1/x?a=1#b=2;token=${KEY}`, "/v1/x?a=1#b=2;token=sk-%E2%80%A6wxyz"],
    [`/v1/x#/route?access_token=${KEY}`, "/v1/x#/route?access_token=sk-%E2%80%A6wxyz"],
    [`/v1/x?a=1?api_key=${KEY}`, "/v1/x?a=1?api_key=sk-%E2%80%A6wxyz"],
    [`/v1/models;api_key=${KEY}/x`, "/v1/models;api_key=sk-%E2%80%A6wxyz/x"],
    [`/v1/models?x=1%26api_key%3D${KEY}&y=2`, "/v1/models?x=1%26api_key%3Dsk-%E2%80%A6wxyz&y=2"],
    [`/v1%3Fapi_key%3D${KEY}/chat/completions`, "/v1%3Fapi_key%3Dsk-%E2%80%A6wxyz/chat/completions"],
    [`https://user:${KEY}@host/v1/models`, "https://user:sk-%E2%80%A6wxyz@host/v1/models"],
    [`https://${KEY}@host/v1/models`, "https://sk-%E2%80%A6wxyz@host/v1/models"],
  ];
  for (const [sent, logged] of cases)
    it(sent.replace(KEY, "<key>"), () => {
      assert.equal(redactPath(sent), logged);
      assert.ok(!replayPath(logged).path.includes("TOPSECRET"));
    });
  it("leaves ordinary targets byte for byte", () => {
    for (const p of ["/v1/models?api-version=2024-02-01", "/v1/x?q=a%20b;c&d=e%3Df", "/v1/a;b/c#top", "/v1/x?f=a=b"])
      assert.equal(redactPath(p), p);
  });
  it("the inspector keeps a hint's ; ? / encoded, so it cannot add a parameter", () => {
    const logged = redactPath(`/v1/x#token=${encodeURIComponent("ab;c?d/efghijklmnop;q=1")}`);
    assert.equal(displayPath(logged), "/v1/x#token=ab%3B…%3Bq=1");
  });
});

// From the review: a key behind a percent-encoded delimiter in a part with no raw `=` (or in its
// name) was logged whole; so was one encoded twice for a server that decodes twice.
describe("redactPath finds a key hidden where no name=value reading does", () => {
  const KEY = "sk-proj-TOPSECRET0123456789wxyz";
  const HINT = "sk-%E2%80%A6wxyz";
  const cases: Array<[string, string]> = [
    [`/v1/models?%26api_key%3D${KEY}`, `/v1/models?%26api_key%3D${HINT}`],
    [`/v1/models#%26api_key%3D${KEY}`, `/v1/models#%26api_key%3D${HINT}`],
    [`/v1/models?x%26api_key%3D${KEY}`, `/v1/models?x%26api_key%3D${HINT}`],
    [`/v1/models?api_key%3D${KEY}&limit=2`, `/v1/models?api_key%3D${HINT}&limit=2`],
    [`/v1/models;%26api_key%3D${KEY}`, `/v1/models;%26api_key%3D${HINT}`],
    [`/v1/models?x%26api_key%3D${KEY}=1&y=2`, "/v1/models?x%26api_key%3Dsk-%E2%80%A6yz%3D1&y=2"],
    [`/v1/models?x=1%2526api_key%253D${KEY}`, `/v1/models?x=1%2526api_key%253D${HINT}`],
    [`/v1/models?%2526api_key%253D${KEY}`, `/v1/models?%2526api_key%253D${HINT}`],
    [`/v1/models#x%252526token%25253D${KEY}`, `/v1/models#x%252526token%25253D${HINT}`],
    [`/v1%253Fapi_key%253D${KEY}/models`, `/v1%253Fapi_key%253D${HINT}/models`],
    [`/v1/models?x%26api_key=${KEY}`, `/v1/models?x%26api_key%3D${HINT}`],
    [`/v1/models#%26token=${KEY}`, `/v1/models#%26token%3D${HINT}`],
    // Beside a malformed escape, which a lenient server leaves as it is and decodes the rest.
    [`/v1/models?%zz%26api_key%3D${KEY}`, `/v1/models?%25zz%26api_key%3D${HINT}`],
    [`/v1/models?x=100%%26api_key%3D${KEY}`, `/v1/models?x=100%25%26api_key%3D${HINT}`],
    [`/v1/models?x=%E2%80%26api_key%3D${KEY}`, `/v1/models?x=%EF%BF%BD%26api_key%3D${HINT}`],
    [`/v1%zz%3Fapi_key%3D${KEY}/models`, `/v1%25zz%3Fapi_key%3D${HINT}/models`],
  ];
  for (const [sent, logged] of cases)
    it(sent.replace(KEY, "<key>"), () => {
      assert.equal(redactPath(sent), logged);
      assert.ok(!replayPath(logged).path.includes("TOPSECRET"));
      assert.ok(!displayPath(logged).includes("TOPSECRET"));
    });
  it(`decodes at most ${MAX_DECODES} times, and leaves encoded ordinary text byte for byte`, () => {
    for (const p of ["/v1/x?q=a%2520b&f=%253D1", "/v1/x?%2526%253D", "/v1/x#a%25b", "/v1/x?%", "/v1/x?q=%zz%26"])
      assert.equal(redactPath(p), p);
  });
});

describe("query parameters named like credential headers are redacted, ordinary ones are not", () => {
  const KEY = "sk-proj-TOPSECRET0123456789wxyz";
  for (const name of [
    "subscription-key", // Azure API Management (header: ocp-apim-subscription-key)
    "Subscription_Key",
    "code", // Azure Functions (header: x-functions-key), OAuth
    "x-api-key",
    "x_goog_api_key",
    "api_key[]",
    "api_key%5B%5D",
    "api_key[0]",
    "auth[api_key]",
    "credentials[token]",
    "api%255Fkey",
    "private_token",
    "client_secret",
    "refresh_token",
    "virtual_key",
  ])
    it(name, () => {
      const logged = redactPath(`/v1/chat/completions?limit=2&${name}=${KEY}`);
      assert.equal(logged, `/v1/chat/completions?limit=2&${name}=sk-%E2%80%A6wxyz`);
      assert.equal(replayPath(logged).path, `/v1/chat/completions?limit=2&${name}=${REPLAY_PLACEHOLDER_KEY}`);
    });
  it("ordinary parameters stay byte for byte, and are not replaced in a replay", () => {
    const ordinary = [
      "limit",
      "after",
      "before",
      "order",
      "model",
      "api-version",
      "stream",
      "include[]",
      "starting_after",
      "purpose",
      "run_id",
      "page_token",
      "nextPageToken",
      "next_page_token",
      "max_tokens",
      "idempotency_key",
      "author",
      "keyword",
      "monkey",
      "filter[status]",
      "metadata[user]",
      // OpenAI's metadata filters name the client's own fields: not credentials, whatever they are called.
      "metadata[key]",
      "metadata[code]",
      "metadata%5Bkey%5D",
      "metadata[session_token]",
      "metadata[api_key]",
    ];
    const path = `/v1/x?${ordinary.map((n) => `${n}=${KEY}`).join("&")}`;
    assert.equal(redactPath(path), path);
    assert.deepEqual(replayPath(path), { path, credential: null });
  });
});

test("no query parameter of OpenAI's API is taken for a credential", { skip: openApiSkip }, () => {
  type Parameter = { in?: string; name?: string; $ref?: string };
  const spec = parse(readFileSync(OPENAPI_SPEC, "utf8"), { maxAliasCount: -1 }) as {
    paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
    components: { parameters?: Record<string, Parameter> };
  };
  const names = new Set<string>();
  for (const item of Object.values(spec.paths))
    for (const op of Object.values(item))
      for (const p of op.parameters ?? []) {
        const param = p.$ref ? spec.components.parameters?.[p.$ref.split("/").pop()!] : p;
        if (param?.in === "query" && param.name) names.add(param.name);
      }
  assert.ok(names.size > 30 && names.has("after") && names.has("api_key_ids"), [...names].join(" "));
  assert.deepEqual(
    [...names].filter((n) => isSecretParam(n)),
    [],
  );
});

// From the review: since "a repeated key is two keys", every comma split a credential, so a Digest
// Authorization showed 7 characters of each of its parts.
describe("only a key header's value is split at commas, into keys", () => {
  const DIGEST =
    'Digest username="alice@example.com", realm="api@example.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", ' +
    'uri="/v1/models", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"';
  it("a Digest Authorization is one credential, with one hint", () => {
    for (const name of ["authorization", "proxy-authorization"])
      assert.equal(loggedHeaders({ [name]: DIGEST })[name], 'Digest use…e41"', name);
    assert.equal(apiKeyOf({ authorization: DIGEST }), DIGEST, "the rate limiter reads it whole too");
  });
  it("a structured token with commas is one credential, with one hint", () => {
    const token = "v2.local.abcdefghijklmnopqrst,kid=0123456789abcdef,exp=1767225600";
    for (const name of ["x-auth-token", "x-access-token", "x-client-secret"])
      assert.equal(loggedHeaders({ [name]: token })[name], "v2.…5600", name);
  });
  it("a key header is split only when each part is a key, with no scheme in front", () => {
    const [k1, k2] = ["sk-proj-first-0123456789AAAA", "sk-proj-second-0123456789BBBB"];
    assert.equal(loggedHeaders({ "x-api-key": `${k1},${k2}` })["x-api-key"], "sk-…AAAA, sk-…BBBB");
    assert.equal(loggedHeaders({ "api-key": `Bearer ${k1}, ${k2}` })["api-key"], "Bea…BBBB");
    assert.equal(loggedHeaders({ "x-goog-api-key": `a="${k1}", b="${k2}"` })["x-goog-api-key"], 'a="…BBB"');
    assert.equal(apiKeyOf({ "api-key": `Bearer ${k1}, ${k2}` }), `Bearer ${k1}, ${k2}`);
  });
});

// From the review: hints were cached by value only, though the name decides how a value is cut.
test("the same value under two names is redacted by each name's own rule, in either order", () => {
  const values = ["a=1, b=0123456789abcdefXYZ1", "a=1, b=0123456789abcdefXYZ2"];
  const expected = { "api-key": "…, b=0…XYZ", cookie: "a=1…XYZ", "x-auth-token": "a=1…XYZ" };
  for (const [value, order] of [
    [values[0]!, ["api-key", "cookie", "x-auth-token"]],
    [values[1]!, ["cookie", "x-auth-token", "api-key"]],
  ] as const)
    for (let round = 0; round < 2; round++)
      for (const name of order)
        assert.equal(loggedHeaders({ [name]: value })[name], expected[name] + value.slice(-1), `${name}, ${value}`);
});
