#!/usr/bin/env python3
"""Checks a running Mock GPT server over mutual TLS with Python's standard library only.

    python3 examples/test_mock_server.py            # https://localhost:8443 with ./certs
    MOCK_GPT_URL=https://localhost:9443 MOCK_GPT_CERTS=/path/to/certs python3 examples/test_mock_server.py

Covers health, the model list, a chat completion, a streamed one, and an OpenAI-shaped error.
"""
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _mtls import BASE_URL, Checks, connect, request  # noqa: E402

CHAT = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hello in five words."}]}
c = Checks()
print(f"Mock GPT at {BASE_URL}\n")


def health():
    status, _, body = request("GET", "/health")
    c.check("GET /health is 200 and healthy", status == 200 and body.get("status") == "healthy", f"{status} {body}")


def models():
    status, _, body = request("GET", "/v1/models")
    ids = [m["id"] for m in body.get("data", [])] if isinstance(body, dict) else []
    c.check("GET /v1/models lists gpt-4o-mini", status == 200 and "gpt-4o-mini" in ids, ", ".join(ids))


def chat():
    status, res, body = request("POST", "/v1/chat/completions", CHAT)
    text = body["choices"][0]["message"]["content"] if status == 200 else ""
    c.check(
        "POST /v1/chat/completions answers",
        status == 200 and body.get("object") == "chat.completion" and bool(text),
        repr(text[:60]),
    )
    c.check("it carries usage and an x-request-id", "usage" in body and bool(res.getheader("x-request-id")))


def stream():
    conn = connect()
    try:
        conn.request("POST", "/v1/chat/completions", body=json.dumps({**CHAT, "stream": True}),
                     headers={"content-type": "application/json", "authorization": "Bearer sk-mock"})
        res = conn.getresponse()
        ctype = res.getheader("content-type", "")
        chunks, text, done = 0, "", False
        for raw in res:  # server-sent events, one "data:" line per chunk
            line = raw.decode().strip()
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                done = True
                break
            chunk = json.loads(data)
            chunks += 1
            for choice in chunk.get("choices", []):
                text += choice.get("delta", {}).get("content") or ""
    finally:
        conn.close()
    c.check(
        "stream: true sends SSE chunks ending in [DONE]",
        res.status == 200 and ctype.startswith("text/event-stream") and chunks > 1 and done and bool(text),
        f"{chunks} chunks, {text[:40]!r}",
    )


def error():
    status, _, body = request("POST", "/v1/chat/completions", {**CHAT, "model": "gpt-unknown"})
    err = body.get("error", {}) if isinstance(body, dict) else {}
    c.check(
        "an unknown model is a 400 model_not_found in OpenAI's error shape",
        status == 400 and err.get("code") == "model_not_found" and err.get("type") == "invalid_request_error",
        f"{status} {err.get('message', body)!s:.80}",
    )
    status, _, body = request("POST", "/v1/chat/completions", b"{not json")
    c.check("malformed JSON is a 400 invalid_request_error",
            status == 400 and body.get("error", {}).get("type") == "invalid_request_error", str(status))


for name, fn in [("health", health), ("models", models), ("chat", chat), ("stream", stream), ("error", error)]:
    c.run(name, fn)
c.exit()
