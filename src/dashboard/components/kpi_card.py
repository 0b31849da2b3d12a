"""KPI cards: one headline figure per card, with year, territory and source always beside it,
and, against the chosen peers, its rank, its share of the national total and its distance from
the peers' median. What a card says is ``view_model.KpiLine``; this module only draws it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.about_view import territory_link
from dashboard.components.sentence import MARK, around
from dashboard.data import Dataset
from dashboard.data.figure import Figure
from dashboard.i18n import _
from dashboard.measures import territory_name
from dashboard.state import ViewState
from dashboard.view_model import MIXED_TERRITORIES, MIXED_WHY, NO_PEER, KpiLine, Standing, kpi_lines


def source_footnote(dataset: Dataset, figure: Figure, element_id: str) -> html.Small:
    """'Source: title', linked when the source has an address; publisher and note as tooltip."""
    source = dataset.source(figure.source_id)
    title = str(source["title"])
    link = (html.A(title, href=source["url"], target="_blank", rel="noopener noreferrer")
            if source["url"] else html.Span(title))
    mine = [dbc.Badge(_("Your data"), color="info", className="me-1 text-dark", title=_("A figure you added"))] \
        if dataset.is_user_source(figure.source_id) else []
    if dataset.is_secondary(figure.source_id):
        mine.append(dbc.Badge(_("Secondary copy"), color="light", className="me-1 text-dark border",
                              title=_("Read in a third-party copy, not at the publisher; the link is what was read")))
    # Translators: before the source's title (a link) under a key figure; {source} stands for the link
    return html.Small([*mine, *around(_("Source: {source}", source=MARK), link)],
                      className="kpi-source text-body-secondary d-block",
                      title=f"{source['publisher']}. {figure.note}".strip(), id=element_id)


def _territory_line(dataset: Dataset, figure: Figure, state: ViewState | None = None) -> list:
    """The territory's name, linked to its entry in the About the figures tab (the page's cards; a deck's have no
    links), its definition as the tooltip, and its kind's badge."""
    try:
        definition = dataset.territory_text(figure.territory_id, "definition")
    except KeyError:  # a territory the tables do not know (a user's upload): its wording, no definition
        definition, state = "", None
    name = territory_name(dataset, figure)
    parts: list = [territory_link(dataset, state, f"card-{figure.indicator_id}", figure.region_id,
                                  figure.territory_id, name, className="kpi-territory", title=definition)
                   if state is not None else html.Span(name, className="kpi-territory", title=definition)]
    badge = dataset.kinds.badge(figure.territory_kind)  # territory_kinds.csv: badge, badge_colour, badge_why
    if badge is not None:
        text, colour, why = badge
        parts.append(dbc.Badge(text, color=colour, className="ms-1 text-dark", title=why))
    return parts


def _share(line: KpiLine) -> list:
    if line.share is None:
        return []
    return [html.Div(line.share.text, className="kpi-extra kpi-share",
                     # Translators: a national share's tooltip: the territory it is of, then how it was derived
                     title=_("{territory}: {how}", territory=line.share.territory, how=line.share.how))]


def _context(line: KpiLine) -> list:
    if line.context is None:
        return []
    return [html.Div(line.context.text, className="kpi-extra kpi-context", title=line.context.title)]


def _standing(standing: Standing | None) -> list:
    if standing is None:
        return []
    if standing.rank in (NO_PEER, _(NO_PEER)):  # the view model's constant, as it is or already translated
        return [html.Div(_(NO_PEER), className="kpi-extra kpi-rank text-body-secondary")]
    lines = [html.Div([standing.rank, dbc.Badge(_(MIXED_TERRITORIES), color="warning", className="ms-1 text-dark",
                                                title=_(MIXED_WHY)) if standing.mixed else None],
                      className="kpi-extra kpi-rank")]
    if standing.median:
        lines.append(html.Div(standing.median, className="kpi-extra kpi-median"))
    return lines


def kpi_card(dataset: Dataset, line: KpiLine, state: ViewState | None = None) -> dbc.Card:
    """The card of one key figure; 'No data' with the reason when the figure is missing, and what the region
    has instead when it has no figure on the basis."""
    header = dbc.CardHeader([html.I(className=f"bi {line.icon} me-2", **{"aria-hidden": "true"}), line.label],
                            className="kpi-header")
    figure = line.figure
    if figure is None:
        body = dbc.CardBody([
            html.Div(line.value, className="kpi-value kpi-missing"),
            html.P(line.missing, className="kpi-reason small mb-1"),
            *_share(line),  # any share the region reports
        ])
        return dbc.Card([header, body], className="kpi-card h-100 is-missing", id=f"kpi-{line.indicator}")
    body = dbc.CardBody([
        html.Div(line.value, className="kpi-value", title=line.qualifier_text or None),
        html.Div([html.Span(line.unit, className="kpi-unit"), " · ",
                  html.Span(line.year, className="kpi-year",
                            title=_("year inferred from an undated page") if figure.year_approx else None)],
                 className="kpi-meta"),
        html.Div(_territory_line(dataset, figure, state), className="kpi-territory-line small"),
        html.Div(line.kind, className="kpi-basis small text-body-secondary"),
        *_share(line),
        *_context(line),
        *_standing(line.standing),
    ])
    footer = dbc.CardFooter(source_footnote(dataset, figure, f"kpi-source-{line.indicator}"))
    return dbc.Card([header, body, footer], className="kpi-card h-100", id=f"kpi-{line.indicator}")


def kpi_row(dataset: Dataset, state: ViewState, links: bool = True) -> list[dbc.Col]:
    """The key figures' cards in their grid columns; ``links=False`` for the presentation's slide, whose cards
    are read on a projector (a link there would leave the presentation)."""
    return [dbc.Col(kpi_card(dataset, line, state if links else None), xs=12, sm=6, lg=4, xl=True, className="mb-3")
            for line in kpi_lines(dataset, state)]
