"""The domain's rules and errors in Chinese: statutes cited as 《title》第N条 in Chinese numerals,
English unchanged, and a rule kept in an event kept in English whatever the reader's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.language import use
from domain import i18n
from domain.errors import RuleViolationError
from domain.jurisdiction import LCL, PRC, LegalBasis, s1, s3, s4, zh_article, zh_numeral
from domain.ratification import evaluate, vote_rule
from domain.records import Vote
from domain.values import AgreementKind, RatificationBody, VoteOutcome, VoteTally

DIGITS = "零一二三四五六七八九"


@pytest.fixture
def zh() -> Iterator[None]:
    assert use("zh"), "the zh catalog is not compiled: run make setup"
    try:
        yield
    finally:
        use("en")


@pytest.mark.parametrize(
    ("number", "numeral"),
    [
        (1, "一"),
        (7, "七"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (29, "二十九"),
        (36, "三十六"),
        (99, "九十九"),
        (100, "一百"),
        (21, "二十一"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (203, "二百零三"),
        (1010, "一千零一十"),
    ],
)
def test_chinese_numerals_as_statutes_number_their_articles(number: int, numeral: str) -> None:
    assert zh_numeral(number) == numeral


def _read(numeral: str) -> int:
    """The number a Chinese numeral of 1-999 writes, read back independently of zh_numeral."""
    total, digit = 0, 1 if numeral.startswith("十") else 0
    for ch in numeral:
        if ch in DIGITS:
            digit = DIGITS.index(ch)
        else:
            total += digit * {"十": 10, "百": 100}[ch]
            digit = 0
    return total + digit


@given(st.integers(1, 999))
def test_every_numeral_reads_back_as_its_number(number: int) -> None:
    numeral = zh_numeral(number)
    assert _read(numeral) == number
    assert not numeral.endswith("零")
    assert "零零" not in numeral
    assert not (10 <= number < 20 and numeral.startswith("一"))  # 十五, never 一十五


def test_articles_and_paragraphs_and_ranges() -> None:
    assert zh_article("29") == "第二十九条"
    assert zh_article("20(2)") == "第二十条第二款"
    assert zh_article("39-41") == "第三十九条至第四十一条"


def test_every_article_the_profile_cites_is_in_chinese_numerals(zh: None) -> None:
    bases = [v for v in attrs.asdict(PRC, recurse=False).values() if isinstance(v, LegalBasis)]
    bases += [rule.basis for _, rule in PRC.deadlines] + [PRC.period_end.basis]
    for basis in bases:
        text = str(basis)
        assert text.startswith("《"), text
        assert text.endswith("条"), text
        assert not any(ch.isdigit() for ch in text), text


def test_a_citation_in_each_language() -> None:
    assert str(s4("29")) == "Provisions on Negotiation and Mediation of Enterprise Labour Disputes art. 29"
    assert PRC.cite(s1("36")) == "PRC, Provisions on Collective Contracts art. 36"
    use("zh")
    try:
        assert str(s4("29")) == "《企业劳动争议协商调解规定》第二十九条"
        assert PRC.cite(s1("36")) == "《集体合同规定》第三十六条"
        # a law of the National People's Congress by its full title, a ministry's rule by its own
        assert str(s3("14")) == "《中华人民共和国劳动争议调解仲裁法》第十四条"
        assert str(LegalBasis(LCL, "51")) == "《中华人民共和国劳动合同法》第五十一条"
        assert str(PRC.period_end.basis) == "《中华人民共和国民法典》第二百零三条"
    finally:
        use("en")
    # the filing packet's Chinese citation, whatever the language of the interface
    assert s1("36").chinese() == "《集体合同规定》第三十六条"
    assert s3("10").chinese() == "《中华人民共和国劳动争议调解仲裁法》第十条"


NO_QUORUM = VoteTally(roll=60, present=39, yes=39, no=0)


def test_a_quorum_error_in_english() -> None:
    with pytest.raises(RuleViolationError) as raised:
        evaluate(NO_QUORUM, PRC)
    assert str(raised.value) == (
        "vote.present: 39 of 60 is below the quorum of 2/3 (PRC, Provisions on Collective Contracts"
        " art. 36); if the meeting was held, record it as held without quorum with --no-quorum"
    )


def test_a_quorum_error_in_chinese_keeps_its_field_and_cites_the_statute(zh: None) -> None:
    with pytest.raises(RuleViolationError) as raised:
        evaluate(NO_QUORUM, PRC)
    assert raised.value.field == "vote.present"
    assert str(raised.value).startswith("vote.present: ")
    assert "应到60人、出席39人，不足应到人数的2/3（《集体合同规定》第三十六条）" in raised.value.rule
    assert "--no-quorum" in raised.value.rule


def test_a_deadline_in_each_language(zh: None) -> None:
    rule = PRC.deadline("mediation")
    assert rule is not None
    accepted = date(2024, 6, 3)  # 15 days end Tue 2024-06-18: no roll
    assert rule.label == "调解期限届满未达成协议的，视为调解不成"
    assert PRC.rule_text(rule, PRC.due(rule, accepted), start=accepted) == (
        "受理之日起15日内——《企业劳动争议协商调解规定》第二十九条"
    )
    use("en")
    assert rule.label == "mediation ends; without agreement it is deemed failed"
    assert PRC.rule_text(rule, PRC.due(rule, accepted), start=accepted) == (
        "15 calendar days after acceptance — PRC, Provisions on Negotiation and Mediation of"
        " Enterprise Labour Disputes art. 29"
    )


def test_a_rolled_due_date_in_chinese(zh: None) -> None:
    rule = PRC.deadline("filing", AgreementKind.COMPREHENSIVE)
    assert rule is not None
    signed = date(2024, 6, 5)
    assert PRC.rule_text(rule, date(2024, 6, 17), start=signed) == (
        "签字之日起10日内——《集体合同规定》第四十二条；"
        "10日届满之日周六 2024-06-15为休息日，依《中华人民共和国民法典》第二百零三条顺延至周一 2024-06-17"
    )


def test_a_vote_rule_is_kept_in_english_and_shown_in_the_language(zh: None) -> None:
    tally = VoteTally(roll=60, present=45, yes=38, no=7)
    result = evaluate(tally, PRC)
    assert result.rule == (
        "quorum 2/3 of the roll (40 of 60); pass: yes > 1/2 of the whole roll (31 yes needed)"
        " — PRC, Provisions on Collective Contracts art. 36"
    )
    vote = Vote(
        on=date(2011, 6, 20),
        body=RatificationBody.CONGRESS,
        session="",
        tally=tally,
        outcome=result.outcome,
        rule=result.rule,
    )
    shown = vote_rule(vote, PRC)
    assert "《集体合同规定》第三十六条" in shown
    assert "全体应到人数" in shown
    use("en")
    assert vote_rule(vote, PRC) == result.rule
    reported = Vote(
        on=date(2011, 6, 20),
        body=RatificationBody.CONGRESS,
        session="",
        tally=None,
        outcome=VoteOutcome.PASSED,
        rule="",
    )
    assert vote_rule(reported, PRC).startswith("outcome reported, tally not recorded")


def test_english_is_restored_after_a_text_made_in_english(zh: None) -> None:
    with i18n.english():
        assert str(s1("36")) == "Provisions on Collective Contracts art. 36"
    assert i18n.language() == "zh"
