"""The dashboard over real HTTP (the collector app under uvicorn on loopback, bundles
uploaded the way kiosks upload them): the kiosk-health page lists the guide-pack
versions each kiosk reported, and the session cookie is Secure exactly when the browser
came over HTTPS."""

from __future__ import annotations

import http.client
import shutil
import ssl
import subprocess
import threading
import tomllib
import urllib.parse
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from kiosk.collector.app import create_app
from kiosk.export.bundle import build_bundle, collect_records
from kiosk.paths import resources_dir
from tests.export_support import loopback_socket

pytestmark = pytest.mark.e2e

TOKEN = "read-token-for-http-tests"


class _Tables(HTMLParser):
    """Each table of a page by its caption: the rows' cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption: str | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._caption, self._rows = "", []
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table" and self._caption is not None:
            self.tables[self._caption] = self._rows

    def handle_data(self, data: str) -> None:
        if self._in_caption and self._caption is not None:
            self._caption += data
        elif self._cell is not None:
            self._cell.append(data)


def _request(
    base: str,
    method: str,
    path: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    context: ssl.SSLContext | None = None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    parts = urllib.parse.urlsplit(base)
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=30, context=context
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def _sign_in(
    base: str, context: ssl.SSLContext | None = None, **headers: str
) -> dict[str, set[str]]:
    """POST the read token to /login; each cookie set, by name, with its attributes
    (lowercase names, e.g. ``secure``, ``httponly``, ``samesite=strict``)."""
    status, head, _ = _request(
        base,
        "POST",
        "/login",
        body=urllib.parse.urlencode({"token": TOKEN, "lang": "en"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        context=context,
    )
    assert status == 303
    return _cookies(head)


def _cookies(head: http.client.HTTPMessage) -> dict[str, set[str]]:
    found = {}
    for line in head.get_all("set-cookie") or []:
        first, *attributes = (a.strip() for a in line.split(";"))
        name, _, value = first.partition("=")
        found[name] = {a.lower() for a in attributes} | {"value=" + value}
    return found


def _session(cookies: dict[str, set[str]]) -> str:
    return next(a for a in cookies["kc_session"] if a.startswith("value="))[6:]


def _upload(base: str, token: str, data: bytes) -> int:
    status, _, _ = _request(
        base,
        "POST",
        "/api/v1/bundles",
        body=data,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/zip"},
    )
    return status


def _shipped_versions() -> dict[str, str]:
    """The versions written in the guide packs this kiosk ships (resources/guides)."""
    found = {}
    for toml in sorted((resources_dir() / "guides").glob("*/guide.toml")):
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        found[data["id"]] = data["version"]
    return found


def test_kiosk_health_lists_the_guide_pack_versions_each_kiosk_last_reported(
    db, make_visits, kiosk_key, collector, serve
) -> None:  # type: ignore[no-untyped-def]
    shipped = _shipped_versions()
    assert len(shipped) >= 9 and all(shipped.values())
    base = serve(create_app(collector, read_token=TOKEN))
    make_visits(3)
    # A first bundle made while the kiosk still had older editions of two guides...
    older = {"etax-mobile": "2026.10.01", "vneid-level1": "2026.10.01"}
    first = build_bundle(db, collect_records(db, "full"), kiosk_key, sequence=1, guide_packs=older)
    assert _upload(base, collector.token, first.data) == 201
    # ... then a bundle from the kiosk as it is: the guide packs in resources/guides.
    make_visits(2)
    now = build_bundle(db, collect_records(db, "full"), kiosk_key, sequence=2, mode="full")
    assert _upload(base, collector.token, now.data) == 201

    cookie = _session(_sign_in(base))
    status, _, page = _request(
        base, "GET", "/kiosks?lang=en", headers={"Cookie": f"kc_session={cookie}"}
    )
    assert status == 200
    tables = _Tables()
    tables.feed(page.decode("utf-8"))
    (head, row) = tables.tables["Kiosks"]
    assert row[head.index("Kiosk")] == db.kiosk_id
    reported = row[head.index("Guide versions")]
    editions = sorted(set(shipped.values()), reverse=True)
    assert reported == "; ".join(
        f"{v}: " + ", ".join(g for g in sorted(shipped) if shipped[g] == v) for v in editions
    )
    assert "2026.10.01" not in page.decode("utf-8")  # the older report was replaced
    head, *rows = tables.tables["Guide versions on the kiosks"]
    assert head == ["Guide", "Version", "Kiosks", "Which kiosks"]
    assert rows == [[g, v, "1", db.kiosk_id] for g, v in sorted(shipped.items())]
    # The same numbers in the download, in Vietnamese too.
    status, _, csv = _request(
        base, "GET", "/kiosks.csv?lang=vi", headers={"Cookie": f"kc_session={cookie}"}
    )
    text = csv.decode("utf-8-sig")
    assert status == 200 and "Phiên bản hướng dẫn" in text
    assert f"etax-mobile,{shipped['etax-mobile']},1,{db.kiosk_id}" in text.replace("\r", "")


@pytest.fixture
def serve_tls(tmp_path: Path) -> Iterator[Callable[[Any], tuple[str, ssl.SSLContext]]]:
    """``serve_tls(app)`` runs the app under uvicorn with a self-signed certificate for
    127.0.0.1 (made here with the openssl command); returns its URL and a client context
    that trusts that certificate."""
    import uvicorn

    from tests.conftest import require

    openssl = shutil.which("openssl")
    require(openssl is not None, "the openssl command (package openssl)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: Any) -> tuple[str, ssl.SSLContext]:
        sock = loopback_socket()
        sock.listen(64)
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            proxy_headers=False,
            ssl_certfile=str(cert),
            ssl_keyfile=str(key),
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        running.append((server, thread))
        host, port = sock.getsockname()[:2]
        return f"https://{host}:{port}", ssl.create_default_context(cafile=str(cert))

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=30)
        assert not thread.is_alive(), "the collector did not stop"


def test_the_session_cookie_is_secure_over_https_and_always_http_only_and_strict(
    collector, serve, serve_tls
) -> None:  # type: ignore[no-untyped-def]
    base, context = serve_tls(create_app(collector, read_token=TOKEN))
    over_tls = _sign_in(base, context)
    assert {"secure", "httponly", "samesite=strict"} <= over_tls["kc_session"]
    assert {"secure", "samesite=strict"} <= over_tls["kc_lang"]
    cookie = _session(over_tls)
    status, head, _ = _request(
        base, "POST", "/logout", headers={"Cookie": f"kc_session={cookie}"}, context=context
    )
    assert status == 303 and "secure" in _cookies(head)["kc_session"]
    # Plain HTTP on loopback: the browser would never send a Secure cookie back here.
    plain = _sign_in(serve(create_app(collector, read_token=TOKEN)))
    assert {"httponly", "samesite=strict"} <= plain["kc_session"]
    assert "secure" not in plain["kc_session"] and "secure" not in plain["kc_lang"]
    # Without a read token this machine is signed in by being itself: the same rules.
    status, head, _ = _request(
        serve_tls(create_app(collector))[0], "GET", "/?lang=en", context=context
    )
    assert status == 200
    assert {"secure", "httponly", "samesite=strict"} <= _cookies(head)["kc_session"]


def test_behind_a_trusted_tls_proxy_the_cookie_is_secure_and_others_cannot_claim_https(
    collector, serve
) -> None:  # type: ignore[no-untyped-def]
    https = {"X-Forwarded-Proto": "https"}
    proxied = serve(create_app(collector, read_token=TOKEN, trusted_proxies=["127.0.0.1"]))
    assert {"secure", "httponly", "samesite=strict"} <= _sign_in(proxied, **https)["kc_session"]
    assert "secure" not in _sign_in(proxied)["kc_session"]  # the proxy's own plain request
    # A client that is not the configured proxy cannot make the collector believe it.
    direct = serve(create_app(collector, read_token=TOKEN, trusted_proxies=["10.0.0.7"]))
    assert "secure" not in _sign_in(direct, **https)["kc_session"]
