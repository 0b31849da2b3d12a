"""KPI cards: one headline figure per card, with year, territory and source always beside it,
and, against the chosen peers, its rank, its share of the national total and its distance from
the peers' median."""

from __future__ import annotations

from statistics import median

import dash_bootstrap_components as dbc
from dash import html

from dashboard.comparability import compared, kind_label
from dashboard.data import Dataset
from dashboard.data.dataset import Figure
from dashboard.data.declarations import declaration
from dashboard.formatting import QUALIFIER_TEXT, format_value, format_year
from dashboard.measures import Point, context_figure, no_comparable, points, resolve_basis

TERRITORY_BADGE = {
    "city": ("City figure", "warning", "This figure describes the core city, not the metropolitan region."),
    "wider": ("Wider area", "info", "This figure describes an area wider than the metropolitan region."),
    "county_nuts": ("County figure", "info", "This figure describes a county or statistical region."),
    "unspecified": ("Extent not stated", "warning", "The source does not say which area this figure covers."),
}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def source_footnote(dataset: Dataset, figure: Figure, element_id: str) -> html.Small:
    """'Source: title', linked when the source has an address; publisher and note as tooltip."""
    source = dataset.source(figure.source_id)
    title = str(source["title"])
    link = (html.A(title, href=source["url"], target="_blank", rel="noopener noreferrer")
            if source["url"] else html.Span(title))
    mine = [dbc.Badge("Your data", color="info", className="me-1 text-dark", title="A figure you added")] \
        if dataset.is_user_source(figure.source_id) else []
    if dataset.is_secondary(figure.source_id):
        mine.append(dbc.Badge("Secondary copy", color="light", className="me-1 text-dark border",
                              title="Read in a third-party copy, not at the publisher; the link is what was read"))
    return html.Small([*mine, "Source: ", link], className="kpi-source text-body-secondary d-block",
                      title=f"{source['publisher']}. {figure.note}".strip(), id=element_id)


def _territory_line(dataset: Dataset, figure: Figure) -> list:
    definition = str(dataset.territory(figure.territory_id)["definition"])
    parts: list = [html.Span(figure.territory, className="kpi-territory", title=definition)]
    if figure.territory_kind in TERRITORY_BADGE:
        text, colour, why = TERRITORY_BADGE[figure.territory_kind]
        parts.append(dbc.Badge(text, color=colour, className="ms-1 text-dark", title=why))
    return parts


def card_share(dataset: Dataset, region_id: str, indicator_id: str, edition: str, year: int | None,
               basis: str = "reported") -> tuple[Point, str, str, str] | None:
    """(point, its indicator, its measure, what it is a share of) of the share a KPI card shows: computed
    from a national total of the same year, or as a source reported it; None when neither exists."""
    declared = declaration(dataset, indicator_id)
    sources = [(indicator_id, "share", declared.share_label)] if declared.share_label else []
    if declared.card_extra_share:
        extra = declaration(dataset, declared.card_extra_share)
        sources.append((declared.card_extra_share, "absolute", extra.share_label.split(" (")[0] or
                        str(dataset.indicator(declared.card_extra_share)["short_label"])))
    for source_indicator, measure, what in sources:
        share = points(dataset, (region_id,), source_indicator, edition, measure, year, basis)[0]
        if share.value is not None:
            return share, source_indicator, measure, what
    return None


def share_line(dataset: Dataset, region_id: str, indicator_id: str, edition: str, year: int | None,
               basis: str = "reported", headline: Figure | None = None) -> list:
    """'25 % of Finland's population (c. 2007)': computed from a national total of the same year, or
    as a source reported it; a share of another territory than the headline's names its own ('18 % of
    Finland's jobs (2021, City of Helsinki)'), so that it never reads as the headline's. Nothing when
    neither exists."""
    country = dataset.region(region_id)["country_name"]
    found = card_share(dataset, region_id, indicator_id, edition, year, basis)
    if found is not None:
        share, _, _, what = found
        decimals = 0 if float(share.value).is_integer() else 1
        how = share.how or "share as reported by the source"
        own = headline is not None and share.territory_id == headline.territory_id
        where = "" if own else f", {share.territory}"
        return [html.Div(f"{format_value(share.value, decimals, share.qualifier)} % of {country}'s {what} "
                         f"({format_year(share.year, share.year_approx)}{where})",
                         className="kpi-extra kpi-share", title=f"{share.territory}: {how}")]
    return []


def context_text(dataset: Dataset, indicator_id: str, figure: Figure) -> tuple[str, Figure] | None:
    """'Helsinki Region (12 municipalities): 1 300 000 persons (c. 2007)': the region's other territory
    beside the headline (the city under a wider figure, or the reverse), for context; not ranked."""
    other = context_figure(dataset, figure) if declaration(dataset, indicator_id).kpi_context else None
    if other is None:
        return None
    unit = dataset.indicator(indicator_id)["unit"]
    return (f"{other.territory}: {format_value(other.value, 0, other.qualifier)} {unit} "
            f"({format_year(other.year, other.year_approx)})", other)


def _context_line(dataset: Dataset, indicator_id: str, figure: Figure) -> list:
    context = context_text(dataset, indicator_id, figure)
    if context is None:
        return []
    text, other = context
    return [html.Div(text, className="kpi-extra kpi-context",
                     title=f"{kind_label(other.territory_kind).capitalize()}, for context; not ranked. {other.note}")]


def peer_lines(dataset: Dataset, focus: Point, peer_points: list[Point], decimals: int) -> list:
    """Rank among focus + peers with a figure, and the difference from the peers' median."""
    ranked = sorted([focus, *[p for p in peer_points if p.value is not None]], key=lambda p: -p.value)
    if len(ranked) < 2:
        return [html.Div("No peer has this figure", className="kpi-extra kpi-rank text-body-secondary")]
    position = next(i for i, p in enumerate(ranked, start=1) if p.region_id == focus.region_id)
    mixed = len({p.territory_kind for p in ranked}) > 1
    lines = [html.Div([f"{ordinal(position)} of {len(ranked)}",
                       dbc.Badge("mixed territories", color="warning", className="ms-1 text-dark",
                                 title="The ranked figures describe different kinds of territory")
                       if mixed else None], className="kpi-extra kpi-rank")]
    peer_values = [p.value for p in ranked if p.region_id != focus.region_id]  # the focus is not its own peer
    mid = median(peer_values)
    if mid:
        diff = (focus.value - mid) / mid * 100
        lines.append(html.Div(f"{diff:+.0f} % vs peers' median ({format_value(mid, decimals)})",
                              className="kpi-extra kpi-median"))
    return lines


def kpi_card(dataset: Dataset, region_id: str, indicator_id: str, edition: str, peers: tuple[str, ...] = (),
             year: int | None = None, basis: str = "") -> dbc.Card:
    """The card for one KPI on the view's basis (or the KPI's default one); 'No data' with the reason when
    the figure is missing, and what the region has instead when it has no figure on the basis."""
    indicator = dataset.indicator(indicator_id)
    basis = resolve_basis(dataset, basis, indicator_id, edition)
    figure = dataset.figure(region_id, indicator_id, edition, year, basis)
    header = dbc.CardHeader([html.I(className=f"bi {declaration(dataset, indicator_id).icon} me-2",
                                    **{"aria-hidden": "true"}),
                             indicator["short_label"]], className="kpi-header")
    if figure is None:
        reason = no_comparable(dataset, region_id, indicator_id, edition, year, basis).missing
        comparable = dataset.figure(region_id, indicator_id, edition, year) is None or basis == "reported"
        body = dbc.CardBody([
            html.Div("No data" if comparable else "No comparable figure", className="kpi-value kpi-missing"),
            html.P(reason, className="kpi-reason small mb-1"),
            *share_line(dataset, region_id, indicator_id, edition, year),  # any share the region reports
        ])
        return dbc.Card([header, body], className="kpi-card h-100 is-missing", id=f"kpi-{indicator_id}")
    decimals = int(indicator["decimals"])
    others = tuple(p for p in peers if p != region_id)
    focus_point = points(dataset, (region_id,), indicator_id, edition, "absolute", year, basis)[0]
    peer_points = points(dataset, others, indicator_id, edition, "absolute", year, basis) if others else []
    body = dbc.CardBody([
        html.Div(format_value(figure.value, decimals, figure.qualifier), className="kpi-value",
                 title=QUALIFIER_TEXT.get(figure.qualifier) or None),
        html.Div([html.Span(indicator["unit"], className="kpi-unit"), " · ",
                  html.Span(format_year(figure.year, figure.year_approx), className="kpi-year",
                            title="year inferred from an undated page" if figure.year_approx else None)],
                 className="kpi-meta"),
        html.Div(_territory_line(dataset, figure), className="kpi-territory-line small"),
        html.Div(f"{kind_label(figure.territory_kind).capitalize()} · {compared(basis)}",
                 className="kpi-basis small text-body-secondary"),
        *share_line(dataset, region_id, indicator_id, edition, year, basis, figure),
        *_context_line(dataset, indicator_id, figure),
        *(peer_lines(dataset, focus_point, peer_points, decimals) if others else []),
    ])
    footer = dbc.CardFooter(source_footnote(dataset, figure, f"kpi-source-{indicator_id}"))
    return dbc.Card([header, body, footer], className="kpi-card h-100", id=f"kpi-{indicator_id}")


def kpi_row(dataset: Dataset, region_id: str, edition: str, peers: tuple[str, ...] = (),
            year: int | None = None, basis: str = "") -> list[dbc.Col]:
    """The five KPI cards in their grid columns."""
    return [dbc.Col(kpi_card(dataset, region_id, kpi, edition, peers, year, basis), xs=12, sm=6, lg=4, xl=True,
                    className="mb-3") for kpi in dataset.kpi_ids]
