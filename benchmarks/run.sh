#!/usr/bin/env bash
# Reproduces benchmarks/RESULTS.md: covgap analyze (2 threads and 1) vs the GDAL command-line pipeline
# (gdal_pipeline.sh) on the demo and on three mountain provinces, wall time (median of RUNS) and peak memory.
# Inputs for the larger case come from ../shared/geodata (COVGAP_SHARED overrides); coverage is SYNTHETIC.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SHARED=${COVGAP_SHARED:-../shared/geodata}
W=benchmarks/work
scripts/install-deps.sh --test
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
swift build -c release --product covgap >&2
bin=.build/release/covgap
mkdir -p "$W"

# Case 1: the demo (Điện Biên, 45 communes).
scripts/demo.sh --quiet >/dev/null   # (re)simulates the demo rasters when missing or made by an older model

# Case 2: Cao Bằng + Điện Biên + Lai Châu (139 communes, full-resolution boundaries).
three=$W/three
if ! gdalinfo "$three/coverage/mobifone_4g.tif" 2>/dev/null | grep -q "COVGAP_SIMULATE_MODEL=3"; then
  mkdir -p "$three"
  rm -f "$three/communes.gpkg"
  for p in 04_cao_bang 11_dien_bien 12_lai_chau; do
    ogr2ogr -append -nln communes "$three/communes.gpkg" "$SHARED/vn2025-boundaries/vn2025_communes_$p.geojson"
  done
  gdal_translate -q -projwin 102.0 23.3 107.0 20.7 "$SHARED/worldpop-2020-1km/vnm_ppp_2020_1km_Aggregated.tif" "$three/population.tif"
  /usr/bin/python3 scripts/make_demo_sites.py --communes "$three/communes.gpkg" --population "$three/population.tif" --out "$three/sites.csv"
  "$bin" simulate --sites "$three/sites.csv" --boundaries "$three/communes.gpkg" --output "$three/coverage" --seed 7 --quiet >/dev/null
fi
# Site lists made before the shareable column existed: add it (positions are unchanged, so the coverage stands).
head -1 "$three/sites.csv" | grep -q shareable || \
  /usr/bin/python3 scripts/make_demo_sites.py --communes "$three/communes.gpkg" --population "$three/population.tif" --out "$three/sites.csv"
sed -e "s|path: vn2025_communes_11_dien_bien.geojson|path: communes.gpkg|" -e 's|provinces: \["11"\]|provinces: ["04", "11", "12"]|' \
    -e "s|generated/coverage/|coverage/|" -e "s|path: worldpop_2020_1km_dien_bien.tif|path: population.tif|" \
    -e "s|output: ../out/dien-bien|output: out|" -e "s|path: villages_synthetic|path: $PWD/geodata/villages_synthetic|" \
    -e "s|path: sites_synthetic_dien_bien.csv|path: sites.csv|" -e "s|path: cables_synthetic|path: $PWD/geodata/cables_synthetic|" \
    geodata/demo.yaml > "$three/config.yaml"
# The core analysis alone (no site inventory, no sharing): what the GDAL pipeline is compared with.
sed '/^sites:/,$d' "$three/config.yaml" > "$three/core.yaml"
sed -e '/^sites:/,$d' -e 's|^output: ../out/dien-bien|output: ../../out/dien-bien-core|' -e 's|  path: |  path: ../|' \
    -e 's|path: ../generated/coverage/|path: coverage/|' -e 's|path: generated/coverage/|path: coverage/|' geodata/demo.yaml > geodata/generated/demo_core.yaml

source benchmarks/lib.sh

TIMES=$W/times.txt
rm -f "$TIMES"
for case in demo three; do
  if [ "$case" = demo ]; then full=geodata/demo.yaml cfg=geodata/generated/demo_core.yaml; else full=$three/config.yaml cfg=$three/core.yaml; fi
  # With partial not-spots, co-location, shared masts and undergrounding (issue 4's outputs).
  measure "$case covgap-sharing" "$bin" analyze "$full" --threads 2 --output "$W/$case-sharing" --quiet
  /usr/bin/python3 - "$case" "$W/$case-sharing/manifest.json" >> "$W/times.txt" <<'PY'
import json, sys
case, manifest = sys.argv[1:]
s = json.load(open(manifest))["summary"]
m = s["sharing"]["sharedSites"]
for k in ["masts", "candidates", "evaluations", "placementSeconds", "deadZonePeople", "peopleCoveredByMasts", "demandCellMetres"]:
    print(case, "masts", k, m[k])
print(case, "masts", "partial4G", s["sharing"]["partialNotspots"]["4G"])
print(case, "masts", "steps", ",".join(f"{k}={v:.2f}" for k, v in sorted(s["timings"].items())))
PY
  measure "$case covgap-2-threads" "$bin" analyze "$cfg" --threads 2 --output "$W/$case-covgap" --quiet
  measure "$case covgap-1-thread" "$bin" analyze "$cfg" --threads 1 --output "$W/$case-covgap" --quiet
  measure "$case gdal-pipeline" benchmarks/gdal_pipeline.sh "$W/$case-covgap" "$(dirname "$cfg")" "$W/$case-gdal"
  /usr/bin/python3 - "$case" "$W/$case-covgap/manifest.json" "$W/$case-gdal" >> "$W/times.txt" <<'PY'
import json, subprocess, sys
case, manifest, gdal = sys.argv[1:]
s = json.load(open(manifest))["summary"]
print(case, "grid communes", s["communes"]); print(case, "grid width", s["gridWidth"]); print(case, "grid height", s["gridHeight"])
for t in ["3G", "4G", "ANY"]:
    info = subprocess.run(["ogrinfo", "-so", f"{gdal}/dead_zones_{t}.gpkg", "dead_zones"], capture_output=True, text=True).stdout
    count = next(l.split(":")[1].strip() for l in info.splitlines() if "Feature Count" in l)
    print(case, f"zones-{t}", s["deadZones"][t], count)
PY
done
# A national-size province submission (100,000 rows) reviewed against the three-province run.
[ -f "$W/three/submission_100k.csv" ] || /usr/bin/python3 benchmarks/make_submission.py "$W/three-covgap" 11 100000 "$W/three/submission_100k.csv"
measure "three review-100k" "$bin" review "$W/three-covgap" "$W/three/submission_100k.csv" --output "$W/three-review" --quiet
/usr/bin/python3 benchmarks/write_results.py "$W/times.txt" "$RUNS" > benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md" >&2
