#!/usr/bin/python3
"""Independent check of every geometry covgap wrote: opens each GeoJSON and GeoPackage below the given folders with
OGR, and tests each polygon with shapely (GEOS) `is_valid`; GeoJSON polygons must also follow RFC 7946's winding
(exterior rings counter-clockwise, holes clockwise). With --areas, each dead zone and partial not-spot of a GeoPackage (drawn from
grid cells in the run's equal-area grid CRS) must have a polygon of that area: repairs must not add or lose
ground. Prints one JSON line per file and exits 1 on any fault.

usage: check_geometries.py [--areas] FOLDER [FOLDER ...]
"""
import json
import os
import sys

from osgeo import ogr
from shapely import wkb
from shapely.validation import explain_validity

ogr.UseExceptions()

# Layers whose polygons are drawn from grid cells, so their area is the cells' area_km2 (commune polygons are not).
CELL_LAYERS = {"dead_zones", "partial_notspots"}


def signed_area(coords):
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(coords, coords[1:])) / 2


def winding_faults(geom):
    """Rings wound against RFC 7946 in a polygon or multipolygon."""
    polygons = [geom] if geom.geom_type == "Polygon" else list(getattr(geom, "geoms", []))
    faults = 0
    for p in polygons:
        if p.geom_type != "Polygon":
            continue
        if signed_area(list(p.exterior.coords)) < 0:
            faults += 1
        faults += sum(1 for hole in p.interiors if signed_area(list(hole.coords)) > 0)
    return faults


def check_file(path, areas):
    report = {"file": path, "features": 0, "polygons": 0, "invalid": 0, "winding": 0, "area_mismatch": 0, "examples": []}
    ds = ogr.Open(path)
    geojson = path.endswith(".geojson")
    for layer in ds:
        for feature in layer:
            report["features"] += 1
            g = feature.GetGeometryRef()
            if g is None:
                continue
            shape = wkb.loads(bytes(g.ExportToIsoWkb()))
            if shape.geom_type not in ("Polygon", "MultiPolygon"):
                continue
            report["polygons"] += 1
            if not shape.is_valid:
                report["invalid"] += 1
                if len(report["examples"]) < 3:
                    report["examples"].append(f"{layer.GetName()} fid {feature.GetFID()}: {explain_validity(shape)}")
            if geojson and winding_faults(shape):
                report["winding"] += 1
            if areas and not geojson and layer.GetName() in CELL_LAYERS:
                stated = feature.GetField("area_km2")
                if stated is not None and abs(shape.area / 1e6 - stated) > 1.5e-4 + 1e-6 * stated:
                    report["area_mismatch"] += 1
                    if len(report["examples"]) < 3:
                        report["examples"].append(f"{layer.GetName()} fid {feature.GetFID()}: area {shape.area / 1e6} vs {stated}")
    return report


def main(args):
    areas = "--areas" in args
    folders = [a for a in args if a != "--areas"]
    faults = 0
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                if name.endswith((".geojson", ".gpkg")):
                    r = check_file(os.path.join(root, name), areas)
                    faults += r["invalid"] + r["winding"] + r["area_mismatch"]
                    print(json.dumps(r, ensure_ascii=False))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
