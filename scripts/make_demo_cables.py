#!/usr/bin/env python3
"""Generate SYNTHETIC cable routes for the demo's undergrounding analysis: geodata/cables_synthetic_dien_bien.geojson.

No public cable inventory exists, so the demo invents one (every feature says so in its `source` field):
- in the three urban wards of Điện Biên (Điện Biên Phủ, Mường Thanh, Mường Lay) a small street grid (1.2 km lines,
  400 m apart) around the ward's most populated WorldPop cell; the first two streets of each ward are urban main
  roads. Viettel hangs aerial cable on every street, VinaPhone on about 60% and MobiFone on about 40% of them, a few
  metres off Viettel's line (same corridor); one street per ward already has a VNPT underground duct;
- along the real trunk roads of ../shared/geodata/roads-national (giaothong, CC BY-SA 4.0, Điện Biên clip) aerial
  cable of Viettel on every road and of VinaPhone on national roads, cut into ~2 km segments.

Run with Debian's python3 (python3-gdal): /usr/bin/python3 scripts/make_demo_cables.py. Deterministic for the seed.
"""
import json
import math
import os
import random

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
GEO = os.path.join(HERE, "..", "geodata")
ROADS = os.path.join(HERE, "..", "..", "shared", "geodata", "roads-national", "giaothong_clip_11_dien_bien.geojson")
SOURCE = "SYNTHETIC (scripts/make_demo_cables.py)"
WARDS = ["03127", "03334", "03151"]


def transforms():
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(32648)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return osr.CoordinateTransformation(wgs, utm), osr.CoordinateTransformation(utm, wgs)


def densest_cell(ward_geom_wgs, pop):
    """The lon/lat of the most populated WorldPop cell whose centre lies in the ward."""
    gt = pop.GetGeoTransform()
    arr = pop.GetRasterBand(1).ReadAsArray()
    minx, maxx, miny, maxy = ward_geom_wgs.GetEnvelope()
    best, where = -1.0, None
    c0, c1 = int((minx - gt[0]) / gt[1]), int((maxx - gt[0]) / gt[1]) + 1
    r0, r1 = int((maxy - gt[3]) / gt[5]), int((miny - gt[3]) / gt[5]) + 1
    for r in range(max(r0, 0), min(r1, arr.shape[0])):
        for c in range(max(c0, 0), min(c1, arr.shape[1])):
            lon, lat = gt[0] + (c + 0.5) * gt[1], gt[3] + (r + 0.5) * gt[5]
            pt = ogr.Geometry(ogr.wkbPoint)
            pt.AddPoint_2D(lon, lat)
            if arr[r, c] > best and ward_geom_wgs.Contains(pt):
                best, where = float(arr[r, c]), (lon, lat)
    return where


def line(points, back):
    out = []
    for x, y in points:
        lon, lat, _ = back.TransformPoint(x, y)
        out.append([round(lon, 7), round(lat, 7)])
    return out


def feature(coords, owner, placement, name, road_class):
    return {"type": "Feature", "properties": {"owner": owner, "placement": placement, "road_name": name,
                                              "road_class": road_class, "source": SOURCE},
            "geometry": {"type": "LineString", "coordinates": coords}}


def main():
    rng = random.Random(2025)
    to_utm, back = transforms()
    communes_ds = ogr.Open(os.path.join(GEO, "vn2025_communes_11_dien_bien.geojson"))  # keep: layers die with it
    communes = communes_ds.GetLayer(0)
    pop = gdal.Open(os.path.join(GEO, "worldpop_2020_1km_dien_bien.tif"))
    features = []
    for f in communes:
        code = f.GetField("code")
        if code not in WARDS:
            continue
        ward = f.GetGeometryRef().Clone()
        lon, lat = densest_cell(ward, pop)
        cx, cy, _ = to_utm.TransformPoint(lon, lat)
        streets = []
        for k in range(3):  # east-west
            y = cy + (k - 1) * 400
            streets.append([(cx - 600, y), (cx + 600, y)])
        for k in range(3):  # north-south
            x = cx + (k - 1) * 400
            streets.append([(x, cy - 600), (x, cy + 600)])
        name = f.GetField("name")
        for n, pts in enumerate(streets, start=1):
            street = f"Đường {name} {n} (synthetic)"
            road_class = "urban_main" if n <= 2 else "urban_local"
            features.append(feature(line(pts, back), "viettel", "aerial", street, road_class))
            if rng.random() < 0.6:
                features.append(feature(line([(x + 6, y + 6) for x, y in pts], back), "vinaphone", "aerial", street, road_class))
            if rng.random() < 0.4:
                features.append(feature(line([(x - 8, y - 5) for x, y in pts], back), "mobifone", "aerial", street, road_class))
            if n == 3:
                features.append(feature(line([(x + 3, y - 12) for x, y in pts], back), "vinaphone", "underground", street, road_class))
    roads_ds = ogr.Open(ROADS)
    roads = roads_ds.GetLayer(0)
    for f in roads:
        g = f.GetGeometryRef().Clone()
        name, level = f.GetField("ten"), f.GetField("cap_duong")
        road_class = "national" if level == "Quốc Gia" else "provincial"
        g.Transform(to_utm)
        parts = [g.GetGeometryRef(i) for i in range(g.GetGeometryCount())] if g.GetGeometryType() != ogr.wkbLineString else [g]
        for part in parts:
            pts = [part.GetPoint_2D(i) for i in range(part.GetPointCount())]
            piece, length = [pts[0]], 0.0
            for a, b in zip(pts, pts[1:]):
                piece.append(b)
                length += math.dist(a, b)
                if length >= 2000 or b == pts[-1]:
                    if len(piece) > 1:
                        features.append(feature(line(piece, back), "viettel", "aerial", name, road_class))
                        if road_class == "national":
                            features.append(feature(line([(x + 5, y + 5) for x, y in piece], back), "vinaphone", "aerial", name, road_class))
                    piece, length = [b], 0.0
    out = os.path.join(GEO, "cables_synthetic_dien_bien.geojson")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "name": "cables_synthetic",
                   "features": features}, fh, ensure_ascii=False, separators=(",", ":"))
        fh.write("\n")
    print(f"wrote {len(features)} synthetic cable segments to {out}")


if __name__ == "__main__":
    main()
