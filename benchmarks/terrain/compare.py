#!/usr/bin/python3
"""covgap simulate --dem against SPLAT! at SPLAT!'s own points: writes the RESULTS.md table to stdout.

Usage: compare.py WORK SITES_CSV TIMINGS_CSV site...
Path loss is compared in dB; covgap's is 27 dBm (its 4G reference-signal EIRP) minus its level. Both are clipped
to 71..167 dB: covgap writes nothing below −140 dBm (167 dB) and caps the level at −44 dBm near the mast (71 dB).
"""
import csv
import datetime
import os
import platform
import subprocess
import sys

import numpy as np
from osgeo import gdal, osr

EIRP, THRESHOLD = 27.0, -105.0
COVERED_DB = EIRP - THRESHOLD  # a point is covered when its loss is at most this
LO, HI = 71.0, 167.0


def read_ano(path):
    """SPLAT!'s -ano points: lat, lon (degrees west), loss dB, obstructed (a trailing '*')."""
    pts = []
    with open(path) as f:
        for line in f:
            if ";" in line:
                continue
            parts = [p.strip() for p in line.replace("*", "").split(",")]
            if len(parts) < 5:
                continue
            pts.append((float(parts[0]), 360.0 - float(parts[1]), float(parts[4]), "*" in line))
    return pts


def covgap_loss(raster, lonlat):
    """covgap's loss at each (lon, lat), nodata as the clip ceiling."""
    ds = gdal.Open(raster)
    band = ds.GetRasterBand(1)
    a = band.ReadAsArray().astype(float)
    gt = ds.GetGeoTransform()
    srs = osr.SpatialReference()
    srs.ImportFromWkt(ds.GetProjection())
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    tr = osr.CoordinateTransformation(wgs, srs)
    out = []
    for lon, lat in lonlat:
        x, y, _ = tr.TransformPoint(lon, lat)
        c, r = int((x - gt[0]) / gt[1]), int((y - gt[3]) / gt[5])
        if 0 <= r < a.shape[0] and 0 <= c < a.shape[1] and a[r, c] != -32768:
            out.append(EIRP - a[r, c])
        else:
            out.append(HI)
    return np.clip(np.array(out), LO, HI)


def stats(d):
    d = np.abs(d)
    return (np.median(d), np.percentile(d, 90)) if len(d) else (float("nan"), float("nan"))


BANDS_KM = ((0, 2), (2, 5), (5, 10), (10, 15))


def los_bands(site, points, itwom, itm, ours, blocked):
    """On line-of-sight points, by distance from the site: how many, and the signed median dB of ITWOM − ITM and of
    covgap − ITM (positive: more loss than ITM)."""
    lon0, lat0 = float(site["lon"]), float(site["lat"])
    km = np.array([np.hypot((p[1] - lon0) * 111.32 * np.cos(np.radians(lat0)), (p[0] - lat0) * 110.57)
                   for p in points])
    out = []
    for lo, hi in BANDS_KM:
        m = ~blocked & (km >= lo) & (km < hi)
        n = int(m.sum())
        out.append((n, np.median((itwom - itm)[m]) if n else float("nan"),
                    np.median((ours - itm)[m]) if n else float("nan")))
    return out


def main():
    work, sites_csv, timings_csv, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    kinds = {r["name"]: r for r in csv.DictReader(open(sites_csv, encoding="utf-8"))}
    wall = {}
    for r in csv.DictReader(open(timings_csv)):
        wall[(r["site"], r["tool"])] = (float(r["wall_s"]), int(r["peak_mib"]))
    rows = []
    for name in names:
        itwom = read_ano(f"{work}/{name}/itwom.txt")
        itm = read_ano(f"{work}/{name}/itm.txt")
        assert len(itwom) == len(itm), name
        ours = covgap_loss(f"{work}/{name}/covgap/bench_4g.tif", [(p[1], p[0]) for p in itwom])
        a = np.clip(np.array([p[2] for p in itwom]), LO, HI)
        b = np.clip(np.array([p[2] for p in itm]), LO, HI)
        blocked = np.array([p[3] for p in itwom])
        flips = np.mean((a <= COVERED_DB) != (b <= COVERED_DB))
        row = {"name": name, "kind": kinds[name]["terrain"], "points": len(a), "blocked": blocked.mean(),
               "flips": flips, "spread": stats(a - b), "spread_los": stats((a - b)[~blocked])}
        for ref, label in ((a, "itwom"), (b, "itm")):
            row[label] = {
                "los": stats((ours - ref)[~blocked]), "obs": stats((ours - ref)[blocked]),
                "agree": np.mean((ours <= COVERED_DB) == (ref <= COVERED_DB)),
                "cov_ref": np.mean(ref <= COVERED_DB)}
        row["cov_ours"] = np.mean(ours <= COVERED_DB)
        # The reference's own spread: covgap within [min, max] of SPLAT!'s two models, widened by 6 dB; and its
        # verdict the same as at least one of them.
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        outside = np.maximum(lo - ours, 0) + np.maximum(ours - hi, 0)
        row["within"] = np.mean(outside <= 6.0)
        row["outside_median"] = np.median(outside)
        row["verdict_either"] = np.mean(((ours <= COVERED_DB) == (a <= COVERED_DB))
                                        | ((ours <= COVERED_DB) == (b <= COVERED_DB)))
        row["los_bands"] = los_bands(kinds[name], itwom, a, b, ours, blocked)
        row["wall"] = {t: wall.get((name, t), (float("nan"), 0)) for t in ("covgap", "itwom", "itm")}
        row["flips"] = flips
        row["batch"] = wall.get(("batch", "covgap"))
        rows.append(row)
    print_report(rows)


def print_report(rows):
    cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True,
                         text=True).stdout.strip()
    print("# covgap simulate --dem against SPLAT! (terrain benchmark)\n")
    print(f"Run {datetime.date.today()} on {platform.node()} ({cpu}, {os.cpu_count()} cores) by "
          "`benchmarks/terrain/run.sh`. One 30 m mast at 1800 MHz per site, a 1.5 m receiver, SRTM3 tile N21E105, "
          "every SPLAT! point within 15 km (SPLAT!'s own 3″ grid); covgap at 90 m cells, `--sigma-db 0 "
          "--range-km 15 --threads 2`. Path loss in dB, both clipped to 71–167 dB. Covered: loss ≤ 132 dB "
          "(−105 dBm from a 27 dBm reference signal). LOS and obstructed as SPLAT! (ITWOM) marks its points.\n")
    print("## Accuracy\n")
    print("| site | terrain | points | obstructed | SPLAT! ITM vs ITWOM: verdict flips, median/p90 |Δ| dB | "
          "covered: covgap / ITWOM / ITM | agreement with ITWOM / ITM | LOS median/p90 |Δ| vs ITWOM | "
          "obstructed median/p90 |Δ| vs ITWOM | LOS vs ITM | obstructed vs ITM |")
    print("|---|---|---:|---:|---|---|---|---|---|---|---|")
    for r in rows:
        w, m = r["itwom"], r["itm"]
        f = lambda s: f"{s[0]:.1f} / {s[1]:.1f}"
        print(f"| {r['name']} | {r['kind']} | {r['points']} | {100 * r['blocked']:.0f}% | "
              f"{100 * r['flips']:.0f}%, {f(r['spread'])} | "
              f"{100 * r['cov_ours']:.0f}% / {100 * w['cov_ref']:.0f}% / {100 * m['cov_ref']:.0f}% | "
              f"{100 * w['agree']:.0f}% / {100 * m['agree']:.0f}% | {f(w['los'])} | {f(w['obs'])} | "
              f"{f(m['los'])} | {f(m['obs'])} |")
    print_targets(rows)
    print("\n## Within the reference's own spread\n")
    print("Where SPLAT!'s two models disagree, neither is the truth. Per point: covgap within [min, max] of ITM and "
          "ITWOM widened by 6 dB, the median dB by which it falls outside that band, and covgap's covered verdict "
          "equal to that of at least one of the two.\n")
    print("| site | ITM/ITWOM verdict flips | ITM vs ITWOM on LOS points, median/p90 dB | covgap within the band "
          "±6 dB | median dB outside the band | verdict as ITM or ITWOM |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        los = r["spread_los"]
        print(f"| {r['name']} | {100 * r['flips']:.0f}% | {los[0]:.1f} / {los[1]:.1f} | {100 * r['within']:.0f}% | "
              f"{r['outside_median']:.1f} | {100 * r['verdict_either']:.0f}% |")
    print_los_bands(rows)
    print("\n## Speed (wall seconds per site, the median of three runs; peak MiB)\n")
    print("| site | covgap simulate (2 threads, whole command) | SPLAT! ITWOM | SPLAT! ITM | ITWOM / covgap |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        c, w, m = r["wall"]["covgap"], r["wall"]["itwom"], r["wall"]["itm"]
        print(f"| {r['name']} | {c[0]:.2f} s, {c[1]} MiB | {w[0]:.2f} s, {w[1]} MiB | {m[0]:.2f} s, {m[1]} MiB | "
              f"{w[0] / c[0]:.1f}× |")
    batch = rows[0]["batch"]
    if batch is not None:
        n = len(rows)
        itwom = sum(r["wall"]["itwom"][0] for r in rows)
        itm = sum(r["wall"]["itm"][0] for r in rows)
        print(f"| all {n} sites in one command | {batch[0]:.2f} s ({batch[0] / n:.2f} s a site), {batch[1]} MiB | "
              f"{itwom:.2f} s ({itwom / n:.2f} s a site) | {itm:.2f} s ({itm / n:.2f} s a site) | "
              f"{itwom / batch[0]:.1f}× |")
    print("\nThe whole command includes GDAL's start-up, reading and warping the DEM around the area and writing the "
          "compressed raster; SPLAT! reads its own pre-converted SDF tiles. The last row runs every site in one "
          "`covgap simulate` over the union of their areas, against SPLAT! run once per site.")


def print_los_bands(rows):
    """Where ITWOM departs from ITM on line-of-sight points, by distance."""
    print("\n## Where SPLAT!'s two models part on line-of-sight points\n")
    print("ITWOM 3.0 takes line-of-sight loss as the sum of the direct and the ground-reflected ray (its `alos2`), "
          "while ITM weights that two-ray term toward its diffraction line as the terrain gets rougher (its `alos`). "
          "Beyond the two-ray breakpoint (4·h_t·h_r/λ, about 1 km for a 30 m mast over flat ground at 1800 MHz, "
          "farther for a mast high above the land around it) the reflected ray cancels more of the direct one, so "
          "ITWOM's loss grows past ITM's with distance. covgap follows ITM's point-to-point method (free space plus "
          "P.526 delta-Bullington diffraction, sub-path included); it models no ground reflection. Signed median dB "
          "on SPLAT!'s line-of-sight points, positive where more loss than ITM:\n")
    heads = " | ".join(f"{lo}–{hi} km: n, ITWOM−ITM, covgap−ITM" for lo, hi in BANDS_KM)
    print(f"| site | {heads} |")
    print("|---|" + "---|" * len(BANDS_KM))
    for r in rows:
        cells = " | ".join(f"{n}, {w:+.1f}, {c:+.1f}" if n else "0, –, –" for n, w, c in r["los_bands"])
        print(f"| {r['name']} | {cells} |")


def print_targets(rows):
    """The issue's targets, each judged from this run's figures."""
    print("\n## Against the targets\n")
    print("At hill and mountain sites where SPLAT!'s two models agree (verdict flips ≤ 15%), against each of them: "
          "covered/not agreement ≥ 80%, median |Δ| ≤ 6 dB on line-of-sight points and ≤ 12 dB behind obstacles; "
          "and ≥ 10× faster per site than SPLAT! ITWOM.\n")
    print("| site | reference | agreement ≥ 80% | LOS median ≤ 6 dB | obstructed median ≤ 12 dB |")
    print("|---|---|---|---|---|")
    mark = lambda ok, v, unit: f"{'✓' if ok else '✗'} {v:.{0 if unit == '%' else 1}f}{unit}"
    for r in rows:
        if not r["kind"].startswith(("mountain", "hill")) or r["flips"] > 0.15:
            continue
        for label in ("itwom", "itm"):
            m = r[label]
            print(f"| {r['name']} | {label.upper()} | {mark(m['agree'] >= 0.8, 100 * m['agree'], '%')} | "
                  f"{mark(m['los'][0] <= 6, m['los'][0], ' dB')} | {mark(m['obs'][0] <= 12, m['obs'][0], ' dB')} |")
    batch = rows[0]["batch"]
    if batch is not None:
        itwom = sum(r["wall"]["itwom"][0] for r in rows)
        ratio = itwom / batch[0]
        print(f"\nSpeed: {'✓' if ratio >= 10 else '✗'} {ratio:.1f}× per site with every site in one command; "
              f"{min(r['wall']['itwom'][0] / r['wall']['covgap'][0] for r in rows):.1f}–"
              f"{max(r['wall']['itwom'][0] / r['wall']['covgap'][0] for r in rows):.1f}× for one site per "
              "command, where covgap's fixed start-up (GDAL, PROJ, the DEM warp, about 0.1 s) is most of its time.")


if __name__ == "__main__":
    main()
