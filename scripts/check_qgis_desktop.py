#!/usr/bin/python3
"""Opens a covgap run's project in the QGIS desktop application, as a double-click would (Debian's `qgis` under a
virtual X display, xvfb-run), after moving the run folder elsewhere: `qgis --project coverage.qgs --snapshot` draws
the map as the window shows it when the project opens and exits, bounded by a timeout. Snapshot mode does not stop
at the "handle unavailable layers" dialog (a layer deleted from the run still gives a snapshot), so layer validity is
check_qgis_project.py's to check, not this script's. Reports whether the snapshot was written, how long it took,
and how many of its pixels show each coverage class's colour (the classes raster at its 85% opacity over white, where
no vector layer lies on top) and the dead zones' fill over it. Prints one JSON object.

usage: check_qgis_desktop.py RUN_FOLDER WORK_FOLDER
"""
import json
import os
import shutil
import subprocess
import sys
import time

from qgis.PyQt.QtGui import QImage

run, work = sys.argv[1], sys.argv[2]
moved = os.path.join(work, "desktop_run")
shutil.rmtree(moved, ignore_errors=True)
shutil.copytree(run, moved)
home = os.path.join(work, "desktop_home")  # a new user's profile: no plugins, no settings
os.makedirs(home, exist_ok=True)
snapshot = os.path.join(work, "qgis_desktop.png")
env = dict(os.environ, HOME=home, XDG_RUNTIME_DIR=home)
env.pop("QT_QPA_PLATFORM", None)
start = time.monotonic()
try:
    # QGIS exits with 1 after writing a snapshot; the file is the evidence.
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "qgis", "--noversioncheck", "--nologo", "--noplugins",
         "--project", os.path.join(moved, "coverage.qgs"), "--snapshot", snapshot, "--width", "1000",
         "--height", "1000"], env=env, capture_output=True, text=True, timeout=240)
    log = done.stdout + done.stderr
    timed_out = False
except subprocess.TimeoutExpired as e:
    log, timed_out = str(e.stdout or "") + str(e.stderr or ""), True
result = {"seconds": round(time.monotonic() - start, 1), "timed_out": timed_out,
          "snapshot": os.path.exists(snapshot), "log_errors": [l for l in log.splitlines() if "rror" in l][:10]}
if result["snapshot"]:
    image = QImage(snapshot)
    classes = {"all": (46, 139, 87), "some": (240, 180, 41), "none": (200, 30, 45)}
    drawn = {k: tuple(round(0.85 * c + 0.15 * 255) for c in v) for k, v in classes.items()}
    # The 4G dead zones' fill (200, 30, 45 at alpha 190) over the "none" class they lie on.
    a = 190 / 255
    drawn["dead_zone"] = tuple(round(a * z + (1 - a) * n) for z, n in zip((200, 30, 45), drawn["none"]))
    counts = {k: 0 for k in drawn}
    blank = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            rgb = (c.red(), c.green(), c.blue())
            if rgb == (255, 255, 255):
                blank += 1
                continue
            for k, (r, g, b) in drawn.items():
                if abs(rgb[0] - r) <= 2 and abs(rgb[1] - g) <= 2 and abs(rgb[2] - b) <= 2:
                    counts[k] += 1
    result["size"] = [image.width(), image.height()]
    result["class_pixels"] = counts
    result["blank_share"] = round(blank / ((image.width() // 2) * (image.height() // 2)), 3)
print(json.dumps(result, ensure_ascii=False))
