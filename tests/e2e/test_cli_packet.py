"""Filing packets from the command line: the seed's 篇1 wage agreement, both languages, verify."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bargaining import Tracker
from bargaining.packet.document import build
from bargaining.packet.facts import gather
from bargaining.packet.linebreak import NO_END, NO_START
from bargaining.packet.markdown import to_markdown
from tests.conftest import TODAY, Cli

REF = "PIAN1-2011-WAGE"
MEMBERS = "陈志明、李红、王强、张伟、赵敏、钱进"
ROUNDS = [
    ("2011-04-26", "陈志明", "工会提出2011年度工资调整方案，说明职工意见征集情况。"),
    ("2011-05-10", "张伟", "企业方通报一季度经营状况，提出对应方案。"),
    ("2011-05-24", "陈志明", "双方对照地区工资水平和物价消费指数讨论调整幅度。"),
    ("2011-06-08", "张伟", "双方就全部条款达成一致，形成协议草案。"),
]
WAGE, MINIMUM = "第一条 工资调整幅度", "第二条 最低工资"
FACTORS = "--factor performance --factor regional-wage --factor cpi"


def log_pian1(
    run: Cli, ref: str = REF, *, vote: str = "--outcome passed", earlier: tuple[str, ...] = ()
) -> None:
    """The seed's 篇1 (2011): four rounds, the 3rd workers' congress vote on 24 June, signing on
    29 June before both sides' representatives, submission to the district bureau. The seed
    redacts names and figures; those below are illustrative. ``earlier``: the options of votes
    held on the draft before that one (each with its --on)."""
    run.ok(f"negotiation open {ref} -k wage -e 广州XX有限公司 -u 广州XX有限公司工会 --on 2011-04-01")
    run.ok(f"negotiation request {ref} --on 2011-04-08 --topics 2011年度工资集体协商")
    run.ok(f"negotiation reply {ref} --on 2011-04-18")
    run.ok(f"negotiation appoint {ref} -s union --chief 陈志明 --title 工会主席 --on 2011-04-20")
    run.ok(f"negotiation appoint {ref} -s union --member 李红,王强 --on 2011-04-20")
    run.ok(f"negotiation appoint {ref} -s employer --chief 张伟 --title 总经理 --on 2011-04-20")
    run.ok(f"negotiation appoint {ref} -s employer --member 赵敏,钱进 --on 2011-04-20")
    offers = [("union", "8", "1500"), ("employer", "4", "1350"), ("union", "6.5", "1512.35")]
    for number, (side, increase, minimum) in enumerate(offers, start=1):
        hold_round(run, ref, number)
        run.ok(
            f"negotiation propose {ref} -a '{WAGE}' -s {side} --text 职工月平均工资比上年增长{increase}%。"
            f" --increase {increase} --effective 2011-07-01 {FACTORS}"
        )
        run.ok(
            f"negotiation propose {ref} -a '{MINIMUM}' -s {side} --text 职工月最低工资不低于{minimum}元。 --min-wage {minimum}"
        )
    run.ok(f"negotiation agree {ref} -a '{MINIMUM}'")
    hold_round(run, ref, 4)
    final = "职工月平均工资比上年增长6%，\n其中一线职工增长不低于7%。"  # two lines
    run.ok("negotiation", "propose", ref, "-a", WAGE, "-s", "employer", "--text", final, "--increase", "6")
    run.ok(f"negotiation agree {ref} -a '{WAGE}'")
    run.ok(f"negotiation draft {ref} --on 2011-06-10")
    for options in earlier:
        run.ok(f"negotiation vote {ref} --session 第三届职工代表大会 {options}")
    run.ok(f"negotiation vote {ref} --on 2011-06-24 --session 第三届职工代表大会 {vote}")
    run.ok(
        f"negotiation sign {ref} --on 2011-06-29 --term-start 2011-07-01 --years 1 --witness 李红,王强,赵敏,钱进"
    )


def hold_round(run: Cli, ref: str, number: int) -> None:
    on, chair, minutes = ROUNDS[number - 1]
    run.ok(
        f"negotiation round {ref} --on {on} --place 公司三楼会议室 --chair {chair} --recorder 刘洋"
        f" --present {MEMBERS} --minutes {minutes}"
    )


def filed(run: Cli, ref: str = REF, *, submitted: str = "2011-07-04", received: str = "2011-07-05") -> None:
    run.ok(f"contract submit {ref} --on {submitted} --to XX区社会劳动保障部门")
    run.ok(f"contract receipt {ref} --on {received}")


def english_markdown(run: Cli) -> str:
    """The English packet's text without rendering a second PDF (fontTools subsetting is slow)."""
    with Tracker(run.store, actor="x", today=TODAY) as t:
        service = t.packets
        records = service._records(REF)
        facts = gather(records["negotiation"][0], records["contract"][0], TODAY)
        return to_markdown(build(facts, "en", records["negotiation"][2]))


def pdf_text(path: Path, lang: str) -> str:
    """The PDF's text with its line breaks undone (CJK wraps anywhere, English at spaces)."""
    doc = pdfium.PdfDocument(path)
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    joiner = "" if lang == "zh" else " "
    return joiner.join(pages).replace("\r\n", joiner).replace("\n", joiner)


class Seed:
    """篇1 as the seed reports it (no tally), filed on time, with its packet in both languages."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.run = Cli(base / "store")
        log_pian1(self.run)
        filed(self.run)
        self.zh = self.run.ok("packet", REF, "--out", str(base / "zh"))
        self.en = self.run.ok("packet", REF, "--out", str(base / "en"), "--lang", "en")


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Seed:
    return Seed(tmp_path_factory.mktemp("pian1"))


def test_the_chinese_packet_of_the_seed_holds_parties_deadlines_and_the_missing_tally(
    seed: Seed,
) -> None:
    base, stdout, stderr = seed.base, seed.zh.stdout, seed.zh.stderr
    assert f"{REF}: filing packet (zh) written to" in stdout
    assert "packet.pdf, packet.md, manifest.json" in stdout
    text = pdf_text(base / "zh" / "packet.pdf", "zh")
    for fact in (
        "广州XX有限公司",
        "广州XX有限公司工会",
        "工资专项集体合同",
        "陈志明（工会主席）",
        "张伟（总经理）",
    ):
        assert fact in text
    assert "2011-07-06（签字之日起7日内；《工资集体协商试行办法》第二十一条）" in text
    assert (
        "2011-07-11（签字之日起10日内；《集体合同规定》第四十二条；"
        "期满日2011-07-09为休息日，依《中华人民共和国民法典》第二百零三条顺延至2011-07-11）" in text
    )
    assert "2011-07-05 至 2011-07-20（收到之日起15日内；《工资集体协商试行办法》第二十二条）" in text
    assert "无异议视为生效日期 2011-07-20（《工资集体协商试行办法》第二十二条）" in text
    assert "第三届职工代表大会" in text
    assert "未记录到会人数和表决票数" in text  # the seed reports "passed by vote" only
    assert "应到人数（全体） 未记录实到人数 未记录同意 未记录" in text
    assert "1512.35 元" in text
    assert "应报送3份，并附说明（《工资集体协商试行办法》第二十一条）" in text  # wage: 3 copies + explanation
    assert "第4轮协商会议（2011-06-08）议定" in text
    warnings = [line for line in stderr.splitlines() if line.startswith("Warning: ")]
    assert any("未记录到会人数和表决票数" in w for w in warnings)
    assert any("张伟（总经理）未记录为法定代表人" in w for w in warnings)
    markdown = (base / "zh" / "packet.md").read_text(encoding="utf-8")
    assert all(w.removeprefix("Warning: ") in markdown for w in warnings)
    assert "## 提示" in markdown
    # articles in Chinese numerals, as the statutes number them: 第二十一条, never 第21条
    assert re.findall(r"第\d+条", markdown) == []
    assert "（《工资集体协商试行办法》第八条）" in markdown


def test_no_line_of_the_chinese_packet_starts_with_closing_punctuation_or_ends_with_opening(
    seed: Seed,
) -> None:
    doc = pdfium.PdfDocument(seed.base / "zh" / "packet.pdf")
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    assert len(lines) > 100
    assert [line for line in lines if line[0] in NO_START] == []
    assert [line for line in lines if line[-1] in NO_END] == []


def test_the_english_packet_cites_every_deadline_and_keeps_names_and_money_exact(
    seed: Seed,
) -> None:
    base, stderr = seed.base, seed.en.stderr
    text = pdf_text(base / "en" / "packet.pdf", "en")
    for fact in ("广州XX有限公司", "陈志明", "张伟", "workers' congress", "第三届职工代表大会"):
        assert fact in text
    assert (
        "2011-07-06 (7 calendar days after signing — PRC, Trial Measures for Wage Collective Negotiation art. 21)"
        in text
    )
    assert (
        "2011-07-11 (10 calendar days after signing — PRC, Provisions on Collective Contracts art. 42;"
        " 10 days end Sat 2011-07-09, a rest day: rolled to Mon 2011-07-11, Civil Code art. 203)" in text
    )
    assert "2011-07-20 (PRC, Trial Measures for Wage Collective Negotiation art. 22)" in text
    assert "the resolution lacks the attendance and voting figures" in text
    assert "Warning: Ratification vote of 2011-06-24" in stderr
    markdown = (base / "en" / "packet.md").read_text(encoding="utf-8")
    assert "职工月平均工资比上年增长6%，\\\n其中一线职工增长不低于7%。" in markdown  # a hard line break
    assert "| 第二条 最低工资 |  | 1512.35 CNY |  |" in markdown
    manifest = json.loads((base / "en" / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["reference"], manifest["language"]) == (REF, "en")
    assert manifest["records"]["negotiation"]["events"] == 25
    assert manifest["records"]["contract"]["events"] == 3
    assert [f["name"] for f in manifest["files"]] == ["packet.pdf", "packet.md"]


def test_verify_passes_on_a_copied_store_and_fails_once_the_negotiation_records_more(
    seed: Seed, tmp_path: Path
) -> None:
    packet = tmp_path / "packet"
    shutil.copytree(seed.base / "zh", packet)
    shutil.copytree(seed.run.store, tmp_path / "store")  # the digest is of the events, not the bytes
    copy = Cli(tmp_path / "store")
    ok = copy("packet", "verify", str(packet))
    assert (ok.exit_code, ok.stdout.startswith(f"OK: {packet} matches the record of {REF}")) == (0, True)
    copy.ok(f"contract objection {REF} --on 2011-07-12 --opinion 第二条低于当地最低工资标准")
    failed = copy("packet", "verify", str(packet))
    assert failed.exit_code == 1
    assert failed.stdout.splitlines() == [
        f"negotiation {REF}: 26 events recorded, packet made from 25 (those 25 match; recorded since: Reopened)",
        f"contract {REF}: 4 events recorded, packet made from 3 (those 3 match; recorded since: Objected)",
    ]
    (packet / "packet.md").write_text("edited", encoding="utf-8")
    (packet / "extra.txt").write_text("", encoding="utf-8")
    edited = seed.run("packet", "verify", str(packet))
    assert (edited.exit_code, edited.stdout) == (
        1,
        "packet.md: SHA-256 differs\nextra.txt: not listed in the manifest\n",
    )


def test_the_tally_and_late_filing_appear_with_their_rules(run: Cli, tmp_path: Path) -> None:
    log_pian1(run, vote="--roll 60 --present 45 --yes 38 --no 5 --abstain 2")
    filed(run, submitted="2011-07-08", received="2011-07-08")
    result = run.ok("packet", REF, "--out", str(tmp_path / "zh"))
    zh = pdf_text(tmp_path / "zh" / "packet.pdf", "zh")
    assert "应到人数（全体） 60实到人数 45同意 38反对 5弃权 2无效 0" in zh
    assert "全体人员的2/3以上出席：至少40人，实到45人" in zh
    assert "同意票超过全体人员的1/2：至少31票，同意38票" in zh
    assert (
        "报送日期2011-07-08晚于报送期限2011-07-06，逾期2日（《工资集体协商试行办法》第二十一条）"
        in result.stderr
    )
    assert "表决票数" not in result.stderr
    en = english_markdown(run)
    assert "at least 2/3 of the whole roll present: 40 needed, 45 present" in en
    assert "more than 1/2 of the whole roll in favour: 31 needed, 38 for" in en
    assert "quorum 2/3 of the roll (40 of 60)" in en  # the rule the vote was recorded under
    assert "2011-07-08 (2 days late)" in en  # the submission says whether it was on time
    assert "2011-07-08（逾期2日）" in zh


def test_no_packet_before_signing_and_nothing_is_written(run: Cli, tmp_path: Path) -> None:
    run.ok(f"negotiation open {REF} -k wage -e 广州XX有限公司 -u 广州XX有限公司工会 --on 2011-04-01")
    out = tmp_path / "packets" / "p"
    result = run("packet", REF, "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: packet: {REF} is opened, not signed; the filing packet is made after both chief"
        " representatives sign (PRC, Trial Measures for Wage Collective Negotiation art. 21)\n"
    )
    assert not (tmp_path / "packets").exists()
    unknown = run("packet", "CB-404", "--out", str(out))
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        "Error: packet.reference: no such negotiation: CB-404\n",
    )
    bad = run("packet", REF, "--out", str(out), "--lang", "fr")
    assert (bad.exit_code, bad.stderr) == (1, "Error: make.lang: 'fr' is not one of: zh, en\n")
    assert not (tmp_path / "packets").exists()


def test_an_existing_packet_is_replaced_only_with_force_and_other_files_never(
    seed: Seed, tmp_path: Path
) -> None:
    run, out = seed.run, tmp_path / "p"
    shutil.copytree(seed.base / "zh", out)
    refused = run("packet", REF, "--out", str(out))
    assert (refused.exit_code, refused.stderr) == (
        1,
        f"Error: packet.out: {out} already holds a packet; use --force to replace it\n",
    )
    before = (out / "manifest.json").read_bytes()
    run.ok("packet", REF, "--out", str(out), "--force", "--lang", "en")
    assert (out / "manifest.json").read_bytes() != before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]  # no staging directory left behind
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep", encoding="utf-8")
    never = run("packet", REF, "--out", str(other), "--force")
    assert never.exit_code == 1
    assert "holds other files and no packet" in never.stderr
    assert [p.name for p in other.iterdir()] == ["mine.txt"]


def test_verify_needs_a_packet_manifest(run: Cli, tmp_path: Path) -> None:
    missing = run("packet", "verify", str(tmp_path))
    assert (missing.exit_code, missing.stdout) == (1, "")
    assert (
        missing.stderr
        == f"Error: packet.verify: {tmp_path} holds no manifest.json; is it a packet directory?\n"
    )
    (tmp_path / "manifest.json").write_text(
        '{"format": "bargaining-packet/1", "files": {}}', encoding="utf-8"
    )
    broken = run("packet", "verify", str(tmp_path))
    assert broken.stderr.startswith(
        f"Error: packet.verify: {tmp_path / 'manifest.json'} has no valid reference"
    )
