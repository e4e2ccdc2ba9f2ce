"""Who may sit at the table (S1 Arts 19-24; DOMAIN A3).

Checked per appointment (no one on both sides, one chief per side, a chief is never an outside
expert) and per round (equal numbers, at least 3 per side, experts at most 1/3 of a side).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from fractions import Fraction

import attrs

from domain.errors import RuleViolationError
from domain.i18n import _, pgettext
from domain.jurisdiction import JurisdictionProfile
from domain.values import Role, Side


@attrs.frozen(kw_only=True)
class Representative:
    name: str
    side: Side
    role: Role
    title: str = ""
    appointed_on: date | None = None


def active_on(side: Side, reps: Iterable[Representative]) -> list[Representative]:
    return [r for r in reps if r.side is side]


def check_appointment(
    new: Representative,
    current: Iterable[Representative],
    profile: JurisdictionProfile,
    *,
    replaces: str | None = None,
) -> None:
    """Refuse an appointment that breaks a rule whatever else is appointed later."""
    team = list(current)
    by_name = {r.name: r for r in team}
    if replaces is not None:
        old = by_name.get(replaces)
        if old is None or old.side is not new.side:
            raise RuleViolationError(
                "appoint.replaces",
                _("{name} is not a representative of the {side} side").format(
                    name=replaces, side=pgettext("side", new.side.value)
                ),
            )
        del by_name[replaces]
    existing = by_name.get(new.name)
    if existing is not None:
        if existing.side is not new.side:
            raise RuleViolationError(
                "appoint.name",
                _("{name} already represents the {side} side; no one may sit on both sides ({basis})").format(
                    name=new.name,
                    side=pgettext("side", existing.side.value),
                    basis=profile.cite(profile.no_dual_roles_basis),
                ),
            )
        raise RuleViolationError(
            "appoint.name",
            _("{name} is already a representative of the {side} side").format(
                name=new.name, side=pgettext("side", new.side.value)
            ),
        )
    if new.role is Role.CHIEF:
        chief = next((r for r in by_name.values() if r.side is new.side and r.role is Role.CHIEF), None)
        if chief is not None:
            raise RuleViolationError(
                "appoint.chief",
                _(
                    "the {side} side already has a chief representative ({chief});"
                    " use --replaces {chief} to change chief"
                ).format(side=pgettext("side", new.side.value), chief=chief.name),
            )


def team_problems(reps: Iterable[Representative], profile: JurisdictionProfile) -> list[tuple[str, str]]:
    """Every reason the two teams may not meet yet, as (field, rule) pairs."""
    team = list(reps)
    problems: list[tuple[str, str]] = []
    counts = {side: len(active_on(side, team)) for side in Side}
    for side in Side:
        members = active_on(side, team)
        if not any(r.role is Role.CHIEF for r in members):
            problems.append(
                (
                    f"representatives.{side.value}",
                    _("the {side} side has no chief representative ({basis})").format(
                        side=pgettext("side", side.value), basis=profile.cite(profile.reps_basis)
                    ),
                )
            )
        minimum = profile.reps_min_per_side
        if minimum is not None and counts[side] < minimum:
            problems.append(
                (
                    f"representatives.{side.value}",
                    _(
                        "the {side} side has {count}; at least {minimum} per side are required ({basis})"
                    ).format(
                        side=pgettext("side", side.value),
                        count=counts[side],
                        minimum=minimum,
                        basis=profile.cite(profile.reps_basis),
                    ),
                )
            )
        maximum = profile.reps_max_per_side
        if maximum is not None and counts[side] > maximum:
            problems.append(
                (
                    f"representatives.{side.value}",
                    _("the {side} side has {count}; at most {maximum} per side are allowed ({basis})").format(
                        side=pgettext("side", side.value),
                        count=counts[side],
                        maximum=maximum,
                        basis=profile.cite(profile.reps_basis),
                    ),
                )
            )
        share = profile.expert_max_fraction
        experts = sum(1 for r in members if r.role is Role.EXPERT)
        if share is not None and members and Fraction(experts, len(members)) > share:
            problems.append(
                (
                    f"representatives.{side.value}",
                    _(
                        "{experts} of the {side} side's {members} are outside experts;"
                        " at most {share} of a side may be ({basis})"
                    ).format(
                        experts=experts,
                        side=pgettext("side", side.value),
                        members=len(members),
                        share=f"{share.numerator}/{share.denominator}",
                        basis=profile.cite(profile.expert_basis),
                    ),
                )
            )
    if profile.reps_equal and counts[Side.UNION] != counts[Side.EMPLOYER]:
        problems.append(
            (
                "representatives",
                _(
                    "the union side has {union} and the employer side {employer}; both sides need equal"
                    " numbers ({basis})"
                ).format(
                    union=counts[Side.UNION],
                    employer=counts[Side.EMPLOYER],
                    basis=profile.cite(profile.reps_basis),
                ),
            )
        )
    return problems


def check_teams(reps: Iterable[Representative], profile: JurisdictionProfile) -> None:
    problems = team_problems(reps, profile)
    if problems:
        field, rule = problems[0]
        raise RuleViolationError(field, rule)
