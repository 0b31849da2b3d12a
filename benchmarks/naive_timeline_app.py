"""The baseline for a year step: the simple year-slider page a typical Dash developer would write on the same data.

    .venv/bin/python benchmarks/naive_timeline_app.py [--data DIR] [--port 8060]
    NAIVE_DATA_DIR=DIR .venv/bin/gunicorn -w 4 --preload --pythonpath benchmarks 'naive_timeline_app:server_from_env()'

pandas reads values.csv and regions.csv once and keeps the recent edition indexed by (indicator, year). A
``dcc.Slider`` over the indicator's years and ONE callback answer a year change with three plotly-express
figures of that year, as the Dash gallery's year-slider examples do:
- a bar ranking: every region up to 20, else the top 20;
- a map: ``px.scatter_geo`` of every region, bubbles sized by the value (Europe at 50 m, the map shapes served
  from the project's assets/topojson: there is no network here, as in a seminar room);
- a scatter of population against GDP, every region;
and a line saying how many regions have a figure that year. No caching, no partial updates.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, dcc, html

ROOT = Path(__file__).resolve().parents[1]
TOP = 20


def create_naive_timeline_app(data_dir: Path) -> Dash:
    values = pd.read_csv(data_dir / "values.csv", usecols=["region_id", "indicator_id", "edition", "year", "value"])
    regions = pd.read_csv(data_dir / "regions.csv").set_index("region_id")
    recent = values[values["edition"] == "recent"].drop(columns="edition")
    recent = recent.join(regions[["name", "lat", "lon"]], on="region_id")
    by_year = recent.set_index(["indicator_id", "year"]).sort_index()
    years = sorted(recent.loc[recent["indicator_id"] == "population", "year"].unique().tolist())

    # assets_ignore: serve the project's map shapes, but none of its styles or scripts
    app = Dash(__name__, title="Baltic Metropoles (naive timeline)", assets_folder=str(ROOT / "assets"),
               assets_ignore=r".*")
    config = {"topojsonURL": "/assets/topojson/"}
    app.layout = html.Div([
        html.H1("Baltic Metropoles"),
        dcc.Slider(id="year-slider", min=years[0], max=years[-1], step=1, value=years[-1],
                   marks={y: str(y) for y in years}),
        html.P(id="year-count"),
        html.Div([dcc.Graph(id="ranking", style={"width": "50%", "display": "inline-block"}),
                  dcc.Graph(id="map", config=config, style={"width": "50%", "display": "inline-block"})]),
        dcc.Graph(id="scatter"),
    ])

    @app.callback(Output("ranking", "figure"), Output("map", "figure"), Output("scatter", "figure"),
                  Output("year-count", "children"), Input("year-slider", "value"))
    def update(year):
        now = by_year.loc[("population", year)]
        ranking = px.bar(now.nlargest(TOP, "value").sort_values("value"), x="value", y="name", orientation="h",
                         title=f"Population, {year}")
        geo = px.scatter_geo(now, lat="lat", lon="lon", size="value", hover_name="name", scope="europe",
                             title=f"Population, {year}")
        geo.update_geos(resolution=50, lataxis_range=[50, 67], lonaxis_range=[3, 33])
        wide = pd.DataFrame({"population": now.set_index("region_id")["value"],
                             "gdp": by_year.loc[("gdp", year)].set_index("region_id")["value"]}).dropna()
        wide["name"] = regions.loc[wide.index, "name"]
        scatter = px.scatter(wide, x="population", y="gdp", hover_name="name", title=f"Population and GDP, {year}")
        return ranking, geo, scatter, f"{year}: {len(now)} of {len(regions)} regions have a figure"

    return app


def server_from_env():
    """gunicorn's app factory: the Flask server of the page on ``$NAIVE_DATA_DIR`` (default: data/)."""
    return create_naive_timeline_app(Path(os.environ.get("NAIVE_DATA_DIR", ROOT / "data"))).server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the naive year-slider page.")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--port", type=int, default=8060)
    args = parser.parse_args(argv)
    create_naive_timeline_app(args.data).run(host="127.0.0.1", port=args.port, debug=False)


if __name__ == "__main__":
    main()
