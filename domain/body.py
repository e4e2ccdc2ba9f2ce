"""The MediationBody aggregate: a mediation committee or organisation and its roster (B2)."""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.disputes import BodyType, RosterRole
from domain.errors import RuleViolationError
from domain.i18n import _, pgettext
from domain.jurisdiction import JurisdictionProfile, get_profile


class MediationBody(Aggregate):
    """An enterprise committee, a people's mediation body or a township/street body."""

    class Event(Aggregate.Event):
        on: date
        by: str

    class Registered(Event, Aggregate.Created):
        reference: str
        name: str
        body_type: BodyType
        enterprise: str
        profile_id: str

    class RosterChanged(Event):
        added: list[list[str]]  # [name, role]
        removed: list[str]
        chair: str

    @staticmethod
    def create_id(reference: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"/mediation-bodies/{reference}")

    @event(Registered)
    def __init__(
        self,
        reference: str,
        name: str,
        body_type: BodyType,
        enterprise: str,
        profile_id: str,
        on: date,
        by: str,
    ) -> None:
        self.reference = reference
        self.name = name
        self.body_type = body_type
        self.enterprise = enterprise
        self.profile_id = profile_id
        self.registered_on = on
        self.roster: dict[str, RosterRole] = {}
        self.chair = ""

    @property
    def profile(self) -> JurisdictionProfile:
        return get_profile(self.profile_id)

    def members(self, *roles: RosterRole) -> list[str]:
        return [name for name, role in self.roster.items() if role in roles]

    def mediators(self) -> list[str]:
        """Who may mediate: on an enterprise committee every member is a mediator (S4 Art 18)."""
        return self.members(RosterRole.WORKER, RosterRole.EMPLOYER, RosterRole.MEDIATOR)

    def change_roster(
        self, *, on: date, by: str, added: list[tuple[str, RosterRole]], removed: list[str], chair: str = ""
    ) -> None:
        roster = dict(self.roster)
        for name in removed:
            if name not in roster:
                raise RuleViolationError(
                    "roster.remove",
                    _("{name} is not on the roster of {reference}").format(
                        name=name, reference=self.reference
                    ),
                )
            del roster[name]
        for name, role in added:
            if name in roster and roster[name] is not role:
                raise RuleViolationError(
                    "roster",
                    _("{name} is already on the roster as {role}; remove them first").format(
                        name=name, role=pgettext("roster role", roster[name].value)
                    ),
                )
            roster[name] = role
        if not added and not removed and not chair:
            raise RuleViolationError(
                "roster", _("name someone to add (--worker, --employer, --mediator, --officer)")
            )
        if self.body_type is BodyType.ENTERPRISE:
            if any(role is RosterRole.MEDIATOR for role in roster.values()):
                raise RuleViolationError(
                    "roster.mediator",
                    _(
                        "an enterprise committee's mediators are its worker and employer members (S4 Art 18);"
                        " add them with --worker or --employer"
                    ),
                )
            workers = sum(1 for r in roster.values() if r is RosterRole.WORKER)
            employers = sum(1 for r in roster.values() if r is RosterRole.EMPLOYER)
            profile = self.profile
            if profile.committee_equal_sides and workers != employers:
                raise RuleViolationError(
                    "roster",
                    _(
                        "an enterprise committee needs equal numbers of worker and employer members;"
                        " this would leave {workers} worker and {employers} employer ({basis})"
                    ).format(
                        workers=workers, employers=employers, basis=profile.cite(profile.committee_basis)
                    ),
                )
        new_chair = chair or (self.chair if self.chair in roster else "")
        if new_chair and roster.get(new_chair) in (None, RosterRole.OFFICER):
            raise RuleViolationError(
                "roster.chair", _("{name} must be a member of the body to chair it").format(name=new_chair)
            )
        self._roster_changed(
            on=on,
            by=by,
            added=[[name, role.value] for name, role in added],
            removed=list(removed),
            chair=new_chair,
        )

    @event(RosterChanged)
    def _roster_changed(
        self, on: date, by: str, added: list[list[str]], removed: list[str], chair: str
    ) -> None:
        for name in removed:
            self.roster.pop(name, None)
        for name, role in added:
            self.roster[name] = RosterRole(role)
        self.chair = chair
