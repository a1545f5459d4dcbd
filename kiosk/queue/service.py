"""The queue's actions: one function per volunteer or citizen action, each returning what
changed (:class:`Change`), each written to the ticket's history and to the audit trail
with the volunteer's id, each in one short transaction.

Screens listen to :attr:`QueueService.changed` (re-emitted as a Qt signal by the ui
layer) and refresh from the change they are given.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Date, Integer, String, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from kiosk.events import Event
from kiosk.queue.estimate import (
    ACTIVE_DESK_MINUTES,
    RECENT_HOURS,
    RECENT_SERVICES,
    Served,
    ServiceTimes,
    WaitRange,
    estimate,
)
from kiosk.queue.model import (  # noqa: F401  (re-exported for older imports)
    HANOI,
    OUTCOMES,
    UNDO_SECONDS,
    Board,
    Change,
    ConsoleView,
    DeskView,
    Issued,
    QueueError,
    UndoError,
    WaitingItem,
)
from kiosk.queue.policy import Candidate, Choice, Policy, SettingsReader, call_order, choose
from kiosk.queue.states import AT_DESK, Action, IllegalTransition, State, next_state
from kiosk.queue.tickets import find_by_code, issue_ticket, local_day
from kiosk.storage import Database
from kiosk.storage.models import AuditEvent, QueueEvent, UTCDateTime, Visit

# The visit fields an action may change; undo puts them back.
SNAPSHOT_FIELDS = (
    "state",
    "desk",
    "volunteer_id",
    "called_at",
    "serving_at",
    "finished_at",
    "queued_at",
    "recalls",
    "outcome",
    "note",
)


# Statements built once: calling and issuing run often and must stay well under 5 ms.
_GET = select(
    Visit.id,
    Visit.ticket,
    Visit.priority,
    Visit.follow_up_code,
    *[getattr(Visit, f) for f in SNAPSHOT_FIELDS],
).where(Visit.id == bindparam("vid"))
_UPDATE = update(Visit).where(Visit.id == bindparam("vid"))
_NEW_EVENT = insert(QueueEvent).returning(QueueEvent.id)
_NEW_AUDIT = insert(AuditEvent)
_STREAK = (
    select(QueueEvent.action, QueueEvent.priority)
    .where(QueueEvent.action.in_(("call", "undo_call")), QueueEvent.at >= bindparam("since"))
    .order_by(QueueEvent.id.desc())
    .limit(bindparam("cap"))
)


class QueueService:
    """The walk-in queue of this kiosk, for the current day."""

    def __init__(
        self,
        db: Database | Callable[[], Database],
        settings: SettingsReader,
        *,
        changed: Event[Change] | None = None,
    ) -> None:
        # ``db`` may be a function giving the database, so the kiosk can build this at
        # start while the database is still being opened. ``changed`` may be made by the
        # caller, so listeners can subscribe before the service exists.
        self._db = db
        self.settings = settings
        self.changed: Event[Change] = changed if changed is not None else Event()

    @property
    def db(self) -> Database:
        return self._db() if callable(self._db) else self._db

    # -- settings -------------------------------------------------------------------
    def _s(self, key: str) -> Any:
        return self.settings[f"queue.{key}"]

    @property
    def policy(self) -> Policy:
        return Policy.from_settings(self.settings)

    @property
    def desks(self) -> int:
        return int(self._s("desks"))

    @property
    def categories(self) -> list[str]:
        return list(self._s("priority_categories"))

    def _check_desk(self, desk: int) -> None:
        if not 1 <= desk <= self.desks:
            raise QueueError(f"there is no desk {desk} (desks 1 to {self.desks})")

    def _day_start(self) -> datetime:
        day = local_day(self.db)
        return datetime.combine(day, time(0), HANOI).astimezone(UTC)

    # -- issuing --------------------------------------------------------------------
    def issue(
        self,
        services: Iterable[str],
        *,
        priority: str | None = None,
        age_band: str | None = None,
        language: str = "vi",
        consent: bool = False,
        name: str | None = None,
        phone: str | None = None,
        previous_visit_id: int | None = None,
        volunteer_id: int | None = None,
        rng: random.Random | None = None,
    ) -> Change:
        """A new ticket at the back of the line (a walk-in added by a volunteer, or a
        citizen taking a number)."""
        services = list(services)
        if not services:
            raise QueueError("choose at least one service")
        if priority is not None and priority not in self.categories:
            raise QueueError(f"unknown priority category {priority!r}")
        t = issue_ticket(
            self.db,
            services,
            priority=priority,
            age_band=age_band,
            language=language,
            rng=rng,
            consent=consent,
            name=name,
            phone=phone,
            previous_visit_id=previous_visit_id,
            volunteer_id=volunteer_id,
        )
        change = Change(
            Action.ISSUE,
            t.visit_id,
            t.ticket,
            None,
            State.WAITING,
            None,
            self.db.clock.now(),
            volunteer_id,
            t.event_id,
            None,
            t.follow_up_code,
        )
        self.changed.emit(change)
        return change

    def take_number(
        self,
        services: Iterable[str],
        *,
        priority: str | None = None,
        age_band: str | None = None,
        language: str = "vi",
    ) -> Issued:
        """A citizen takes a number at the kiosk: the ticket, and the wait to expect."""
        change = self.issue(services, priority=priority, age_band=age_band, language=language)
        return Issued(change, self.estimate_for(change.visit_id))

    def self_guided(self, services: Iterable[str], *, language: str = "vi") -> Change:
        """A visit already over, for a citizen who went through a guide on their own and
        asks for the follow-up slip: it has a number and a follow-up code for next time,
        but never joins the line (and, taking no time, does not move the wait estimates)."""
        services = list(services)
        if not services:
            raise QueueError("choose at least one service")
        t = issue_ticket(self.db, services, language=language, self_guided=True)
        change = Change(
            "self_guided",
            t.visit_id,
            t.ticket,
            None,
            State.DONE,
            None,
            self.db.clock.now(),
            None,
            t.event_id,
            None,
            t.follow_up_code,
        )
        self.changed.emit(change)
        return change

    # -- the generic step -----------------------------------------------------------
    def _load(self, conn: Connection, visit_id: int) -> SimpleNamespace:
        row = conn.execute(_GET, {"vid": visit_id}).mappings().first()
        if row is None:
            raise QueueError(f"no ticket with id {visit_id}")
        return SimpleNamespace(**row)

    def _step(
        self,
        conn: Connection,
        v: SimpleNamespace,
        action: Action,
        volunteer_id: int | None,
        desk: int | None = None,
        apply: Any = None,
        reason: str = "",
    ) -> Change:
        target = next_state(v.ticket, v.state, action)  # raises before anything changes
        snap = {f: getattr(v, f) for f in SNAPSHOT_FIELDS}
        snap["outcome"] = list(v.outcome or [])
        before = v.state
        now = self.db.clock.now()
        v.state = target.value
        if apply is not None:
            apply(v, now)
        if volunteer_id is not None and target in AT_DESK | {State.DONE, State.ON_HOLD}:
            v.volunteer_id = volunteer_id
        conn.execute(_UPDATE, {"vid": v.id, **{f: getattr(v, f) for f in SNAPSHOT_FIELDS}})
        at_desk = v.desk if desk is None else desk
        event_id = conn.execute(
            _NEW_EVENT,
            {
                "visit_id": v.id,
                "at": now,
                "action": action.value,
                "from_state": before,
                "to_state": target.value,
                "desk": at_desk,
                "priority": v.priority is not None,
                "volunteer_id": volunteer_id,
            },
        ).scalar_one()
        where = f" desk {at_desk}" if at_desk else ""
        conn.execute(
            _NEW_AUDIT,
            {
                "at": now,
                "kiosk_id": self.db.kiosk_id,
                "volunteer_id": volunteer_id,
                "action": f"queue_{action.value}",
                "detail": f"{v.ticket} #{v.id} {before}->{target.value}{where}",
            },
        )
        return Change(
            action,
            v.id,
            v.ticket,
            before,
            target.value,
            at_desk,
            now,
            volunteer_id,
            event_id,
            snap,
            v.follow_up_code,
            reason,
        )

    def _act(
        self,
        visit_id: int,
        action: Action,
        volunteer_id: int | None,
        desk: int | None = None,
        apply: Any = None,
    ) -> Change:
        with self.db.session() as s:
            conn = s.connection()
            change = self._step(conn, self._load(conn, visit_id), action, volunteer_id, desk, apply)
        self.changed.emit(change)
        return change

    # -- desk actions ---------------------------------------------------------------
    def call_next(self, desk: int, volunteer_id: int | None = None) -> Change | None:
        """Call the next ticket to ``desk`` by the fair policy; None when nobody waits."""
        self._check_desk(desk)
        with self.db.session() as s:
            conn = s.connection()
            choice = self._choose(conn, desk)
            if choice is None:
                return None
            v = self._load(conn, choice.candidate.visit_id)
            change = self._step(
                conn,
                v,
                Action.CALL,
                volunteer_id,
                desk,
                lambda v, now: self._called(v, now, desk),
                choice.reason,
            )
        self.changed.emit(change)
        return change

    @staticmethod
    def _called(v: Any, now: datetime, desk: int) -> None:
        v.desk = desk
        v.called_at = v.called_at or now  # the first call: waits are measured to it

    def call(self, visit_id: int, desk: int, volunteer_id: int | None = None) -> Change:
        """Call one particular waiting ticket to ``desk`` (out of turn)."""
        self._check_desk(desk)
        return self._act(
            visit_id, Action.CALL, volunteer_id, desk, lambda v, now: self._called(v, now, desk)
        )

    def recall(self, visit_id: int, volunteer_id: int | None = None) -> Change:
        def apply(v: Any, now: datetime) -> None:
            v.recalls = (v.recalls or 0) + 1

        return self._act(visit_id, Action.RECALL, volunteer_id, apply=apply)

    def start(self, visit_id: int, volunteer_id: int | None = None) -> Change:
        """The citizen has reached the desk."""

        def apply(v: Any, now: datetime) -> None:
            v.serving_at = now

        return self._act(visit_id, Action.START, volunteer_id, apply=apply)

    def hold(self, visit_id: int, volunteer_id: int | None = None) -> Change:
        """Pause a ticket (the citizen waits for an SMS, fetches a paper...); the desk is
        free for the next person meanwhile."""
        return self._act(visit_id, Action.HOLD, volunteer_id)

    def resume(self, visit_id: int, desk: int, volunteer_id: int | None = None) -> Change:
        self._check_desk(desk)

        def apply(v: Any, now: datetime) -> None:
            v.desk = desk
            v.serving_at = v.serving_at or now

        return self._act(visit_id, Action.RESUME, volunteer_id, desk, apply)

    def transfer(self, visit_id: int, desk: int, volunteer_id: int | None = None) -> Change:
        """Send a ticket to the front of ``desk``'s line."""
        self._check_desk(desk)

        def apply(v: Any, now: datetime) -> None:
            if v.desk == desk:
                raise QueueError(f"ticket {v.ticket} is already at desk {desk}")
            v.desk = desk

        return self._act(visit_id, Action.TRANSFER, volunteer_id, desk, apply)

    def no_show(self, visit_id: int, volunteer_id: int | None = None) -> Change:
        return self._act(visit_id, Action.NO_SHOW, volunteer_id)

    def rejoin(self, visit_id: int, volunteer_id: int | None = None) -> Change:
        """A no-show is back: same number, at the back of the line from now."""

        def apply(v: Any, now: datetime) -> None:
            v.desk = None
            v.queued_at = now

        return self._act(visit_id, Action.REJOIN, volunteer_id, apply=apply)

    def finish(
        self,
        visit_id: int,
        outcome: Sequence[str] = (),
        note: str = "",
        volunteer_id: int | None = None,
    ) -> Change:
        """Done, with what was achieved (a checklist of :data:`OUTCOMES`) and a note."""
        unknown = [o for o in outcome if o not in OUTCOMES]
        if unknown:
            raise QueueError(f"unknown outcome {unknown[0]!r}")

        def apply(v: Any, now: datetime) -> None:
            v.serving_at = v.serving_at or now
            v.finished_at = now
            v.outcome = list(dict.fromkeys(outcome))
            v.note = note.strip()[:500]

        return self._act(visit_id, Action.FINISH, volunteer_id, apply=apply)

    def cancel(self, visit_id: int, volunteer_id: int | None = None) -> Change:
        return self._act(visit_id, Action.CANCEL, volunteer_id)

    def undo(self, change: Change, volunteer_id: int | None = None) -> Change:
        """Take back ``change`` within :data:`UNDO_SECONDS`, if nothing happened since."""
        now = self.db.clock.now()
        if now > change.undo_until:
            raise UndoError(
                f"more than {UNDO_SECONDS} seconds have passed; "
                "change the ticket with the desk buttons instead"
            )
        with self.db.session() as s:
            v = s.get(Visit, change.visit_id)
            last = s.scalars(
                select(QueueEvent)
                .where(QueueEvent.visit_id == change.visit_id)
                .order_by(QueueEvent.id.desc())
            ).first()
            if v is None or last is None or last.id != change.event_id:
                raise UndoError(f"ticket {change.ticket} has changed since; nothing undone")
            before = v.state
            if change.snapshot is None:  # undoing a new ticket: cancel it, number kept
                v.state = State.CANCELLED
            else:
                for k, val in change.snapshot.items():
                    setattr(v, k, val)
            # "undo_call" etc.: the history says what was taken back.
            ev = QueueEvent(
                visit_id=v.id,
                at=now,
                action=f"undo_{change.action}"[:16],
                from_state=before,
                to_state=v.state,
                desk=v.desk,
                priority=v.priority is not None,
                volunteer_id=volunteer_id,
            )
            s.add(ev)
            s.add(
                AuditEvent(
                    at=now,
                    kiosk_id=self.db.kiosk_id,
                    volunteer_id=volunteer_id,
                    action="queue_undo",
                    detail=f"{v.ticket} #{v.id} {change.action} {before}->{v.state}",
                )
            )
            s.flush()
            result = Change(
                Action.UNDO,
                v.id,
                v.ticket,
                before,
                v.state,
                v.desk,
                now,
                volunteer_id,
                ev.id,
                None,
                v.follow_up_code,
                change.action,
            )
        self.changed.emit(result)
        return result

    # -- choosing -------------------------------------------------------------------
    # One statement for the three heads of the line: the choice costs the same with ten
    # or ten thousand tickets waiting (each head is one step down the ix_visit_line index).
    _HEADS = (
        text(
            "SELECT * FROM (SELECT 't' AS k, id, queued_at, priority FROM visit"
            " WHERE state = 'waiting' AND day = :day AND desk = :desk"
            " ORDER BY queued_at, id LIMIT 1)"
            " UNION ALL SELECT * FROM (SELECT 'p', id, queued_at, priority FROM visit"
            " WHERE state = 'waiting' AND day = :day AND desk IS NULL AND priority IS NOT NULL"
            " ORDER BY queued_at, id LIMIT 1)"
            " UNION ALL SELECT * FROM (SELECT 'n', id, queued_at, priority FROM visit"
            " WHERE state = 'waiting' AND day = :day AND desk IS NULL AND priority IS NULL"
            " ORDER BY queued_at, id LIMIT 1)"
        )
        .bindparams(bindparam("day", type_=Date), bindparam("desk", type_=Integer))
        .columns(k=String, id=Integer, queued_at=UTCDateTime(), priority=String)
    )

    def priority_streak(self, s: Session | Connection) -> int:
        """How many priority tickets were called in a row just now (today)."""
        rows = s.execute(
            _STREAK, {"since": self._day_start(), "cap": 3 * self.policy.max_priority_in_a_row + 3}
        ).all()
        streak = taken_back = 0
        for action, priority in rows:
            if action == "undo_call":  # that call did not happen after all
                taken_back += 1
            elif taken_back:
                taken_back -= 1
            elif priority:
                streak += 1
            else:
                break
        return streak

    def _choose(self, s: Connection, desk: int) -> Choice | None:
        heads: dict[str, Candidate] = {}
        for row in s.execute(self._HEADS, {"day": local_day(self.db), "desk": desk}):
            heads[row.k] = Candidate(row.id, row.queued_at, row.priority is not None)
        return choose(
            now=self.db.clock.now(),
            policy=self.policy,
            transferred=heads.get("t"),
            oldest_priority=heads.get("p"),
            oldest_normal=heads.get("n"),
            priority_streak=self.priority_streak(s),
        )

    # -- reading --------------------------------------------------------------------
    def waiting(self, limit: int = 200) -> list[WaitingItem]:
        """The waiting line in the order the policy would call it (for a free desk)."""
        now = self.db.clock.now()
        with self.db.session() as s:
            rows = s.scalars(
                select(Visit)
                .where(Visit.state == State.WAITING, Visit.day == local_day(self.db))
                .order_by(Visit.queued_at, Visit.id)
                .limit(limit)
            ).all()
            streak = self.priority_streak(s)
        items = []
        for v in call_order(rows, now, self.policy, streak):
            assert v.queued_at is not None, "a waiting ticket has a time it joined the line"
            items.append(
                WaitingItem(
                    v.id,
                    v.ticket,
                    v.priority,
                    tuple(x.service_id for x in v.services),
                    int((now - v.queued_at).total_seconds() // 60),
                    v.desk,
                    v.follow_up_code,
                )
            )
        return items

    def at_desk(self, desk: int) -> DeskView:
        """Who is at ``desk``: the latest called, with anyone else still there in
        ``others``."""
        with self.db.session() as s:
            here = list(
                s.scalars(
                    select(Visit)
                    .where(
                        Visit.day == local_day(self.db),
                        Visit.desk == desk,
                        Visit.state.in_([st.value for st in AT_DESK]),
                    )
                    .order_by(Visit.id.desc())
                )
            )
            if not here:
                return DeskView(desk, None, None, None)
            views = [
                DeskView(
                    desk,
                    v.id,
                    v.ticket,
                    v.state,
                    v.priority,
                    tuple(x.service_id for x in v.services),
                )
                for v in here
            ]
            return replace(views[0], others=tuple(views[1:]))

    def console_view(self, desk: int | None) -> ConsoleView:
        """Everything the volunteer console shows, for the volunteer at ``desk``."""
        return ConsoleView(
            self.waiting(),
            self.at_desk(desk) if desk else None,
            self.on_hold(),
            self.no_shows(),
            self.estimate_new(),
        )

    def on_hold(self) -> list[tuple[int, str]]:
        with self.db.session() as s:
            return [
                (v.id, v.ticket)
                for v in s.scalars(
                    select(Visit)
                    .where(Visit.state == State.ON_HOLD, Visit.day == local_day(self.db))
                    .order_by(Visit.id)
                )
            ]

    def no_shows(self) -> list[tuple[int, str]]:
        with self.db.session() as s:
            return [
                (v.id, v.ticket)
                for v in s.scalars(
                    select(Visit)
                    .where(Visit.state == State.NO_SHOW, Visit.day == local_day(self.db))
                    .order_by(Visit.id.desc())
                    .limit(20)
                )
            ]

    def get(self, visit_id: int) -> Visit | None:
        with self.db.session() as s:
            return s.get(Visit, visit_id)

    def history(self, code: str) -> list[Visit]:
        """A returning person's visits, newest first, from a typed or scanned code."""
        return find_by_code(self.db, code)

    def board(self, next_count: int = 5) -> Board:
        desks = tuple(self.at_desk(d) for d in range(1, self.desks + 1))
        with self.db.session() as s:
            ev = s.scalars(
                select(QueueEvent)
                .where(
                    QueueEvent.action.in_((Action.CALL.value, Action.RECALL.value)),
                    QueueEvent.at >= self._day_start(),
                )
                .order_by(QueueEvent.id.desc())
            ).first()
            newest = None
            if ev is not None:
                v = s.get(Visit, ev.visit_id)
                if v is not None and v.state == State.CALLED:
                    newest = (v.ticket, ev.desk or 0)
        line = self.waiting()
        return Board(
            desks,
            newest,
            tuple(w.ticket for w in line[:next_count]),
            len(line),
            self.estimate_new(),
        )

    # -- estimates ------------------------------------------------------------------
    def service_times(self) -> ServiceTimes:
        now = self.db.clock.now()
        with self.db.session() as s:
            rows = s.scalars(
                select(Visit)
                .where(
                    Visit.state == State.DONE,
                    Visit.finished_at >= now - timedelta(hours=RECENT_HOURS),
                )
                .order_by(Visit.finished_at.desc())
                .limit(RECENT_SERVICES * 4)
            ).all()
            served = [
                Served(
                    tuple(x.service_id for x in v.services),
                    (v.finished_at - (v.serving_at or v.called_at or v.created_at)).total_seconds()
                    / 60,
                    v.finished_at,
                )
                for v in rows
                if v.finished_at is not None
            ]
        # A finish tapped by mistake right after the call says nothing about the work.
        served = [x for x in served if x.minutes >= 0.5]
        return ServiceTimes(served, self._s("default_service_minutes"))

    def active_desks(self) -> int:
        now = self.db.clock.now()
        with self.db.session() as s:
            recent = set(
                s.scalars(
                    select(QueueEvent.desk).where(
                        QueueEvent.at >= now - timedelta(minutes=ACTIVE_DESK_MINUTES),
                        QueueEvent.desk.is_not(None),
                        QueueEvent.action.in_(("call", "recall", "start", "resume", "finish")),
                    )
                )
            )
        return len(recent) or self.desks

    def _in_service(self, s: Session, now: datetime) -> list[tuple[tuple[str, ...], float]]:
        busy = s.scalars(
            select(Visit).where(
                Visit.day == local_day(self.db), Visit.state.in_([x.value for x in AT_DESK])
            )
        )
        return [
            (
                tuple(x.service_id for x in v.services),
                (now - (v.serving_at or v.called_at or now)).total_seconds() / 60,
            )
            for v in busy
        ]

    def estimate_for(self, visit_id: int) -> WaitRange | None:
        """The wait still ahead of a waiting ticket; None when it is not waiting."""
        line = self.waiting(limit=10_000)
        ids = [w.visit_id for w in line]
        if visit_id not in ids:
            return None
        ahead = [w.services for w in line[: ids.index(visit_id)]]
        return self._estimate(ahead)

    def estimate_new(self) -> WaitRange:
        """The wait for someone taking a number now (at the back of the line)."""
        return self._estimate([w.services for w in self.waiting(limit=10_000)])

    def _estimate(self, ahead: list[tuple[str, ...]]) -> WaitRange:
        now = self.db.clock.now()
        with self.db.session() as s:
            in_service = self._in_service(s, now)
        return estimate(
            ahead=ahead,
            in_service=in_service,
            desks=self.active_desks(),
            times=self.service_times(),
        )


__all__ = [
    "Board",
    "Change",
    "DeskView",
    "IllegalTransition",
    "OUTCOMES",
    "QueueError",
    "QueueService",
    "UndoError",
    "WaitingItem",
    "call_order",
]
