"""Screenshots of the collector's dashboard for the README, from a real server.

    .venv/bin/python installer/dashboard_screenshots.py [OUT_DIR]   (default docs/screenshots)

Makes a throwaway collector with the demo data (three sample points), starts
``kiosk-collector serve`` on loopback with a read token, signs in with Debian's chromium
(driven by Playwright) and saves a PNG of each page, in Vietnamese, plus the overview in
English and in Arabic and the overview at a phone's width.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = (
    ("dashboard-overview", "/?lang=vi"),
    ("dashboard-points", "/points?lang=vi"),
    ("dashboard-kiosks", "/kiosks?lang=vi"),
    ("dashboard-settings", "/settings?lang=vi"),
    ("dashboard-overview-en", "/?lang=en"),
    ("dashboard-overview-ar", "/?lang=ar"),
)


def sign_in(page: Any, base: str, token: str, lang: str = "vi") -> None:
    page.goto(f"{base}/login?lang={lang}")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/?lang={lang}")


def capture(browser: Any, base: str, token: str, out_dir: Path) -> list[Path]:
    """Sign in and save a PNG of each dashboard page into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    sign_in(page, base, token)
    for name, path in PAGES:
        page.goto(base + path)
        target = out_dir / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        saved.append(target)
    context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = phone.new_page()
    sign_in(page, base, token)
    target = out_dir / "dashboard-phone.png"
    page.screenshot(path=str(target), full_page=False)
    saved.append(target)
    phone.close()
    return saved


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from kiosk.collector.demo import load_demo
    from kiosk.collector.store import Collector

    out_dir = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    token = "demo-read-token-for-screenshots"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'collector.sqlite3'}"
        store = Collector(url)
        load_demo(store)
        store.dispose()
        cmd = [sys.executable, "-m", "kiosk.collector.cli", "--database", url, "serve"]
        server = subprocess.Popen(
            [*cmd, "--port", "0", "--read-token", token], stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            base = server.stdout.readline().split()[-1]
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for path in capture(browser, base, token, out_dir):
                    print(path)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
