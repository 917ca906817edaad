"""The 政务公开工作情况 charts, drawn at build time as static SVG with Vega-Lite (vl-convert).

Pages show each chart as an <img> with its alternative text, beside a table of
the same numbers, so nothing depends on a script, on colour or on the picture.
The SVG holds its own <title> and <desc> too. Charts are drawn 340 px wide, the
width of a phone, so their text stays readable when the picture is scaled to
fit one. The layout is fixed (no automatic sizing and no truncated labels),
so the output does not depend on the fonts of the machine that builds it; with
vl-convert-python and the Vega-Lite version pinned, the same numbers give the
same bytes.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from fractions import Fraction

import vl_convert
from markupsafe import escape

VEGA_LITE = "5.21"
WIDTH = 340
LABEL_WIDTH = 150  # the unit names, right-aligned against the bars
VALUE_WIDTH = 48  # the number after each bar
STEP = 28  # one bar
INK, LINE, BLUE, LATE_RED = "#1b2430", "#d5dbe3", "#1d4e89", "#b3261e"
# Task statuses: dark to light, so the order reads in grey too; the table beside names every number.
STATUS_COLOURS = ("#1d4e89", "#5b8fd1", "#b9cde8", "#e3e7ec")
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
_CONFIG = {
    "font": FONT,
    "aria": False,  # the <img> carries the text alternative; Vega's own labels are in English
    "background": "#ffffff",
    "view": {"stroke": None},
    "title": {"fontSize": 16, "color": INK, "anchor": "start", "frame": "group", "offset": 14},
    "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": INK, "titleColor": INK, "labelLimit": 0},
    "legend": {"labelFontSize": 13, "labelColor": INK, "symbolType": "square", "labelLimit": 0},
}


@dataclass(frozen=True)
class Drawing:
    svg: bytes
    width: int
    height: int


def share_bars(title: str, description: str, rows: list[tuple[str, Fraction]]) -> Drawing:
    """One bar per row, 0–100%, its percentage written after it."""
    values = [{"名称": name, "比例": float(value), "标注": _percent(value)} for name, value in rows]
    y = {"field": "名称", "type": "nominal", "sort": None, "title": None}
    spec = _frame(title, len(rows), VALUE_WIDTH) | {
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "color": BLUE},
                "encoding": {
                    "y": y | {"axis": {"labelPadding": 6, "ticks": False, "domain": False}},
                    "x": {
                        "field": "比例",
                        "type": "quantitative",
                        "scale": {"domain": [0, 1]},
                        "title": None,
                        "axis": {"format": ".0%", "values": [0, 0.5, 1], "gridColor": LINE},
                    },
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 13, "color": INK},
                "encoding": {"y": y, "x": {"field": "比例", "type": "quantitative"}, "text": {"field": "标注"}},
            },
        ],
    }
    return _svg(spec, title, description)


def stacked_bars(
    title: str, description: str, rows: list[tuple[str, dict[str, int]]], series: tuple[str, ...]
) -> Drawing:
    """One bar per row split into `series` (in order, dark to light), the total after it, a legend on top."""
    values = [
        {"名称": name, "类别": kind, "数量": counts.get(kind, 0), "顺序": series.index(kind)}
        for name, counts in rows
        for kind in series
    ]
    totals = [{"名称": name, "合计": sum(counts.get(kind, 0) for kind in series)} for name, counts in rows]
    most = max([row["合计"] for row in totals] + [1])
    legend = [
        {"类别": kind, "x": 14 - LABEL_WIDTH + 80 * index, "文字x": 24 - LABEL_WIDTH + 80 * index}
        for index, kind in enumerate(series)
    ]
    y = {"field": "名称", "type": "nominal", "sort": None, "title": None}
    spec = _frame(title, len(rows), VALUE_WIDTH, legend=True) | {
        "layer": [
            {
                "data": {"values": values},
                "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 1},
                "encoding": {
                    "y": y | {"axis": {"labelPadding": 6, "ticks": False, "domain": False}},
                    "x": {
                        "field": "数量",
                        "type": "quantitative",
                        "stack": "zero",
                        "scale": {"domain": [0, most]},
                        "title": None,
                        "axis": {"tickMinStep": 1, "format": "d", "gridColor": LINE},
                    },
                    "color": {
                        "field": "类别",
                        "type": "nominal",
                        "scale": {"domain": list(series), "range": list(STATUS_COLOURS[: len(series)])},
                        "legend": None,
                    },
                    "order": {"field": "顺序", "type": "quantitative"},
                },
            },
            # The legend at fixed places (Vega's would place its items by measuring text with the build
            # machine's fonts): a square and a name per series, above the bars.
            {
                "data": {"values": legend},
                "mark": {"type": "square", "size": 120, "opacity": 1, "stroke": INK, "strokeWidth": 0.5},
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", "scale": None},
                    "y": {"value": -22},
                    "color": {"field": "类别", "type": "nominal", "legend": None},
                },
            },
            {
                "data": {"values": legend},
                "mark": {"type": "text", "align": "left", "baseline": "middle", "fontSize": 13, "color": INK},
                "encoding": {
                    "x": {"field": "文字x", "type": "quantitative", "scale": None},
                    "y": {"value": -22},
                    "text": {"field": "类别"},
                },
            },
            {
                "data": {"values": totals},
                "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 13, "color": INK},
                "encoding": {"y": y, "x": {"field": "合计", "type": "quantitative"}, "text": {"field": "合计"}},
            },
        ],
    }
    return _svg(spec, title, description)


def monthly_columns(title: str, description: str, rows: list[tuple[str, int]]) -> Drawing:
    """A column per month (YYYY-MM), labelled by its month's number, the count above it."""
    values = [{"月份": month, "件数": count} for month, count in rows]
    most = max([count for _, count in rows] + [1])
    first, last = rows[0][0], rows[-1][0]
    span = f"月份（{first[:4]}年{int(first[5:])}月至{last[:4]}年{int(last[5:])}月）"
    x = {"field": "月份", "type": "ordinal", "sort": None, "title": span}
    height = 180
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "autosize": {"type": "none"},
        "padding": {"left": 36, "top": 56, "right": 8, "bottom": 52},
        "width": WIDTH - 44,
        "height": height,
        "title": {"text": title, "dx": -28, "offset": 22},
        "config": _CONFIG,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "bar", "color": BLUE},
                "encoding": {
                    "x": x
                    | {
                        "axis": {
                            "labelExpr": "toNumber(substring(datum.value, 5))",
                            "labelAngle": 0,
                            "labelFontSize": 12,
                            "ticks": False,
                            "titleFontWeight": "normal",
                        },
                    },
                    "y": {
                        "field": "件数",
                        "type": "quantitative",
                        "scale": {"domain": [0, most]},
                        "title": None,
                        "axis": {"tickMinStep": 1, "format": "d", "gridColor": LINE, "tickCount": 4},
                    },
                },
            },
            {
                "mark": {"type": "text", "baseline": "bottom", "dy": -3, "fontSize": 12, "color": INK},
                "encoding": {"x": x, "y": {"field": "件数", "type": "quantitative"}, "text": {"field": "件数"}},
            },
        ],
    }
    return _svg(spec, title, description)


def _frame(title: str, rows: int, right: int, legend: bool = False) -> dict:
    """A horizontal bar chart's fixed frame: names on the left, `rows` bars, the title above."""
    top = 72 if legend else 40
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "autosize": {"type": "none"},
        "padding": {"left": LABEL_WIDTH, "top": top, "right": right, "bottom": 30},
        "width": WIDTH - LABEL_WIDTH - right,
        "height": max(rows, 1) * STEP,
        "title": {"text": title, "dx": 8 - LABEL_WIDTH, "offset": 14},
        "config": _CONFIG,
    }


def _percent(value: Fraction) -> str:
    shown = f"{float(value) * 100:.1f}".removesuffix(".0")
    return f"{shown}%"


@functools.lru_cache(maxsize=256)  # the preview rebuilds often; a chart whose numbers did not change is kept
def _render(spec: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec), vl_version=VEGA_LITE)


def _svg(spec: dict, title: str, description: str) -> Drawing:
    """The chart as SVG, its title and description inside it for readers of the file itself."""
    svg = _render(json.dumps(spec, ensure_ascii=False, sort_keys=True))
    head_end = svg.index(">") + 1
    accessible = f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    opening = svg[:head_end].replace(' class="marks"', ' role="img"', 1)
    size = re.search(r'width="(\d+)" height="(\d+)"', opening)
    return Drawing((opening + accessible + svg[head_end:] + "\n").encode("utf-8"), int(size[1]), int(size[2]))
