"""The report's charts: Vega-Lite specifications drawn to SVG by vl-convert.

vl-convert ships the Vega and Vega-Lite engines in its wheel, so a chart is drawn here, offline,
with no browser and nothing downloaded; the SVG keeps its text as ``<text>``, so Chinese labels
stay searchable, selectable and sharp in print. Labels are measured with the font the page
embeds (Noto Sans SC, registered below), so they fit their boxes in the browser as they did
here. Each mark carries an ``aria-label`` with its values: screen readers, and the tests, read
the figures drawn.

A chart's geometry is drawn from floats; the exact amounts (Decimal, to the fen) are in the
figures and tables beside it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FONT_FAMILY = "Noto Sans SC"
WIDTH = 560  # CSS pixels: the page's column at its widest; the SVG scales down on a phone
COLOURS = {
    "succeeded": "#2e7d32",
    "failed": "#c62828",
    "withdrawn": "#9e9e9e",
    "referred": "#ef6c00",
}

Spec = dict[str, Any]


@functools.cache
def _engine(font_folder: str) -> Any:
    import vl_convert

    vl_convert.register_font_directory(font_folder)
    return vl_convert


def svg(spec: Spec, font: Path) -> str:
    """The chart ``spec`` drawn as an SVG document, its text set in ``font``."""
    engine = _engine(str(font.parent))
    drawn: str = engine.vegalite_to_svg(spec)
    return drawn


def _base(title: str, values: Sequence[dict[str, Any]], height: int = 180) -> Spec:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": title, "anchor": "start", "fontSize": 14},
        "width": WIDTH,
        "height": height,
        "data": {"values": list(values)},
        "config": {
            "font": FONT_FAMILY,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 160},
            "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom", "labelLimit": 200},
        },
    }


def _x_axis(values: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Labels level while a dozen fit across; slanted beyond (two years of months, many
    quarters), so that none is dropped or drawn over its neighbour."""
    many = len({v["x"] for v in values}) > 12
    return {"labelAngle": -45 if many else 0, "labelOverlap": False}


def _count_axis(title: str, top: float, number_format: str = "d") -> dict[str, Any]:
    """A count's y axis: whole numbers only. Vega's ticks for a small domain fall on halves,
    which a whole-number format prints twice ("0, 1, 1"); under ten, each whole number is a tick."""
    axis: dict[str, Any] = {"format": number_format}
    scale: dict[str, Any] = {"domainMin": 0}
    if number_format == "d" and top < 10:
        whole = max(int(top), 1)
        axis["values"] = list(range(whole + 1))
        scale["domainMax"] = whole
    return {"field": "y", "type": "quantitative", "title": title, "axis": axis, "scale": scale}


def grouped_bars(
    title: str,
    values: Sequence[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    series: Sequence[tuple[str, str]],
    y_format: str = "d",
) -> Spec:
    """Bars side by side: one group per ``x``, one bar per series (``series``: the value's key in
    the data, and its name in the legend, in order). ``values``: ``{"x": ..., "series": ..., "y": ...}``."""
    names = [name for _key, name in series]
    spec = _base(title, values)
    spec["mark"] = {"type": "bar", "tooltip": True}
    spec["encoding"] = {
        "x": {"field": "x", "type": "nominal", "title": x_title, "sort": None, "axis": _x_axis(values)},
        "xOffset": {"field": "series", "type": "nominal", "sort": names},
        "y": _count_axis(y_title, max((v["y"] for v in values), default=0), y_format),
        "color": {"field": "series", "type": "nominal", "title": None, "sort": names},
        # Two series with the same counts draw one line over the other: the second is dashed,
        # its points squares, so both show where they meet (in print, and to the colour-blind).
        # (the colour's legend names them: Vega-Lite draws a legend of its own for each of these)
        "strokeDash": {"field": "series", "type": "nominal", "sort": names, "legend": None},
        "shape": {"field": "series", "type": "nominal", "sort": names, "legend": None},
    }
    return spec


def stacked_bars(
    title: str,
    values: Sequence[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    series: Sequence[tuple[str, str]],
) -> Spec:
    """Bars stacked by series (``series``: outcome keys and their names, in stacking order)."""
    names = [name for _key, name in series]
    spec = _base(title, values)
    spec["mark"] = {"type": "bar", "tooltip": True}
    spec["encoding"] = {
        "x": {"field": "x", "type": "ordinal", "title": x_title, "sort": None, "axis": _x_axis(values)},
        "y": {**_count_axis(y_title, _stacked_top(values)), "stack": "zero"},
        "color": {
            "field": "series",
            "type": "nominal",
            "title": None,
            "sort": names,
            "scale": {"domain": names, "range": [COLOURS.get(key, "#4c78a8") for key, _name in series]},
        },
        "order": {"field": "order", "type": "quantitative"},
    }
    return spec


def _stacked_top(values: Sequence[dict[str, Any]]) -> float:
    stacks: dict[Any, float] = {}
    for v in values:
        stacks[v["x"]] = stacks.get(v["x"], 0) + v["y"]
    return max(stacks.values(), default=0)


def lines(
    title: str,
    values: Sequence[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    series: Sequence[tuple[str, str]],
) -> Spec:
    """Lines with points, one per series, over an ordered ``x`` (months); each series its own
    colour, dash and point shape."""
    names = [name for _key, name in series]
    spec = _base(title, values)
    spec["mark"] = {"type": "line", "point": True, "tooltip": True}
    spec["encoding"] = {
        "x": {"field": "x", "type": "ordinal", "title": x_title, "sort": None, "axis": _x_axis(values)},
        "y": _count_axis(y_title, max((v["y"] for v in values), default=0)),
        "color": {"field": "series", "type": "nominal", "title": None, "sort": names},
        # Two series with the same counts draw one line over the other: the second is dashed,
        # its points squares, so both show where they meet (in print, and to the colour-blind).
        # (the colour's legend names them: Vega-Lite draws a legend of its own for each of these)
        "strokeDash": {"field": "series", "type": "nominal", "sort": names, "legend": None},
        "shape": {"field": "series", "type": "nominal", "sort": names, "legend": None},
    }
    return spec
