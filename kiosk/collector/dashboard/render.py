"""The dashboard's HTML, written on the server: no script is needed for any view. Every
text comes from the catalogs (``[dashboard]`` in resources/i18n)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from html import escape
from typing import Any
from urllib.parse import urlencode

from kiosk.collector.dashboard import charts
from kiosk.collector.dashboard.views import Page, Table
from kiosk.collector.summary import Filters
from kiosk.i18n import LANGUAGE_NAMES, is_rtl, translate

LANGUAGES = ("vi", "en", "ar")
PAGES = (("/", "nav_overview"), ("/points", "nav_points"), ("/kiosks", "nav_kiosks"))


class Text:
    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else "vi"

    def __call__(self, key: str, **kw: Any) -> str:
        return translate(f"dashboard.{key}", self.lang, **kw)

    def label(self, kind: str, code: str) -> str:
        key = {
            "service": f"service.{code}",
            "outcome": f"slips.outcome.{code}",
            "priority": f"queue.priority_{code}",
        }.get(kind)
        if key is None:
            return code
        text = translate(key, self.lang)
        return code if text == key else text


def filters_query(f: Filters, lang: str, **extra: str) -> str:
    q = {
        "from": f.day_from.isoformat() if f.day_from else "",
        "to": f.day_to.isoformat() if f.day_to else "",
        "point": f.point,
        "ward": f.ward,
        "service": f.service,
        "lang": lang,
        **extra,
    }
    return urlencode({k: v for k, v in q.items() if v})


def layout(t: Text, path: str, title: str, body: str, *, f: Filters | None = None) -> str:
    rtl = is_rtl(t.lang)
    query = filters_query(f or Filters(), "")
    nav = "".join(
        f'<a href="{href}?{escape(filters_query(f or Filters(), t.lang))}"'
        f"{' aria-current=page' if href == path else ''}>{escape(t(key))}</a>"
        for href, key in PAGES
    )
    here = " aria-current=page" if path == "/settings" else ""
    nav += f'<a href="/settings?lang={t.lang}"{here}>{escape(t("nav_settings"))}</a>'
    langs = "".join(
        f'<a href="{path}?{escape(query + ("&" if query else "") + "lang=" + code)}" '
        f'lang="{code}" hreflang="{code}"'
        f"{' aria-current=true' if code == t.lang else ''}>{escape(LANGUAGE_NAMES[code])}</a>"
        for code in LANGUAGES
    )
    return (
        f'<!doctype html><html lang="{t.lang}" dir="{"rtl" if rtl else "ltr"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · {escape(t('app'))}</title>"
        '<link rel="stylesheet" href="/static/dashboard.css">'
        '<link rel="stylesheet" href="/static/print.css" media="print"></head><body>'
        f'<a class="skip" href="#main">{escape(t("skip"))}</a>'
        f'<header><p class="app">{escape(t("app"))}</p>'
        f'<nav aria-label="{escape(t("nav"))}">{nav}</nav>'
        f'<nav class="langs" aria-label="{escape(t("language"))}">{langs}</nav>'
        '<form method="post" action="/logout" class="logout">'
        f"<button>{escape(t('sign_out'))}</button></form>"
        f'</header><main id="main"><h1>{escape(title)}</h1>{body}</main></body></html>'
    )


def filter_form(t: Text, path: str, f: Filters, options: dict[str, list[str]]) -> str:
    def select_(name: str, current: str, values: list[str], kind: str = "") -> str:
        opts = f'<option value="">{escape(t("all"))}</option>' + "".join(
            f'<option value="{escape(v)}"{" selected" if v == current else ""}>'
            f"{escape(t.label(kind, v) if kind else v)}</option>"
            for v in values
        )
        return (
            f'<div class="filter"><label for="f-{name}">{escape(t("filter_" + name))}</label>'
            f'<select id="f-{name}" name="{name}">{opts}</select></div>'
        )

    def day(d: date | None) -> str:
        return d.isoformat() if d else ""

    return (
        f'<form class="filters" method="get" action="{path}" role="search" '
        f'aria-label="{escape(t("filters"))}">'
        f'<div class="filter"><label for="f-from">{escape(t("filter_from"))}</label>'
        f'<input id="f-from" type="date" name="from" value="{day(f.day_from)}"></div>'
        f'<div class="filter"><label for="f-to">{escape(t("filter_to"))}</label>'
        f'<input id="f-to" type="date" name="to" value="{day(f.day_to)}"></div>'
        + select_("point", f.point, options["point"])
        + select_("ward", f.ward, options["ward"])
        + select_("service", f.service, options["service"], "service")
        + f'<input type="hidden" name="lang" value="{t.lang}">'
        f'<button type="submit">{escape(t("apply"))}</button></form>'
    )


def number(t: Text, x: float) -> str:
    """A count with thousands grouped as the language writes them (1.250 in Vietnamese,
    1,250 in English), a share with one decimal and a percent sign."""
    text = f"{x:,.1f} %" if isinstance(x, float) else f"{x:,}"
    if t.lang == "vi":
        text = text.translate(_VI_DIGITS)
    return text


_VI_DIGITS = str.maketrans({",": ".", ".": ","})


def cell(t: Text, x: Any, labels: str = "") -> str:
    if x is None:
        return "–"
    if isinstance(x, datetime):
        return x.strftime("%Y-%m-%d %H:%M")
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, float | int):
        return number(t, x)
    if labels:
        return escape(t.label(labels, x))
    if x == "yes":
        return f'<strong class="silent">{escape(t("silent_yes"))}</strong>'
    return escape(str(x))


def table(t: Text, tab: Table) -> str:
    head = "".join(f'<th scope="col">{escape(t("col_" + c))}</th>' for c in tab.columns)
    body = []
    for row in tab.rows:
        cls = ' class="silent-row"' if row and row[-1] == "yes" else ""
        cells = [
            f"<td{' class=num' if isinstance(x, int | float) else ''}>"
            f"{cell(t, x, tab.labels if i == 0 else '')}</td>"
            for i, x in enumerate(row)
        ]
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(tab.columns)}">{escape(t("no_data"))}</td></tr>')
    return (
        f'<div class="scroll"><table><caption>{escape(t("table_" + tab.name))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def chart(t: Text, tab: Table) -> str:
    rtl = is_rtl(t.lang)
    title = t("table_" + tab.name)
    if tab.chart == "days" and tab.rows:
        return charts.days([(r[0], r[1]) for r in tab.rows], title=title, rtl=rtl)
    if tab.chart == "bars" and tab.rows:
        value = 1 if isinstance(tab.rows[0][1], int) else 2
        rows = [
            (t.label(tab.labels, r[0]) if tab.labels else str(r[0]), r[value]) for r in tab.rows
        ]
        return charts.bars(rows[:25], title=title, rtl=rtl)
    return ""


def page(t: Text, p: Page, between: str = "") -> str:
    """The page's key figures, then ``between`` (the filters), then each table and chart:
    on a phone the numbers come before the form."""
    cards = "".join(
        f'<div class="card"><span>{escape(t(k))}</span><strong>{cell(t, v)}</strong></div>'
        for k, v in p.cards
    )
    parts = [f'<section class="cards" aria-label="{escape(t("cards"))}">{cards}</section>']
    parts.append(between)
    for tab in p.tables:
        parts.append(
            f'<section aria-labelledby="h-{tab.name}"><h2 id="h-{tab.name}">'
            f"{escape(t('table_' + tab.name))}</h2>{chart(t, tab)}{table(t, tab)}</section>"
        )
    return "".join(parts)


def downloads(t: Text, path: str, f: Filters) -> str:
    q = escape(filters_query(f, t.lang))
    return (
        f'<p class="downloads"><a href="{path}.csv?{q}" download>{escape(t("download_csv"))}</a> '
        f'<a href="{path}.xlsx?{q}" download>{escape(t("download_xlsx"))}</a></p>'
    )


def login(t: Text, error: str = "") -> str:
    err = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    langs = " ".join(
        f'<a href="/login?lang={c}" lang="{c}">{escape(LANGUAGE_NAMES[c])}</a>' for c in LANGUAGES
    )
    return (
        f'<!doctype html><html lang="{t.lang}" dir="{"rtl" if is_rtl(t.lang) else "ltr"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(t('sign_in'))} · {escape(t('app'))}</title>"
        '<link rel="stylesheet" href="/static/dashboard.css"></head>'
        '<body><main id="main" class="login">'
        f"<h1>{escape(t('app'))}</h1>"
        f'<nav class="langs" aria-label="{escape(t("language"))}">{langs}</nav>'
        f'{err}<form method="post" action="/login">'
        f'<label for="token">{escape(t("token"))}</label>'
        '<input id="token" name="token" type="password" autocomplete="current-password" required>'
        f'<input type="hidden" name="lang" value="{t.lang}">'
        f'<button type="submit">{escape(t("sign_in"))}</button></form>'
        f"<p>{escape(t('token_help'))}</p></main></body></html>"
    )


def settings_form(
    t: Text,
    camp: dict[str, str],
    goal: dict[tuple[str, str], int],
    points: list[str],
    outcomes: tuple[str, ...],
    csrf: str,
    message: str = "",
) -> str:
    def field(name: str, label: str, value: str, kind: str = "text") -> str:
        extra = ' inputmode="numeric" pattern="[0-9]*"' if kind == "number" else ""
        kind = "text" if kind == "number" else kind
        return (
            f'<label for="{escape(name)}">{escape(label)}</label>'
            f'<input id="{escape(name)}" name="{escape(name)}" type="{kind}" '
            f'value="{escape(value)}"{extra}>'
        )

    def num(k: tuple[str, str]) -> str:
        return "" if k not in goal else str(goal[k])

    rows = [
        field("name", t("set_name"), camp.get("name", "")),
        field("start", t("set_start"), camp.get("start", ""), "date"),
        field("end", t("set_end"), camp.get("end", ""), "date"),
        field("silent_hours", t("set_silent"), camp.get("silent_hours", ""), "number"),
        field("target:visits", t("target_visits"), num(("", "visits")), "number"),
    ]
    for o in outcomes:
        rows.append(
            field(
                f"target:{o}",
                t("target_result", result=t.label("outcome", o)),
                num(("", o)),
                "number",
            )
        )
    for i, p in enumerate(points):
        rows.append(
            field(f"point:{i}", t("target_point", point=p), num((p, "visits")), "number")
            + f'<input type="hidden" name="point_name:{i}" value="{escape(p)}">'
        )
    msg = f'<p class="message" role="status">{escape(message)}</p>' if message else ""
    return (
        f'{msg}<form method="post" action="/settings" class="settings">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<input type="hidden" name="lang" value="{t.lang}">'
        + "".join(f'<div class="field">{r}</div>' for r in rows)
        + f'<button type="submit">{escape(t("save"))}</button></form>'
    )


def heading_for(t: Text) -> Callable[[str], str]:
    return lambda key: t(key)
