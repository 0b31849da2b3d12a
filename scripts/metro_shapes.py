"""Writes assets/shapes/nuts3_2021_metros.geojson: the outlines of the NUTS 3 regions that data/metro_compositions.csv
names, cut from Eurostat GISCO's NUTS 2021 file at 1:20 million, with coordinates rounded to 0.001° (~100 m).

    python3 scripts/metro_shapes.py NUTS_RG_20M_2021_4326_LEVL_3.geojson

The source file is GISCO's own ``NUTS_RG_20M_2021_4326_LEVL_3.geojson``; the copy read is in the public
repository eurostat/mortality-viz (commit 095a0239880b2f9fa56719ebb245f55ebd28ba55, blob e55dde5f). Run by
hand when the compositions change; assets/shapes/README.md says where the shapes come from and their terms.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "shapes" / "nuts3_2021_metros.geojson"
DIGITS = 3


def rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], DIGITS), round(coordinates[1], DIGITS)]
    return [rounded(c) for c in coordinates]


def dedup(ring: list) -> list:
    """A ring without consecutive repeats that rounding made."""
    out = [ring[0]]
    for point in ring[1:]:
        if point != out[-1]:
            out.append(point)
    return out


def main(source: Path) -> None:
    with (ROOT / "data" / "metro_compositions.csv").open(encoding="utf-8", newline="") as fh:
        wanted = {code for row in csv.DictReader(fh) for code in row["nuts3_codes"].split()}
    features = []
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        if props["NUTS_ID"] not in wanted:
            continue
        geometry = feature["geometry"]
        coords = rounded(geometry["coordinates"])
        if geometry["type"] == "Polygon":
            coords = [dedup(ring) for ring in coords]
        else:
            coords = [[dedup(ring) for ring in polygon] for polygon in coords]
        features.append({"type": "Feature", "id": props["NUTS_ID"],
                         "properties": {"NUTS_ID": props["NUTS_ID"], "NUTS_NAME": props["NUTS_NAME"],
                                        "CNTR_CODE": props["CNTR_CODE"]},
                         "geometry": {"type": geometry["type"], "coordinates": coords}})
    missing = sorted(wanted - {f["id"] for f in features})
    if missing:
        raise SystemExit(f"not in {source.name}: {', '.join(missing)}")
    features.sort(key=lambda f: f["id"])
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                              separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(features)} NUTS 3 regions, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
