"""The record checks: the quick one a collector runs on every record gives the same
verdict as the plain one that explains what is wrong; CSV lines written directly are what
the csv module writes."""

from __future__ import annotations

import copy
import random
from typing import Any

import orjson
import pytest

from kiosk.export import schema

GOOD: dict[str, Any] = {
    "visit_id": 7,
    "kiosk_id": "k-1",
    "day": "2026-11-28",
    "ticket": "A007",
    "follow_up_code": "C0000007",
    "language": "vi",
    "state": "done",
    "priority": "elderly",
    "age_band": "75+",
    "desk": 1,
    "volunteer_id": None,
    "created_at": "2026-11-28T01:00:00Z",
    "called_at": "2026-11-28T01:04:00Z",
    "serving_at": "2026-11-28T01:05:00.25Z",
    "finished_at": None,
    "wait_seconds": 240,
    "service_seconds": None,
    "services": ["vneid", "etax"],
    "guides": [["vneid-activate", 1, "vi", "2026-11-28T01:00:40Z"]],
    "outcome": ["vneid_activated"],
    "previous_visit_id": None,
    "personal": "QUJD" * 20,
}

BAD_VALUES = [
    None,
    0,
    -1,
    1.5,
    True,
    "",
    "x" * 65,
    "x" * 33,
    "2026-11-28",
    "yesterday",
    "2026-11-28T01:00:00Z\n",
    "2026-11-28T01:00:00",
    "٢٠٢٦-11-28T01:00:00Z",
    [],
    ["a"],
    [""],
    [1],
    ["x" * 65],
    ["a"] * 51,
    {},
    [["g", 1, "vi"]],
    [["g", "1", "vi", "2026-11-28T01:00:40Z"]],
    [["g", 1, "vi", "late"]],
    [["g", 1, "vi-VN-x-long", "2026-11-28T01:00:40Z"]],
    "not base64!",
    "QUJD",
    "QUJD" * 600,
    "2026-13-45",
    "2027-02-29",
    "2026-04-31",
    "2026-02-30T25:61:61Z",
    "2027-02-29T01:00:00Z",
    "2026-11-28T24:00:00Z",
    "A\u202e1",
    "A\x001",
    ["vneid\u2066"],
    [["g\x00", 1, "vi", "2026-11-28T01:00:40Z"]],
    [["g", 2**62, "vi", "2026-11-28T01:00:40Z"]],
    [["g", 1, "vi", "2027-02-29T01:00:40Z"]],
]


def _slow_ok(r: Any) -> bool:
    try:
        schema.check_record(r, 1)
    except schema.SchemaError:
        return False
    return True


def _quick_ok(records: list[Any]) -> bool:
    checker = schema.RecordChecker()
    return all(checker.values(r) is not None for r in records)


def test_a_good_record_passes_both_checks() -> None:
    assert _slow_ok(GOOD) and _quick_ok([GOOD])
    reordered = dict(reversed(list(GOOD.items())))
    assert _slow_ok(reordered) and _quick_ok([reordered])
    assert schema.RecordChecker().values(reordered) == tuple(GOOD.values())


@pytest.mark.parametrize("field", schema.FIELD_NAMES)
def test_the_quick_check_refuses_exactly_what_the_plain_one_refuses(field: str) -> None:
    for value in BAD_VALUES:
        r = copy.deepcopy(GOOD)
        r[field] = value
        assert _quick_ok([GOOD, r, GOOD]) == _slow_ok(r), (field, value)


def test_missing_extra_and_odd_records_are_refused_by_both() -> None:
    extra = {**GOOD, "name": "Nguyễn"}
    missing = {k: v for k, v in GOOD.items() if k != "desk"}
    for r in (extra, missing, [], "x", None, 5):
        assert not _slow_ok(r) and not _quick_ok([r])


def test_random_damage_gets_the_same_verdict() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        r = copy.deepcopy(GOOD)
        for _ in range(rng.randint(1, 3)):
            field = rng.choice(schema.FIELD_NAMES)
            if rng.random() < 0.3 and isinstance(r[field], list) and r[field]:
                r[field] = copy.deepcopy(r[field])
                r[field][rng.randrange(len(r[field]))] = rng.choice(BAD_VALUES)
            else:
                r[field] = rng.choice(BAD_VALUES)
        assert _quick_ok([r]) == _slow_ok(r), r


def test_plain_csv_only_passes_rows_the_csv_module_writes_the_same() -> None:
    def row(*cells: str) -> tuple[Any, ...]:
        return (1, "k-1", *cells, *([""] * (len(schema.CSV_HEADER) - 2 - len(cells))))

    for cells, plain in [
        (("A001",), True),
        (("A,001",), False),
        (('A"1',), False),
        (("A\n1",), False),
        (("=1+1",), False),
        (("\tx",), False),
        (("a b",), True),
        (("đã xong",), True),
    ]:
        r = row(*cells)
        text = ",".join(str(c) for c in r) + "\r\n"
        assert schema.plain_csv(text, 1) is plain, cells
        if plain:
            assert schema.csv_rows_text([r]) == text


# -- the plain form of a JSON line ----------------------------------------------------
MORE_VALUES = [
    *BAD_VALUES,
    2**31 - 1,
    2**31,
    -(2**31),
    10**12,
    "Nguyễn Thị Ánh",
    "đ" * 64,
    'a "quoted" word',
    "back\\slash",
    "tab\there",
    "null",
    "ok",
    [["g", 10**10, "vi", "2026-11-28T01:00:40Z"]],
    [["", 1, "", "2026-11-28T01:00:40.123456Z"]],
    ["ý kiến", "x"],
    "2028-02-29",
    "2028-02-29T23:59:59Z",
    [["g", 1, "vi", "2028-02-29T01:00:40Z"]],
    "Läng\u200f",
]


def _as_text(value: Any) -> str | None:
    """A parsed value as the plain form gives it."""
    if value is None:
        return None
    if isinstance(value, list):
        return orjson.dumps(value).decode()
    return str(value)


def _agree(line: str) -> None:
    """The plain form never lets through what the full check refuses, and gives the
    same values as parsing does."""
    texts = schema.plain_values(line)
    if texts is None:
        return
    rec = orjson.loads(line)
    assert _slow_ok(rec), line
    assert texts == tuple(_as_text(v) for v in rec.values()), line
    assert schema.plain_items(texts[17]) == rec["services"]
    assert schema.plain_items(texts[19]) == rec["outcome"]
    assert schema.plain_steps(texts[18]) == len(rec["guides"])


def test_what_a_kiosk_writes_takes_the_plain_path() -> None:
    line = orjson.dumps(GOOD).decode()
    assert schema.plain_values(line) is not None
    _agree(line)
    empty = {
        **GOOD,
        "services": [],
        "outcome": [],
        "guides": [],
        "personal": None,
        "priority": None,
    }
    assert schema.plain_values(orjson.dumps(empty).decode()) is not None
    _agree(orjson.dumps(empty).decode())
    nulls = schema.plain_values(orjson.dumps(empty).decode(), null="\\N")
    assert nulls is not None and nulls[7] == "\\N" and nulls[21] == "\\N"


@pytest.mark.parametrize("field", schema.FIELD_NAMES)
def test_the_plain_path_lets_through_only_valid_records(field: str) -> None:
    for value in MORE_VALUES:
        r = copy.deepcopy(GOOD)
        r[field] = value
        _agree(orjson.dumps(r).decode())


def test_the_plain_path_needs_the_plain_form() -> None:
    line = orjson.dumps(GOOD).decode()
    reordered = orjson.dumps(dict(reversed(list(GOOD.items())))).decode()
    spaced = line.replace(",", ", ")
    escaped = line.replace('"A007"', '"A\\u0030\\u00307"')
    for other in (reordered, spaced, escaped):
        assert schema.plain_values(other) is None
        assert _slow_ok(orjson.loads(other))


def test_damaged_lines_never_pass_the_plain_path_wrongly() -> None:
    rng = random.Random(5)
    line = orjson.dumps(GOOD).decode()
    alphabet = '0123456789"\\[],:-TZ.nul aé\t\n'
    passed = 0
    for _ in range(4000):
        chars = list(line)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(chars))
            how = rng.random()
            if how < 0.4:
                chars[at] = rng.choice(alphabet)
            elif how < 0.7:
                del chars[at]
            else:
                chars.insert(at, rng.choice(alphabet))
        damaged = "".join(chars)
        texts = schema.plain_values(damaged)
        if texts is None:
            continue
        passed += 1
        try:
            rec = orjson.loads(damaged)
        except orjson.JSONDecodeError:
            pytest.fail(f"not JSON, yet passed: {damaged}")
        if rec.__class__ is dict and tuple(rec) == schema.FIELD_NAMES:
            _agree(damaged)
        else:
            pytest.fail(f"passed with other fields: {damaged}")
    assert passed > 100  # harmless changes (a digit, a letter) still pass


def test_whole_numbers_must_fit_the_collectors_columns() -> None:
    for field in ("visit_id", "desk", "wait_seconds", "previous_visit_id"):
        for value, ok in ((2**31 - 1, True), (2**31, False), (10**12, False)):
            r = {**GOOD, field: value}
            assert _slow_ok(r) is ok and _quick_ok([r]) is ok, (field, value)
