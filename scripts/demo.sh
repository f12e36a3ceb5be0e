#!/usr/bin/env bash
# The demo, end to end on a fresh Debian machine with Swift: Điện Biên province (45 communes, real boundaries and
# WorldPop population) with SYNTHETIC coverage simulated from a synthetic site list.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product covgap >&2
bin=.build/release/covgap
scripts/simulate-once.sh "$bin" 3 geodata/generated/coverage --sites geodata/sites_synthetic_dien_bien.csv \
  --boundaries geodata/vn2025_communes_11_dien_bien.geojson --seed 7
"$bin" analyze geodata/demo.yaml "$@"
echo >&2
echo "reviewing the province's (synthetic) dead-zone submission against this run:" >&2
"$bin" review out/dien-bien geodata/review_submission_11_synthetic.csv --quiet
echo >&2
echo "work orders for the carriers (dead zones, villages, confirmed review rows, shared masts):" >&2
"$bin" workorders out/dien-bien --reviews out/dien-bien/review_11 --quiet

# The next quarter (a SYNTHETIC what-if): the first 10 proposed shared masts are built; simulate, analyze, compare.
next=geodata/generated/next_quarter
mkdir -p "$next"
python3 scripts/make_demo_next_quarter.py out/dien-bien geodata/sites_synthetic_dien_bien.csv "$next/sites.csv" 10
stamp=$(sha256sum "$next/sites.csv" | cut -c1-16)
if [ "$(cat "$next/coverage.stamp" 2>/dev/null)" != "$stamp-model3" ]; then
  echo "simulating the next quarter's coverage..." >&2
  "$bin" simulate --sites "$next/sites.csv" --boundaries geodata/vn2025_communes_11_dien_bien.geojson \
    --output "$next/coverage" --seed 7 --quiet >&2
  echo "$stamp-model3" > "$next/coverage.stamp"
fi
sed -e "s|generated/coverage/|generated/next_quarter/coverage/|" -e "s|^output: ../out/dien-bien |output: ../out/dien-bien-next |" \
    -e "s|path: sites_synthetic_dien_bien.csv|path: generated/next_quarter/sites.csv|" geodata/demo.yaml > geodata/demo_next_quarter.generated.yaml
"$bin" analyze geodata/demo_next_quarter.generated.yaml --quiet >/dev/null
"$bin" workorders out/dien-bien-next --quiet >/dev/null
echo >&2
echo "what changed from this quarter to the next (out/dien-bien-next/diff):" >&2
"$bin" diff out/dien-bien out/dien-bien-next --quiet
