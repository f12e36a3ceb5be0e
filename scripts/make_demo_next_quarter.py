#!/usr/bin/env python3
"""The demo's next quarter (a what-if, SYNTHETIC): the first N proposed shared masts of a run's work orders are built.

Reads RUN/workorders/workorders.csv, takes the lead orders for shared masts in priority order, and writes a site list
that is the demo's synthetic sites plus, for each built mast, one site of the lead carrier and one of each tenant at
the mast's position (a shared mast: 30 m, 3G and 4G, shareable). Standard library only.

Usage: python3 scripts/make_demo_next_quarter.py RUN SITES_IN SITES_OUT [N=10]
"""
import csv
import sys


def main():
    run, sites_in, sites_out = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    with open(f"{run}/workorders/workorders.csv", encoding="utf-8-sig", newline="") as f:
        orders = [r for r in csv.DictReader(f) if r["item_kind"] == "shared_mast" and r["action"] == "new_site"]
    orders.sort(key=lambda r: int(r["priority"]))
    with open(sites_in, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    added = 0
    for k, o in enumerate(orders[:n], start=1):
        for carrier in [o["carrier"]] + [t for t in o["tenants"].split(";") if t]:
            row = dict(site_id=f"NQ-{k:02d}-{carrier[:3].upper()}", carrier=carrier, lon=o["lon"], lat=o["lat"], height_m="30",
                       technologies="3G;4G", shareable="yes")
            rows.append([row.get(h, "") for h in header])
            added += 1
    with open(sites_out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"next quarter: {min(n, len(orders))} shared masts built ({added} sites added) -> {sites_out}", file=sys.stderr)


if __name__ == "__main__":
    main()
