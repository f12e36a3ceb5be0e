#!/usr/bin/env bash
# The Python stack end to end, as an analyst would run it: communes to GeoJSON in the rasters' CRS and in lon/lat
# (ogr2ogr), then python_stack.py. Usage: python_stack.sh COMMUNES COVERAGE_DIR POPULATION WORK_DIR
set -euo pipefail
communes=$1; cov=$2; pop=$3; work=$4
rm -rf "$work"; mkdir -p "$work"
ogr2ogr -f GeoJSON -t_srs "$(gdalsrsinfo -o wkt1 "$cov/viettel_4g.tif" | tr -d '\n')" "$work/communes_utm.geojson" "$communes"
ogr2ogr -f GeoJSON "$work/communes.geojson" "$communes"
python3 "$(dirname "$0")/python_stack.py" "$work/communes_utm.geojson" "$cov" "$pop" "$work/stats.csv" "$work/communes.geojson"
