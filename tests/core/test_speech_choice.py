"""Which voice reads each language (the same on every start), how long a text may take,
and when a stuck engine is tried again."""

from __future__ import annotations

import itertools

from kiosk.speech import Retry, Voice, Watchdog, choose_voice, speaking_bound

# Voices as espeak-ng gives them through Speech Dispatcher (names and locales as Qt reads
# them), including the variant Qt mistakes for a country ("Arabic+Mr_Serious" as ar_MR).
ESPEAK = [
    Voice("Vietnamese (Central)", "vi_VN"),
    Voice("Vietnamese (Northern)+Adam", "vi_VN"),
    Voice("Vietnamese (Northern)", "vi_VN"),
    Voice("Vietnamese (Southern)", "vi_VN"),
    Voice("Arabic+Mr_Serious", "ar_MR"),
    Voice("Arabic+Adam", "ar_EG"),
    Voice("Arabic", "ar_EG"),
    Voice("English (Caribbean)", "en_US"),
    Voice("English (America)", "en_US"),
    Voice("English (Great Britain)+Alex", "en_GB"),
    Voice("English (Great Britain)", "en_GB"),
]


def test_each_language_gets_the_plain_voice_of_its_own_locale() -> None:
    assert choose_voice("vi", ESPEAK) == Voice("Vietnamese (Northern)", "vi_VN")
    assert choose_voice("en", ESPEAK) == Voice("English (Great Britain)", "en_GB")
    # No ar_SA here: the plain Arabic voice, never espeak-ng's joke variant.
    assert choose_voice("ar", ESPEAK) == Voice("Arabic", "ar_EG")


def test_the_choice_does_not_depend_on_the_order_voices_come_in() -> None:
    for lang in ("vi", "en", "ar"):
        picks = {
            choose_voice(lang, list(order))
            for order in itertools.islice(itertools.permutations(ESPEAK), 0, 5000, 97)
        }
        assert len(picks) == 1, (lang, picks)
        assert choose_voice(lang, list(reversed(ESPEAK))) in picks


def test_a_configured_voice_name_wins_within_the_language() -> None:
    assert choose_voice("vi", ESPEAK, "Vietnamese (Southern)") == Voice(
        "Vietnamese (Southern)", "vi_VN"
    )
    assert choose_voice("vi", ESPEAK, " vietnamese (central) ") == Voice(
        "Vietnamese (Central)", "vi_VN"
    )
    # A name the engine does not have, or one of another language, is not used.
    assert choose_voice("vi", ESPEAK, "Microsoft An") == Voice("Vietnamese (Northern)", "vi_VN")
    assert choose_voice("vi", ESPEAK, "Arabic") == Voice("Vietnamese (Northern)", "vi_VN")


def test_a_configured_name_may_pick_another_country_and_without_the_exact_locale_any_does() -> None:
    # The volunteer's explicit choice is kept even when the kiosk's own locale exists.
    assert choose_voice("en", ESPEAK, "English (America)") == Voice("English (America)", "en_US")
    only_us = [v for v in ESPEAK if v.locale == "en_US"]
    assert choose_voice("en", only_us) == Voice("English (America)", "en_US")


def test_no_voice_for_a_language_the_engine_lacks() -> None:
    assert choose_voice("vi", [Voice("Anne", "en_GB")]) is None
    assert choose_voice("vi", []) is None


def test_windows_vietnamese_voice_is_found_by_its_locale() -> None:
    voices = [Voice("Microsoft An", "vi_VN"), Voice("Microsoft Zira", "en_US")]
    assert choose_voice("vi", voices) == Voice("Microsoft An", "vi_VN")


def test_longer_and_slower_texts_get_more_time() -> None:
    short, long = "Bước 1.", "Bước 1: mở ứng dụng VNeID. " * 10
    assert speaking_bound(short) < speaking_bound(long)
    assert speaking_bound(long, rate=-1.0) > speaking_bound(long, rate=0.0)
    assert speaking_bound(long, rate=1.0) == speaking_bound(long, rate=0.0)
    # A guide step spoken in about 10 s at the kiosk's rate has well over that.
    step = "x" * 160
    assert 20 < speaking_bound(step, rate=-0.2) < 90


def test_watchdog_names_the_deadline_that_passed_once() -> None:
    w = Watchdog()
    w.expect("say", 10, now=100)
    w.expect("load", 30, now=100)
    assert w.overdue(109.9) is None
    assert w.overdue(110) == "say"
    assert w.overdue(111) is None and w.waiting
    w.done("load")
    assert not w.waiting and w.overdue(1000) is None


def test_retry_waits_longer_after_each_failure_up_to_ten_minutes() -> None:
    r = Retry()
    waits = [r.failed(now=0) for _ in range(6)]
    assert waits == [60, 120, 240, 480, 600, 600]
    assert not r.due(599) and r.due(600)
    r.worked()
    assert r.failed(now=0) == 60 and r.at == 60
