"""The committee's report, opened in a real browser (headless Chromium).

The report of the seed's 篇10 year (a street mediation centre: "成功调处劳资纠纷14件，其中劳动合同
3件，工资纠纷3件，工伤纠纷5件，其它3件…调处率100%，成功率达90%以上"): 15 cases closed, 14
succeeded, 93.3%, the category bars 3/3/5/3. The demo's wage contract, which expires in June
2012, gives the contracts chart its marks. The report is written by the installed command,
then opened from the file with every request watched: it must make none.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from tests.browser import browser

BIN = Path(sys.executable).with_name("bargaining")
YEAR = ["--from", "2012-01-01", "--to", "2012-12-31"]
CHARTS = ("by-category", "by-month", "outcomes", "days-to-close", "amounts", "contracts")


def street_centre_ledger(path: Path) -> Path:
    """The 篇10 year as a ledger: 14 cases settled (3 labour-contract, 3 wage, 5 work-injury,
    3 other) and one failed (a wage claim)."""
    categories = ["劳动合同"] * 3 + ["工资"] * 3 + ["工伤"] * 5 + ["其他"] * 3
    lines = [
        "案件编号,申请人,被申请人,争议类型,受理日期,结案日期,处理结果,涉及人数,涉案金额（万元）,协议金额（万元）"
    ]
    for n, category in enumerate(categories, start=1):
        lines.append(
            f"2012-街调-{n:02d},职工{n}甲、职工{n}乙,企业{n},{category},2012-03-{n:02d},2012-03-{n + 9:02d},调解成功,2,20,15"
        )
    lines.append("2012-街调-15,职工15,企业15,劳动报酬,2012-04-01,2012-04-10,调解不成,4,5,")
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    return path


def bargaining(store: Path, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(BIN), "--store", str(store), "--lang", lang, *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("report")
    store = root / "store"
    bargaining(store, "demo")
    bargaining(store, "import", "cases", str(street_centre_ledger(root / "街道调解分中心2012.csv")))
    out = root / "报告2012.html"
    bargaining(store, "report", "--out", str(out), *YEAR)
    stats = json.loads(bargaining(store, "stats", "disputes", *YEAR, "--json").stdout)
    return {"store": store, "out": out, "stats": stats, "root": root}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as b:
        yield b


def opened(chromium: Any, path: Path, **context: Any) -> tuple[Any, list[str], list[str]]:
    """The page of ``path`` and, as it loads, every request it makes and every console error."""
    ctx = chromium.new_context(**context)
    page = ctx.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("document.fonts.status === 'loaded'")
    return page, requests, errors


def marks(page: Any, chart: str) -> list[dict[str, str]]:
    """The values each mark of a chart carries in its aria-label ("类别: 工伤; 案件: 5; series: …")."""
    labels = page.eval_on_selector_all(
        f'figure[data-chart="{chart}"] svg [aria-roledescription="bar"], '
        f'figure[data-chart="{chart}"] svg [aria-roledescription="line mark"],'
        f'figure[data-chart="{chart}"] svg [aria-roledescription="point"]',
        "els => els.map(e => e.getAttribute('aria-label'))",
    )
    return [dict(part.split(": ", 1) for part in label.split("; ")) for label in labels if label]


def test_the_report_opens_with_no_request_and_no_console_error(chromium: Any, made: dict[str, Any]) -> None:
    page, requests, errors = opened(chromium, made["out"])
    assert requests == [made["out"].as_uri()]
    assert errors == []
    assert page.title().startswith("调解与集体合同")


def test_every_chart_has_drawn_its_marks_with_chinese_labels(chromium: Any, made: dict[str, Any]) -> None:
    page, _requests, _errors = opened(chromium, made["out"])
    drawn = page.eval_on_selector_all("figure.chart", "els => els.map(e => e.dataset.chart)")
    assert drawn == list(CHARTS)
    for chart in CHARTS:
        count = page.eval_on_selector_all(
            f'figure[data-chart="{chart}"] svg .mark-rect path, figure[data-chart="{chart}"] svg .mark-line path',
            "els => els.length",
        )
        assert count > 0, chart
    # The text is text, in the page's own font: Chinese labels, not boxes or paths.
    labels = page.eval_on_selector_all(
        'figure[data-chart="by-category"] svg text', "els => els.map(e => e.textContent)"
    )
    assert {"劳动合同", "劳动报酬", "工伤", "其他"} <= set(labels)
    family = page.eval_on_selector(
        'figure[data-chart="by-category"] svg text', "e => getComputedStyle(e).fontFamily"
    )
    assert "Noto Sans SC" in family


def test_the_figures_are_those_of_stats_disputes(chromium: Any, made: dict[str, Any]) -> None:
    page, _requests, _errors = opened(chromium, made["out"])
    shown = dict(
        page.eval_on_selector_all("[data-figure]", "els => els.map(e => [e.dataset.figure, e.dataset.value])")
    )
    total = made["stats"]["total"]
    assert len(shown) >= 12
    for key, value in shown.items():
        assert value == ("" if total[key] is None else str(total[key])), key
    assert (shown["closed"], shown["succeeded"], shown["success_rate"]) == ("15", "14", "93.3%")
    read = dict(
        page.eval_on_selector_all(
            "[data-figure]", "els => els.map(e => [e.dataset.figure, e.querySelector('dd').textContent])"
        )
    )
    assert (read["success_rate"], read["amount_claimed"]) == ("93.3%", "2,850,000.00")


def test_the_seed_year_shows_its_category_bars(chromium: Any, made: dict[str, Any]) -> None:
    page, _requests, _errors = opened(chromium, made["out"])
    succeeded = {m["类别"]: int(m["件数"]) for m in marks(page, "by-category") if m["series"] == "调解成功"}
    assert succeeded == {"劳动合同": 3, "劳动报酬": 3, "工伤": 5, "其他": 3}
    closed = {m["类别"]: int(m["件数"]) for m in marks(page, "by-category") if m["series"] == "结案"}
    assert closed == {"劳动合同": 3, "劳动报酬": 4, "工伤": 5, "其他": 3}


OVERFLOW = """els => els.flatMap(svg => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).flatMap(t => {
    const r = t.getBoundingClientRect();
    const out = r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
    return out ? [svg.closest('figure').dataset.chart + ': ' + t.textContent] : [];
  });
})"""


def overflowing(page: Any) -> list[str]:
    """Every chart label drawn outside its chart's box."""
    found: list[str] = page.eval_on_selector_all("figure.chart svg", OVERFLOW)
    return found


@pytest.mark.parametrize("width", [1280, 390])
def test_no_chart_label_overflows_its_box(chromium: Any, made: dict[str, Any], width: int) -> None:
    page, _requests, _errors = opened(chromium, made["out"], viewport={"width": width, "height": 900})
    assert overflowing(page) == []
    # On a phone the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_overflow_check_finds_a_label_outside_its_box(chromium: Any, made: dict[str, Any]) -> None:
    """The check above can fail: a label moved out of its chart is reported."""
    page, _requests, _errors = opened(chromium, made["out"])
    page.eval_on_selector(
        'figure[data-chart="amounts"] svg .role-axis-label text',
        "t => t.setAttribute('transform', 'translate(-400,0)')",
    )
    assert any(found.startswith("amounts: ") for found in overflowing(page))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_a_screenshot_of_the_first_screen_and_an_a4_print(chromium: Any, made: dict[str, Any]) -> None:
    page, _requests, _errors = opened(chromium, made["out"], viewport={"width": 1280, "height": 800})
    shot = page.screenshot()
    (made["root"] / "first-screen.png").write_bytes(shot)
    assert png_size(shot) == (1280, 800)
    pdf = made["root"] / "report.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) >= 4  # figures, charts, attention, timelines: a page break between sections
        for number in range(len(document)):
            width, height = document[number].get_size()
            assert (round(width), round(height)) == (595, 842)  # A4 in points
        text = "".join(document[n].get_textpage().get_text_range() for n in range(len(document)))
    finally:
        document.close()
    assert "93.3%" in text
    assert "2012-街调-15" in text  # printed, every timeline is open


def test_timelines_are_folded_and_open_on_a_click_and_all_open_without_scripts(
    chromium: Any, made: dict[str, Any]
) -> None:
    page, _requests, _errors = opened(chromium, made["out"])
    folded = page.eval_on_selector_all("details.timeline", "els => els.map(e => e.open)")
    # The 15 cases; the demo's wage contract only expired in 2012, with no step recorded in it.
    assert len(folded) == 15
    assert not any(folded)
    page.click('details[data-reference="2012-街调-15"] summary')
    assert page.eval_on_selector('details[data-reference="2012-街调-15"]', "e => e.open")
    assert "调解不成" in page.inner_text('details[data-reference="2012-街调-15"]')
    page, _requests, _errors = opened(chromium, made["out"], java_script_enabled=False)
    assert all(page.eval_on_selector_all("details.timeline", "els => els.map(e => e.open)"))


def test_the_report_in_english_and_for_one_body(chromium: Any, made: dict[str, Any]) -> None:
    out = made["root"] / "report-en.html"
    bargaining(made["store"], "report", "--out", str(out), *YEAR, lang="en")
    page, requests, errors = opened(chromium, out)
    assert (requests, errors) == ([out.as_uri()], [])
    succeeded = {
        m["category"]: int(m["cases"]) for m in marks(page, "by-category") if m["series"] == "succeeded"
    }
    assert succeeded == {"labour-contract": 3, "remuneration": 3, "work-injury": 5, "other": 3}
    assert overflowing(page) == []


def figures_of(html: str) -> dict[str, str]:
    """The figures section's values as written (data-value), by key."""
    return dict(re.findall(r'<div data-figure="([a-z_]+)" data-value="([^"]*)"', html))


def test_a_timeline_lists_the_periods_steps_and_counts_the_others(made: dict[str, Any]) -> None:
    """From June 2011 the demo's wage negotiation shows its steps from the draft on (2011-06-10);
    the steps before June are counted, as many as 'timeline' lists before that day."""
    out = made["root"] / "second-half-2011.html"
    bargaining(made["store"], "report", "--out", str(out), "--from", "2011-06-01", "--to", "2011-12-31")
    html = out.read_text(encoding="utf-8")
    steps = json.loads(bargaining(made["store"], "timeline", "DEMO-2011-WAGE", "--json").stdout)
    earlier = [s for s in steps if s["on"] < "2011-06-01"]
    inside = [s for s in steps if "2011-06-01" <= s["on"] <= "2011-12-31"]
    found = re.search(
        r'<details class="timeline" open data-reference="DEMO-2011-WAGE">(.*?)</details>', html, re.DOTALL
    )
    assert found is not None
    timeline = found.group(1)
    assert timeline.count("<time>") == len(inside) > 0
    assert f"此前{len(earlier)}个步骤" in timeline
    assert "<time>2011-06-10</time>" in timeline


def test_one_bodys_report_has_that_bodys_figures_and_no_negotiations(made: dict[str, Any]) -> None:
    out = made["root"] / "body-2011.html"
    period = ["--from", "2011-01-01", "--to", "2011-12-31"]
    bargaining(made["store"], "report", "--out", str(out), *period, "--body", "DEMO-LQ-TJWYH")
    html = out.read_text(encoding="utf-8")
    stats = json.loads(
        bargaining(made["store"], "stats", "disputes", *period, "--body", "DEMO-LQ-TJWYH", "--json").stdout
    )
    every = json.loads(bargaining(made["store"], "stats", "disputes", *period, "--json").stdout)
    assert stats["total"]["closed"] == 1
    written = figures_of(html)
    assert written == {k: "" if stats["total"][k] is None else str(stats["total"][k]) for k in written}
    assert "DEMO-2011-WAGE" not in html
    assert 'data-chart="contracts"' not in html
    assert stats["body"] == "DEMO-LQ-TJWYH"
    assert every["total"]["received"] >= stats["total"]["received"]


def test_a_wrong_report_request_says_which_option_and_writes_nothing(
    made: dict[str, Any], tmp_path: Path
) -> None:
    for args, field in (
        (["--out", str(tmp_path / "r.txt")], "report.out"),
        (["--out", str(tmp_path / "missing" / "r.html")], "report.out"),
        (["--out", str(tmp_path / "r.html"), "--from", "2012-02-01", "--to", "2012-01-01"], "report.to"),
        (["--out", str(tmp_path / "r.html"), "--body", "NO-SUCH-BODY"], "report.body"),
    ):
        done = subprocess.run(
            [str(BIN), "--store", str(made["store"]), "--lang", "en", "report", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode != 0
        assert done.stderr.startswith(f"Error: {field}: "), done.stderr
        assert done.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_the_report_file_has_the_permissions_of_any_new_file(made: dict[str, Any]) -> None:
    """It is made to be passed on: readable as the user's umask lets any new file be, not only
    by its owner (the temporary file it is written through is created owner-only)."""
    mask = os.umask(0o022)
    os.umask(mask)
    assert made["out"].stat().st_mode & 0o777 == 0o666 & ~mask


def test_the_months_closed_line_is_dashed_so_it_shows_where_it_meets_the_received_one(
    made: dict[str, Any],
) -> None:
    page = made["out"].read_text(encoding="utf-8")
    chart = page[page.index('data-chart="by-month"') :]
    chart = chart[: chart.index("</svg>")]
    lines = re.findall(r'<path[^>]*aria-roledescription="line mark"[^>]*>', chart)
    assert len(lines) == 2, lines
    # The seed's year received and closed the same cases each month: the two lines coincide.
    assert len({re.sub(r'.* d="([^"]*)".*', r"\1", line) for line in lines}) == 1
    dashes = {re.search(r'stroke-dasharray="([^"]*)"', line).group(1) for line in lines}  # type: ignore[union-attr]
    assert len(dashes) == 2, dashes


def test_a_timeline_counts_one_step_in_the_singular(made: dict[str, Any]) -> None:
    """To 5 July 2011 the wage negotiation has one step left after the period (22 July)."""
    out = made["root"] / "to-july-2011.html"
    period = ["--from", "2011-03-07", "--to", "2011-07-05", "--lang", "en"]
    bargaining(made["store"], "report", "--out", str(out), *period)
    found = re.search(
        r'<details class="timeline" open data-reference="DEMO-2011-WAGE">(.*?)</details>',
        out.read_text(encoding="utf-8"),
        re.DOTALL,
    )
    assert found is not None
    assert "1 later step (" in found.group(1)
