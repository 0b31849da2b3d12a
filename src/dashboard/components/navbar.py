"""The top bar with the product name, and the page's sharing parts: 'Copy link', 'Embed…' (its snippet in a
modal) and the line that says how current and how official the view's figures are."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.data import Dataset
from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, _
from dashboard.state import ViewState
from dashboard.view_model import view_provenance
from dashboard.views import CHARTS


def language_menu(lang: str) -> dbc.DropdownMenu:
    """Each language named in itself; a choice reloads the page in it, with the same view (the links' addresses
    follow the address bar)."""
    return dbc.DropdownMenu(
        [dbc.DropdownMenuItem(html.Span(name, lang=code), href=f"?lang={code}", external_link=True,
                              active=code == lang, id={"type": "language-link", "lang": code})
         for code, name in LANGUAGES.items()],
        label=html.Span(LANGUAGES.get(lang, lang), lang=lang, title=_("Language")),
        id="language-menu", color="primary", size="sm", align_end=True, className="ms-auto",
        toggleClassName="border-light", direction="down")


def navbar(lang: str = DEFAULT_LANGUAGE) -> dbc.Navbar:
    return dbc.Navbar(
        dbc.Container([
            html.Span([html.I(className="bi bi-globe-europe-africa me-2", **{"aria-hidden": "true"}),
                       "Baltic Metropoles"], className="navbar-brand fw-bold"),
            html.Span(_("Comparing the BaltMet metropolitan regions around the Baltic Sea"),
                      className="navbar-text d-none d-md-inline"),
            language_menu(lang),
        ], fluid=True),
        color="primary", dark=True, className="mb-3",
    )


def provenance_text(dataset: Dataset, state: ViewState) -> str:
    """'Figures as of 2026-12-07 (…) · 261 of 271 figures shown come from official statistics'."""
    return view_provenance(dataset, state).text


def provenance_line(dataset: Dataset, state: ViewState) -> html.P:
    return html.P(provenance_text(dataset, state), id="view-provenance",
                  className="small text-body-secondary mb-1 view-provenance")


def share_buttons() -> list:
    """'Copy link' (the address bar holds the view) and 'Embed…'; the status is read out politely."""
    return [
        dbc.Button(_("Copy link"),
                   id="copy-link", color="primary", outline=True, size="sm", n_clicks=0,
                   title=_("Copy the address of this view to the clipboard")),
        # Translators: a button that opens the code to put a chart on another web page
        dbc.Button(_("Embed…"),
                   id="embed-open", color="primary", outline=True, size="sm", n_clicks=0,
                   title=_("An iframe snippet that shows one chart of this view on another page")),
        html.Span(id="copy-link-status", className="small text-body-secondary", role="status",
                  **{"aria-live": "polite"}),
    ]


def embed_modal() -> dbc.Modal:
    """The snippet of one chart of the view (made in the browser from the address bar) and a copy button."""
    return dbc.Modal([
        dbc.ModalHeader(dbc.ModalTitle(_("Embed a chart of this view"), className="h5")),
        dbc.ModalBody([
            dbc.Label(_("Chart"), html_for="embed-chart", className="small mb-1"),
            dbc.Select(id="embed-chart", options=[{"label": _(v.title), "value": v.name} for v in CHARTS],
                       value=CHARTS.names()[0], size="sm", className="mb-2"),
            dbc.Label(_("Paste this into your page's HTML"), html_for="embed-snippet", className="small mb-1"),
            dbc.Textarea(id="embed-snippet", readonly=True, rows=5, className="font-monospace small mb-2"),
            html.Div([
                dbc.Button(_("Copy snippet"), id="embed-copy", color="primary", size="sm", n_clicks=0),
                html.Span(id="embed-copy-status", className="small text-body-secondary ms-2", role="status",
                          **{"aria-live": "polite"}),
            ]),
            html.P(_("The frame shows the chart with its title, subtitle and sources, without the controls, "
                     "drawn by this server."), className="small text-body-secondary mt-2 mb-0"),
        ]),
    ], id="embed-modal", is_open=False, size="lg")
