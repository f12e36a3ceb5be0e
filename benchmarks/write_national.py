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

# Written by hand from these runs' step timings (manifest.json) and from single runs made while optimising.
print("""
### Where the national targets stand, and why

The profile is the step timing each run writes to its manifest (the "steps" line above: one thread, so every step
is its own CPU time).
- **The kernel is most of the time (about 36 s of 64 at one thread).** It warps six UTM coverage rasters and the
  population onto the Albers grid through GDAL's warped VRTs, then classifies and tallies. Reading the inputs costs
  2.6 s (the I/O floor). The synthetic rasters are smooth and compress 12:1, so real measured coverage would read
  slower. The floor as defined (one plain read of each input) leaves out reprojection, which any tool needs when the
  inputs and the grid differ. The 1.5× target is out of reach for that reason, not because of the kernel's
  arithmetic: the Python stack below skips reprojection entirely.
- **Distances are no longer the largest step (8 s at one thread, 26 s before).** `nearest_km_C` came from six
  full-raster `gdal_proximity` passes (15–26 s at two threads, 214 s at 50 m). It now comes from an exact distance
  transform on bands of rows with a widening margin, about 4 s at two threads and 23 s at 50 m. No full-size distance
  rasters are written any more. This was checked against brute force. Nationally 35 of 256,000 figures changed, each
  to the exact value: GDAL's two-pass approximation said 3 cells where the truth is 2√2.
- **GDAL pipeline (about 1.5×).** covgap is now faster than the pipeline, which computes no distances, writes no
  GeoPackage and draws no report. It is not 5× faster: both spend most of their time in GDAL's warper.
- **Python stack (about 0.5×).** It works on the rasters' own UTM grid (no reprojection: its areas are UTM areas, off
  by up to 0.04% here), weights nothing by people and draws no polygons. That is the gap.
- **2 threads (about 1.55×).** The kernel, relabel and distances run in parallel. The seam merge, the GeoJSON and
  GeoPackage writers (about 8 s) and part of polygonize are serial.
- **Memory: met at 100 m (about 0.63 GB); 50 m about 1.3× the 100 m peak (target 1.2×).** glibc's rising mmap
  threshold let per-thread heaps keep freed buffers: the 50 m peak was 1.65 GB before covgap set `M_MMAP_THRESHOLD`
  to 1 MiB. What remains at 50 m is GDAL's block cache (128 MiB) and the polygons of 85,000 zones at twice the
  vertex count. With sharing the peak is 1.75 GB, from holding 865,000 partial not-spot polygons before writing them.
- **Tried and reverted:** warping all six layers of a source grid through one stacked six-band VRT. It was 2.3×
  faster alone in Python at 50 m and saved 2 s at 100 m, but in the kernel at 50 m with two threads it took 104 s
  against 72 s. Not understood yet; reverted.
- **simulate: met.** 263 s for 12,395 sites and 6 × 135.6 M cells (3.1 M layer-cells/s) since model 3.""")
