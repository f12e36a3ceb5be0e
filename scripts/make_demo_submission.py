#!/usr/bin/env python3
"""Generate the SYNTHETIC demo province submission: geodata/review_submission_11_synthetic.csv.

A quarterly dead-zone list from Điện Biên (province 11) as a province would send it: UTF-8 with BOM and Windows line
endings (saved from Excel). Most rows name villages of the demo run (out/dien-bien/villages.csv, made by
scripts/demo.sh); several carry mistakes seen in real submissions, each on purpose:
  - lon and lat swapped;
  - a commune code from the pre-2025 numbering (03130 no longer exists);
  - a duplicate of an earlier row;
  - a village that lies in the neighbouring province (Lai Châu) but is listed under Điện Biên;
  - a row with no 'reported' value, and one with technology 'LTE';
  - places the model says are covered (by every carrier, or by some).
Run after scripts/demo.sh with Debian's python3: /usr/bin/python3 scripts/make_demo_submission.py
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")


def main() -> None:
    villages = list(csv.DictReader(open(os.path.join(ROOT, "out/dien-bien/villages.csv"), encoding="utf-8-sig")))
    villages = [v for v in villages if v["commune_code"] and v["located_commune_code"] == v["commune_code"]]
    white = [v for v in villages if v["class_4G"] == "white"]
    weak = [v for v in villages if v["class_4G"] == "weak"]
    all_cover = [v for v in villages if v["class_4G"] == "covered" and len(v["carriers_4G"].split(";")) == 3]
    some_cover = [v for v in villages if v["class_4G"] == "covered" and len(v["carriers_4G"].split(";")) == 1]
    white3g = [v for v in villages if v["class_3G"] == "white"]

    def row(v, tech, reported, note="", missing=""):
        return ["11", v["commune_code"], v["village_name"], tech, reported, missing, note, "2026-09-30", v["lon"], v["lat"]]

    rows = [row(v, "4G", "white", missing="viettel;vinaphone;mobifone") for v in white[0:12:2]]
    rows += [row(v, "4G", "weak") for v in weak[0:8:2]]
    rows += [row(v, "3G", "white") for v in white3g[0:2]]
    rows += [row(v, "4G", "white", note="dân phản ánh mất sóng") for v in all_cover[0:30:10]]
    rows += [row(v, "4G", "weak") for v in some_cover[0:30:10]]
    # The mistakes.
    swapped = row(white[20], "4G", "white", note="toạ độ nhập nhầm")
    swapped[8], swapped[9] = swapped[9], swapped[8]
    old_code = row(weak[12], "4G", "weak")
    old_code[1] = "03130"
    duplicate = list(rows[1])
    duplicate[6] = "gửi lại"
    neighbour = ["11", white[0]["commune_code"], "Bản Tả Páo", "4G", "white", "", "thuộc Lai Châu?", "2026-09-30", "103.4580", "22.3960"]
    no_report = row(white[22], "4G", "")
    lte = row(white[24], "LTE", "white")
    rows += [swapped, old_code, duplicate, neighbour, no_report, lte]
    out = os.path.join(ROOT, "geodata", "review_submission_11_synthetic.csv")
    with open(out, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["province_code", "commune_code", "village_name", "technology", "reported", "carriers_missing", "note",
                    "reported_on", "lon", "lat"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main()
