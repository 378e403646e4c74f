"""Shared by the example scripts: where the mock is and the mTLS context for it (standard library only).

MOCK_GPT_URL   base URL (default https://localhost:8443)
MOCK_GPT_CERTS folder with ca.crt, client.crt, client.key (default ./certs)
"""
import http.client
import json
import os
import ssl
import sys
import urllib.parse

BASE_URL = os.environ.get("MOCK_GPT_URL", "https://localhost:8443").rstrip("/")
CERTS = os.environ.get("MOCK_GPT_CERTS", "certs")


def tls_context() -> ssl.SSLContext:
    ca = os.path.join(CERTS, "ca.crt")
    if not os.path.exists(ca):
        sys.exit(f"No {ca}: start the server once (it writes certs/), or set MOCK_GPT_CERTS to the folder.")
    ctx = ssl.create_default_context(cafile=ca)
    ctx.load_cert_chain(os.path.join(CERTS, "client.crt"), os.path.join(CERTS, "client.key"))
    return ctx


def connect(timeout: float = 10) -> http.client.HTTPSConnection:
    url = urllib.parse.urlsplit(BASE_URL)
    return http.client.HTTPSConnection(url.hostname, url.port or 443, context=tls_context(), timeout=timeout)


def request(method: str, path: str, body=None, headers=None):
    """One request on its own connection; returns (status, headers, parsed JSON or text)."""
    conn = connect()
    try:
        data = json.dumps(body).encode() if body is not None and not isinstance(body, (bytes, str)) else body
        hdrs = {"content-type": "application/json", "authorization": "Bearer sk-mock", **(headers or {})}
        conn.request(method, path, body=data, headers=hdrs)
        res = conn.getresponse()
        raw = res.read().decode()
        ctype = res.getheader("content-type", "")
        return res.status, res, (json.loads(raw) if "json" in ctype and raw else raw)
    finally:
        conn.close()


class Checks:
    """Prints one line per check and remembers failures, so a run shows everything that is wrong."""

    def __init__(self) -> None:
        self.failed = 0

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        print(f"{'PASS' if ok else 'FAIL'}  {name}{('  - ' + detail) if detail else ''}", flush=True)
        self.failed += 0 if ok else 1

    def run(self, name, fn) -> None:
        try:
            fn()
        except Exception as e:  # a crash in one check must not hide the others
            self.check(name, False, f"{type(e).__name__}: {e}")

    def exit(self) -> None:
        print(f"\n{'all checks passed' if not self.failed else f'{self.failed} check(s) failed'} against {BASE_URL}")
        sys.exit(1 if self.failed else 0)
