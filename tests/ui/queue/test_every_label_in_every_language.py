"""Every outcome, priority group and service has words of its own in every language, on the
volunteer's and the citizen's screens: never empty, never a raw key, never another
language's words."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.queue.model import OUTCOMES
from kiosk.settings import PRIORITY_CATEGORIES, Settings
from ui.widgets.common import WrapButton

LANGS = ("vi", "en", "ar")


def text_of(w: QWidget) -> str:
    if isinstance(w, WrapButton):
        return w.label_widget().text().replace("\u00a0", " ")
    assert isinstance(w, QAbstractButton)
    return w.text()


def looks_like_a_key(text: str, key: str) -> bool:
    """Empty, a catalog key, or the recorded value shown as it is ("fee_paid_online",
    "fee paid online")."""
    tidied = key.replace("_", " ").replace("-", " ")
    return (
        not text.strip()
        or text.strip() in (key, tidied)
        or any(p in text for p in ("queue.", "service.", "slips.", "export.", "group_"))
        or ("_" in key and key in text)
    )


def test_every_outcome_priority_and_service_is_in_words_in_every_language(
    qtbot, make_shell, lan, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.modes import Mode

    settings = Settings(path=tmp_path / "settings.toml").replace(
        queue__priority_categories=list(PRIORITY_CATEGORIES)
    )
    shell = make_shell(settings)
    shell.modes.enter(Mode.VOLUNTEER, lan)
    services = shell.queue.services
    for cat in PRIORITY_CATEGORIES:  # one person of each group waiting
        shell.queue.service.issue([services[0]], priority=cat)
    shell.queue.open_console()
    shell.queue.take_screen  # built, as a citizen would open it  # noqa: B018
    QApplication.processEvents()

    def find(name: str) -> QWidget:
        w = shell.window.findChild(QWidget, name)
        assert w is not None, name
        return w

    seen: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        shell.t.set_language(lang)
        shell.queue.console.refresh()
        qtbot.waitUntil(lambda: shell.ops.pending == 0)
        QApplication.processEvents()
        texts: dict[str, str] = {}
        for key in OUTCOMES:
            texts[f"finish {key}"] = text_of(find(f"outcome_{key}"))
        for cat in PRIORITY_CATEGORIES:
            texts[f"walk-in {cat}"] = text_of(find(f"walkin_priority_{cat}"))
            texts[f"take a number {cat}"] = text_of(find(f"take_priority_{cat}"))
        for sid in services:
            texts[f"walk-in {sid}"] = text_of(find(f"walkin_service_{sid}"))
            texts[f"take a number {sid}"] = text_of(find(f"take_service_{sid}"))
        line = shell.queue.console.line
        texts["the line"] = " | ".join(line.item(i).text() for i in range(line.count()))
        for what, text in texts.items():
            assert not looks_like_a_key(text, what.split()[-1]), (lang, what, text)
        seen[lang] = texts

    for lang in ("en", "ar"):
        same = [w for w, text in seen[lang].items() if text == seen["vi"][w]]
        assert same == [], f"{lang} shows Vietnamese for {same}"
    # The line names each waiting person's group in the volunteer's language.
    for lang in LANGS:
        for cat in PRIORITY_CATEGORIES:
            assert seen[lang][f"walk-in {cat}"] in seen[lang]["the line"], (lang, cat)
