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
coverage=geodata/generated/terrain_coverage
for layer in viettel_3g viettel_4g vinaphone_3g vinaphone_4g mobifone_3g mobifone_4g; do
  # Missing, or made by another terrain model (see COVGAP_SIMULATE_MODEL): simulate again.
  if ! gdalinfo "$coverage/$layer.tif" 2>/dev/null | grep -q "COVGAP_SIMULATE_MODEL=T2"; then
    echo "simulating the synthetic coverage over the terrain (once, about 20 s)..." >&2
    "$bin" simulate --sites geodata/sites_synthetic_terrain_demo.csv \
      --boundaries geodata/vn2025_communes_terrain_demo.geojson --margin-km 0 \
      --dem geodata/terrain/N21E105.hgt --range-km 15 --output "$coverage" --seed 7 --quiet >&2
    break
  fi
done
"$bin" analyze geodata/terrain_demo.yaml "$@"
