"""The Profile tab: the focus region's BaltMet-style profile in sentences, its figures and sources.

The text is built by rules from the data (dashboard.profile); this module only lays it out: each
number's footnote as a superscript link to the source below, then-and-now rows, the headline figures,
and two small charts (rank against the peers, population/GDP trend) drawn with the page's plotly.js.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.about_view import territory_link
from dashboard.components.chart_card import GRAPH_CONFIG
from dashboard.components.sentence import MARK, around
from dashboard.data import Dataset
from dashboard.formatting import format_year
from dashboard.i18n import _, use_language
from dashboard.profile import build_profile, profile_blocks
from dashboard.profile.charts import rank_spec, trend_spec
from dashboard.state import ViewState


def _notes(numbers) -> list:
    return [html.Sup(html.A(str(n), href=f"#profile-note-{n}", className="text-decoration-none ms-1",
                            # Translators: a screen reader's name of a footnote number's link.
                            **{"aria-label": _("source {n}", n=n)})) for n in numbers]


def _paragraph(block: dict) -> html.Div:
    parts = []
    for text, notes in block["parts"]:
        parts += [text, *_notes(notes)]
    heading = html.H3(block["heading"], className="h6 mt-3 mb-1") if block.get("heading") else None
    return html.Div([heading, html.P(parts, className="mb-2 profile-paragraph")])


def _then_now(rows: list[dict]):
    if not rows:
        return None
    body = [html.Tr([html.Th(r["label"], scope="row"), html.Td(r["then"]), html.Td(r["now"]),
                     html.Td([r["remark"], *_notes(r["notes"])],
                             className="" if r["same_territory"] else "text-warning-emphasis")]) for r in rows]
    # Translators: the headings of the page's then-and-now table's columns.
    titles = ("", format_year(2007, approx=True), _("Now"), _("Read it as"))
    return html.Div([
        html.H3(_("Then and now"), className="h6 mt-3"),
        dbc.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in titles])),
                   html.Tbody(body)], size="sm", bordered=False, striped=True, className="profile-then-now")])


def _territory_link(dataset: Dataset, state: ViewState, h: dict) -> object:
    """A key figure's territory, linked to its entry in the About the figures tab (as the page's cards are)."""
    if not h.get("territory_id") or not h["territory"]:
        return h["territory"]
    return territory_link(dataset, state, f"profile-{h['indicator_id']}", state.focus, h["territory_id"],
                          h["territory"], className="profile-territory")


def _headlines(dataset: Dataset, state: ViewState, rows: list[dict]) -> dbc.Row:
    cards = []
    for h in rows:
        # Translators: a key figure's card when the sources give no figure.
        value = h["value"] or _("No data")
        # Translators: under a key figure's number: its unit, year, territory and kind of territory.
        detail = h["missing"] if not h["value"] else around(
            _("{unit} · {year} · {territory} ({kind})", unit=h["unit"], year=h["year"], territory=MARK,
              kind=h["kind"]), _territory_link(dataset, state, h))
        cards.append(dbc.Col(dbc.Card(dbc.CardBody([
            html.Div(h["label"], className="small fw-semibold text-primary"),
            html.Div([value, *_notes(h["notes"])], className="fs-4 fw-bold"),
            html.Div(detail, className="small text-body-secondary")])), xs=6, md=4, xl=True, className="mb-2"))
    return dbc.Row(cards, className="g-2")


def _footnotes(notes: list[dict]) -> html.Ol:
    items = []
    for n in notes:
        # Translators: after a footnote's source on the page: a copy of the figures, or figures the user added.
        mark = " " + _("(secondary copy)") if n["secondary"] else " " + _("(your data)") if n["user"] else ""
        link = html.A(n["title"], href=n["url"], target="_blank", rel="noopener") if n["url"] else n["title"]
        items.append(html.Li([f"{n['publisher']}: ", link, mark], id=f"profile-note-{n['number']}"))
    return html.Ol(items, className="small profile-footnotes")


def profile_view(dataset: Dataset, state: ViewState) -> html.Div:
    """The whole tab for the view's focus, edition and peers, in the view's language."""
    with use_language(state.lang):
        return _view(dataset, state)


def _view(dataset: Dataset, state: ViewState) -> html.Div:
    peers = tuple(p for p in state.regions if p != state.focus)
    blocks = profile_blocks(build_profile(dataset, state.focus, state.edition, peers))
    charts = [dcc.Graph(figure=spec, config={**GRAPH_CONFIG, "displayModeBar": False}, className="profile-chart")
              for spec in (rank_spec(dataset, state.focus, peers, state.edition), trend_spec(dataset, state.focus))]
    return html.Div([
        dbc.Row([
            dbc.Col(html.Article([
                html.H2(blocks["title"], className="h4 mb-0"),
                html.P(blocks["subtitle"], className="text-body-secondary"),
                *[_paragraph(p) for p in blocks["paragraphs"]],
                _then_now(blocks["then_now"]),
            ], **{"aria-label": _("Region profile")}), lg=7),
            dbc.Col([_headlines(dataset, state, blocks["headlines"]), *charts], lg=5),
        ]),
        html.H3(_("Sources"), className="h6 mt-3"),
        _footnotes(blocks["footnotes"]),
        html.Details([html.Summary(_("How the numbers were made"), className="small"),
                      html.Ul([html.Li(r) for r in blocks["rules"]], className="small")]),
        dbc.Button([html.I(className="bi bi-download me-1", **{"aria-hidden": "true"}), _("Profile as PDF (A4)")],
                   id={"type": "download", "what": "profile"}, color="primary", outline=True, size="sm",
                   className="mt-2"),
    ], className="profile-view")
