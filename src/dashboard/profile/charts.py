"""The profile page's two small charts, as plotly dicts for kaleido: a ranking against the peers and a
population / GDP trend. Sized for print (a third of an A4 page), so they are drawn here rather than
restyled from the page's builders; the figures come from the same lookups (measures.points, series)."""

from __future__ import annotations

from dashboard.comparability import assess, kind_label
from dashboard.data import Dataset
from dashboard.figures.common import ASSUMED_MARK, odd_year
from dashboard.figures.theme import FONT_FAMILY, PALETTE, region_colours
from dashboard.formatting import QUALIFIER_SIGN, QUALIFIER_SUFFIX
from dashboard.i18n import _, plotly_separators
from dashboard.measures import basis_name, points
from dashboard.profile.facts import NOW, THEN, named
from dashboard.profile.wording import count, join, territory_phrase
from dashboard.render.image import render

WIDTH, HEIGHT = 330, 230  # CSS pixels; the PDF places them about 70 mm wide
SCALE = 3  # about 280 dpi on paper
GREY, INK, MUTED = "#b8bcc4", "#111827", "#4b5563"


def rank_indicator(dataset: Dataset) -> str:
    """What the rank chart compares: the indicator that opens the size paragraph (profile_role inhabitants),
    else the first key figure."""
    records = dataset.all_indicators
    return next((r.id for r in records if r.profile_role == "inhabitants"), (dataset.kpi_ids or [records[0].id])[0])


def trend_panels(dataset: Dataset) -> list[tuple[str, str]]:
    """(indicator, 'GDP (EUR million)') of the trend chart: indicators.csv's profile_trend, in the file's order."""
    return [(r.id, r.short_label if r.unit_code in ("persons", "count") else f"{r.short_label} ({r.unit})")
            for r in dataset.all_indicators if r.profile_trend]


def _short(label: str) -> str:
    """'GDP (EUR million)' -> 'GDP'."""
    return label.split(" (")[0]


def _layout(title: str, height: int = HEIGHT) -> dict:
    return {"template": {}, "width": WIDTH, "height": height, "paper_bgcolor": "white", "plot_bgcolor": "white",
            "separators": plotly_separators(),
            "font": {"family": FONT_FAMILY, "size": 11, "color": INK}, "showlegend": False,
            "title": {"text": title, "x": 0, "xanchor": "left", "y": 0.98, "yanchor": "top",
                      "font": {"size": 12, "color": INK}},
            "margin": {"l": 8, "r": 12, "t": 36, "b": 28}}


def rank_spec(dataset: Dataset, region: str, peers: tuple[str, ...], edition: str) -> dict:
    """Population of the region and its peers on the indicator's default basis ('as reported' when the
    region has no figure on it); the region's bar in its colour, kinds that differ from most are named."""
    regions = (region, *[p for p in peers if p != region])
    ranked = rank_indicator(dataset)
    basis = dataset.default_basis(ranked, edition)
    pts = points(dataset, regions, ranked, edition, "absolute", None, basis)
    if pts[0].value is None and basis != "reported":
        basis = "reported"
        pts = points(dataset, regions, ranked, edition, "absolute", None, basis)
    compared = assess(dataset, pts, basis)
    shown = sorted((p for p in pts if p.value is not None), key=lambda p: p.value)
    missing = [dataset.region_name(p.region_id) for p in pts if p.value is None]
    colour = region_colours(dataset).get(region, PALETTE[0])
    names = [dataset.region_name(p.region_id)
             + (f" ({kind_label(p.territory_kind, dataset)})" if p.region_id in compared.odd else "")
             + (f" · {odd}" if (odd := odd_year(p, compared)) else "")
             + (f" · {_(ASSUMED_MARK)}" if p.region_id in compared.assumed else "") for p in shown]
    bar = {"type": "bar", "orientation": "h", "x": [p.value for p in shown], "y": names,
           "marker": {"color": [colour if p.region_id == region else GREY for p in shown]},
           "text": [QUALIFIER_SIGN.get(p.qualifier, "") + count(p.value) + QUALIFIER_SUFFIX.get(p.qualifier, "")
                    for p in shown], "textposition": "outside", "cliponaxis": False,
           "textfont": {"size": 10}}
    rows = max(len(shown), 1)
    # Translators: under the rank chart; {regions} is a comma-separated list of region names.
    note = _wrapped(_("No comparable figure: {regions}", regions=", ".join(missing)), 52) if missing else ""
    lines = note.count("<br>") + 1 if note else 0
    # Translators: the rank chart's title: the indicator's short label, then the territories compared
    # ('Population, Eurostat metropolitan regions').
    layout = _layout(_("{indicator}, {basis}", indicator=dataset.indicator(ranked).short_label,
                       basis=basis_name(basis)),
                     height=max(150, 56 + 19 * rows + 13 * max(lines - 1, 0)))
    top = max((p.value for p in shown), default=1) or 1
    layout.update(xaxis={"visible": False, "range": [0, top * _room(names, bar["text"])]},
                  yaxis={"automargin": True, "tickfont": {"size": 10}}, bargap=0.25)
    if missing:  # right-aligned under the bars, so a long line runs left over the names, never off the chart
        layout["annotations"] = [{"text": note, "xref": "paper", "yref": "paper", "x": 1, "y": 0,
                                  "yshift": -6, "xanchor": "right", "yanchor": "top", "align": "right",
                                  "showarrow": False, "font": {"size": 9.5, "color": MUTED}}]
        layout["margin"]["b"] = 18 + 13 * lines
    return {"data": [bar], "layout": layout}


def _room(names: list[str], texts: list[str]) -> float:
    """The x range as a multiple of the longest bar, so that its value fits beside it: the plot is what the
    names (about 6 px a character at 10 px type) leave of the chart's width, and the value must fit after it."""
    plot = max(WIDTH - 20 - 6.0 * max((len(n) for n in names), default=0) - 8, 80.0)
    value = 6.0 * max((len(t) for t in texts), default=0) + 10
    return max(1.32, plot / max(plot - value, 30.0))


def _segments(dataset: Dataset, region: str, indicator: str) -> list[tuple[str, list]]:
    """(territory, figures) runs of both editions, split where the territory or the edition changes or the
    method breaks."""
    if indicator not in dataset.indicators.index:
        return []
    runs: dict[str, list[list]] = {}
    for edition in (THEN, NOW):
        started: set[str] = set()
        for found in dataset.series(region, indicator, edition):
            figure = named(dataset, found)
            run = runs.setdefault(figure.territory, [[]])
            # a new edition is another source and vintage (and goes back in time): never joined to the last
            if run[-1] and (figure.series_break or figure.territory not in started):
                run.append([])
            started.add(figure.territory)
            run[-1].append(figure)
    return [(territory, seg) for territory, segs in runs.items() for seg in segs if seg]


def trend_spec(dataset: Dataset, region: str) -> dict:
    """Population and GDP over both editions, one line per territory (never joined across territories);
    a panel without figures is left out and the title says so."""
    colours: dict[str, str] = {}
    panels = [(name, label, _segments(dataset, region, name)) for name, label in trend_panels(dataset)]
    shown = [(name, label, segs) for name, label, segs in panels if segs]
    missing = [_short(label) for _n, label, segs in panels if not segs]
    data = []
    for n, (_n, _label, segs) in enumerate(shown):
        axis = "" if n == 0 else str(n + 1)
        for territory, seg in segs:
            colour = colours.setdefault(territory, PALETTE[len(colours) % len(PALETTE)])
            data.append({"type": "scatter", "mode": "lines+markers", "x": [f.year for f in seg],
                         "y": [f.value for f in seg], "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                         "line": {"color": colour, "width": 1.5},
                         # a qualified figure (≈, ≥, ≤, Eurostat's e or p) is an open marker: the page has no hover
                         "marker": {"size": 5, "color": colour,
                                    "symbol": ["circle-open" if f.qualifier else "circle" for f in seg]},
                         "name": _wrapped(territory_phrase(territory)), "legendgroup": territory,
                         "showlegend": territory not in {d["legendgroup"] for d in data}})
    if shown and missing:
        # Translators: the trend chart's title; {indicators} is a list ('Population and GDP (EUR million)'),
        # {missing} the indicators without figures joined with 'or'.
        title = _("{indicators}, by territory (no {missing} figures)", indicators=join([lb for _n, lb, _s in shown]),
                  missing=join(missing, style="or"))
    elif shown:
        # Translators: the trend chart's title; {indicators} is a list ('Population and GDP (EUR million)').
        title = _("{indicators}, by territory", indicators=join([lb for _n, lb, _s in shown]))
    else:
        # Translators: the trend chart's title when it has no figures; {indicators} is a list ('Population and
        # GDP').
        title = _("{indicators}: no figures", indicators=join([_short(lb) for _n, lb, _s in panels]))
    legend_lines = sum(_wrapped(territory_phrase(t)).count("<br>") + 1 for t in colours) + 1
    layout = _layout(title, height=250 + 15 * legend_lines)
    qualified = any(f.qualifier for _, _, segs in shown for _, seg in segs for f in seg)
    legend = {"orientation": "h", "y": -0.16, "yanchor": "top", "x": 0, "font": {"size": 9.5}, "tracegroupgap": 0}
    if qualified:  # the page has no hover: an open marker is how the chart keeps ≈, ≥, ≤, e and p
        legend["title"] = {"text": _("Open markers: approximate, bounds, estimated or provisional"), "side": "top",
                           "font": {"size": 9.5}}
    layout.update(showlegend=True, legend=legend)
    layout["margin"].update(b=10, l=8)
    gap = 0.12 if len(shown) > 1 else 0
    width = (1 - gap) / max(len(shown), 1)
    for n, (_n, label, _segs) in enumerate(shown):
        axis = "" if n == 0 else str(n + 1)
        layout[f"xaxis{axis}"] = {"domain": [n * (width + gap), n * (width + gap) + width], "anchor": f"y{axis}",
                                  "tickfont": {"size": 9.5}, "showline": True, "linecolor": GREY,
                                  "tickformat": "d", "automargin": True, "tickangle": 0,
                                  "dtick": _year_step(data, axis, len(shown))}
        layout[f"yaxis{axis}"] = {"anchor": f"x{axis}", "tickfont": {"size": 9.5}, "gridcolor": "#e5e7eb",
                                  "rangemode": "tozero", "automargin": True,
                                  "title": {"text": _short(label), "font": {"size": 10}}}
    if not shown:
        layout.update(xaxis={"visible": False}, yaxis={"visible": False})
    return {"data": data, "layout": layout}


def _year_step(data: list[dict], axis: str, panels: int) -> int:
    """Whole years on the time axis, few enough that a narrow panel's labels never collide."""
    years = [x for d in data if d["xaxis"] == f"x{axis}" for x in d["x"]]
    span = max(years) - min(years) if years else 0
    most = 3 if panels > 1 else 6
    return next((step for step in (1, 2, 5, 10, 20) if span / step < most), 50)


def _wrapped(name: str, width: int = 40) -> str:
    """A long territory name over lines (plotly legends do not wrap), so it is never cut at the edge."""
    lines, line = [], ""
    for word in name.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def png(spec: dict) -> bytes:
    """The chart as PNG at print resolution, through the app's kaleido browser."""
    layout = spec["layout"]
    return render(spec, "png", int(layout["width"]), int(layout["height"]), SCALE)


def chart_pngs(dataset: Dataset, region: str, peers: tuple[str, ...], edition: str) -> tuple[bytes, bytes]:
    return png(rank_spec(dataset, region, peers, edition)), png(trend_spec(dataset, region))
