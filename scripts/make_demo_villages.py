#!/usr/bin/env python3
"""Generate the SYNTHETIC demo village list for Điện Biên: geodata/villages_synthetic_dien_bien.csv.

Villages (thôn / bản) are drawn on populated WorldPop cells inside the province in proportion to population, jittered
inside the 1 km cell, with invented names, households from the cell's population, grid power (93% yes) and the
"especially difficult area" flag (most rural communes). Commune codes come from point-in-polygon on the real 2025
boundaries; a few are left empty, as province lists often do. Not real villages. Deterministic for the seed.

Run with Debian's python3 (python3-gdal, python3-numpy): /usr/bin/python3 scripts/make_demo_villages.py
"""
import csv
import os

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
GEO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "geodata")
SEED = 20252
COUNT = 1200
FIRST = ["Nà", "Huổi", "Pá", "Co", "Phiêng", "Hua", "Nậm", "Sín", "Pú", "Xá", "Chăn", "Mường", "Lả", "Búng", "Tỉa", "Kham",
         "Sáng", "Phai", "Ten", "Lếch", "Háng", "Tà", "Pa", "Cang", "Món"]
SECOND = ["Ơ", "Só", "Lịch", "Nưa", "Công", "Hịa", "Phăng", "Tỉnh", "Mạ", "Lói", "Chua", "Dên", "Ngam", "Pao", "Khoang",
          "Lư", "Sang", "Chả", "Vang", "Hẹ"]


def main() -> None:
    rng = np.random.default_rng(SEED)
    pop_ds = gdal.Open(os.path.join(GEO, "worldpop_2020_1km_dien_bien.tif"))
    pop = pop_ds.GetRasterBand(1).ReadAsArray().astype("f8")
    pop[(pop < 0) | ~np.isfinite(pop)] = 0
    gt = pop_ds.GetGeoTransform()
    source = ogr.Open(os.path.join(GEO, "vn2025_communes_11_dien_bien.geojson"))  # keep: the layer dies with it
    communes = source.GetLayer(0)
    polygons = [(f.GetField("code"), f.GetField("fullName"), f.GetGeometryRef().Clone()) for f in communes]
    mask_ds = gdal.GetDriverByName("MEM").Create("", pop_ds.RasterXSize, pop_ds.RasterYSize, 1, gdal.GDT_Byte)
    mask_ds.SetGeoTransform(gt)
    mask_ds.SetProjection(pop_ds.GetProjection())
    gdal.RasterizeLayer(mask_ds, [1], communes, burn_values=[1])
    weight = np.where(mask_ds.GetRasterBand(1).ReadAsArray() == 1, pop, 0)
    cells = rng.choice(weight.size, size=COUNT, replace=True, p=weight.ravel() / weight.sum())
    rows = []
    for n, cell in enumerate(sorted(cells), start=1):
        r, c = divmod(int(cell), pop.shape[1])
        lon = gt[0] + (c + rng.random()) * gt[1]
        lat = gt[3] + (r + rng.random()) * gt[5]
        point = ogr.CreateGeometryFromWkt(f"POINT ({lon} {lat})")
        code, full = next(((k, name) for k, name, g in polygons if g.Contains(point)), ("", ""))
        rural = full.startswith("Xã")
        households = int(np.clip(pop[r, c] / 4.6 * rng.uniform(0.15, 0.4), 15, 260))
        name = f"{'Bản' if rural else 'Tổ dân phố'} {rng.choice(FIRST)} {rng.choice(SECOND)}"
        rows.append([f"VB11-{n:04d}", name, "" if rng.random() < 0.03 else code, f"{lon:.6f}", f"{lat:.6f}", households,
                     "yes" if rng.random() < 0.93 else "no", "yes" if rural and rng.random() < 0.8 else "no"])
    out = os.path.join(GEO, "villages_synthetic_dien_bien.csv")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["village_code", "village_name", "commune_code", "lon", "lat", "households", "has_grid_power",
                    "especially_difficult_area"])
        w.writerows(rows)
    print(f"wrote {len(rows)} synthetic villages to {out}")


if __name__ == "__main__":
    main()
