#!/usr/bin/env bash
# The terrain demo, end to end on a fresh Debian machine with Swift: the 210 communes of Phú Thọ, Thái Nguyên, Hà Nội
# and Tuyên Quang inside the SRTM tile N21E105 (real 2025 boundaries, WorldPop population, the real DEM), SYNTHETIC
# sites and coverage simulated over the terrain, then dead zones and shared masts planned over the terrain beside the
# disc plan (out/terrain-demo/). Extra arguments go to `covgap analyze`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product covgap >&2
bin=.build/release/covgap
scripts/simulate-once.sh "$bin" T3 geodata/generated/terrain_coverage \
  --sites geodata/sites_synthetic_terrain_demo.csv --boundaries geodata/vn2025_communes_terrain_demo.geojson \
  --margin-km 0 --dem geodata/terrain/N21E105.hgt --range-km 15 --seed 7
"$bin" analyze geodata/terrain_demo.yaml "$@"
