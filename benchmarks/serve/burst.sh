#!/usr/bin/env bash
# Memory under a burst of large uploads: UPLOADS GeoJSON reviews of ~5.5 MB each (SYNTHETIC, ROWS villages in Điện Biên)
# posted at once to `covgap serve`, with review_workers 1 and 2. Samples the server's resident memory every 50 ms;
# reports its peak, what stays resident after the burst, the answers and the wall time. Baseline in the same run: one
# `covgap review` process on the same file (peak RSS from /usr/bin/time). Writes the "Upload burst" part of
# benchmarks/serve/RESULTS.md.   UPLOADS=6 ROWS=16000 benchmarks/serve/burst.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
UPLOADS=${UPLOADS:-6}
ROWS=${ROWS:-16000}
[ -f out/dien-bien/workorders/viettel.geojson ] || scripts/demo.sh --quiet >/dev/null
swift build -c release --product covgap >&2
bin=$PWD/.build/release/covgap
W=benchmarks/work/burst
rm -rf "$W" && mkdir -p "$W"
/usr/bin/python3 benchmarks/make_submission.py out/dien-bien 11 "$ROWS" "$W/review.csv"
ogr2ogr -f GeoJSON "$W/review.geojson" "$W/review.csv" -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=YES -a_srs EPSG:4326
bytes=$(stat -c %s "$W/review.geojson")
run=$(cd out/dien-bien && pwd)

/usr/bin/time -f "%M %e" -o "$W/cli.time" "$bin" review "$run" "$W/review.geojson" --province 11 --output "$W/cli" --quiet >/dev/null || true
read -r cli_kb cli_s < "$W/cli.time"

burst() {  # workers → "peak_kb after_kb wall_s answers"
  local workers=$1 dir="$W/w$1"
  mkdir -p "$dir"
  printf 'listen: {host: 127.0.0.1, port: 0}\ndata_dir: %s\nmax_upload_mb: 10\nreview_workers: %s\nrun: %s\n' "$PWD/$dir/data" "$workers" "$run" > "$dir/serve.yaml"
  local token; token=$("$bin" serve token create --province 11 --config "$dir/serve.yaml" 2>/dev/null)
  "$bin" serve --config "$dir/serve.yaml" --quiet > "$dir/serve.out" 2> "$dir/serve.err" &
  local pid=$!
  for _ in $(seq 100); do grep -q "listening on" "$dir/serve.out" 2>/dev/null && break; sleep 0.1; done
  local base; base=$(sed -n 's/.*listening on //p' "$dir/serve.out")
  local idle_kb; idle_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  ( peak=0; while kill -0 $pid 2>/dev/null; do r=$(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
      [ "${r:-0}" -gt "$peak" ] && peak=$r && echo $peak > "$dir/peak"; sleep 0.05; done ) > /dev/null 2>&1 &
  local sampler=$!
  local start; start=$(date +%s.%N)
  local posts=()
  for i in $(seq "$UPLOADS"); do
    curl -s -o "$dir/answer_$i.json" -w '%{http_code}\n' -H "Authorization: Bearer $token" -H 'Content-Type: application/geo+json' \
      --data-binary @"$W/review.geojson" "$base/api/v1/provinces/11/reviews" > "$dir/status_$i" &
    posts+=($!)
  done
  wait "${posts[@]}"
  local wall; wall=$(echo "$(date +%s.%N) $start" | awk '{printf "%.1f", $1 - $2}')
  sleep 2
  local after_kb; after_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  kill $sampler 2>/dev/null || true
  echo "$(cat "$dir/peak") $after_kb $wall $idle_kb $(sort "$dir"/status_* | uniq -c | awk '{printf "%s×%s ", $2, $1}')"
}
r1=$(burst 1)
r2=$(burst 2)

python3 - "$W" "$UPLOADS" "$ROWS" "$bytes" "$cli_kb" "$cli_s" "$r1" "$r2" <<'PY'
import sys, datetime, platform, subprocess, re
w, uploads, rows, size, cli_kb, cli_s, r1, r2 = sys.argv[1:]
cpu = subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p'"], capture_output=True, text=True).stdout.strip()
def mib(kb): return f"{int(kb) / 1024:.0f} MiB"
lines = ["<!-- burst -->", "## Upload burst", "",
         f"Measured {datetime.date.today()} on {platform.node()} ({cpu}), release build. Produced by "
         f"`UPLOADS={uploads} ROWS={rows} benchmarks/serve/burst.sh`: {uploads} GeoJSON reviews of {int(size)/1e6:.1f} MB each "
         f"({int(rows):,} SYNTHETIC villages from `benchmarks/make_submission.py`) posted at once; resident memory sampled every 50 ms.", "",
         "| review_workers | idle | peak during the burst | 2 s after | wall | answers |", "|---:|---:|---:|---:|---:|---|"]
for workers, r in (("1", r1), ("2", r2)):
    peak, after, wall, idle, *answers = r.split()
    lines.append(f"| {workers} | {mib(idle)} | {mib(peak)} | {mib(after)} | {wall} s | {' '.join(answers)} |")
lines += ["", f"Baseline, same run: one `covgap review` process on the same file peaks at {mib(cli_kb)} in {cli_s} s. "
          "Every upload check and review runs inside the review gate, so the peak grows with review_workers, not with the "
          "number of uploads in flight (bodies waiting at the gate cost their bytes only).", ""]
path = "benchmarks/serve/RESULTS.md"
text = open(path).read()
text = text.split("<!-- burst -->")[0].rstrip("\n") + "\n\n" + "\n".join(lines)
open(path, "w").write(text)
print("\n".join(lines))
PY
