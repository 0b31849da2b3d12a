"""A chart in a card: title, subtitle (unit, measure, year), comparability badges, sources, gaps."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.about_view import with_about_links
from dashboard.components.sentence import MARK, around
from dashboard.data import Dataset
from dashboard.figures.common import ChartMeta
from dashboard.figures.map import TOPOJSON_URL
from dashboard.figures.spec import FigureSpec
from dashboard.figures.styling import themed
from dashboard.i18n import N_, _, ngettext
from dashboard.state import ViewState
from dashboard.view_model import SUMMARY_MARKS, chart_summary
from dashboard.views import ChartView

# The mode bar keeps zoom and reset; no button sends anything off the machine (no cloud, no Chart Studio
# link) and none downloads a bare PNG without title and sources: the card's Download menu exports.
GRAPH_CONFIG = {"displaylogo": False, "responsive": True, "topojsonURL": TOPOJSON_URL,
                "showSendToCloud": False, "showEditInChartStudio": False, "showLink": False,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d", "toImage",
                                           "sendDataToCloud"]}


def meta_children(meta: ChartMeta) -> list:
    """Subtitle and badges under the title."""
    badges = [dbc.Badge(text, color="warning", className="me-1 text-dark comparability-badge", title=why)
              for text, why in meta.comparability.badges]
    if meta.includes_user_data:
        badges.append(dbc.Badge(_("Includes your data"), color="info", className="me-1 text-dark",
                                title=_("Some figures come from data you added in this session")))
    return [html.Div(meta.subtitle, className="chart-subtitle"), html.Div(badges, className="mt-1")]


def footer_children(meta: ChartMeta, about: object = None) -> list:
    """A one-line source summary that opens to the full list, plus the comparability note and the
    regions with no figure (with reasons), folded so the chart stays the main thing; last, ``about``: the link to
    what each region's figures describe (components/about_view.about_link)."""
    parts: list = []
    if meta.sources:
        publishers = meta.publishers
        shown = "; ".join(publishers[:3])
        # Translators: {publishers} are the first three publishers' names, separated by ';'
        short = (ngettext("{publishers} and {n} more", "{publishers} and {n} more", len(publishers) - 3,
                          publishers=shown) if len(publishers) > 3 else shown)
        parts.append(html.Details([
            html.Summary([html.Span(_("Sources:"), className="fw-semibold"), " ", short], className="chart-sources"),
            html.Ul([html.Li(s) for s in meta.sources], className="mb-1")]))
    if meta.comparability.footnote:
        parts.append(html.Details([html.Summary(_("What is compared"), className="chart-comparability-summary"),
                                   html.P(meta.comparability.footnote, className="chart-comparability mb-1")]))
    if meta.missing:
        items = [html.Li(_missing_line(name, why)) for name, why in meta.missing[:SUMMARY_MARKS]]
        if len(meta.missing) > SUMMARY_MARKS:
            more = len(meta.missing) - SUMMARY_MARKS
            items.append(html.Li(ngettext("… and {n} more (the CSV download lists them)",
                                          "… and {n} more (the CSV download lists them)", more)))
        parts.append(html.Details([html.Summary(ngettext("No data for {n} region", "No data for {n} regions",
                                                         len(meta.missing))),
                                   html.Ul(items, className="mb-0")], className="chart-missing"))
    if about is not None:
        parts.append(about)
    return parts


def _missing_line(name: str, why: str) -> list:
    """'<b>Riga</b>: no figure for that year': one message, the region's name in bold."""
    # Translators: a region left out of a chart; {region} is its name (in bold), {reason} why it has no figure
    return around(_("{region}: {reason}", region=MARK, reason=why), html.Span(name, className="fw-semibold"))


def page_chart(dataset: Dataset, state: ViewState, view: ChartView) -> tuple[FigureSpec, ChartMeta]:
    """A chart as the page draws it (the first page and every answer): built, the names beside its bars linked to
    their About entries, in the view's theme. Exports and the presentation build from ``view.build``."""
    figure, meta = view.build(dataset, state)
    return themed(with_about_links(dataset, state, figure, meta), state.theme), meta


def graph_style(figure) -> dict:
    """The graph's box follows the figure's own height (charts grow with the number of regions)."""
    return {"height": f"{figure['layout'].get('height') or 400}px"}


# The menu's headings are translated where shown (N_); the formats' names are the same in every language.
EXPORT_CHOICES = ((N_("Slide 16:9"), "slide", (("PNG 2×", "png", 2), ("PNG 4×", "png", 4), ("SVG", "svg", 1),
                                             ("PDF", "pdf", 1))),
                  # Translators: an export size: a picture for a printed or PDF report
                  (N_("Report"), "report", (("PNG 2×", "png", 2), ("SVG", "svg", 1), ("PDF", "pdf", 1))))


OFFERED = frozenset((size, fmt, scale) for _, size, formats in EXPORT_CHOICES for _, fmt, scale in formats)


def offered(size: object, fmt: object, scale: object) -> bool:
    """Whether the menu offers this export: a request for any other size or scale is refused."""
    try:
        return (size, fmt, scale) in OFFERED and type(scale) is int
    except TypeError:  # an unhashable value from a crafted request
        return False


def export_menu(name: str) -> dbc.DropdownMenu:
    """Download this chart as a picture (rendered on the server from the same figure)."""
    items: list = []
    for heading, size, formats in EXPORT_CHOICES:
        items.append(dbc.DropdownMenuItem(_(heading), header=True))
        items += [dbc.DropdownMenuItem(label, id={"type": "export", "chart": name, "fmt": fmt, "size": size,
                                                  "scale": scale}) for label, fmt, scale in formats]
    return dbc.DropdownMenu(items, label=html.Span([html.I(className="bi bi-download me-1",
                                                           **{"aria-hidden": "true"}), _("Download")]),
                            size="sm", color="light", align_end=True, className="chart-export",
                            id=f"{name}-export-menu", toggle_class_name="border")


def chart_card(name: str, meta: ChartMeta, figure, controls: list | None = None, about: object = None,
               narrow_min_width: int = 0):
    """The card with stable ids: ``{name}-title``, ``{name}-meta``, ``chart-{name}``, ``{name}-footer``;
    ``narrow_min_width``: the px the chart keeps on a narrow screen, where the card then scrolls sideways (and its
    chart can be scrolled by keyboard: it takes the focus)."""
    scroll = ({"className": "mb-0 chart-scroll", "tabIndex": "0",
               "style": {"--chart-min-width": f"{narrow_min_width}px"}} if narrow_min_width else {"className": "mb-0"})
    return dbc.Card([
        dbc.CardHeader([
            html.Div([html.H2(meta.title, id=f"{name}-title", className="h6 mb-0 chart-title"), export_menu(name)],
                     className="d-flex justify-content-between align-items-start gap-2"),
            html.Div(meta_children(meta), id=f"{name}-meta"),
            html.Div(controls or [], className="chart-controls mt-2") if controls else None,
        ]),
        dbc.CardBody(html.Figure([
            dcc.Graph(id=f"chart-{name}", figure=figure, config=GRAPH_CONFIG, style=graph_style(figure),
                      className="chart-graph"),
            html.P(chart_summary(meta, figure), id=f"{name}-summary", className="visually-hidden"),
        ], **scroll, **{"aria-labelledby": f"{name}-title", "aria-describedby": f"{name}-summary"}),
            className="p-1"),
        dbc.CardFooter(footer_children(meta, about), id=f"{name}-footer", className="small text-body-secondary"),
    ], className="chart-card h-100", id=f"card-{name}")
