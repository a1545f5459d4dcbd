"""The export chores on the command line, on a real settings file and database."""

from __future__ import annotations

from kiosk import cli
from kiosk.export.keys import fingerprint
from kiosk.queue.tickets import issue_ticket
from kiosk.storage import open_database
from kiosk.storage.models import Visit


def test_key_usb_status_and_purge_chores(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    settings = tmp_path / "settings.toml"
    settings.write_text(
        f'[storage]\ndatabase_url = "{url}"\n[point]\nkiosk_id = "k-test"\n'
        '[export]\ncollector_url = "http://example.org"\n',
        encoding="utf-8",
    )
    args = ["--settings", str(settings), "export"]

    assert cli.main([*args, "key"]) == 0
    out = capsys.readouterr().out
    public = out.split("public key:")[1].split()[0]
    assert "kiosk id:    k-test" in out and fingerprint(public) in out
    assert cli.main([*args, "key"]) == 0 and public in capsys.readouterr().out  # same key

    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli.main([*args, "usb", str(stick)]) == 0
    assert capsys.readouterr().out.strip() == "nothing new to export"
    db = open_database(url)
    ticket = issue_ticket(db, ["vneid"])
    with db.session() as s:
        s.get(Visit, ticket.visit_id).finished_at = db.clock.now()
    db.dispose()
    assert cli.main([*args, "usb", str(tmp_path / "no-such-stick")]) == 1
    assert "nothing was marked exported" in capsys.readouterr().err
    assert cli.main([*args, "usb", str(stick)]) == 0
    assert "with 1 visits" in capsys.readouterr().out
    assert [p.name.startswith("LOG_k-test_") for p in stick.iterdir()] == [True]

    # An http address that is not this machine is refused: the outbox stays unset.
    assert cli.main([*args, "status"]) == 0
    captured = capsys.readouterr()
    assert "collector: (not set)" in captured.out
    assert "must start with https://" in captured.err
    assert cli.main([*args, "purge"]) == 0
    assert "erased from 0 visits" in capsys.readouterr().out
