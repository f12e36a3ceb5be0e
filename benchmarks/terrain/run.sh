#!/usr/bin/env bash
# covgap simulate --dem against SPLAT! 1.4.2 (Longley-Rice ITM and ITWOM 3.0) on the shared SRTM3 tile N21E105:
# one 30 m mast at 1800 MHz per site, a 1.5 m receiver, every SPLAT! point within 15 km. Writes RESULTS.md beside
# this script (per site: |Δ| dB on line-of-sight and obstructed points, covered/not agreement at -105 dBm for a
# 27 dBm reference signal, the spread between SPLAT!'s own two models, wall time and peak memory).
#   benchmarks/terrain/run.sh [site ...]     (default: every site of sites.csv)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$root/benchmarks/work/terrain"
hgt="${HGT:-$root/../shared/geodata/srtm3-N21E105/N21E105.hgt}"
[ -f "$hgt" ] || hgt="$root/geodata/terrain/N21E105.hgt"
command -v splat > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq splat; }
/usr/bin/python3 -c "import osgeo" 2> /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-gdal
command -v /usr/bin/time > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
(cd "$root" && swift build -c release --product covgap > /dev/null)
covgap="$root/.build/release/covgap"
mkdir -p "$work/sdf"
[ -f "$work/sdf/21:22:254:255.sdf" ] || (cd "$work/sdf" && cp "$hgt" N21E105.hgt && srtm2sdf N21E105.hgt > /dev/null)

sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then mapfile -t sites < <(tail -n +2 "$here/sites.csv" | cut -d, -f1); fi
timings="$work/timings.csv"
echo "site,tool,wall_s,peak_mib" > "$timings"
measure() { # name tool command...: appends the median wall time of three runs and the largest peak RSS
  local name=$1 tool=$2; shift 2
  local walls=() peak=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/$name.$tool.log" 2>&1
    read -r wall kib < "$work/time.txt"
    walls+=("$wall"); [ "$kib" -gt "$peak" ] && peak=$kib
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n 2p)
  echo "$name,$tool,$median,$((peak / 1024))" >> "$timings"
}
for name in "${sites[@]}"; do
  IFS=, read -r _ lon lat kind < <(grep "^$name," "$here/sites.csv")
  d="$work/$name"; rm -rf "$d"; mkdir -p "$d"
  west=$(/usr/bin/python3 -c "print(360 - $lon)")
  printf '%s\n%s\n%s\n30 meters\n' "$name" "$lat" "$west" > "$d/$name.qth"
  cp "$here/splat.lrp" "$d/$name.lrp"
  (cd "$d" && measure "$name" itwom splat -t "$name.qth" -L 1.5 -metric -R 15 -N -ano itwom.txt -d "$work/sdf")
  (cd "$d" && measure "$name" itm splat -t "$name.qth" -L 1.5 -metric -R 15 -N -olditm -ano itm.txt -d "$work/sdf")
  printf 'site_id,carrier,lon,lat,height_m,technologies\n%s,bench,%s,%s,30,4G\n' "$name" "$lon" "$lat" > "$d/site.csv"
  box=$(/usr/bin/python3 -c "
import math; lon, lat = $lon, $lat; dl = 15.5 / 111.32; dn = dl / math.cos(math.radians(lat))
print(f'{lon - dn:.5f},{lat - dl:.5f},{lon + dn:.5f},{lat + dl:.5f}')")
  measure "$name" covgap "$covgap" simulate --sites "$d/site.csv" --output "$d/covgap" --bbox "$box" \
    --resolution 90 --sigma-db 0 --dem "$hgt" --range-km 15 --threads 2
done
# Every site in one command: what a site costs when the start-up (reading and warping the DEM, writing the raster)
# is shared, as in a real run over many sites. The area is the union of the sites' 15.5 km boxes.
b="$work/batch"; rm -rf "$b"; mkdir -p "$b"
echo 'site_id,carrier,lon,lat,height_m,technologies' > "$b/sites.csv"
for name in "${sites[@]}"; do
  IFS=, read -r _ lon lat _ < <(grep "^$name," "$here/sites.csv")
  echo "$name,bench,$lon,$lat,30,4G" >> "$b/sites.csv"
done
box=$(/usr/bin/python3 -c "
import csv, math
rows = list(csv.DictReader(open('$b/sites.csv')))
dl = 15.5 / 111.32
w = min(float(r['lon']) - dl / math.cos(math.radians(float(r['lat']))) for r in rows)
e = max(float(r['lon']) + dl / math.cos(math.radians(float(r['lat']))) for r in rows)
s = min(float(r['lat']) for r in rows) - dl; n = max(float(r['lat']) for r in rows) + dl
print(f'{w:.5f},{s:.5f},{e:.5f},{n:.5f}')")
measure batch covgap "$covgap" simulate --sites "$b/sites.csv" --output "$b/covgap" --bbox "$box" \
  --resolution 90 --sigma-db 0 --dem "$hgt" --range-km 15 --threads 2
/usr/bin/python3 "$here/compare.py" "$work" "$here/sites.csv" "$timings" "${sites[@]}" > "$here/RESULTS.md"
cat "$here/RESULTS.md"
