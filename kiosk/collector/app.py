"""The collector's web API (FastAPI, served by uvicorn through ``kiosk-collector serve``).

- ``POST /api/v1/bundles``: a kiosk uploads one bundle (the ZIP file as the body) with
  ``Authorization: Bearer <its token>``. 201 imported, 200 already had it (idempotent),
  401 no or unknown token, 403 a bundle of another kiosk, 413 too large, 400/422 a bundle
  that fails its checks (nothing imported; the reason is in ``detail``).
- ``GET /api/v1/summary``, ``GET /api/v1/totals?by=service`` (point, kiosk, day, service,
  outcome, priority, age_band, language; ``from``/``to`` days, ``point``): JSON totals.
- ``GET /api/v1/totals.csv?by=...`` and ``GET /api/v1/visits.csv``: CSV downloads.
- ``GET /healthz``.
- ``/``, ``/points``, ``/kiosks``, ``/settings``: the coordinator's dashboard in the
  browser (see :mod:`kiosk.collector.dashboard`).

Reading needs the read token when one is set (``--read-token``); without one, only this
machine may read (the connecting peer's address; ``X-Forwarded-For`` counts only when
the peer is a configured trusted proxy, as does its ``X-Forwarded-Proto``, which tells
whether the dashboard's cookies must be sent over HTTPS only). A busy database gives 503
with Retry-After, never 500. The app keeps no state of its own: every request goes to the
database.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy.exc import OperationalError
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from kiosk.collector.dashboard.routes import add_dashboard
from kiosk.collector.store import DIMENSIONS, Collector, CollectorBusy
from kiosk.export.parts import BundleError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DayFrom = Annotated[date | None, Query(alias="from")]
DayTo = Annotated[date | None, Query(alias="to")]
_STATUS = {
    "too_large": 413,
    "wrong_kiosk": 403,
    "unknown_kiosk": 403,
    "unsupported_schema": 422,
    "schema_error": 422,
    "count_mismatch": 422,
    "checksum_mismatch": 422,
    "bad_signature": 422,
}


def _error(status: int, code: str, message: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"detail": {"code": code, "message": message}}, status_code=status, headers=headers or None
    )


def _bearer(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def create_app(
    collector: Collector | str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    read_token: str = "",
    trusted_proxies: Sequence[str] = (),
) -> FastAPI:
    store = collector if isinstance(collector, Collector) else Collector(collector)
    app = FastAPI(
        title="Literacy kiosk collector",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.collector = store
    # Bundles are checked and imported one at a time in this process on SQLite (it writes
    # one at a time anyway, and checking is Python work that would starve the reads of
    # the interpreter lock), two at a time on PostgreSQL (run several workers for more).
    # A waiting upload holds no thread.
    importing = asyncio.Semaphore(2 if store.is_postgres else 1)

    proxies = frozenset(trusted_proxies)

    def client_address(request: Request) -> str:
        """The peer's address; behind a trusted proxy, the address it forwards for."""
        host = request.client.host if request.client else ""
        if host in proxies:
            forwarded = request.headers.get("x-forwarded-for", "")
            if forwarded:
                return forwarded.rsplit(",", 1)[-1].strip()
        return host

    def over_https(request: Request) -> bool:
        """Whether the browser reached us over HTTPS: served with TLS ourselves, or
        behind a trusted proxy that says (``X-Forwarded-Proto``) it was reached so."""
        if request.url.scheme == "https":
            return True
        host = request.client.host if request.client else ""
        proto = request.headers.get("x-forwarded-proto", "")
        return host in proxies and proto.rsplit(",", 1)[-1].strip().lower() == "https"

    def may_read(request: Request) -> bool:
        if read_token:
            return hmac.compare_digest(_bearer(request).encode(), read_token.encode())
        try:
            return ipaddress.ip_address(client_address(request)).is_loopback
        except ValueError:
            return False

    @app.exception_handler(CollectorBusy)
    @app.exception_handler(OperationalError)
    async def busy(_request: Request, exc: Exception) -> Response:
        return _error(
            503,
            "busy",
            "The collector's database is busy; try again shortly.",
            **{"Retry-After": "2"},
        )

    def _filters(
        day_from: date | None,
        day_to: date | None,
        point: str | None,
    ) -> dict[str, Any]:
        return {"day_from": day_from, "day_to": day_to, "point": point}

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        store.ping()
        return {"status": "ok"}

    @app.post("/api/v1/bundles")
    async def upload(request: Request) -> Response:
        token = _bearer(request)
        kiosk = await run_in_threadpool(store.kiosk_for_token, token) if token else None
        if kiosk is None:
            return _error(
                401,
                "unauthenticated",
                "A valid kiosk token is needed (Authorization: Bearer ...).",
                **{"WWW-Authenticate": "Bearer"},
            )
        declared = request.headers.get("content-length")
        if declared is not None:
            try:
                too_big = int(declared) > max_bytes
            except ValueError:
                return _error(400, "bad_request", "Content-Length is not a number.")
            if too_big:
                return _error(
                    413,
                    "too_large",
                    f"A bundle may be at most {max_bytes} bytes.",
                    Connection="close",
                )
        body = bytearray()
        over = False
        async for chunk in request.stream():
            if over:
                continue  # read and drop the rest, so the client hears the answer
            body.extend(chunk)
            if len(body) > max_bytes:
                over, body = True, bytearray()
        if over:
            return _error(413, "too_large", f"A bundle may be at most {max_bytes} bytes.")
        if not body:
            return _error(400, "empty", "The request has no bundle in its body.")
        try:
            async with importing:
                result = await run_in_threadpool(
                    store.import_bundle, bytes(body), source="upload", expect_kiosk=kiosk
                )
        except BundleError as exc:
            return _error(_STATUS.get(exc.code, 400), exc.code, str(exc))
        except CollectorBusy as exc:
            return _error(503, "busy", str(exc), **{"Retry-After": "2"})
        return JSONResponse(
            result.as_dict(), status_code=201 if result.status == "imported" else 200
        )

    def _check_read(request: Request) -> JSONResponse | None:
        if may_read(request):
            return None
        return _error(
            401,
            "unauthenticated",
            "Reading totals needs the read token.",
            **{"WWW-Authenticate": "Bearer"},
        )

    def _check_totals(request: Request, by: str) -> JSONResponse | None:
        if (denied := _check_read(request)) is not None:
            return denied
        if by not in DIMENSIONS:
            return _error(400, "bad_grouping", f"'by' must be one of: {', '.join(DIMENSIONS)}.")
        return None

    @app.get("/api/v1/totals")
    def totals(
        request: Request,
        by: str = "service",
        day_from: DayFrom = None,
        day_to: DayTo = None,
        point: str | None = None,
    ) -> Response:
        if (denied := _check_totals(request, by)) is not None:
            return denied
        rows = store.totals(by, **_filters(day_from, day_to, point))
        return JSONResponse(
            {
                "by": by,
                "rows": [{"key": k, "visits": n} for k, n in rows],
                "visits": sum(n for _, n in rows),
            }
        )

    @app.get("/api/v1/summary")
    def summary(
        request: Request, day_from: DayFrom = None, day_to: DayTo = None, point: str | None = None
    ) -> Response:
        if (denied := _check_read(request)) is not None:
            return denied
        data = store.totals_of.summary_json(**_filters(day_from, day_to, point))
        return Response(data, media_type="application/json")

    @app.get("/api/v1/totals.csv")
    def totals_csv(
        request: Request,
        by: str = "service",
        day_from: DayFrom = None,
        day_to: DayTo = None,
        point: str | None = None,
    ) -> Response:
        if (denied := _check_totals(request, by)) is not None:
            return denied
        data = store.totals_csv(by, **_filters(day_from, day_to, point))
        return Response(
            data,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="totals_{by}.csv"'},
        )

    @app.get("/api/v1/visits.csv")
    def visits_csv(request: Request) -> Response:
        if (denied := _check_read(request)) is not None:
            return denied
        return StreamingResponse(
            iterate_in_threadpool(store.visits_csv()),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="visits.csv"'},
        )

    add_dashboard(app, store, read_token, client_address, over_https)
    return app


def app_from_environment() -> FastAPI:
    """The app as ``kiosk-collector serve --workers N`` makes it in each worker process,
    from what the command put in the environment."""
    import os

    proxies = os.environ.get("KIOSK_COLLECTOR_TRUSTED_PROXIES", "")
    return create_app(
        os.environ.get("KIOSK_COLLECTOR_DATABASE") or None,
        max_bytes=int(os.environ.get("KIOSK_COLLECTOR_MAX_BYTES") or DEFAULT_MAX_BYTES),
        read_token=os.environ.get("KIOSK_COLLECTOR_READ_TOKEN", ""),
        trusted_proxies=[p for p in proxies.split(",") if p],
    )
