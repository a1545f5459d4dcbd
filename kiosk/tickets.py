"""Kept so older imports work; tickets now live in :mod:`kiosk.queue.tickets`."""

from kiosk.queue.tickets import (  # noqa: F401
    AGE_BANDS,
    CODE_ALPHABET,
    CODE_LENGTH,
    HANOI,
    IssuedTicket,
    find_by_code,
    issue_ticket,
    local_day,
    new_follow_up_code,
    normalise_code,
    ticket_label,
)
