"""Errors a person can act on: a catalog key for what happened and what to do next.

A core action raises :class:`ActionError` when it knows what the person should be told;
any other failure is shown with the calm general message (``notice.failed``).
"""

from __future__ import annotations

from typing import Any

from kiosk.i18n import translate


class ActionError(Exception):
    """A failure with its message in the catalogs (``key``, filled from ``fields``)."""

    def __init__(self, key: str, detail: str = "", **fields: Any) -> None:
        super().__init__(detail or key)
        self.key, self.fields = key, fields

    def message(self, lang: str) -> str:
        return translate(self.key, lang, **self.fields)


def message_for(exc: BaseException, lang: str) -> str:
    """What to tell the person about ``exc``, in ``lang``: what happened, that nothing
    saved was lost, and what to do next."""
    if isinstance(exc, ActionError):
        return exc.message(lang)
    if isinstance(exc, OSError):
        return translate("notice.failed_device", lang)
    return translate("notice.failed", lang)
