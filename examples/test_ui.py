#!/usr/bin/env python3
"""Checks a running Mock GPT server's /ui pages and the data behind them, over mutual TLS (standard library only).

    python3 examples/test_ui.py            # https://localhost:8443 with ./certs
    MOCK_GPT_URL=https://localhost:9443 MOCK_GPT_CERTS=/path/to/certs python3 examples/test_ui.py

Each page is an HTML shell with a nonce CSP and a script; its data comes from an event stream
(/ui/api/<page>/events) once the page says "ready" (POST /ui/api/<page>/messages?session=...).
This script does what the page does and checks the first snapshot.
"""
import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _mtls import BASE_URL, Checks, connect, request  # noqa: E402

c = Checks()
print(f"Mock GPT /ui at {BASE_URL}\n")
MARK = "ui-example-marker"


def seed():
    status, res, _ = request("POST", "/v1/chat/completions",
                             {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": MARK}]})
    c.check("a chat request to show in the pages", status == 200, res.getheader("x-request-id") or "")
    return res.getheader("x-request-id")


def page(name, api):
    status, res, html = request("GET", f"/ui/{name}")
    csp = res.getheader("content-security-policy", "")
    c.check(f"GET /ui/{name} is an HTML page with a nonce CSP",
            status == 200 and "<html" in html.lower() and "'nonce-" in csp and "default-src 'none'" in csp,
            f"{status} {csp[:60]}")
    script = f"/ui/assets/{api}.js"
    status, res, _ = request("GET", script)
    c.check(f"its script {script} is served", status == 200 and "javascript" in res.getheader("content-type", ""))


def snapshot(api, want_type):
    """Opens the page's event stream, says ready, returns the first message of want_type."""
    conn = connect()
    try:
        conn.request("GET", f"/ui/api/{api}/events", headers={"accept": "text/event-stream"})
        res = conn.getresponse()
        if res.status != 200:
            raise RuntimeError(f"events: HTTP {res.status}")
        session = None
        for raw in res:
            line = raw.decode().strip()
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if msg.get("type") == "session/open":
                session = msg["session"]
                status, _, _ = request("POST", f"/ui/api/{api}/messages?session={session}", {"type": "ready"})
                if status != 204:
                    raise RuntimeError(f"ready: HTTP {status}")
            elif msg.get("type") == want_type:
                return msg
    finally:
        conn.close()
    raise RuntimeError(f"the stream ended before {want_type}")


def inspector(request_id):
    msg = snapshot("inspector", "requests/snapshot")
    ids = [e.get("id") for e in msg["entries"]]
    paths = {e.get("path") for e in msg["entries"]}
    c.check("inspector data lists the chat request", request_id in ids and "/v1/chat/completions" in paths,
            f"{len(ids)} entries")


def dashboard():
    stats = snapshot("dashboard", "dashboard/snapshot")["stats"]
    c.check("dashboard data counts requests", stats["total"] >= 1 and stats["completed"] >= 1, f"total {stats['total']}")


def health():
    h = snapshot("health", "health/snapshot")["health"]
    c.check("health data says the server is running with mTLS",
            h["server"]["state"] == "running" and h["server"]["requestCount"] >= 1, h["server"]["state"])


def no_cert():
    import http.client
    import ssl
    import urllib.parse
    url = urllib.parse.urlsplit(BASE_URL)
    ctx = ssl.create_default_context(cafile=os.path.join(os.environ.get("MOCK_GPT_CERTS", "certs"), "ca.crt"))
    conn = http.client.HTTPSConnection(url.hostname, url.port, context=ctx, timeout=5)
    try:
        conn.request("GET", "/ui/requests")
        status = conn.getresponse().status
        c.check("without a client certificate the pages are refused", False, f"got HTTP {status}")
    except (ssl.SSLError, ConnectionError, OSError) as e:
        c.check("without a client certificate the pages are refused", True, type(e).__name__)
    finally:
        conn.close()


rid = None
c.run("seed", lambda: globals().__setitem__("rid", seed()))
for name, api in [("requests", "inspector"), ("dashboard", "dashboard"), ("health", "health")]:
    c.run(f"page {name}", lambda name=name, api=api: page(name, api))
c.run("inspector", lambda: inspector(rid))
c.run("dashboard", dashboard)
c.run("health", health)
c.run("no certificate", no_cert)
c.exit()
