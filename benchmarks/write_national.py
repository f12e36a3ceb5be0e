#!/usr/bin/env python3
"""Turns benchmarks/work/national/bench/times.txt (written by benchmarks/national/run.sh) into the national section of
benchmarks/RESULTS.md, with each of the issue's targets and where it stands."""
import datetime
import sys

rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
runs = sys.argv[2]
t = {(r[0], r[1]): r[2:] for r in rows if len(r) >= 6 and r[1] not in ("grid", "steps", "masts", "simulate")}
info = {}
for r in rows:
    if r[1] in ("grid", "steps"):
        info[(r[0], r[1])] = r[2:]
masts = {r[2]: r[3] for r in rows if r[0] == "sharing" and r[1] == "masts"}
simulate = " ".join(next((r[2:] for r in rows if r[0] == "national" and r[1] == "simulate"), []))


def wall(k): return float(t[k][0])
def mib(k): return int(t[k][3]) / 1024


w, h, n = info[("national", "grid")]
w50, h50, _ = info[("national50", "grid")]
print(f"\n## Vietnam, national: {n} communes, grid {w} × {h} = {int(w) * int(h) / 1e6:.0f} M cells at 100 m, 6 coverage layers + population\n")
print(f"Produced by `benchmarks/national/run.sh` (RUNS={runs}; the 50 m and sharing runs once) on {datetime.date.today()}, same machine.")
print("Scenario (`benchmarks/national/make_scenario.sh`): the simplified 2025 national commune layer without the two offshore")
print("special zones (Hoàng Sa, Trường Sa), WorldPop 2020 1 km, and SYNTHETIC coverage for three carriers × 3G/4G at 100 m")
print(f"simulated from a synthetic national site list. {simulate}\n")
print("| command | wall s | user s | sys s | peak MiB | wall vs covgap (2 threads) |")
print("|---|---:|---:|---:|---:|---:|")
base = wall(("national", "covgap-2-threads"))
labels = [("national", "io-floor", "I/O floor: GDAL reads every input raster once, block by block (`io_floor.py`)"),
          ("national", "warp-floor", "warp floor: the same through one warped VRT per input onto covgap's grid (`warp_floor.py`)"),
          ("national", "covgap-2-threads", "`covgap analyze --threads 2`, 100 m"),
          ("national", "covgap-1-thread", "`covgap analyze --threads 1`, 100 m"),
          ("national", "gdal-pipeline", "GDAL CLI pipeline (`benchmarks/gdal_pipeline.sh`)"),
          ("national", "python-stack", "Python stack: rasterio + numpy + exactextract (`python_stack.sh`)"),
          ("national50", "covgap-2-threads", f"`covgap analyze --threads 2`, 50 m ({int(w50) * int(h50) / 1e6:.0f} M cells)"),
          ("national", "covgap-sharing", "`covgap analyze --threads 2`, 100 m, with sharing (partial not-spots, co-location, shared masts)")]
for case, name, label in labels:
    if (case, name) not in t:
        continue
    e, u, s, m = t[(case, name)]
    print(f"| {label} | {float(e):.1f} | {float(u):.1f} | {float(s):.1f} | {int(m) / 1024:.0f} | {float(e) / base:.2f}× |")
print()
steps = info.get(("national", "steps"), [""])[0]
print(f"Where covgap's time goes at 100 m (steps of the last timed run, 1 thread, s): {steps.replace(',', ', ')}.\n")
print("| target (issue) | measured | met |")
print("|---|---|---|")
floor = wall(("national", "io-floor"))
g = wall(("national", "gdal-pipeline")) / base
py = wall(("national", "python-stack")) / base
speedup = wall(("national", "covgap-1-thread")) / base
m100, m50 = mib(("national", "covgap-2-threads")), mib(("national50", "covgap-2-threads"))
def ok(b): return "yes" if b else "**no**"
print(f"| analyze within 1.5× the I/O floor | {base / floor:.2f}× ({base:.1f} s vs {floor:.1f} s) | {ok(base / floor <= 1.5)} |")
if ("national", "warp-floor") in t:
    wf = wall(("national", "warp-floor"))
    print(f"| (context, not a target) analyze against the warp floor | {base / wf:.2f}× ({base:.1f} s vs {wf:.1f} s on one thread) | — |")
print(f"| ≥ 5× faster than the GDAL pipeline | {g:.2f}× | {ok(g >= 5)} |")
print(f"| ≥ 5× faster than the Python stack | {py:.2f}× | {ok(py >= 5)} |")
print(f"| 2 threads ≥ 1.8× faster than 1 | {speedup:.2f}× | {ok(speedup >= 1.8)} |")
print(f"| peak memory < 1.5 GiB at 100 m | {m100:.0f} MiB | {ok(m100 < 1536)} |")
print(f"| 50 m peak ≤ 1.2 × the 100 m peak | {m50:.0f} MiB ({m50 / m100:.2f}×) | {ok(m50 <= 1.2 * m100)} |")
print(f"| simulate in minutes, not hours | {simulate.split(', ')[-2] if simulate else 'n/a'} | see above |")
if masts:
    mm, cand, ev = int(masts["masts"]), int(masts["candidates"]), int(masts["evaluations"])
    plain = sum(cand - i for i in range(mm + 1))
    print(f"\nShared masts (lazy greedy, 4G): {mm} placed from {cand:,} lattice candidates ({float(masts['demandCellMetres']):.0f} m demand cells) "
          f"with {ev:,} gain evaluations in {float(masts['placementSeconds']):.1f} s; a plain greedy would make {plain:,} ({plain / ev:.0f}× more). "
          f"They reach {float(masts['peopleCoveredByMasts']):,.0f} of the {float(masts['deadZonePeople']):,.0f} people in 4G dead zones.")

# Written by hand from these runs, their step timings (manifest.json) and perf profiles made while optimising; the
# figures that come from this run are filled in from it.
st = dict(kv.split("=") for kv in steps.split(",")) if steps else {}
def step(k): return float(st.get(k, "nan"))
wf = wall(("national", "warp-floor")) if ("national", "warp-floor") in t else float("nan")
print(f"""
### Where the national targets stand, and why

The profile is each run's step timing in its manifest (the "steps" line above: one thread, so each step is its own
CPU time) and `perf` over whole runs.
- **The kernel ({step('kernel'):.0f} s of {wall(('national', 'covgap-1-thread')):.0f} at one thread) is mostly GDAL's warper.** It reprojects six UTM
  coverage rasters and the population onto the Albers grid, then classifies and tallies. A plain read of the inputs
  costs {floor:.1f} s (the I/O floor). The same reads through one warped VRT per input, doing nothing with the values,
  cost {wf:.1f} s on one thread (the warp floor); covgap's whole run on two threads takes {base / wf:.2f}× that. The
  1.5× target is measured against the plain read, which leaves out the reprojection every tool needs here: out of
  reach for that reason, not because of the kernel's own arithmetic.
- **What made the kernel faster (36 s → {step('kernel'):.0f} s at one thread, 2026-11-29):**
  - the inner loop indexes owned, contiguous tile buffers: class-property arrays had cost a Swift exclusivity check
    and a uniqueness test on every access, 17% of a whole run in `perf` (35.9 s → 21.0 s);
  - layers on one source grid are warped as one stacked VRT, on Int16 through GDAL's no-mask kernel (the source
    nodata is read as nodata by the kernel), checked against one masked warp per file (21 → 15.5 s);
  - workers take runs of whole tile rows: dealt tile by tile, both workers decompressed the same source blocks
    through their own handles (at two threads 9.6 → 7.9 s, and the kernel now scales 1.95×).
- **Distances ({step('distances'):.0f} s at one thread).** Exact, in bands of rows, each started from column boundaries
  found in one parallel sweep (a scratch file), with no margins or widening rounds any more (50 m: 26 → 16 s).
- **Writing ({step('write'):.0f} s at one thread, about half that on two):** dead_zones.geojson and partial_notspots.geojson are now written by GDAL's
  GeoJSON driver on every thread, runs of 4,096 features spliced in order, byte-identical to one writer.
- **GDAL pipeline ({wall(('national', 'gdal-pipeline')) / base:.1f}×).** It computes no distances, writes no GeoPackage and
  draws no report, and most of its time is the same warper. Not 5×.
- **Python stack ({wall(('national', 'python-stack')) / base:.2f}×).** It works on the rasters' own UTM grid (no reprojection:
  its areas are UTM areas, off by up to 0.04% here), weights nothing by people and draws no polygons.
- **2 threads ({speedup:.2f}×).** What stays serial: the largest band's polygonize, the GeoPackage, the merge, and the
  report and manifest at the end (about 2 s).
- **Memory: met.** {m100:.0f} MiB at 100 m and {m50:.0f} MiB at 50 m ({m50 / m100:.2f}×). Long-lived small arrays in the
  distance step had fragmented glibc's heap (805 MB resident at 50 m); they are now a few flat stores. With sharing the
  peak is {mib(('national', 'covgap-sharing')) / 1024:.2f} GiB, from holding 865,000 partial not-spot polygons before writing them.
- **Tried and not kept:** a 256 MiB GDAL block cache (1 thread 1.5 s faster, 2 threads no faster, +180 MB); writing the
  scratch rasters' blocks past GDAL's cache (no change); a 64-row first margin for the old distances (slower).
- **simulate: met.** {simulate.split(', ')[-2] if simulate else 'n/a'} for the national site list ({simulate.split(', ')[-1] if simulate else ''}),
  measured when `make_scenario.sh` made the scenario; simulate was not changed since.""")
