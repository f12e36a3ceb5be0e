#!/usr/bin/env bash
# Same-run A/B of two covgap binaries on the national 100 m scenario (2 threads), interleaved so that the machine's
# drift hits both alike: OLD=/path/to/old/covgap NEW=/path/to/new/covgap RUNS=3 benchmarks/national/ab.sh
# Prints one line per run (wall, user, sys, peak RSS) and each run's step timings from its manifest; checks that the
# two binaries' run folders are byte-identical (manifest aside). The scenario comes from make_scenario.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${OLD:?set OLD to the baseline covgap binary}" "${NEW:?set NEW to the covgap binary under test}"
RUNS=${RUNS:-3}
N=benchmarks/work/national
[ -f "$N/core_100m.yaml" ] || bash benchmarks/national/make_scenario.sh
W=$N/ab
rm -rf "$W"; mkdir -p "$W"
for i in $(seq 1 "$RUNS"); do
  for v in OLD NEW; do
    bin=${!v}
    rm -rf "$W/$v"
    /usr/bin/time -f "$v run $i: wall %e s, user %U s, sys %S s, peak %M KB" \
      "$bin" analyze "$N/core_100m.yaml" --threads 2 --output "$W/$v" --quiet >/dev/null 2>> "$W/times.txt"
    /usr/bin/python3 -c "
import json, sys
t = json.load(open(sys.argv[1]))['summary']['timings']
print(sys.argv[2], 'steps:', ' '.join(f'{k}={v:.1f}' for k, v in sorted(t.items())))" "$W/$v/manifest.json" "$v run $i" \
      >> "$W/times.txt"
  done
done
cat "$W/times.txt"
if diff -rq -x manifest.json "$W/OLD" "$W/NEW"; then echo "outputs byte-identical (manifest aside)"; fi
