#!/usr/bin/env bash
# The national benchmark (issue: national scale, measured). Generates the scenario if needed (make_scenario.sh), then
# measures in one run, RUNS times each (medians): covgap analyze at 100 m on 2 threads and 1, the I/O floor (GDAL reads
# every input raster once, block by block), the warp floor (the same through warped VRTs onto covgap's grid), the GDAL
# command-line pipeline, the Python stack (rasterio + numpy +
# exactextract), covgap at 50 m, and one run with sharing (partial not-spots, co-location, shared masts: lazy greedy);
# then a perf profile of one 1-thread run (profile.sh).
# Appends the national section to benchmarks/RESULTS.md (run benchmarks/run.sh first for the smaller cases).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
scripts/install-deps.sh --test
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null
bash benchmarks/national/make_scenario.sh
N=benchmarks/work/national
W=$N/bench
mkdir -p "$W"
bin=$PWD/.build/release/covgap
TIMES=$W/times.txt
rm -f "$TIMES"
source benchmarks/lib.sh
cov=$N/coverage
rasters=("$cov"/{viettel,vinaphone,mobifone}_{3g,4g}.tif "${COVGAP_SHARED:-../shared/geodata}/worldpop-2020-1km/vnm_ppp_2020_1km_Aggregated.tif")
measure "national io-floor" /usr/bin/python3 benchmarks/national/io_floor.py "${rasters[@]}"
measure "national covgap-2-threads" "$bin" analyze "$N/core_100m.yaml" --threads 2 --output "$W/covgap" --quiet
measure "national warp-floor" /usr/bin/python3 benchmarks/national/warp_floor.py "$W/covgap" "${rasters[6]}" "${rasters[@]:0:6}"
measure "national covgap-1-thread" "$bin" analyze "$N/core_100m.yaml" --threads 1 --output "$W/covgap" --quiet
measure "national gdal-pipeline" benchmarks/gdal_pipeline.sh "$W/covgap" "$N" "$W/gdal"
measure "national python-stack" benchmarks/national/python_stack.sh "$N/communes.gpkg" "$cov" "${rasters[6]}" "$W/py"
RUNS_SAVED=$RUNS; RUNS=1
measure "national50 covgap-2-threads" "$bin" analyze "$N/core_50m.yaml" --threads 2 --output "$W/covgap50" --quiet
measure "national covgap-sharing" "$bin" analyze "$N/sharing_100m.yaml" --threads 2 --output "$W/sharing" --quiet
RUNS=$RUNS_SAVED
/usr/bin/python3 - "$W/covgap/manifest.json" "$W/covgap50/manifest.json" "$W/sharing/manifest.json" >> "$TIMES" <<'PY'
import json, sys
for tag, path in zip(["national", "national50", "sharing"], sys.argv[1:]):
    s = json.load(open(path))["summary"]
    print(tag, "grid", s["gridWidth"], s["gridHeight"], s["communes"])
    print(tag, "steps", ",".join(f"{k}={v:.1f}" for k, v in sorted(s["timings"].items())))
    if tag == "sharing":
        m = s["sharing"]["sharedSites"]
        for k in ["masts", "candidates", "evaluations", "placementSeconds", "deadZonePeople", "peopleCoveredByMasts", "demandCellMetres"]:
            print(tag, "masts", k, m[k])
PY
[ -f "$N/simulate.txt" ] && sed 's/^/national simulate /' "$N/simulate.txt" >> "$TIMES"
# The profile: perf samples of one more 1-thread run, by shared object and by symbol (profile_dso.txt, profile_sym.txt).
bash benchmarks/national/profile.sh "$W"
/usr/bin/python3 benchmarks/write_national.py "$TIMES" "$RUNS" >> benchmarks/RESULTS.md
echo "appended the national section to benchmarks/RESULTS.md" >&2
