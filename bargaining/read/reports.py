"""Reports from the read models: the board, deadlines, statistics, timelines, and rebuilds.

Every report first makes sure the views have seen every recorded event (a pull catch-up).
When they have, nothing heavier than sqlite3 is imported; rates are computed from counts
by the declared formulas (DOMAIN.md B10), never stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from bargaining.contexts import opened
from bargaining.errors import InvalidValueError, NotFoundError, StoreError, shown
from bargaining.store.location import Store
from bargaining.vocabulary import STAGES
from domain.i18n import N_, _, language, pgettext
from projections import readers
from projections.labels import detail, label

Row = dict[str, Any]
APPS = ("Negotiations", "Mediation")
CONTRACT_CONTEXTS = ("negotiation", "contract")

HANDLING_RATE = N_("handling rate (调处率) = closed / (carried over + accepted)")
SUCCESS_RATE = N_("success rate (调解成功率) = succeeded / closed")
BY_OUTCOME = N_(
    "by outcome: the cases closed in the period with that outcome, their workers involved"
    " (人次) and amounts claimed; a case deemed failed counts as failed"
)
OUTCOMES = ("succeeded", "failed", "withdrawn", "referred")
RENEWAL_RATE = N_("renewal rate (续签率) = renewed / expiring in the period")
FILED_ON_TIME = N_("filed on time = submitted by the governing filing deadline")
STATUSES = STAGES
ATTENTION_DAYS = 30  # the attention board's default window: what falls due within a month
MAX_WITHIN = 36500


def _sum_groups(groups: list[Row]) -> Row:
    """The total row from the group rows: every column is a count or a sum."""
    total: Row = {"grp": "all"}
    for g in groups:
        for key, value in g.items():
            if key != "grp":
                total[key] = (total.get(key) or 0) + (value or 0)
    return total


# Rates, sums of money and averages are worked out from whole numbers (counts, fen, days) in
# integer arithmetic: exact, as Decimal would be, without importing decimal into every report.


def _tenths(numerator: int, denominator: int, *, half_even: bool = False) -> str:
    """numerator / denominator (both >= 0, denominator > 0) to one decimal place, rounded half
    up (half to even with ``half_even``), as Decimal's quantize rounds."""
    tenths, left = divmod(numerator * 10, denominator)
    if left * 2 > denominator or (left * 2 == denominator and not (half_even and tenths % 2 == 0)):
        tenths += 1
    return f"{tenths // 10}.{tenths % 10}"


def rate(numerator: int, denominator: int) -> str | None:
    """A percentage with one decimal place, half up; None when there is nothing to divide by."""
    if not denominator:
        return None
    return f"{_tenths(numerator * 100, denominator)}%"


def yuan(fen: int | None) -> str:
    """Fen as yuan with two decimal places, exactly."""
    whole, cents = divmod(abs(fen or 0), 100)
    return f"{'-' if (fen or 0) < 0 else ''}{whole}.{cents:02d}"


def _late(steps: str | None) -> list[Row]:
    """The board's record of steps met late (projections.folds.late_steps), as rows."""
    if not steps:
        return []
    import orjson  # only a row with late steps pays for it

    return [{"deadline": key, "late_by_days": days} for key, days in orjson.loads(steps)]


def _vote_text(outcome: str, verified: bool) -> str:
    """The board's vote: its outcome, and whether the tally was recorded."""
    word = pgettext("outcome", outcome)
    return word if verified else _("{outcome} (tally not recorded)").format(outcome=word)


def spoken(views: Any, rows: list[Row]) -> list[Row]:
    """Board rows whose deadlines the agreements view holds (in English: ``runner.in_english``)
    with each deadline's label and rule in the reader's language: worked out again from the
    row's dates, as the view worked them out. English, the view's own words, costs nothing."""
    if language() == "en":
        return rows
    wanted = [r["reference"] for r in rows if r["deadlines"]]
    if not wanted:
        return rows
    from projections.folds import agreement_deadlines

    whole = readers.agreement_rows(views, wanted)
    for r in rows:
        if not r["deadlines"]:
            continue
        again = agreement_deadlines(whole[r["reference"]]) if r["reference"] in whole else []
        for i, d in enumerate(r["deadlines"]):
            twin = again[i] if i < len(again) else None
            if twin is not None and (twin["key"], twin["due"]) == (d["key"], d["due"]):
                d["label"], d["rule"] = twin["label"], twin["rule"]
            else:
                d["label"] = _(d["label"])
    return rows


def _iso(value: date | None, fallback: date) -> str:
    return (value or fallback).isoformat()


class ReportService:
    def __init__(self, store: Store, today: date) -> None:
        self.store = store
        self.today = today
        self.views = store.views_at(APPS)

    # ------------------------------------------------------------------ freshness

    def refresh(self, progress: Callable[[int], None] | None = None) -> int:
        """Catch every view up with the event stores; cheap when nothing new was recorded."""
        try:
            stale = readers.stale(self.views)
        except ConnectionError as error:  # a PostgreSQL server that does not answer
            raise StoreError("store", str(error)) from None
        if not stale:
            return 0
        return self._catch_up(progress, names=())

    def _catch_up(
        self, progress: Callable[[int], None] | None, names: tuple[str, ...], reset: bool = False
    ) -> int:
        from bargaining.read import catchup

        with opened(self.store) as apps:
            return catchup.catch_up(apps, self.store, names, reset=reset, progress=progress)

    def case_references(self, body: str = "") -> set[str]:
        """Every case's reference in the store (``body``: that body's), from the read model
        brought up to date."""
        self.refresh()
        return readers.case_references(self.views, body or None)

    def agreement_references(self) -> set[str]:
        """Every negotiation's and contract's reference, from the read model brought up to date."""
        self.refresh()
        return readers.agreement_references(self.views)

    def body_names(self) -> dict[str, str]:
        """Every mediation body's name by reference, from the read model brought up to date."""
        self.refresh()
        return readers.body_names(self.views)

    def known_body(self, body: str, field: str) -> str:
        """The reference of the mediation body ``body`` names (its reference, any case, or its
        exact name); an error naming ``field`` when there is none."""
        names = self.body_names()
        wanted = body.strip()
        for reference, name in names.items():
            if wanted.casefold() in (reference.casefold(), (name or "").casefold()):
                return reference
        raise NotFoundError(
            field,
            _("no such mediation body: {body}; 'bargaining body list' shows them").format(body=shown(wanted)),
        )

    def close_days(self, *, start: date, end: date, body: str = "") -> list[tuple[int, int]]:
        """(days from acceptance to close, cases) for the cases closed in the period."""
        self.refresh()
        only = self.known_body(body, "report.body") if body else None
        return readers.close_days(
            self.views, start.isoformat(), end.isoformat(), self.today.isoformat(), only
        )

    def period_cases(self, *, start: date, end: date, body: str = "") -> list[Row]:
        """The cases in mediation at some time in the period (received by its end, not closed
        or declined before its start), by the day received; ``body``: one body's."""
        self.refresh()
        only = self.known_body(body, "report.body") if body else None
        return readers.period_cases(self.views, start.isoformat(), end.isoformat(), only)

    def period_agreements(self, *, start: date, end: date) -> list[Row]:
        """The negotiations and contracts with a step recorded in the period (opening, request,
        reply, a round, draft, vote, signing, filing, receipt, objection, publication, renewal,
        termination), with their status today. A contract that only ran on or expired, or a
        negotiation with no step in the period, is not one: the contracts chart counts
        expiries, and the attention board lists what waits."""
        self.refresh()
        first, last, today = start.isoformat(), end.isoformat(), self.today.isoformat()
        return [
            readers.with_status(r, today)
            for r in readers.agreements(self.views)
            if r["opened_on"] <= last
            # negotiating in the period: a round (only the last is in the view) may fall in it
            and (
                max(r[key] or "" for key in NEGOTIATION_DATES) >= first
                or any(first <= (r[key] or "") <= last for key in CONTRACT_DATES)
            )
        ]

    def contract_quarters(self, *, start: date, end: date) -> list[Row]:
        """``contract_stats`` by calendar quarter of the period, every kind together: each
        quarter's signings, filings on time and late, expiries and renewals, and the contracts
        in force at its end (or today, if sooner)."""
        self.refresh()
        today = self.today.isoformat()
        rows = [readers.with_status(r, today) for r in readers.agreements(self.views)]
        found = []
        year, quarter = start.year, (start.month - 1) // 3
        while date(year, quarter * 3 + 1, 1) <= end:
            first = date(year, quarter * 3 + 1, 1)
            following = date(year + (quarter == 3), (quarter + 1) % 4 * 3 + 1, 1)
            last = min(following - timedelta(days=1), end)
            counts = contract_counts(
                rows, max(first, start).isoformat(), last.isoformat(), min(last.isoformat(), today)
            )
            found.append(
                {
                    "quarter": f"{year}-Q{quarter + 1}",
                    **{key: sum(k[key] for k in counts.values()) for key in CONTRACT_COUNTS},
                }
            )
            year, quarter = following.year, (following.month - 1) // 3
        return found

    def agreement_rows(self) -> list[Row]:
        """Every negotiation's and contract's board row, by reference."""
        self.refresh()
        return readers.agreements(self.views)

    def case_rows(self) -> list[Row]:
        """Every case's row of the read model brought up to date, by reference."""
        self.refresh()
        return readers.cases(self.views)

    def case_ledger_rows(self) -> list[Row]:
        """Every case's row with the texts a ledger carries (mediator, terms, facts), by reference."""
        self.refresh()
        return readers.case_ledger(self.views)

    def backlog(self) -> int:
        """Notifications the views have not seen (for a progress bar)."""
        last = readers.last_positions(self.views)
        return sum(last.values())

    def rebuild(self, projection: str = "", progress: Callable[[int], None] | None = None) -> int:
        """Reset one read model (or all) and replay every event into it."""
        known = tuple(readers.FOLLOWS)
        if projection and projection not in known:
            raise InvalidValueError(
                "rebuild.projection",
                _("{value} is not one of: {choices}").format(
                    value=shown(projection), choices=", ".join(known)
                ),
            )
        return self._catch_up(progress, names=(projection,) if projection else (), reset=True)

    # --------------------------------------------------------------------- reports

    def board(
        self, *, stage: str = "", employer: str = "", kind: str = "", as_of: date | None = None
    ) -> list[Row]:
        """Every negotiation and contract, by reference, with its stage and next deadline."""
        employer = self._board_filters(stage, employer)
        day = _iso(as_of, self.today)
        if as_of is None:
            rows = spoken(
                self.views, readers.board(self.views, day, kind=kind or None, employer=employer or None)
            )
        else:
            rows = self._board_as_of(day, kind, employer)
        if stage:
            rows = [r for r in rows if r["status"] == stage]
        return [self._board_row(r, day) for r in rows]

    def attention(
        self,
        *,
        within: int = ATTENTION_DAYS,
        stage: str = "",
        employer: str = "",
        kind: str = "",
        as_of: date | None = None,
    ) -> Row:
        """What needs attention: negotiations not yet concluded, contracts awaiting filing or
        review, and anything whose next deadline is overdue or within ``within`` days; the
        soonest deadline first. ``more`` counts, by stage, the rows it leaves out."""
        if not 0 <= within <= MAX_WITHIN:
            raise InvalidValueError(
                "board.within",
                _("{value} must be a whole number of days, 0 to {most}").format(
                    value=within, most=MAX_WITHIN
                ),
            )
        employer = self._board_filters(stage, employer)
        day = _iso(as_of, self.today)
        until = (date.fromisoformat(day) + timedelta(days=within)).isoformat()
        if as_of is None:
            rows, more = readers.attention(
                self.views, day, until, kind=kind or None, employer=employer or None, stage=stage or None
            )
            spoken(self.views, rows)
        else:
            every = [r for r in self._board_as_of(day, kind, employer) if not stage or r["status"] == stage]
            rows, more = [], {}
            for r in every:
                if readers.needs_attention(r, until):
                    rows.append(r)
                else:
                    more[r["status"]] = more.get(r["status"], 0) + 1
            rows.sort(key=readers.by_next_deadline)
        return {
            "as_of": day,
            "within": within,
            "until": until,
            "rows": [self._board_row(r, day) for r in rows],
            "more": {status: more[status] for status in STATUSES if more.get(status)},
        }

    def _board_filters(self, stage: str, employer: str) -> str:
        """The board's filters checked (the employer's name cleaned), and the views caught up."""
        if stage and stage not in STATUSES:
            raise InvalidValueError(
                "board.stage",
                _("{value} is not one of: {choices}").format(value=shown(stage), choices=", ".join(STATUSES)),
            )
        if employer:
            from domain.values import clean_name  # only a filtered board pays for the domain's import

            employer = clean_name(employer, "board.employer", required=False)
        self.refresh()
        return employer

    def _board_as_of(self, day: str, kind: str, employer: str) -> list[Row]:
        from domain.corrections import AMENDING
        from projections.folds import (
            agreement_deadlines,
            count_articles,
            fold_agreement,
            late_steps,
            new_agreement,
            refold_agreement,
        )
        from projections.text import folded

        rows: dict[str, Row] = {}
        amended: dict[str, set[tuple[str, str]]] = {}
        for event, reference, data in self._events_until(day, "Negotiations", CONTRACT_CONTEXTS):
            row = rows.get(reference) or rows.setdefault(reference, new_agreement(reference))
            step = event.qualname.rpartition(".")[2]
            if step in AMENDING:  # refolded below, from the record's own steps
                amended.setdefault(reference, set()).add((event.context, event.originator_id))
                continue
            fold_agreement(row, event.context, step, data, data["on"])
        for reference, records in self._steps_known_by(day, "Negotiations", amended).items():
            for context, steps in sorted(records.items(), reverse=True):  # the negotiation's first
                refold_agreement(rows[reference], context, steps)
        found = []
        for reference in sorted(rows):
            row = rows[reference]
            if row["kind"] is None:  # nothing of it had happened by that day
                continue
            if (kind and row["kind"] != kind) or (employer and folded(employer) not in row["employer_key"]):
                continue
            count_articles(row)
            row["deadlines"] = agreement_deadlines(row)
            row["late"] = late_steps(row["deadlines"])
            found.append(readers.with_status(row, day))
        return found

    def cases_as_of(self, day: str) -> list[Row]:
        from domain.corrections import AMENDING
        from projections.folds import fold_case, new_case, refold_case

        rows: dict[str, Row] = {}
        amended: dict[str, set[tuple[str, str]]] = {}
        for event, reference, data in self._events_until(day, "Mediation", ("case",)):
            row = rows.get(reference) or rows.setdefault(reference, new_case(reference))
            step = event.qualname.rpartition(".")[2]
            if step in AMENDING:  # refolded below, from the case's own steps
                amended.setdefault(reference, set()).add((event.context, event.originator_id))
                continue
            fold_case(row, step, data, data["on"])
        for reference, records in self._steps_known_by(day, "Mediation", amended).items():
            rows[reference] = refold_case(reference, records["case"])
        return [r for r in rows.values() if r["received_on"] is not None]  # as the cases view keeps them

    def _steps_known_by(
        self, day: str, upstream: str, amended: dict[str, set[tuple[str, str]]]
    ) -> dict[str, dict[str, list[Any]]]:
        """The steps of each amended record as they stood on ``day`` (``folds.known_by``), by
        reference and context: few records, each read from its own stream."""
        from projections.folds import known_by
        from projections.runner import steps_of

        found: dict[str, dict[str, list[Any]]] = {}
        if not amended:
            return found
        with opened(self.store) as apps:
            for reference, records in amended.items():
                for context, originator_id in records:
                    steps = steps_of(apps[upstream], originator_id, 1 << 62)
                    found.setdefault(reference, {})[context] = known_by(steps, day)
        return found

    def _events_until(
        self, day: str, upstream: str, contexts: tuple[str, ...]
    ) -> Iterator[tuple[Any, str, Row]]:
        """The log in recorded order, keeping the steps dated on or before ``day``: an as-of fold's
        input. As ``domain.history.as_of`` replays one aggregate, its first event counts whenever
        a later one does (a record can be opened after the facts it records)."""
        from projections import events

        held: dict[str, tuple[Any, str, Row]] = {}  # first events dated after the day, by aggregate
        with opened(self.store) as apps:
            for event, reference, data in events.scan(apps[upstream], contexts):
                if data["on"] > day:
                    if event.originator_version == 1:
                        held[event.originator_id] = (event, reference, data)
                    continue
                first = held.pop(event.originator_id, None)
                if first is not None:
                    yield first
                yield event, reference, data

    @staticmethod
    def _board_row(r: Row, day: str) -> Row:
        due = r["next_deadline"]
        return {
            "reference": r["reference"],
            "kind": r["kind"],
            "employer": r["employer"],
            "union": r["union_name"],
            "stage": r["status"],
            "rounds": r["rounds"],
            "last_round_on": r["last_round_on"],
            "articles_agreed": r["articles_agreed"],
            "articles_open": r["articles_open"],
            "vote": r["vote_outcome"] and _vote_text(r["vote_outcome"], bool(r["vote_verified"])),
            "signed_on": r["signed_on"],
            "submitted_on": r["submitted_on"],
            "effective_on": r["effective_on"],
            "expires_on": r["term_end"],
            "next_deadline": due and {"label": due["label"], "due": due["due"], "rule": due["rule"]},
            "late": _late(r["late"]),
            "days_to_next": due and (date.fromisoformat(due["due"]) - date.fromisoformat(day)).days,
        }

    def deadlines(
        self, *, within: int = 30, overdue_only: bool = False, as_of: date | None = None
    ) -> list[Row]:
        return DeadlineReport(self).rows(within=within, overdue_only=overdue_only, as_of=as_of)

    def deadlines_met(self, *, within: int = 30, as_of: date | None = None) -> list[Row]:
        """The deadlines recorded steps met in the ``within`` days up to ``as_of`` (today), each
        with when it was met and how late (0: on time), newest first."""
        return DeadlineReport(self).met(within=within, as_of=as_of)

    def contract_stats(self, year: int | None = None) -> Row:
        return contract_stats(self, year)

    def timeline(self, reference: str) -> list[Row]:
        """Every step of the negotiation, contract or case ``reference``, by business date."""
        from bargaining.store.application import clean_reference

        ref = clean_reference(reference, "timeline.reference")
        self.refresh()
        found = self.timelines([ref])
        if not found:
            raise NotFoundError(
                "timeline.reference",
                _("no such negotiation, contract or case: {reference}").format(reference=ref),
            )
        return found[ref]

    def timelines(
        self, references: list[str], *, described: tuple[str, str] | None = None
    ) -> dict[str, list[Row]]:
        """The timelines of many references at once (a report's), by reference: their events
        read in a few queries, not one per aggregate. A reference with no record is left out.
        ``described`` (first, last day): only the steps dated in it get their detail worded."""
        from bargaining.history import mark_amended
        from projections import events

        aggregates = readers.timelines_of(self.views, references)
        by_upstream: dict[str, list[str]] = {}
        for a in aggregates:
            by_upstream.setdefault(a["upstream"], []).append(a["originator_id"])
        read: dict[str, list[tuple[events.Raw, Row]]] = {}
        with opened(self.store) as apps:
            for upstream, ids in by_upstream.items():
                read.update(events.aggregates_events(apps[upstream], ids))
        steps_of: dict[str, list[Row]] = {}
        labels: dict[str, str] = {}  # each kind of step worded once, not once per step
        for a in aggregates:
            steps = []
            for event, fields in read.get(a["originator_id"], []):
                step = event.qualname.rpartition(".")[2]
                # The event's own fields are what is left once the bookkeeping is taken out
                # (each event's data is its own: nothing else reads it).
                on, by, at = fields.pop("on"), fields.pop("by"), fields.pop("timestamp")
                fields.pop("originator_topic", None)
                if step not in labels:
                    labels[step] = label(step)
                steps.append(
                    {
                        "number": event.originator_version,
                        "on": on,
                        "context": a["context"],
                        "step": labels[step],
                        "kind": step,
                        "recorded_by": by,
                        "recorded_at": at,
                        "detail": detail(step, fields)
                        if described is None or described[0] <= on <= described[1]
                        else "",
                        "data": fields,
                    }
                )
            steps_of.setdefault(a["reference"], []).extend(
                mark_amended(steps, number="number", kind="kind", data="data")
            )
        cases = readers.cases_by_reference(self.views, list(steps_of))
        # The agreements' deadlines, read and put in the reader's language once for them all.
        stored = [
            {"reference": ref, "deadlines": deadlines}
            for ref, deadlines in readers.agreements_deadlines(
                self.views, [ref for ref in steps_of if ref not in cases]
            ).items()
        ]
        deadlines = {r["reference"]: r["deadlines"] for r in spoken(self.views, stored)}
        found = {}
        for ref, steps in steps_of.items():
            _note_vote_attempts(steps)
            self._note_deadlines_met(steps, cases.get(ref), deadlines.get(ref, []))
            found[ref] = sorted(steps, key=lambda r: (r["on"], r["recorded_at"]))
        return found

    @staticmethod
    def _note_deadlines_met(steps: list[Row], case: Row | None, agreement: list[Row]) -> None:
        """Each step that met a deadline says so: when it was due, on time or how late, the rule.
        ``agreement``: a negotiation's deadlines, in the reader's language (``spoken``)."""
        from bargaining.mediation.deadlines import met_deadlines
        from bargaining.timeliness import lateness, steps_meeting
        from domain.due import MET_BY

        if any(s["context"] == "case" for s in steps):
            deadlines = met_deadlines(case) if case else []
        else:
            deadlines = [lateness(d) for d in agreement]
        meeting = steps_meeting(deadlines, MET_BY)
        for s in steps:
            kind = s.pop("kind")
            s["met"] = None if s.get("retracted_by") else meeting.get((kind, s.pop("on_in_effect", s["on"])))

    def dispute_stats(self, *, start: date, end: date, by: str = "", body: str = "") -> Row:
        """Mediation cases in the period, counted by the declared formulas; ``body``: one
        mediation body's cases only (its reference)."""
        if end < start:
            raise InvalidValueError(
                "stats.to", _("{end} is before --from {start}").format(end=end, start=start)
            )
        if by and by not in ("category", "body", "month", "channel"):
            raise InvalidValueError(
                "stats.by",
                _("{value} is not one of: {choices}").format(
                    value=shown(by), choices="category, body, month, channel"
                ),
            )
        self.refresh()
        only = self.known_body(body, "stats.body") if body else None
        asof = self.today.isoformat()
        first, last = start.isoformat(), end.isoformat()
        groups = readers.dispute_counts(self.views, first, last, asof, by or None, only)
        total = _sum_groups(groups) if by and by != "month" else None
        if total is None:
            found = groups if not by else readers.dispute_counts(self.views, first, last, asof, None, only)
            total = found[0] if found else {"grp": "all"}
        return {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "by": by or None,
            **({"body": only} if only else {}),
            "rows": [self._stats_row(g) for g in groups] if by else [],
            "total": self._stats_row(total),
            "formulas": [_(HANDLING_RATE), _(SUCCESS_RATE), _(BY_OUTCOME)],
        }

    @staticmethod
    def _stats_row(g: Row) -> Row:
        n = {k: int(g.get(k) or 0) for k in readers.METRICS if k != "days_to_close"}
        days = int(g.get("days_to_close") or 0)  # whole days, summed
        average = _tenths(days, n["closed_accepted"], half_even=True) if n["closed_accepted"] else None
        return {
            "group": g.get("grp"),
            **{k: v for k, v in n.items() if not k.endswith(("_fen", "_workers")) and k != "closed_accepted"},
            "amount_claimed": yuan(n["claimed_fen"]),
            "amount_agreed": yuan(n["agreed_fen"]),
            "average_days_to_close": average,
            "handling_rate": rate(n["closed"], n["carried_over"] + n["accepted"]),
            "success_rate": rate(n["succeeded"], n["closed"]),
            "by_outcome": {
                outcome: {
                    "cases": n[outcome],
                    "workers": n[f"{outcome}_workers"],
                    "amount_claimed": yuan(n[f"{outcome}_claimed_fen"]),
                    **({"amount_agreed": yuan(n["agreed_fen"])} if outcome == "succeeded" else {}),
                }
                for outcome in OUTCOMES
            },
        }


class DeadlineReport:
    """Everything due across both contexts, each with its date, rule and source."""

    def __init__(self, service: ReportService) -> None:
        self.service = service

    def rows(self, *, within: int, overdue_only: bool, as_of: date | None) -> list[Row]:
        from bargaining.mediation.deadlines import case_due_rows

        service = self.service
        service.refresh()
        today = as_of or service.today
        day = today.isoformat()
        if as_of is None:
            agreements = spoken(service.views, readers.board(service.views, day))
            cases = readers.cases_due(service.views)
        else:  # the state on that date, folded from the timeline
            agreements = service._board_as_of(day, "", "")
            cases = service.cases_as_of(day)
        found: list[Row] = []
        for r in agreements:
            if r["status"] in ("terminated", "expired"):
                continue
            for d in r["deadlines"]:
                if d["done_on"] or not d["governing"] or (d["milestone"] and d["due"] < day):
                    continue
                found.append(
                    self._row(r["reference"], "contract" if r["signed_on"] else "negotiation", d, today)
                )
        for d in case_due_rows(cases, today):
            found.append(self._row(d.pop("reference"), "case", d, today))
        horizon = (today.toordinal() + within) if within >= 0 else None
        chosen = [
            f
            for f in found
            if (f["state"] == "overdue")
            or (not overdue_only and (horizon is None or f["ordinal"] <= horizon))
        ]
        for f in chosen:
            del f["ordinal"]
        return sorted(chosen, key=lambda f: (f["due"], f["reference"]))

    def met(self, *, within: int, as_of: date | None) -> list[Row]:
        from bargaining.mediation.deadlines import met_deadlines
        from bargaining.timeliness import lateness

        service = self.service
        service.refresh()
        today = as_of or service.today
        last, first = today.isoformat(), (today - timedelta(days=within)).isoformat()
        if as_of is None:
            agreements = spoken(
                service.views, [readers.with_status(r, last) for r in readers.agreements(service.views)]
            )
            cases = readers.cases_due(service.views)
        else:
            agreements = service._board_as_of(last, "", "")
            cases = service.cases_as_of(last)
        found: list[tuple[str, str, Row]] = []
        for r in agreements:
            context = "contract" if r["signed_on"] else "negotiation"
            found += [(r["reference"], context, lateness(d)) for d in r["deadlines"]]
        for c in cases:
            found += [(c["reference"], "case", d) for d in met_deadlines(c)]
        rows = [
            {
                "met_on": d["met_on"],
                "due": d["due"],
                "late_by_days": d["late_by_days"],
                "state": "late" if d["late_by_days"] else "met",
                "reference": reference,
                "context": context,
                "deadline": d["label"],
                "rule": d["rule"],
            }
            for reference, context, d in found
            if d["met_on"] and first <= d["met_on"] <= last and d.get("governing", True)
        ]
        return sorted(rows, key=lambda r: (r["met_on"], r["reference"]), reverse=True)

    @staticmethod
    def _row(reference: str, context: str, d: Row, today: date) -> Row:
        due = date.fromisoformat(d["due"])
        state = "overdue" if due < today and not d["milestone"] else ("passed" if due < today else "open")
        return {
            "reference": reference,
            "context": context,
            "deadline": d["label"],
            "due": d["due"],
            "days_left": (due - today).days,
            "state": state,
            "rule": d["rule"],
            "ordinal": due.toordinal(),
        }


# The days of the steps recorded on a negotiation, then on its contract, as the agreements
# view holds them. Not the days that follow from the rules with no step recorded (deemed
# effective, the term's end): a contract that only ran on in a period had no step in it.
NEGOTIATION_DATES = (
    "opened_on",
    "request_on",
    "reply_on",
    "last_round_on",
    "draft_on",
    "vote_on",
    "signed_on",
)
CONTRACT_DATES = ("submitted_on", "received_on", "objected_on", "published_on", "terminated_on", "renewed_on")
CONTRACT_COUNTS = ("signed", "filed_on_time", "filed_late", "not_filed", "in_force", "expiring", "renewed")


def _in_period(day: str | None, first: str, last: str) -> bool:
    return bool(day) and first <= str(day) <= last


def contract_counts(rows: list[Row], first: str, last: str, end: str) -> dict[str, Row]:
    """Per kind: the contracts signed in [first, last], filed on time or late, in force on
    ``end``, expiring in the period and renewed. ``rows`` carry their status (``with_status``)."""
    by_kind: dict[str, Row] = {}
    for r in rows:
        k = by_kind.setdefault(r["kind"], dict.fromkeys(CONTRACT_COUNTS, 0))
        if _in_period(r["signed_on"], first, last):
            k["signed"] += 1
            filing = next((d for d in r["deadlines"] if d["key"] == "filing" and d["governing"]), None)
            if not r["submitted_on"]:
                k["not_filed"] += 1
            elif filing and r["submitted_on"] <= filing["due"]:
                k["filed_on_time"] += 1
            else:
                k["filed_late"] += 1
        if readers.with_status(dict(r), end)["status"] == "effective":
            k["in_force"] += 1
        if _in_period(r["term_end"], first, last) and r["effective_on"]:
            k["expiring"] += 1
            if r["renewed_by"]:
                k["renewed"] += 1
    return by_kind


def contract_stats(service: ReportService, year: int | None) -> Row:
    """Contracts signed, filed on time or late, in force, expiring and renewed, by kind."""
    service.refresh()
    rows = [readers.with_status(r, service.today.isoformat()) for r in readers.agreements(service.views)]
    first, last = (f"{year}-01-01", f"{year}-12-31") if year else ("", "9999-12-31")
    end = min(last if year else service.today.isoformat(), service.today.isoformat())
    by_kind = contract_counts(rows, first, last, end)
    kinds = [
        {"kind": kind, **counts, "renewal_rate": rate(counts["renewed"], counts["expiring"])}
        for kind, counts in sorted(by_kind.items())
    ]
    total = {key: sum(k[key] for k in by_kind.values()) for key in CONTRACT_COUNTS}
    return {
        "year": year,
        "rows": kinds,
        "total": {"kind": "all", **total, "renewal_rate": rate(total["renewed"], total["expiring"])},
        "formulas": [_(RENEWAL_RATE), _(FILED_ON_TIME)],
    }


def _note_vote_attempts(steps: list[Row]) -> None:
    """A vote after a meeting held without quorum says, after its outcome, which attempt on its
    draft it is and the meeting it follows. ``steps`` are in the order they were recorded."""
    from domain.ratification import attempt_numbers

    votes = [s for s in steps if s["kind"] == "RatificationVoteRecorded"]
    numbers = attempt_numbers(s["data"]["outcome"] == "no quorum" for s in votes)
    for i, number in enumerate(numbers):
        if number > 1:
            separator = _("; ")
            outcome, sep, rest = votes[i]["detail"].partition(separator)
            note = _("attempt {number} (after {day}: no quorum)").format(
                number=number, day=votes[i - 1]["on"]
            )
            votes[i]["detail"] = f"{outcome}{separator}{note}{sep}{rest}"
