"""What the hostile-input tests share: a negotiation to work on, and how a refusal looks."""

from __future__ import annotations

import os

from tests.conftest import Cli

REF = "CB-2011-001"
UNION_CHIEF, EMPLOYER_CHIEF = "陈志明", "张伟"
OPEN = f"negotiation open {REF} -k wage -e 广州XX有限公司 -u 广州XX有限公司工会 --on 2011-04-01"
NEGOTIATING = [
    OPEN,
    f"negotiation request {REF} --on 2011-04-08",
    f"negotiation reply {REF} --on 2011-04-18",
    f"negotiation appoint {REF} -s union --chief {UNION_CHIEF} --member 李红,王强 --on 2011-04-20",
    f"negotiation appoint {REF} -s employer --chief {EMPLOYER_CHIEF} --member 赵敏,钱进 --on 2011-04-20",
]
CASE_OPEN = "case open CASE-1 -c visit -a 刘某 -r 项目部 -k other --request 工资"
ROUND = f"negotiation round {REF} --on 2011-04-26 --place 室 --chair {UNION_CHIEF} --recorder 刘洋"


def gbk_typed(text: str) -> str:
    """What the program receives when ``text`` is typed in a GBK terminal on a UTF-8 system."""
    return os.fsdecode(text.encode("gbk"))


def refused(run: Cli, before: int, *args: str) -> str:
    """The one stderr line of a command that must fail with exit 1 and write nothing."""
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert run.events() == before
    return result.stderr


def negotiating(run: Cli) -> int:
    """Open REF and seat both sides, ready for a round; the events stored by then."""
    for command in NEGOTIATING:
        run.ok(command)
    return run.events()
