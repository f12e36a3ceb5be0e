#!/usr/bin/env python3
"""The I/O floor: read every input raster of a covgap config once, block by block, with GDAL (decompression included),
and nothing else. The least any tool must do with these inputs. Usage: io_floor.py CONFIG_DIR RASTER..."""
import sys
import time

from osgeo import gdal

gdal.UseExceptions()
start = time.time()
cells = 0
for path in sys.argv[1:]:
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    bx, by = band.GetBlockSize()
    for y in range(0, ds.RasterYSize, by):
        for x in range(0, ds.RasterXSize, bx):
            w, h = min(bx, ds.RasterXSize - x), min(by, ds.RasterYSize - y)
            band.ReadRaster(x, y, w, h)
    cells += ds.RasterXSize * ds.RasterYSize
print(f"read {len(sys.argv) - 1} rasters, {cells / 1e6:.0f} M cells in {time.time() - start:.2f} s", file=sys.stderr)
