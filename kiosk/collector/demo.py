"""A demo collector: three sample points whose kiosks made two weeks of visits, exported
as real signed bundles and imported through the real import path, so a fresh checkout can
show the dashboard (``kiosk-collector demo``). One kiosk skipped a file number and one
has not sent anything for two days, so the health page has something to show."""

from __future__ import annotations

import random
import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from kiosk.clock import FakeClock
from kiosk.collector.store import Collector

POINTS = (
    ("k-demo-langha01", "Điểm Láng Hạ", "Phường Láng Hạ", 60),
    ("k-demo-hoankiem", "Điểm Hoàn Kiếm", "Phường Hoàn Kiếm", 45),
    ("k-demo-bode0001", "Điểm Bồ Đề (Long Biên)", "Phường Bồ Đề", 30),
)
SERVICES: tuple[tuple[str, str, list[str]], ...] = (
    ("vneid", "vneid-level2", ["app_installed", "level2_activated"]),
    ("vneid", "vneid-level1", ["account_registered"]),
    ("public-service", "public-service-portal", ["dossier_submitted"]),
    ("payments", "pay-fee-online", ["fee_paid_online"]),
    ("etax", "etax-mobile", ["fee_paid_online"]),
    ("pension", "pension-bank-vssid", ["bank_linked"]),
    ("ihanoi", "ihanoi", []),
    ("scam-safety", "scam-safety", []),
)
PRIORITY = (None, None, None, "elderly", "elderly", "disability", "poor_household")
AGES = ("18-39", "40-59", "60-74", "60-74", "75+")


def add_sample_visits(db: Any, rng: random.Random, days: list[date], per_day: int) -> None:
    """Closed visits on ``days`` (up to ``per_day`` each) with services, guides and results."""
    from kiosk.queue.tickets import ticket_label
    from kiosk.storage.models import GuideView, Visit, VisitService

    visits, services, views = [], [], []
    vid = 0
    for day in days:
        for i in range(1, rng.randint(per_day // 2, per_day) + 1):
            vid += 1
            start = datetime.combine(day, time(1, 0), UTC) + timedelta(minutes=rng.randint(0, 540))
            wait = rng.choice((2, 4, 6, 8, 11, 15, 22, 35))
            svc, guide, outcome = rng.choice(SERVICES)
            done = outcome if rng.random() < 0.7 else []
            visits.append(
                dict(
                    id=vid,
                    kiosk_id=db.kiosk_id,
                    day=day,
                    ticket_number=i,
                    ticket=ticket_label(i),
                    follow_up_code=f"D{vid:07d}",
                    language=rng.choice(("vi", "vi", "vi", "en", "ar")),
                    state="done",
                    priority=rng.choice(PRIORITY),
                    age_band=rng.choice(AGES),
                    desk=1 + i % 2,
                    volunteer_id=None,
                    created_at=start,
                    called_at=start + timedelta(minutes=wait),
                    serving_at=start + timedelta(minutes=wait + 1),
                    finished_at=start + timedelta(minutes=wait + 14),
                    outcome=list(done),
                    note="",
                    consent_at=None,
                    name=None,
                    phone=None,
                    previous_visit_id=None,
                    exported_at=None,
                )
            )
            services.append(dict(visit_id=vid, service_id=svc))
            for step in range(1, rng.randint(1, 6) + 1):
                views.append(
                    dict(
                        visit_id=vid,
                        guide_id=guide,
                        step=step,
                        language="vi",
                        viewed_at=start + timedelta(minutes=wait + step),
                    )
                )
    with db.session() as s:
        conn = s.connection()
        conn.execute(insert(Visit.__table__), visits)
        conn.execute(insert(VisitService.__table__), services)
        conn.execute(insert(GuideView.__table__), views)


def load_demo(collector: Collector, *, today: date | None = None, days: int = 14) -> int:
    """Make the three demo kiosks' bundles and import them into ``collector``; returns
    how many visits were imported. Running it again imports nothing twice."""
    from kiosk.export.bundle import build_bundle, collect_records
    from kiosk.export.keys import load_or_create_signing_key, public_key_b64
    from kiosk.services import ensure_services
    from kiosk.storage import open_database

    today = today or collector.clock.now().date()
    rng = random.Random(17)
    imported = 0
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-") as tmp:
        for n, (kiosk_id, name, ward, per_day) in enumerate(POINTS):
            folder = Path(tmp) / kiosk_id
            folder.mkdir()
            clock = FakeClock(datetime.combine(today, time(10, 0), UTC))
            db = open_database(
                f"sqlite:///{folder / 'kiosk.sqlite3'}",
                clock=clock,
                point_name=name,
                ward=ward,
                kiosk_id=kiosk_id,
            )
            ensure_services(db)
            key = load_or_create_signing_key(folder / "keys")
            if collector.registered_key(kiosk_id) is None:
                collector.register_kiosk(kiosk_id, public_key_b64(key), name)
            else:  # a demo made before: the same kiosk, a new key
                collector.register_kiosk(kiosk_id, public_key_b64(key), name, with_token=False)
            quiet = 2 if n == 2 else 0  # the last point has been silent for two days
            span = [today - timedelta(days=d) for d in range(days - 1, quiet - 1, -1)]
            add_sample_visits(db, rng, span, per_day)
            by_day: dict[Any, list[dict[str, Any]]] = defaultdict(list)
            for r in collect_records(db, "full"):
                by_day[r["day"]].append(dict(r))
            # One bundle every two days; the second kiosk's third file never arrives.
            chunks = sorted(by_day)
            sequence = 0
            for i in range(0, len(chunks), 2):
                sequence += 1
                records = [r for d in chunks[i : i + 2] for r in by_day[d]]
                bundle = build_bundle(db, records, key, sequence=sequence, mode="full")
                if n == 1 and sequence == 3:
                    continue
                sent = datetime.fromisoformat(str(chunks[min(i + 1, len(chunks) - 1)]))
                collector.clock = FakeClock(sent.replace(hour=3, tzinfo=UTC))
                collector.importer.clock = collector.clock
                imported += collector.import_bundle(bundle.data, source="usb").new_visits
            db.dispose()
    return imported
