from __future__ import annotations


def test_shell_starts_on_home(shell) -> None:  # type: ignore[no-untyped-def]
    assert shell.window.current == "home"
