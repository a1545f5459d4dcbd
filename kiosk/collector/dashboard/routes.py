"""The dashboard's pages on the collector's app: ``/`` (campaign overview), ``/points``,
``/kiosks`` (health), ``/settings`` (campaign and targets), each view also as ``.csv``
and ``.xlsx``; ``/login`` and ``/logout``; the stylesheets under ``/static``."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kiosk.collector.dashboard import render, views
from kiosk.collector.dashboard.access import COOKIE, LIFETIME, Sessions, session_secret
from kiosk.collector.dashboard.exports import to_csv, to_xlsx
from kiosk.collector.store import Collector
from kiosk.collector.summary import Filters

STATIC = Path(__file__).parent / "static"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FORM = 64 * 1024


def add_dashboard(
    app: FastAPI,
    store: Collector,
    read_token: str,
    client_address: Callable[[Request], str],
    over_https: Callable[[Request], bool] = lambda r: r.url.scheme == "https",
) -> None:
    """The dashboard's routes on ``app``. ``over_https(request)`` tells whether the
    browser reached the collector over HTTPS (then cookies are marked Secure)."""
    sessions = Sessions(session_secret(store.engine), read_token)

    def lang_of(request: Request) -> render.Text:
        lang = request.query_params.get("lang") or request.cookies.get("kc_lang") or "vi"
        return render.Text(lang)

    def loopback(request: Request) -> bool:
        try:
            return ipaddress.ip_address(client_address(request)).is_loopback
        except ValueError:
            return False

    def signed_in(request: Request) -> str | None:
        who = sessions.who(request.cookies.get(COOKIE))
        if who is None and not read_token and loopback(request):
            return "this machine"
        return who

    def filters_of(request: Request) -> Filters:
        q = request.query_params
        return Filters(
            day_from=views.parse_day(q.get("from")),
            day_to=views.parse_day(q.get("to")),
            point=q.get("point", "")[:120],
            ward=q.get("ward", "")[:120],
            service=q.get("service", "")[:64],
        )

    def finish(request: Request, resp: Response, t: render.Text) -> Response:
        secure = over_https(request)
        if not request.cookies.get(COOKIE) and signed_in(request):
            # Signed in by being this machine: a session all the same, for the forms.
            resp.set_cookie(
                COOKIE, sessions.make("this machine"), max_age=LIFETIME, httponly=True,
                samesite="strict", secure=secure,
            )  # fmt: skip
        resp.set_cookie("kc_lang", t.lang, max_age=365 * 86400, samesite="strict", secure=secure)
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-ancestors 'none'"
        )
        resp.headers["X-Content-Type-Options"] = "nosniff"
        return resp

    def to_login(request: Request) -> Response:
        lang = request.query_params.get("lang") or request.cookies.get("kc_lang") or "vi"
        return RedirectResponse(f"/login?lang={render.Text(lang).lang}", status_code=303)

    def view(name: str) -> Callable[[Filters], views.Page]:
        def make(f: Filters) -> views.Page:
            with store.read_sessions() as s:
                conn = s.connection()
                if name == "overview":
                    return views.overview(conn, f)
                if name == "points":
                    return views.points(conn, f)
                return views.health(conn, store.clock.now())

        return make

    def options() -> dict[str, list[str]]:
        with store.read_sessions() as s:
            return views.choices(s.connection())

    def add_view(path: str, name: str, title: str) -> None:
        stem = path.rstrip("/") or "/overview"

        async def html(request: Request) -> Response:
            if signed_in(request) is None:
                return to_login(request)
            t, f = lang_of(request), filters_of(request)
            page = await run_in_threadpool(view(name), f)
            form = ""
            if name != "health":
                form = render.filter_form(t, path, f, await run_in_threadpool(options))
            body = render.page(t, page, form + render.downloads(t, stem, f))
            return finish(request, HTMLResponse(render.layout(t, path, t(title), body, f=f)), t)

        async def download(request: Request, kind: str) -> Response:
            if signed_in(request) is None:
                return to_login(request)
            t, f = lang_of(request), filters_of(request)
            page = await run_in_threadpool(view(name), f)
            filename = (path.strip("/") or "overview").replace("/", "_")
            if kind == "csv":
                data = await run_in_threadpool(to_csv, page.tables, t)
                media = "text/csv; charset=utf-8"
            else:
                data = await run_in_threadpool(to_xlsx, page.tables, t)
                media = XLSX
            return finish(
                request,
                Response(
                    data,
                    media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{filename}.{kind}"'},
                ),
                t,
            )

        async def csv_(request: Request) -> Response:
            return await download(request, "csv")

        async def xlsx_(request: Request) -> Response:
            return await download(request, "xlsx")

        app.add_api_route(path, html, methods=["GET"], include_in_schema=False)
        app.add_api_route(f"{stem}.csv", csv_, methods=["GET"], include_in_schema=False)
        app.add_api_route(f"{stem}.xlsx", xlsx_, methods=["GET"], include_in_schema=False)

    add_view("/", "overview", "nav_overview")
    add_view("/points", "points", "nav_points")
    add_view("/kiosks", "health", "nav_kiosks")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in ("dashboard.css", "print.css"):
            return Response(status_code=404)
        return FileResponse(STATIC / name, media_type="text/css")

    async def form_of(request: Request) -> dict[str, str] | None:
        """The posted form (URL-encoded, at most 64 KiB), or None if it is not one."""
        if not request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded"
        ):
            return None
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > MAX_FORM:
                return None
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except (UnicodeDecodeError, ValueError):
            return None
        return {k: v[-1] for k, v in parsed.items()}

    def same_origin(request: Request) -> bool:
        origin = request.headers.get("origin")
        if not origin or origin == "null":
            return origin is None
        host = request.headers.get("host", "")
        return origin.split("://", 1)[-1] == host

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request) -> Response:
        t = lang_of(request)
        return finish(request, HTMLResponse(render.login(t)), t)

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await form_of(request) or {}
        t = render.Text(form.get("lang", "vi"))
        if not same_origin(request) or not sessions.token_ok(form.get("token", "")):
            return finish(
                request, HTMLResponse(render.login(t, t("bad_token")), status_code=401), t
            )
        resp = RedirectResponse(f"/?lang={t.lang}", status_code=303)
        resp.set_cookie(
            COOKIE, sessions.make("read token"), max_age=LIFETIME, httponly=True,
            samesite="strict", secure=over_https(request),
        )  # fmt: skip
        return finish(request, resp, t)

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request) -> Response:
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE, httponly=True, samesite="strict", secure=over_https(request))
        return resp

    def settings_page(
        request: Request, t: render.Text, message: str = "", status: int = 200
    ) -> HTMLResponse:
        cookie = request.cookies.get(COOKIE) or ""
        with store.read_sessions() as s:
            conn = s.connection()
            camp, goal = views.settings(conn), views.targets(conn)
            points = views.choices(conn)["point"]
            log = views.audit(conn)
        body = render.settings_form(
            t, camp, goal, points, views.OUTCOMES, sessions.csrf(cookie), message
        )
        body += f"<h2>{escape(t('table_audit'))}</h2>" + render.table(t, log)
        return HTMLResponse(render.layout(t, "/settings", t("nav_settings"), body), status)

    @app.get("/settings", include_in_schema=False)
    def settings_get(request: Request) -> Response:
        if signed_in(request) is None:
            return to_login(request)
        t = lang_of(request)
        return finish(request, settings_page(request, t), t)

    @app.post("/settings", include_in_schema=False)
    async def settings_post(request: Request) -> Response:
        who = signed_in(request)
        if who is None:
            return to_login(request)
        form = await form_of(request)
        cookie = request.cookies.get(COOKIE) or ""
        t = render.Text((form or {}).get("lang", "vi"))
        if (
            form is None
            or not same_origin(request)
            or not sessions.csrf_ok(cookie, form.get("csrf", ""))
        ):
            return finish(request, settings_page(request, t, t("bad_form"), 403), t)
        new_settings: dict[str, str] = {}
        for key in views.SETTING_KEYS:
            value = form.get(key, "").strip()[:200]
            if key in ("start", "end") and value and views.parse_day(value) is None:
                return finish(request, settings_page(request, t, t("bad_value"), 400), t)
            if key == "silent_hours" and value and not (value.isdigit() and int(value) <= 10000):
                return finish(request, settings_page(request, t, t("bad_value"), 400), t)
            new_settings[key] = value
        new_targets: dict[tuple[str, str], int | None] = {}
        try:
            for metric in ("visits", *views.OUTCOMES):
                new_targets[("", metric)] = _number(form.get(f"target:{metric}", ""))
            for key, value in form.items():
                if key.startswith("point:"):
                    name = form.get("point_name:" + key[6:], "")[:120]
                    if name:
                        new_targets[(name, "visits")] = _number(value)
        except ValueError:
            return finish(request, settings_page(request, t, t("bad_value"), 400), t)
        changed = await run_in_threadpool(
            views.save_campaign,
            store.engine,
            new_settings,
            new_targets,
            who=who,
            address=client_address(request),
            now=store.clock.now(),
        )
        return finish(request, settings_page(request, t, t("saved", count=changed)), t)


def _number(value: str) -> int | None:
    value = value.strip().replace(",", "").replace(".", "")
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise ValueError(value)
    return int(value)
