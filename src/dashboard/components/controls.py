"""The selectors: focus, peers (with presets), edition, indicator, measure (and a change's base year), scale
and the basis of comparison (the year is the timeline's, above the charts: components/timeline)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.data import Dataset
from dashboard.data.schema import BASES, EDITIONS
from dashboard.i18n import N_, _, pgettext
from dashboard.measures import CHANGE_MEASURES, MEASURE_LABELS, availability, resolve_basis
from dashboard.presets import PRESETS, preset_label
from dashboard.state import MEASURES, ViewState


def region_options(dataset: Dataset) -> list[dict[str, str]]:
    # Translators: a region in the focus menu, its country in brackets: 'Riga (Latvia)'
    return [{"label": _("{region} ({country})", region=dataset.region_name(r),
                        country=dataset.region_country_text(r, "name")), "value": r}
            for r in dataset.region_ids]


MAX_PEER_TOGGLES = 24  # beyond this many regions, peers are picked in a searchable list, not toggles


def peer_options(dataset: Dataset, focus: str | None = None) -> list[dict]:
    """One toggle per region but the focus (it is not its own peer, and the heading does not count it),
    named as in the charts, the country in the tooltip; plain names (searchable) in the list that replaces
    the toggles for a large network."""
    regions = [r for r in dataset.region_ids if r != focus]
    if len(dataset.region_ids) > MAX_PEER_TOGGLES:
        return [{"label": dataset.region_name(r), "value": r} for r in regions]
    return [{"label": html.Span(dataset.region_name(r), title=dataset.region_country_text(r, "name")), "value": r}
            for r in regions]


def indicator_label(dataset: Dataset, indicator_id: str) -> str:
    """'Population (persons)'; a unit with brackets of its own goes after a dot, never '(index (...))'."""
    row = dataset.indicator(indicator_id)
    label, unit = row.label, row.unit
    if "(" in label or "(" in unit:
        return _("{indicator} · {unit}", indicator=label, unit=unit)
    # Translators: an indicator and its unit in brackets: 'Population (persons)'
    return _("{indicator} ({unit})", indicator=label, unit=unit)


def indicator_options(dataset: Dataset, edition: str) -> list[dict[str, str]]:
    """Grouped by menu category (the KPIs first, as 'Key figures'), the group named before each label, so
    the list of some fifty reads as sections and a search for 'Knowledge' finds the group."""
    ids = dataset.indicators_with_data(edition)
    kpis = set(dataset.kpi_ids)

    def group(i: str) -> str:
        return _("Key figures") if i in kpis else dataset.indicator(i).category

    order = list(dict.fromkeys(group(i) for i in ids))
    ids = sorted(ids, key=lambda i: (order.index(group(i)), ids.index(i)))
    # Translators: an indicator in the menu after the name of its group: 'Economy · GDP (EUR million)'
    return [{"label": _("{group} · {indicator}", group=group(i), indicator=indicator_label(dataset, i)), "value": i}
            for i in ids]


def measure_options(dataset: Dataset, indicator: str) -> list[dict]:
    """Measures that make no sense for the indicator are disabled, and the reason is written on the
    disabled button itself (a tooltip nobody can hover, tab to or tap would hide it)."""
    reasons = availability(dataset, indicator)
    return [{"label": html.Span([_(MEASURE_LABELS[m]),
                                 # Translators: why a measure cannot be chosen, after its name on the button
                                 html.Small([" ", _("— {reason}", reason=reasons[m])], className="measure-why")
                                 if reasons[m] else None]),
             "value": m, "disabled": bool(reasons[m])} for m in MEASURES]


# The 'Compare on' buttons, each a label of its own (schema.BASES words them for the middle of a sentence).
BASIS_CHOICES = {"eurostat_metro": N_("Eurostat metropolitan regions"), "city": N_("Core cities"),
                 "reported": N_("As each region reports")}


def basis_options(dataset: Dataset, indicator: str, edition: str, measure: str = "absolute") -> list[dict]:
    """'Compare on': the kind of territory every chart and card uses; by default the one covering most regions
    for what is shown (the indicator in the measure)."""
    default = resolve_basis(dataset, "", indicator, edition, measure)
    # Translators: the default 'Compare on' choice; {basis} is the kind of territory it comes to, e.g. 'core cities'
    return [{"label": html.Span(_("Most regions ({basis})", basis=_(BASES[default])),
                                title=_("Per indicator, the kind of territory with figures for the most regions")),
             "value": "auto"},
            *({"label": _(BASIS_CHOICES[key]), "value": key} for key in BASES)]


def since_options(dataset: Dataset, indicator: str, edition: str) -> list[dict]:
    """The base years of a change measure: the indicator's years, newest first, after the default."""
    return [{"label": _("Earliest year most regions compare with"), "value": "default"},
            *({"label": str(y), "value": str(y)} for y in reversed(dataset.years(indicator, edition)))]


def since_style(measure: str) -> dict:
    """The 'Since' control is shown only with a change measure (it means nothing for the others)."""
    return {} if measure in CHANGE_MEASURES else {"display": "none"}


def _labelled(label: str, control, html_for: str, **col) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=html_for, className="fw-semibold mb-1 d-block"), control],
                   className="mb-2", **col)


def peer_picker(dataset: Dataset, state: ViewState):
    """Native checkboxes in a named group (every peer one click, all visible at a glance) for a network
    the size of BaltMet; a searchable multi-select for hundreds of regions, which toggles would bury."""
    if len(dataset.region_ids) <= MAX_PEER_TOGGLES:
        return html.Div(dbc.Checklist(
            id="peers-select", options=peer_options(dataset, state.focus), value=list(state.others), inline=True,
            className="peer-toggles", inputClassName="btn-check",
            labelClassName="btn btn-outline-primary btn-sm", labelCheckedClassName="active"),
            role="group", **{"aria-labelledby": "peers-label"})
    return dcc.Dropdown(id="peers-select", options=peer_options(dataset, state.focus), value=list(state.others),
                        multi=True,
                        searchable=True, placeholder=_("Type to find a region"), maxHeight=260)


def controls(dataset: Dataset, state: ViewState) -> html.Div:
    """The selectors in columns from 992 px up; below that they stack, one a row, in the filters panel."""
    presets = dbc.ButtonGroup([
        dbc.Button(preset_label(preset_id), id={"type": "preset", "id": preset_id}, color="secondary", outline=True,
                   size="sm")
        for preset_id in PRESETS], className="flex-wrap mt-1", id="preset-buttons")
    return html.Div([
        dbc.Row([
            _labelled(_("Focus region"), dcc.Dropdown(id="region-select", options=region_options(dataset),
                                                   value=state.focus, clearable=False, searchable=True),
                      "region-select", xs=12, lg=3),
            dbc.Col([html.Div(_("Peers"), id="peers-label", className="fw-semibold mb-1"),
                     peer_picker(dataset, state), presets], className="mb-2", xs=12, lg=6),
            _labelled(_("Edition"), dbc.RadioItems(
                id="edition-select", value=state.edition, inline=True,
                options=[{"label": _(label), "value": key} for key, label in EDITIONS.items()],
                className="btn-group flex-wrap", inputClassName="btn-check",
                labelClassName="btn btn-outline-primary btn-sm", labelCheckedClassName="active"),
                "edition-select", xs=12, lg=3),
        ], className="align-items-start"),
        dbc.Row([
            _labelled(_("Indicator"), dcc.Dropdown(id="indicator-select",
                                                options=indicator_options(dataset, state.edition),
                                                value=state.indicator, clearable=False, searchable=True),
                      "indicator-select", xs=12, lg=4),
            _labelled(_("Measure"), dbc.RadioItems(
                id="measure-select", value=state.measure, inline=True,
                options=measure_options(dataset, state.indicator),
                className="btn-group flex-wrap", inputClassName="btn-check",
                labelClassName="btn btn-outline-primary btn-sm", labelCheckedClassName="active"),
                "measure-select", xs=12, lg=5),
            _labelled(_("Scale (trend, scatter)"), dbc.RadioItems(
                id="scale-select", value=state.scale, inline=True,
                options=[{"label": pgettext("axis scale", "Linear"), "value": "linear"},
                         {"label": pgettext("axis scale", "Log"), "value": "log"}],
                className="btn-group flex-wrap", inputClassName="btn-check",
                labelClassName="btn btn-outline-secondary btn-sm", labelCheckedClassName="active"),
                "scale-select", xs=12, lg=3),
            _labelled(_("Compare on"), dbc.RadioItems(
                id="basis-select", value=state.basis or "auto", inline=True,
                options=basis_options(dataset, state.indicator, state.edition, state.measure),
                className="btn-group flex-wrap", inputClassName="btn-check",
                labelClassName="btn btn-outline-secondary btn-sm", labelCheckedClassName="active"),
                "basis-select", xs=12, lg=9),
            _labelled(_("Since (base year of the change)"), dcc.Dropdown(
                id="since-select", options=since_options(dataset, state.indicator, state.edition),
                value=str(state.since) if state.since else "default", clearable=False),
                "since-select", xs=12, lg=3, id="since-box", style=since_style(state.measure)),
        ], className="align-items-start"),
    ], className="controls")


FILTERS_PANEL = "filters-panel"


def filters_panel(dataset: Dataset, state: ViewState) -> html.Div:
    """The controls, once: inline from 992 px up, and below that an off-canvas panel (Bootstrap's
    ``offcanvas-lg``) that the Filters button opens, so that on a phone the first screen shows the focus
    region's cards rather than a screenful of selectors. assets/filters.js opens and closes it (Esc too)
    and gives focus back to the button; the controls stay mounted, so every callback sees them."""
    return html.Div([
        html.Div([html.H2(_("Filters"), id="filters-title", className="offcanvas-title h5 mb-0"),
                  html.Button(type="button", id="filters-close", className="btn-close",
                              **{"aria-label": _("Close the filters")})], className="offcanvas-header"),
        html.Div(controls(dataset, state), className="offcanvas-body"),
    ], id=FILTERS_PANEL, className="offcanvas-lg offcanvas-start filters-panel", tabIndex="-1",
        role="region", **{"aria-labelledby": "filters-title"})  # a dialog while open (filters.js)


def filters_button() -> html.Button:
    """Opens the filters panel; shown only below 992 px, where the controls are folded away."""
    return html.Button(_("Filters"), id="filters-open", type="button", className="btn btn-primary btn-sm d-lg-none",
                       title=_("Focus region, peers, indicator, measure, scale, edition, compare on"),
                       **{"aria-controls": FILTERS_PANEL, "aria-expanded": "false"})


def scatter_controls(dataset: Dataset, state: ViewState) -> dbc.Row:
    options = indicator_options(dataset, state.edition)
    return dbc.Row([
        dbc.Col([dbc.Label(label, html_for=cid, className="small mb-0"),
                 dcc.Dropdown(id=cid, options=options, value=value, clearable=False, className="small")],
                xs=12, sm=4)
        for label, cid, value in ((_("x axis"), "scatter-x", state.x), (_("y axis"), "scatter-y", state.y),
                                  (_("bubble size"), "scatter-size", state.size))
    ], className="g-2")
