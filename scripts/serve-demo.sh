#!/usr/bin/env bash
# The intake service on the demo run, on a fresh machine: runs the demo when its run or work orders are missing,
# makes one token each for Điện Biên (province 11), Viettel and an analyst (printed once, here), then starts
# `covgap serve` on http://127.0.0.1:$port (Ctrl-C stops it). The demo's coverage and orders are SYNTHETIC.
#   PORT=9000 scripts/serve-demo.sh     another port
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f out/dien-bien/workorders/viettel.geojson ]; then
  scripts/demo.sh --quiet >/dev/null
fi
swift build -c release --product covgap >&2
bin=.build/release/covgap
config=geodata/serve.yaml
echo "tokens (shown once; only their hashes are stored in out/serve-data/covgap.sqlite):" >&2
for who in "--province 11" "--carrier viettel" "--analyst"; do
  # shellcheck disable=SC2086
  printf '  %-18s %s\n' "$who" "$("$bin" serve token create $who --config "$config" 2>/dev/null)" >&2
done
port=${PORT:-8080}
cat >&2 <<TXT
try:
  open http://127.0.0.1:$port/ and log in with the province token,
    then upload geodata/review_submission_11_synthetic.csv
  open http://127.0.0.1:$port/ in another browser (or a private window) and log in with the Viettel token: its orders,
    and on each order's page a form to report it in progress, on air or disputed
  curl -H "Authorization: Bearer <viettel token>" http://127.0.0.1:$port/api/v1/carriers/viettel/workorders.geojson
  curl -H "Authorization: Bearer <viettel token>" -H 'Content-Type: application/json' \
       -d '{"status": "on_air", "date": "2026-11-20"}' \
       http://127.0.0.1:$port/api/v1/carriers/viettel/workorders/<id>/status
  curl -H "Authorization: Bearer <analyst token>" http://127.0.0.1:$port/api/v1/progress
TXT
exec "$bin" serve --config "$config" ${PORT:+--port "$PORT"}
