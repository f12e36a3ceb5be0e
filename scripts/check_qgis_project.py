#!/usr/bin/python3
"""Opens a covgap run folder the way an analyst does, in real QGIS (python3-qgis, offscreen): copies the folder to a new
place (the project's paths must be relative), reads coverage.qgs, and reports every layer (valid, CRS, renderer, the
types and aliases of its fields), the project CRS, and a rendering of the layers ticked when the project opens, saved
as PNG, with how many pixels show each coverage class's colour as drawn (the raster's opacity over white); then adds
commune_stats.csv as a delimited-text layer and joins it to the communes by code. Prints one JSON object.

usage: check_qgis_project.py RUN_FOLDER WORK_FOLDER
"""
import json
import os
import shutil
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (  # noqa: E402
    QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsVectorLayer, QgsVectorLayerJoinInfo)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

run, work = sys.argv[1], sys.argv[2]
moved = os.path.join(work, "moved_run")
shutil.rmtree(moved, ignore_errors=True)
shutil.copytree(run, moved)

app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
result = {"read": project.read(os.path.join(moved, "coverage.qgs")), "title": project.title(),
          "crs": project.crs().userFriendlyIdentifier(), "layers": []}
visible = []
for node in project.layerTreeRoot().findLayers():
    layer = node.layer()
    entry = {"name": node.name(), "visible": node.isVisible(), "valid": bool(layer and layer.isValid())}
    if layer is not None:
        entry["crs"] = layer.crs().userFriendlyIdentifier()
        entry["source"] = layer.source()
        if layer.type() == layer.VectorLayer:
            entry["renderer"] = layer.renderer().type()
            entry["features"] = layer.featureCount()
            entry["fields"] = {f.name(): f.typeName() for f in layer.fields()}
            entry["aliases"] = {f.name(): layer.attributeDisplayName(i) for i, f in enumerate(layer.fields())}
        else:
            entry["renderer"] = layer.renderer().type()
            entry["classes"] = [c.label for c in layer.renderer().classes()]
        if node.isVisible():
            visible.append(layer)
    result["layers"].append(entry)

def render(layers, extent, path):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(900, 900))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(path)
    return image


extent = project.mapLayer("covgap_communes").extent()
result["png"] = os.path.join(work, "coverage_qgis.png")
render(visible, extent, result["png"])

# The ticked coverage classes alone, so each class's colour is what the raster's style draws: 85% over white.
rasters = [l for l in visible if l.type() == l.RasterLayer]
image = render(rasters, extent, os.path.join(work, "coverage_classes_qgis.png"))
classes = {"all": (46, 139, 87), "some": (240, 180, 41), "none": (200, 30, 45), "unknown": (150, 150, 150)}
drawn = {k: tuple(round(0.85 * c + 0.15 * 255) for c in v) for k, v in classes.items()}
counts = {k: 0 for k in classes}
counts["other"] = 0
for y in range(image.height()):
    for x in range(image.width()):
        c = image.pixelColor(x, y)
        if (c.red(), c.green(), c.blue()) == (255, 255, 255):
            continue
        match = [k for k, (r, g, b) in drawn.items()
                 if abs(c.red() - r) <= 2 and abs(c.green() - g) <= 2 and abs(c.blue() - b) <= 2]
        counts[match[0] if match else "other"] += 1
result["class_pixels"] = counts

# commune_stats.csv as QGIS's "Add delimited text layer" reads it (types detected, the .csvt honoured), joined to the
# communes by commune_code, as an analyst would.
stats = QgsVectorLayer("file://" + os.path.join(moved, "commune_stats.csv") + "?delimiter=,&detectTypes=yes",
                       "stats", "delimitedtext")
project.addMapLayer(stats, False)
communes = project.mapLayer("covgap_communes")
join = QgsVectorLayerJoinInfo()
join.setJoinLayer(stats)
join.setJoinFieldName("commune_code")
join.setTargetFieldName("commune_code")
join.setJoinFieldNamesSubset(["population"])
join.setPrefix("stats_")
communes.addJoin(join)
result["csv"] = {"valid": stats.isValid(), "commune_code": stats.fields().field("commune_code").typeName(),
                 "area_km2": stats.fields().field("area_km2").typeName(),
                 "joined": sum(1 for f in communes.getFeatures() if f["stats_population"] is not None),
                 "communes": communes.featureCount()}
app.exitQgis()
print(json.dumps(result, ensure_ascii=False))
