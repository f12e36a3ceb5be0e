#!/usr/bin/env bash
# The demo, end to end on a fresh Debian machine with Swift: Điện Biên province (45 communes, real boundaries and
# WorldPop population) with SYNTHETIC coverage simulated from a synthetic site list.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product covgap >&2
bin=.build/release/covgap
coverage=geodata/generated/coverage
for layer in viettel_3g viettel_4g vinaphone_3g vinaphone_4g mobifone_3g mobifone_4g; do
  # Missing, or made by an older propagation model (see COVGAP_SIMULATE_MODEL): simulate again.
  if ! gdalinfo "$coverage/$layer.tif" 2>/dev/null | grep -q "COVGAP_SIMULATE_MODEL=2"; then
    echo "simulating the synthetic coverage rasters (once)..." >&2
    "$bin" simulate --sites geodata/sites_synthetic_dien_bien.csv --boundaries geodata/vn2025_communes_11_dien_bien.geojson \
      --output "$coverage" --seed 7 --quiet >&2
    break
  fi
done
"$bin" analyze geodata/demo.yaml "$@"
echo >&2
echo "reviewing the province's (synthetic) dead-zone submission against this run:" >&2
"$bin" review out/dien-bien geodata/review_submission_11_synthetic.csv --quiet
