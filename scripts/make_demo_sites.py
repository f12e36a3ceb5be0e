#!/usr/bin/env python3
"""Generate a SYNTHETIC site list; by default the demo's, for Điện Biên (province 11): geodata/sites_synthetic_dien_bien.csv.

No public operator site inventory exists for Vietnam, so the demo invents one. Sites are drawn inside the province
(communes rasterized on the WorldPop grid) with probability proportional to population^0.8, so they are dense in
towns and valleys and leave gaps in empty mountains; each is jittered inside its 1 km cell. A few VinaPhone and
MobiFone sites stand on a Viettel mast (shared infrastructure). About 85% of sites are marked shareable (drawn from a
second generator, so adding the column left every position unchanged). Deterministic for the seed.

Run with Debian's python3 (python3-gdal, python3-numpy): /usr/bin/python3 scripts/make_demo_sites.py
Other areas: --communes F --population F --out F (site counts scale with the communes' area).
"""
import argparse
import csv
import os
import sys

import numpy as np
from osgeo import gdal, ogr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
GEO = os.path.join(HERE, "..", "geodata")
SEED = 20251
CARRIERS = [  # (id, sites per 1000 km², share with 4G, share co-located on a viettel mast)
    ("viettel", 17.8, 0.85, 0.0),
    ("vinaphone", 11.0, 0.75, 0.08),
    ("mobifone", 8.9, 0.70, 0.08),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", default=os.path.join(GEO, "vn2025_communes_11_dien_bien.geojson"))
    ap.add_argument("--population", default=os.path.join(GEO, "worldpop_2020_1km_dien_bien.tif"))
    ap.add_argument("--out", default=os.path.join(GEO, "sites_synthetic_dien_bien.csv"))
    args = ap.parse_args()
    pop_ds = gdal.Open(args.population)
    pop = pop_ds.GetRasterBand(1).ReadAsArray().astype("f8")
    nodata = pop_ds.GetRasterBand(1).GetNoDataValue()
    pop[(pop == nodata) | ~np.isfinite(pop)] = 0
    gt = pop_ds.GetGeoTransform()
    mask_ds = gdal.GetDriverByName("MEM").Create("", pop_ds.RasterXSize, pop_ds.RasterYSize, 1, gdal.GDT_Byte)
    mask_ds.SetGeoTransform(gt)
    mask_ds.SetProjection(pop_ds.GetProjection())
    communes = ogr.Open(args.communes)
    layer = communes.GetLayer(0)
    area_1000km2 = sum(f.GetField("areaKm2") for f in layer) / 1000
    gdal.RasterizeLayer(mask_ds, [1], layer, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    inside = mask_ds.GetRasterBand(1).ReadAsArray() == 1
    weight = np.where(inside, pop, 0) ** 0.8
    p = weight.ravel() / weight.sum()
    rng = np.random.default_rng(SEED)
    rows = []
    viettel_positions = []
    for carrier, density, share4g, share_shared in CARRIERS:
        count = round(density * area_1000km2)
        cells = rng.choice(p.size, size=count, replace=False, p=p)
        for n, cell in enumerate(cells, start=1):
            r, c = divmod(int(cell), pop.shape[1])
            if viettel_positions and rng.random() < share_shared:
                lon, lat = viettel_positions[rng.integers(len(viettel_positions))]
                lon += rng.normal(0, 0.00005)
                lat += rng.normal(0, 0.00005)
            else:
                lon = gt[0] + (c + rng.random()) * gt[1]
                lat = gt[3] + (r + rng.random()) * gt[5]
            if carrier == "viettel":
                viettel_positions.append((lon, lat))
            urban = pop[r, c] > 2000
            height = 25 if urban else int(rng.choice([30, 36, 42, 45]))
            techs = "3G;4G" if rng.random() < share4g else "3G"
            rows.append([f"{carrier[:3].upper()}-{n:04d}", carrier, f"{lon:.6f}", f"{lat:.6f}", height, techs])
    share_rng = np.random.default_rng(SEED + 1)
    for row in rows:
        row.append("yes" if share_rng.random() < 0.85 else "no")
    out = args.out
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["site_id", "carrier", "lon", "lat", "height_m", "technologies", "shareable"])
        w.writerows(rows)
    print(f"wrote {len(rows)} synthetic sites to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
