"""The 'About the figures' tab: for the focus region, every territory its figures describe, with its definition,
size and (for a Eurostat metro region) the NUTS 3 regions it sums, beside a map of their outlines; under it, a link
to every other region's entry. What it says is ``dashboard.about``'s; this module only draws it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.about import (
    TerritoryNote,
    about_query,
    about_region,
    entry_hrefs,
    link_id,
    region_summary,
    territory_anchor,
)
from dashboard.data import Dataset
from dashboard.figures.common import ChartMeta
from dashboard.figures.focus import row_regions
from dashboard.figures.map import TOPOJSON_URL
from dashboard.figures.name_links import link_bar_names
from dashboard.figures.outlines import build_outlines, outline_codes
from dashboard.figures.spec import FigureSpec
from dashboard.figures.styling import themed
from dashboard.i18n import _, ngettext, use_language
from dashboard.state import ViewState

GRAPH_CONFIG = {"displayModeBar": False, "responsive": True, "topojsonURL": TOPOJSON_URL}


def about_link(dataset: Dataset, state: ViewState, where: str) -> dcc.Link:
    """'What each region's figures describe: About the figures': a chart card's footnote link to the focus's entry
    (its address follows the address bar: about.link_id)."""
    return dcc.Link(_("What each region's figures describe: About the figures"),
                    href=about_query(dataset, state, state.focus), id=link_id(where, state.focus),
                    className="chart-about-link d-inline-block mt-1")


def with_about_links(dataset: Dataset, state: ViewState, figure: FigureSpec, meta: ChartMeta) -> FigureSpec:
    """The chart as the page draws it: each region's name beside a bar chart links to its entry in the About the
    figures tab, at the territory its bars describe (figures/name_links.py says which names can be links)."""
    named = set(row_regions(figure).values())
    if not named:  # no bar chart (a scatter of 3 000 regions): no address is made
        return figure
    return link_bar_names(figure, entry_hrefs(dataset, state, [d for d in meta.drawn if d[2].region_id in named]))


def territory_link(dataset: Dataset, state: ViewState, where: str, region_id: str, territory_id: str, text: str,
                   **props: object) -> dcc.Link:
    """A territory's name linked to its entry in the About the figures tab (``where``: which link of the page it is,
    for its id), the rest of the view kept."""
    return dcc.Link(text, href=f"{about_query(dataset, state, region_id)}#{territory_anchor(territory_id)}",
                    id=link_id(where, region_id, territory_id), **props)


def _parts(note: TerritoryNote) -> list:
    if not note.parts:
        return []
    return [
        html.P(ngettext("Sums {n} NUTS 3 region (NUTS 2021):", "Sums {n} NUTS 3 regions (NUTS 2021):",
                        len(note.parts)), className="mb-1"),
        html.Ul([html.Li([html.Code(code), " ", name]) for code, name in note.parts], className="about-parts mb-1"),
        html.P(_("Composition {status}.", status=note.status), className="mb-1") if note.status else None,
        html.Details([html.Summary(_("How it was checked"), className="small"),
                      html.P(note.check, lang="en", className="small mb-0")]) if note.check else None,
    ]


def _territory(note: TerritoryNote) -> html.Section:
    facts = [html.Li(note.size + (f" · {note.size_source}" if note.size_source else "")) if note.size else None,
             html.Li(_("Eurostat code: {code}", code=note.eurostat_code)) if note.eurostat_code else None,
             html.Li(ngettext("{n} figure in the data describes it", "{n} figures in the data describe it",
                              note.figures))]
    return html.Section([
        html.H3([note.name, dbc.Badge(note.kind_label, color="light", className="ms-2 text-dark border fw-normal")],
                className="h6 mb-1"),
        html.P(note.definition, className="mb-1"),
        html.Ul([f for f in facts if f is not None], className="small text-body-secondary mb-1"),
        *_parts(note),
    ], id=territory_anchor(note.territory_id), className="about-territory border-top pt-2 mt-2")


def about_view(dataset: Dataset, state: ViewState) -> html.Div:
    """The whole tab for the view's focus, in the view's language."""
    with use_language(state.lang):
        return _view(dataset, state)


def _view(dataset: Dataset, state: ViewState) -> html.Div:
    region = state.focus
    notes = about_region(dataset, region)
    name = dataset.region_name(region)
    outlined = bool(outline_codes(dataset, region))
    map_note = (_("Outlined: the NUTS 3 regions the Eurostat metropolitan region sums (Eurostat GISCO, NUTS 2021, "
                  "1:20 million; © EuroGeographics for the administrative boundaries). The point marks the core "
                  "city; cities, functional urban areas and counties have no outline here.") if outlined
                else _("No outline: {region} has no Eurostat metropolitan region made of NUTS 3 regions in the data. "
                       "The point marks the core city.", region=name))
    others = [dcc.Link(dataset.region_name(r), href=about_query(dataset, state, r), className="me-3 d-inline-block",
                       id=link_id("other", r)) for r in dataset.region_ids if r != region]
    return html.Div([
        # Translators: the About the figures tab's heading; {region} is the focus region's name
        html.H2(_("About the figures: {region}", region=name), className="h4"),
        html.P(region_summary(notes)),
        dbc.Row([
            dbc.Col([_territory(note) for note in notes], lg=7),
            dbc.Col([html.Div(dcc.Graph(id="about-map", figure=themed(build_outlines(dataset, region), state.theme),
                                        config=GRAPH_CONFIG),
                              role="img", **{"aria-label": _("Map of the outlines of {region}'s territories",
                                                             region=name)}),
                     html.P(map_note, className="small text-body-secondary")], lg=5),
        ]),
        html.H3(_("Other regions"), className="h6 mt-3"),
        html.Nav(others, className="small", **{"aria-label": _("Other regions")}),
    ], className="about-view")
