"""The coordinator's dashboard in a real browser (Debian's chromium, driven by Playwright)
against a real ``kiosk-collector serve`` on loopback, holding the demo points' bundles
and one bundle a kiosk uploaded over HTTP. One server and one browser serve every test."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require

pytestmark = pytest.mark.e2e

TOKEN = "read-token-for-the-browser-tests"
LONG_POINT = (
    "Điểm hỗ trợ chuyển đổi số lưu động của Đoàn Thanh niên phường Láng Hạ, "
    "quận Đống Đa, thành phố Hà Nội"
)
TODAY = date.today()


def _upload(base: str, token: str, body: bytes) -> int:
    req = urllib.request.Request(
        base + "/api/v1/bundles",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/zip"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status


def _status(url: str, token: str = "") -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30):
            return 200
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A collector with the demo points, served with a read token; then one more kiosk
    (with a point name too long for one line) uploads its bundle over HTTP."""
    from kiosk.clock import FakeClock
    from kiosk.collector.demo import add_sample_visits, load_demo
    from kiosk.collector.store import Collector
    from kiosk.export.bundle import build_bundle, collect_records
    from kiosk.export.keys import load_or_create_signing_key, public_key_b64
    from kiosk.services import ensure_services
    from kiosk.storage import open_database

    tmp = tmp_path_factory.mktemp("dashboard")
    url = f"sqlite:///{tmp / 'collector.sqlite3'}"
    store = Collector(url)
    load_demo(store, today=TODAY)
    db = open_database(
        f"sqlite:///{tmp / 'kiosk.sqlite3'}",
        clock=FakeClock(datetime.combine(TODAY, datetime.min.time()).astimezone()),
        point_name=LONG_POINT,
        ward="Phường Láng Hạ",
        kiosk_id="k-long-name-01",
    )
    ensure_services(db)
    key = load_or_create_signing_key(tmp / "keys")
    upload_token = store.register_kiosk(db.kiosk_id, public_key_b64(key), "long name")
    add_sample_visits(db, random.Random(5), [TODAY - timedelta(days=1), TODAY], 20)
    bundle = build_bundle(db, collect_records(db, "full"), key, sequence=1, mode="full")
    db.dispose()
    store.dispose()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk.collector.cli",
            "--database",
            url,
            "serve",
            "--port",
            "0",
            "--read-token",
            TOKEN,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().split()[-1]
        assert _upload(base, upload_token, bundle.data) == 201
        yield {"base": base, "upload_token": upload_token}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from installer.dashboard_screenshots import CHROMIUM, CHROMIUM_ARGS

    require(Path(CHROMIUM).exists(), "chromium (installer/apt-test-packages.txt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: dict[str, str]) -> Iterator[Any]:
    from installer.dashboard_screenshots import sign_in

    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    p = context.new_page()
    sign_in(p, server["base"], TOKEN, "en")
    yield p
    context.close()


def _card(page: Any, label: str) -> str:
    return page.locator(".card", has_text=label).locator("strong").inner_text()


def test_only_the_read_token_signs_in_and_the_session_cookie_is_guarded(
    browser: Any, server: dict[str, str]
) -> None:
    base = server["base"]
    context = browser.new_context()
    p = context.new_page()
    p.goto(base + "/points?lang=en")
    assert p.url.startswith(base + "/login")
    p.fill("#token", server["upload_token"])
    p.click("button[type=submit]")
    assert "not the read token" in p.get_by_role("alert").inner_text()
    p.goto(base + "/kiosks")
    assert p.url.startswith(base + "/login")
    p.fill("#token", TOKEN)
    p.click("button[type=submit]")
    p.wait_for_url(base + "/?lang=en")
    assert p.locator("h1").inner_text() == "Campaign overview"
    cookie = next(c for c in context.cookies() if c["name"] == "kc_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    # A kiosk's upload token reads neither the API nor the downloads.
    assert _status(base + "/api/v1/summary", server["upload_token"]) == 401
    assert _status(base + "/api/v1/summary", TOKEN) == 200
    assert _status(base + "/overview.csv") == 200  # answered with the sign-in page …
    with urllib.request.urlopen(base + "/overview.csv", timeout=30) as resp:
        assert resp.url.startswith(base + "/login")  # … never with the numbers
    p.click("text=Sign out")
    p.goto(base + "/")
    assert p.url.startswith(base + "/login")
    context.close()


def test_targets_set_in_the_form_show_on_the_overview_and_in_the_audit(
    page: Any, server: dict[str, str]
) -> None:
    base = server["base"]
    page.click("nav >> text=Campaign and targets")
    page.get_by_label("Campaign name").fill("45 ngày chuyển đổi số")
    page.get_by_label("Target: people helped in all").fill("3000")
    page.get_by_label("Target for Điểm Láng Hạ: people helped").fill("1200")
    page.get_by_label("Target: Level 2 account activated").fill("400")
    page.click("text=Save")
    assert page.get_by_role("status").inner_text() == "Saved: 4 change(s)."
    audit = page.locator("table", has_text="Changes made").inner_text()
    assert "target visits / Điểm Láng Hạ" in audit and "read token" in audit
    page.click("nav >> text=Campaign overview")
    assert _card(page, "Campaign") == "45 ngày chuyển đổi số"
    assert _card(page, "Target") == "3,000"
    results = page.locator("table", has_text="Results achieved")
    assert "400" in results.locator("tr", has_text="Level 2 account activated").inner_text()
    points = page.locator("table", has_text="People helped per point")
    assert "1,200" in points.locator("tr", has_text="Điểm Láng Hạ").inner_text()
    # The same form posted without its CSRF token (or from elsewhere) changes nothing.
    forged = page.request.post(
        base + "/settings", form={"name": "forged", "target:visits": "1"}, max_redirects=0
    )
    assert forged.status == 403
    elsewhere = page.request.post(
        base + "/settings",
        form={"name": "forged"},
        headers={"Origin": "http://evil.example"},
        max_redirects=0,
    )
    assert elsewhere.status == 403
    page.reload()
    assert _card(page, "Target") == "3,000"


def test_filters_narrow_the_numbers_and_bad_filters_never_break_the_page(
    page: Any, server: dict[str, str]
) -> None:
    base = server["base"]
    page.click("nav >> text=Points and kiosks")
    per_point = page.locator("table", has_text="Per point")
    row = per_point.locator("tr", has_text="Điểm Hoàn Kiếm").locator("td")
    hoan_kiem = row.nth(2).inner_text()
    page.get_by_label("Point", exact=True).select_option("Điểm Hoàn Kiếm")
    page.click("text=Show")
    assert "point=" in page.url
    page.click("nav >> text=Campaign overview")  # the filters travel with the links
    assert _card(page, "People helped") == hoan_kiem
    page.get_by_label("Service", exact=True).select_option("etax")
    page.click("text=Show")
    etax = int(_card(page, "People helped").replace(",", ""))
    assert 0 < etax < int(hoan_kiem.replace(",", ""))
    page.goto(base + "/?lang=en&from=31-02-2026&to=nonsense&point=%00%ff&service=" + "x" * 500)
    assert page.locator("h1").inner_text() == "Campaign overview"
    assert _card(page, "People helped") == "0"


def test_downloads_open_with_their_letters_numbers_and_dates(
    page: Any, server: dict[str, str], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    page.click("nav >> text=Points and kiosks")
    with page.expect_download() as got:
        page.click("text=Download CSV (Excel)")
    data = Path(got.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert LONG_POINT in text and "Median wait (min)" in text
    page.click("nav >> text=Campaign overview")
    total = int(_card(page, "People helped").replace(",", ""))
    with page.expect_download() as got:
        page.click("text=Download XLSX")
    book = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    sheet = book["People helped per day"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert all(isinstance(d, datetime) for d, _ in rows)
    assert all(isinstance(n, int) for _, n in rows)
    assert sum(n for _, n in rows) == total
    assert rows[-1][0].date() == TODAY
    assert sheet.cell(row=2, column=1).number_format == "yyyy-mm-dd"


def test_arabic_reads_right_to_left_and_every_page_has_its_words(
    page: Any, server: dict[str, str]
) -> None:
    page.click("text=العربية")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "نظرة عامة على الحملة"
    for lang in ("vi", "en", "ar"):
        for path in ("/", "/points", "/kiosks", "/settings"):
            page.goto(f"{server['base']}{path}?lang={lang}")
            body = page.locator("body").inner_text()
            assert "dashboard." not in body and "col_" not in body and "table_" not in body
            expected = "rtl" if lang == "ar" else "ltr"
            assert page.locator("html").get_attribute("dir") == expected


def test_kiosk_health_shows_the_guide_versions_each_kiosk_reported(
    page: Any, server: dict[str, str]
) -> None:
    import tomllib

    from kiosk.paths import resources_dir

    etax = tomllib.loads(
        (resources_dir() / "guides" / "etax-mobile" / "guide.toml").read_text(encoding="utf-8")
    )["version"]
    page.click("nav >> text=Kiosk health")
    kiosks = page.locator("table", has_text="Last file number")
    uploaded = kiosks.locator("tr", has_text="k-long-name-01").inner_text()
    assert f"{etax}: " in uploaded and "etax-mobile" in uploaded
    editions = page.locator("table", has_text="Which kiosks")
    row = editions.locator("tr", has_text="etax-mobile").inner_text()
    assert etax in row and "k-long-name-01" in row and "k-demo-langha01" in row


_AUDIT = (Path(__file__).parent / "dashboard_audit.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["vi", "ar"])
def test_every_page_is_labelled_high_contrast_uncut_and_reachable_by_keyboard(
    page: Any, server: dict[str, str], lang: str
) -> None:
    base = server["base"]
    for path in ("/", "/points", "/kiosks", "/settings"):
        page.goto(f"{base}{path}?lang={lang}")
        found = page.evaluate(_AUDIT)
        assert found["low"] == [], path
        assert found["unlabelled"] == [], path
        assert found["cut"] == [], path
        reached = set()
        for _ in range(4 * found["controls"]):  # a date field takes a Tab per part
            page.keyboard.press("Tab")
            reached.add(page.evaluate("document.activeElement.dataset.k"))
        assert set(map(str, range(found["controls"]))) <= reached, path
    # On a phone nothing runs off the side: wide tables scroll in their own box.
    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    p = phone.new_page()
    p.context.add_cookies(page.context.cookies())
    for path in ("/", "/points", "/kiosks"):
        p.goto(f"{base}{path}?lang={lang}")
        assert p.evaluate("document.documentElement.scrollWidth") <= 390, path
    phone.close()


def test_the_screenshot_script_saves_every_page(
    browser: Any, server: dict[str, str], tmp_path: Path
) -> None:
    from PIL import Image

    from installer.dashboard_screenshots import PAGES, capture

    saved = capture(browser, server["base"], TOKEN, tmp_path)
    assert [p.name for p in saved] == [f"{n}.png" for n, _ in PAGES] + ["dashboard-phone.png"]
    for path in saved:
        with Image.open(path) as im:
            assert im.width >= 390 and im.height >= 700
            assert len(im.convert("L").resize((64, 64)).getcolors(4096)) > 8  # not blank
    assert json.loads(urllib.request.urlopen(server["base"] + "/healthz").read()) == {
        "status": "ok"
    }
