#!/usr/bin/env python3
"""The warp floor: the least a tool that must reproject pays with GDAL. Every input raster is read once through a warped
VRT onto covgap's analysis grid (nearest neighbour for coverage, area average for population, GDAL's default error
threshold), block by block, on one thread, and nothing else is done with the values. covgap's own grid is read from
the manifest of a covgap run. Usage: warp_floor.py RUN_DIR POPULATION COVERAGE..."""
import json
import sys
import time

from osgeo import gdal

gdal.UseExceptions()
grid = json.load(open(sys.argv[1] + "/manifest.json"))["grid"]
gt, w, h = grid["geoTransform"], grid["width"], grid["height"]
bounds = (gt[0], gt[3] + h * gt[5], gt[0] + w * gt[1], gt[3])
population, coverage = sys.argv[2], sys.argv[3:]
start = time.time()
for path, resampling in [(p, "near") for p in coverage] + [(population, "average")]:
    ds = gdal.Warp("/vsimem/floor.vrt", path, format="VRT", dstSRS=grid["crsWKT"], outputBounds=bounds, width=w, height=h,
                   resampleAlg=resampling)
    band = ds.GetRasterBand(1)
    bx, by = band.GetBlockSize()
    for y in range(0, h, by):
        for x in range(0, w, bx):
            band.ReadRaster(x, y, min(bx, w - x), min(by, h - y))
    ds = None
    gdal.Unlink("/vsimem/floor.vrt")
print(f"read {len(coverage) + 1} rasters warped onto {w} x {h} cells in {time.time() - start:.2f} s", file=sys.stderr)
