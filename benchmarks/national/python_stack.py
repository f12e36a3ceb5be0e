#!/usr/bin/env python3
"""The Python stack an analyst would otherwise use (rasterio + numpy + exactextract) for per-commune coverage figures:
covered-by-any-carrier masks per technology (3G, 4G, ANY) computed window by window from the coverage rasters (all on
one grid, as `covgap simulate` writes them), then exactextract's exact-fraction sums over the communes: commune area,
covered km² per technology, and population (WorldPop). It does not draw dead-zone polygons, nor weight coverage by
people (the population raster is on another CRS, which exactextract cannot mix). Usage:
python_stack.py COMMUNES_IN_RASTER_CRS.geojson COVERAGE_DIR POPULATION OUT_CSV [COMMUNES_IN_POPULATION_CRS.geojson]"""
import json
import os
import sys

import numpy as np
import rasterio
from exactextract import exact_extract

communes_path, cov_dir, population, out_csv = sys.argv[1:5]
communes = json.load(open(communes_path))["features"]   # GeoJSON in the coverage rasters' CRS
work = os.path.dirname(os.path.abspath(out_csv))
layers = {("viettel", "4G"): -105, ("vinaphone", "4G"): -105, ("mobifone", "4G"): -105,
          ("viettel", "3G"): -100, ("vinaphone", "3G"): -100, ("mobifone", "3G"): -100}
srcs = {k: rasterio.open(f"{cov_dir}/{k[0]}_{k[1].lower()}.tif") for k in layers}
first = next(iter(srcs.values()))
profile = first.profile | dict(dtype="uint8", nodata=None, count=1, compress="zstd", tiled=True, blockxsize=512, blockysize=512)
masks = {t: rasterio.open(f"{work}/covered_{t}.tif", "w", **profile) for t in ["3G", "4G", "ANY"]}
for _, window in first.block_windows(1):
    covered = {k: (src.read(1, window=window) >= th) & (src.read(1, window=window) != src.nodata) for k, (src, th) in
               ((k, (srcs[k], layers[k])) for k in layers)}
    for t in ["3G", "4G"]:
        masks[t].write(np.any([v for (c, tt), v in covered.items() if tt == t], axis=0).astype("uint8"), 1, window=window)
    masks["ANY"].write(np.any(list(covered.values()), axis=0).astype("uint8"), 1, window=window)
for m in masks.values():
    m.close()
res = first.res[0] * first.res[1] / 1e6
rows = {}
for t in ["3G", "4G", "ANY"]:
    with rasterio.open(f"{work}/covered_{t}.tif") as r:
        for f in exact_extract(r, communes, ["sum", "count"], include_cols=["code"]):
            p = f["properties"]
            rows.setdefault(p["code"], {})["area_km2"] = p["count"] * res
            rows[p["code"]][f"covered_km2_{t}"] = p["sum"] * res
with rasterio.open(population) as r:
    lonlat = json.load(open(sys.argv[5]))["features"] if len(sys.argv) > 5 else communes   # the communes in the population's CRS
    for f in exact_extract(r, lonlat, ["sum"], include_cols=["code"]):
        rows[f["properties"]["code"]]["population"] = f["properties"]["sum"]
with open(out_csv, "w") as out:
    out.write("commune_code,area_km2,population,covered_km2_3G,covered_km2_4G,covered_km2_ANY\n")
    for code in sorted(rows):
        v = rows[code]
        out.write(f"{code},{v['area_km2']:.4f},{v.get('population', 0):.0f},{v['covered_km2_3G']:.4f},{v['covered_km2_4G']:.4f},{v['covered_km2_ANY']:.4f}\n")
print(f"python stack: {len(rows)} communes", file=sys.stderr)
