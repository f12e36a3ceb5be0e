#!/usr/bin/env bash
# Simulates a demo's synthetic coverage into DIR, once: again only when one of the three carriers' 3G/4G layers there
# is missing or carries another model tag than TAG (COVGAP_SIMULATE_MODEL, bumped whenever the model changes).
#   scripts/simulate-once.sh COVGAP_BINARY TAG DIR [covgap simulate arguments, without --output]
set -euo pipefail
bin=$1 tag=$2 dir=$3
shift 3
for layer in viettel_3g viettel_4g vinaphone_3g vinaphone_4g mobifone_3g mobifone_4g; do
  if ! gdalinfo "$dir/$layer.tif" 2>/dev/null | grep -q "COVGAP_SIMULATE_MODEL=$tag"; then
    echo "simulating the synthetic coverage rasters into $dir (once)..." >&2
    "$bin" simulate "$@" --output "$dir" --quiet >&2
    exit 0
  fi
done
