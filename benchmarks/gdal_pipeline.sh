#!/usr/bin/env bash
# The GDAL command-line pipeline an analyst would script for the same outputs as `covgap analyze`:
# ogr2ogr + gdal_rasterize (communes), gdalwarp (coverage, population -r sum), gdal_calc.py (not-spot masks),
# gdal_polygonize.py -8 (dead zones), and a numpy bincount for the per-commune sums (GDAL 3.6 has no zonal CLI).
# Usage: gdal_pipeline.sh RUN_DIR_OF_COVGAP CONFIG_DIR WORK_DIR   (the grid is read from covgap's manifest.json)
set -euo pipefail
run=$1; work=$3
rm -rf "$work"   # gdal_polygonize.py appends to an existing GeoPackage: start clean every run
mkdir -p "$work"
/usr/bin/python3 - "$run/manifest.json" "$work" <<'PY'
import json, sys
m = json.load(open(sys.argv[1])); g = m["grid"]; gt = g["geoTransform"]; w, h = g["width"], g["height"]
open(sys.argv[2] + "/grid.wkt", "w").write(g["crsWKT"])
open(sys.argv[2] + "/te.txt", "w").write(f"{gt[0]} {gt[3] + h * gt[5]} {gt[0] + w * gt[1]} {gt[3]} {w} {h}\n")
c = m["config"]
with open(sys.argv[2] + "/inputs.txt", "w") as f:
    f.write(c["boundaries"]["path"] + "\n" + c["population"]["path"] + "\n")
    for l in c["coverage"]:
        f.write(f'{l["carrier"]} {l["technology"]} {l["thresholdDbm"]} {l["path"]}\n')
PY
read -r a b c d w h < "$work/te.txt"
mapfile -t inputs < "$work/inputs.txt"
communes=${inputs[0]}; population=${inputs[1]}
te=(-te "$a" "$b" "$c" "$d" -ts "$w" "$h")
co=(-co TILED=YES -co COMPRESS=ZSTD -co BIGTIFF=IF_SAFER)
ogr2ogr -t_srs "$work/grid.wkt" -nln communes -overwrite "$work/communes.gpkg" "$communes"
gdal_rasterize -q -a code -ot Int32 -init 0 -sql "SELECT * FROM communes ORDER BY code DESC" "${te[@]}" "${co[@]}" \
  "$work/communes.gpkg" "$work/communes.tif"
gdalwarp -q -overwrite -r sum -t_srs "$work/grid.wkt" "${te[@]}" "${co[@]}" -ot Float32 "$population" "$work/pop.tif"
for line in "${inputs[@]:2}"; do
  read -r carrier tech threshold path <<< "$line"
  gdalwarp -q -overwrite -r near -t_srs "$work/grid.wkt" "${te[@]}" "${co[@]}" -dstnodata -32768 "$path" "$work/cov_${carrier}_${tech}.tif"
done
letters=(B C D E F G H I J K L M)
for tech in 3G 4G ANY; do
  # A = commune codes; B, C, ... = the technology's layers (ANY: all of them). Not-spot = every layer below threshold.
  args=(); e="A"; k=0
  for line in "${inputs[@]:2}"; do
    read -r carrier t threshold path <<< "$line"
    [ "$tech" = ANY ] || [ "$t" = "$tech" ] || continue
    L=${letters[$k]}; args+=("-$L" "$work/cov_${carrier}_${t}.tif"); e+="*($L<$threshold)"; k=$((k + 1))
  done
  gdal_calc.py --quiet --overwrite -A "$work/communes.tif" "${args[@]}" --calc="$e" --type=Int32 --NoDataValue=0 --hideNoData \
    --co TILED=YES --co COMPRESS=ZSTD --outfile="$work/notspot_$tech.tif"
  gdal_polygonize.py -q -8 "$work/notspot_$tech.tif" -f GPKG "$work/zones_$tech.gpkg" zones code
  ogr2ogr -overwrite -dialect OGRSQL -sql "SELECT * FROM zones WHERE code > 0 AND OGR_GEOM_AREA >= 50000" -nln dead_zones \
    "$work/dead_zones_$tech.gpkg" "$work/zones_$tech.gpkg"
done
/usr/bin/python3 - "$work" <<'PY'
# Per-commune sums over the warped rasters (the zonal step GDAL's CLI lacks), block by block.
import sys
import numpy as np
from osgeo import gdal
work = sys.argv[1]
layers = [l.split() for l in open(work + "/inputs.txt").read().splitlines()[2:]]
com = gdal.Open(work + "/communes.tif")
pop = gdal.Open(work + "/pop.tif")
covs = {(c, t): (gdal.Open(f"{work}/cov_{c}_{t}.tif"), float(th)) for c, t, th, _ in layers}
n = int(com.GetRasterBand(1).ComputeRasterMinMax(False)[1]) + 1
sums = {k: np.zeros(n) for k in ["cells", "pop", "any3G", "any4G", "anyANY"]}
step = 512
for y in range(0, com.RasterYSize, step):
    rows = min(step, com.RasterYSize - y)
    ids = com.ReadAsArray(0, y, com.RasterXSize, rows).ravel()
    p = np.nan_to_num(pop.ReadAsArray(0, y, com.RasterXSize, rows).ravel())
    cov = {k: (ds.ReadAsArray(0, y, com.RasterXSize, rows).ravel() >= th) for k, (ds, th) in covs.items()}
    sums["cells"] += np.bincount(ids, minlength=n)
    sums["pop"] += np.bincount(ids, weights=p, minlength=n)
    for tech in ["3G", "4G"]:
        any_ = np.any([v for (c, t), v in cov.items() if t == tech], axis=0)
        sums["any" + tech] += np.bincount(ids, weights=any_, minlength=n)
    sums["anyANY"] += np.bincount(ids, weights=np.any(list(cov.values()), axis=0), minlength=n)
with open(work + "/commune_stats.csv", "w") as f:
    f.write("commune_code,area_km2,population,covered_any_km2_3G,covered_any_km2_4G,covered_any_km2_ANY\n")
    for code in np.nonzero(sums["cells"])[0]:
        if code == 0:
            continue
        f.write(f"{code:05d},{sums['cells'][code] * 0.01:.4f},{sums['pop'][code]:.0f},{sums['any3G'][code] * 0.01:.4f},"
                f"{sums['any4G'][code] * 0.01:.4f},{sums['anyANY'][code] * 0.01:.4f}\n")
PY
