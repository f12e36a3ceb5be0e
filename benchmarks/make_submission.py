#!/usr/bin/env python3
"""A large SYNTHETIC province submission for the review benchmark: N rows at random places inside one province of a
finished run (commune cells of its communes.tif), half 3G, half 4G, with ~1% planted mistakes (swapped lon/lat,
unknown commune codes, duplicates). Usage: make_submission.py RUN_DIR PROVINCE N OUT.csv"""
import csv
import sys

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
run, province, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
gpkg = ogr.Open(f"{run}/coverage.gpkg")
layer = gpkg.GetLayerByName("communes")
codes = {f.GetField("commune_id"): f.GetField("commune_code") for f in layer if f.GetField("province_code") == province}
ds = gdal.Open(f"{run}/communes.tif")
ids = ds.ReadAsArray()
cells = np.flatnonzero(np.isin(ids, list(codes)))
rng = np.random.default_rng(7)
pick = rng.choice(cells, size=n, replace=True)
gt = ds.GetGeoTransform()
srs = osr.SpatialReference(wkt=ds.GetProjection())
wgs = osr.SpatialReference()
wgs.ImportFromEPSG(4326)
wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
t = osr.CoordinateTransformation(srs, wgs)
r, c = np.divmod(pick, ids.shape[1])
x = gt[0] + (c + rng.random(n)) * gt[1]
y = gt[3] + (r + rng.random(n)) * gt[5]
pts = t.TransformPoints(np.column_stack([x, y]).tolist())
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["province_code", "commune_code", "village_name", "technology", "reported", "carriers_missing", "note", "reported_on", "lon", "lat"])
    for i in range(n):
        lon, lat = pts[i][0], pts[i][1]
        code = codes[int(ids.flat[pick[i]])]
        row = [province, code, f"Bản Thử {i}", "4G" if i % 2 else "3G", "white" if i % 3 else "weak", "", "", "2026-09-30", f"{lon:.6f}", f"{lat:.6f}"]
        if i % 100 == 1:
            row[8], row[9] = row[9], row[8]
        elif i % 100 == 2:
            row[1] = "0" + code[1:3] + "99"
        elif i % 100 == 3 and i > 10:
            row[2] = f"Bản Thử {i - 2}"
            row[3] = "4G" if (i - 2) % 2 else "3G"
        w.writerow(row)
print(f"wrote {n} rows to {out}")
