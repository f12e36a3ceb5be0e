#!/usr/bin/env bash
# Where covgap's time goes on the national scenario, by whose code ran: `perf record` samples one 1-thread run at 100 m
# (so the samples are CPU time, step after step) and sums them by shared object and by symbol. GDAL's own functions
# show by name where libgdal exports them, otherwise by address (Debian strips the rest).
# Usage: profile.sh OUT_DIR   (writes OUT_DIR/profile_dso.txt and OUT_DIR/profile_sym.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$1
N=benchmarks/work/national
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf): no profile" >&2; exit 0; }
perf record -q -F 499 -o "$out/perf.data" -- .build/release/covgap analyze "$N/core_100m.yaml" --threads 1 --output "$out/profiled" --quiet >/dev/null 2>&1
perf report -i "$out/perf.data" --no-children --sort dso --stdio 2>/dev/null | awk '/^ +[0-9]/ && n++ < 12' > "$out/profile_dso.txt"
# Swift symbols are demangled to their plain names (the toolchain's `swift demangle`).
perf report -i "$out/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null | awk '/^ +[0-9]/ && n++ < 20' \
  | { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; } > "$out/profile_sym.txt"
rm -rf "$out/perf.data" "$out/profiled"
