#!/usr/bin/env bash
# The intake service under load, on loopback: a 1,000-row review submission (POST) and carriers' work-order downloads
# (GET, full and conditional), driven by wrk (Debian) for DURATION seconds each at CONNECTIONS connections. Baseline in
# the same run: the same review through the `covgap review` command, one process per submission.
# Writes benchmarks/serve/RESULTS.md.   DURATION=20 CONNECTIONS=8 benchmarks/serve/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-8}
command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo; $SUDO apt-get install -y -qq wrk >/dev/null; }
[ -f out/dien-bien/workorders/viettel.geojson ] || scripts/demo.sh --quiet >/dev/null
swift build -c release --product covgap >&2
bin=.build/release/covgap
W=benchmarks/work/serve
rm -rf "$W" && mkdir -p "$W"
/usr/bin/python3 benchmarks/make_submission.py out/dien-bien 11 1000 "$W/review_1000.csv"
run=$(cd out/dien-bien && pwd)
cat > "$W/serve.yaml" <<YAML
listen: {host: 127.0.0.1, port: 0}
data_dir: $PWD/$W/data
max_upload_mb: 10
run: $run
YAML
province=$("$bin" serve token create --province 11 --config "$W/serve.yaml" 2>/dev/null)
carrier=$("$bin" serve token create --carrier viettel --config "$W/serve.yaml" 2>/dev/null)
"$bin" serve --config "$W/serve.yaml" --quiet > "$W/serve.out" 2> "$W/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$W/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/.*listening on //p' "$W/serve.out")

# One submission by hand first: its answer must be 201 with 1,000 rows read.
curl -sf -H "Authorization: Bearer $province" -H 'Content-Type: text/csv' --data-binary @"$W/review_1000.csv" \
  "$base/api/v1/provinces/11/reviews" | python3 -c "import json,sys; s=json.load(sys.stdin)['summary']; assert s['rows_read']==1000, s; print('one submission:', s['accepted'], 'accepted,', s['rejected'], 'rejected')" >&2
etag=$(curl -sf -D - -o /dev/null -H "Authorization: Bearer $carrier" "$base/api/v1/carriers/viettel/workorders.geojson" | sed -n 's/^[Ee][Tt]ag: //p' | tr -d '\r')
bytes=$(curl -sf -H "Authorization: Bearer $carrier" "$base/api/v1/carriers/viettel/workorders.geojson" | wc -c)

load() {  # name token url body-file etag
  COVGAP_TOKEN=$2 COVGAP_BODY=$4 COVGAP_ETAG=$5 \
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 30s -s benchmarks/serve/wrk_auth.lua "$3" > "$W/$1.txt"
  echo "$1: $(grep Requests/sec "$W/$1.txt")" >&2
}
load post_review "$province" "$base/api/v1/provinces/11/reviews" "$W/review_1000.csv" ""
load get_orders "$carrier" "$base/api/v1/carriers/viettel/workorders.geojson" "" ""
load get_orders_304 "$carrier" "$base/api/v1/carriers/viettel/workorders.geojson" "" "$etag"
rss=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
stored=$(sqlite3 "$W/data/covgap.sqlite" "SELECT COUNT(*) FROM submissions" 2>/dev/null || echo "?")
kill $pid; wait $pid 2>/dev/null || true; trap - EXIT

# Baseline: the same review as one `covgap review` process per submission, 10 in a row.
start=$(date +%s.%N)
for i in $(seq 10); do "$bin" review out/dien-bien "$W/review_1000.csv" --province 11 --output "$W/cli_$i" --quiet > /dev/null; done
cli=$(echo "$(date +%s.%N) $start" | awk '{printf "%.3f", ($1 - $2) / 10}')

python3 - "$W" "$DURATION" "$CONNECTIONS" "$cli" "$rss" "$stored" "$bytes" <<'PY'
import re, sys, platform, subprocess, datetime
w, duration, conns, cli, rss, stored, size = sys.argv[1:]
def parse(name):
    t = open(f"{w}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    lat = {p: m for p, m in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", t, re.M)}
    statuses = dict(re.findall(r"^status (\d+) (\d+)", t, re.M))
    return rps, lat, statuses
rows = [("POST 1,000-row review (validate, reconcile, store)", "post_review"),
        ("GET viettel work orders (full, %s bytes)" % size, "get_orders"),
        ("GET viettel work orders (If-None-Match → 304)", "get_orders_304")]
cpu = subprocess.run(["sh", "-c", "lscpu | sed -n 's/^Model name: *//p'"], capture_output=True, text=True).stdout.strip()
out = ["# covgap serve under load", "",
       f"Measured {datetime.date.today()} on {platform.node()} ({cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores), "
       f"release build, server and load generator on the same machine (loopback). Produced by `DURATION={duration} CONNECTIONS={conns} benchmarks/serve/run.sh`.",
       "", f"wrk -t2 -c{conns} -d{duration}s --latency; the server runs with its defaults (review workers = cores, SQLite WAL, synchronous=FULL).",
       "The review file is SYNTHETIC: 1,000 random places in Điện Biên from `benchmarks/make_submission.py` (about 1% planted mistakes).", "",
       "| load | requests/s | p50 | p90 | p99 | answers |", "|---|---:|---:|---:|---:|---|"]
for label, name in rows:
    rps, lat, st = parse(name)
    out.append(f"| {label} | {rps:.1f} | {lat.get('50','?')} | {lat.get('90','?')} | {lat.get('99','?')} | {', '.join(f'{k}×{v}' for k, v in sorted(st.items()))} |")
review_rps = parse("post_review")[0]
out += ["", f"Baseline, same run: `covgap review` as one process per 1,000-row submission takes {float(cli):.3f} s each "
        f"({1/float(cli):.1f} submissions/s, serial). The service takes {review_rps:.1f} submissions/s with {conns} clients "
        f"({review_rps*float(cli):.1f}× the serial CLI), and also stores each upload and its results durably.",
        f"Server peak resident memory over the whole run: {int(rss)/1024:.0f} MiB. Submissions stored at the end: {stored}.", ""]
try:  # keep the upload-burst part that benchmarks/serve/burst.sh writes
    burst = "<!-- burst -->" + open("benchmarks/serve/RESULTS.md").read().split("<!-- burst -->", 1)[1]
except (FileNotFoundError, IndexError):
    burst = ""
open("benchmarks/serve/RESULTS.md", "w").write("\n".join(out) + ("\n" + burst if burst else ""))
print("\n".join(out))
PY
