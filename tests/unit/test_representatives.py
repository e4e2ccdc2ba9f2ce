"""Representatives (S1 Arts 19-24): equal, at least 3, one chief, experts at most 1/3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import RuleViolationError
from domain.jurisdiction import PRC
from domain.representatives import Representative, check_appointment, team_problems
from domain.values import Role, Side


def team(side: Side, members: int, experts: int, chief: bool = True) -> list[Representative]:
    prefix = side.value
    reps = [Representative(name=f"{prefix}-chief", side=side, role=Role.CHIEF)] if chief else []
    reps += [Representative(name=f"{prefix}-m{i}", side=side, role=Role.MEMBER) for i in range(members)]
    reps += [Representative(name=f"{prefix}-x{i}", side=side, role=Role.EXPERT) for i in range(experts)]
    return reps


sizes = st.tuples(st.integers(0, 8), st.integers(0, 4), st.booleans())


@given(sizes, sizes)
def test_teams_may_meet_only_when_every_rule_holds(
    union: tuple[int, int, bool], employer: tuple[int, int, bool]
) -> None:
    reps = team(Side.UNION, *union) + team(Side.EMPLOYER, *employer)

    def size(t: tuple[int, int, bool]) -> int:
        return t[0] + t[1] + int(t[2])

    def fine(t: tuple[int, int, bool]) -> bool:
        return t[2] and size(t) >= 3 and 3 * t[1] <= size(t)

    expected_ok = fine(union) and fine(employer) and size(union) == size(employer)
    assert (team_problems(reps, PRC) == []) == expected_ok


def test_no_one_sits_on_both_sides() -> None:
    current = team(Side.UNION, 2, 0)
    newcomer = Representative(name="union-m0", side=Side.EMPLOYER, role=Role.MEMBER)
    with pytest.raises(RuleViolationError, match=r"no one may sit on both sides .*art\. 24"):
        check_appointment(newcomer, current, PRC)


def test_a_side_has_one_chief_and_changes_it_by_replacement() -> None:
    current = team(Side.UNION, 2, 0)
    second = Representative(name="新主席", side=Side.UNION, role=Role.CHIEF)
    with pytest.raises(RuleViolationError, match="already has a chief"):
        check_appointment(second, current, PRC)
    check_appointment(second, current, PRC, replaces="union-chief")


def test_one_expert_in_three_is_allowed_two_are_not() -> None:
    assert team_problems(team(Side.UNION, 1, 1) + team(Side.EMPLOYER, 2, 0), PRC) == []
    problems = team_problems(team(Side.UNION, 0, 2) + team(Side.EMPLOYER, 2, 0), PRC)
    assert any("outside experts" in rule and "art. 23" in rule for _, rule in problems)
