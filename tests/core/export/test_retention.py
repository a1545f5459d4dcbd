"""Names and phones are erased after the retention period; the visit itself stays."""

from __future__ import annotations

from kiosk.export.retention import purge_personal_data
from kiosk.storage.models import Visit


def test_personal_data_older_than_the_retention_days_is_erased(db, clock, make_visits) -> None:  # type: ignore[no-untyped-def]
    old = make_visits(2, consent=True)
    clock.advance(20 * 86400)
    recent = make_visits(1, consent=True)
    clock.advance(11 * 86400)  # the first two are now 31 days old, the last one 11

    assert purge_personal_data(db, 30) == 2
    with db.session() as s:
        for vid in old:
            v = s.get(Visit, vid)
            assert (v.name, v.phone) == (None, None)
            assert v.follow_up_code and v.outcome == ["vneid_activated"]
        assert s.get(Visit, recent[0]).name == "Nguyễn Thị Hoà"

    assert purge_personal_data(db, 30) == 0  # nothing left to erase: runs daily, no harm
    clock.advance(20 * 86400)
    assert purge_personal_data(db, 30) == 1
