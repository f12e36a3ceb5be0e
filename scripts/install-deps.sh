#!/usr/bin/env bash
# Installs what covgap needs on Debian when it is missing: GDAL and PROJ (headers, libraries, command-line tools),
# Leaflet (libjs-leaflet, inlined into the report).
# With --test also what the tests use: GDAL's Python tools, exactextract and rasterio (independent cross-checks) and
# Chromium with its driver and selenium (the browser tests), sqlite3, openapi-spec-validator, openpyxl (the workbook's
# layout read independently), and QGIS's Python
# bindings and the QGIS application under xvfb (the run's QGIS project opened offscreen and on a virtual desktop) and
# LibreOffice Calc (the workbook read back).
set -euo pipefail

need_apt=()
pkg-config --exists gdal 2>/dev/null || need_apt+=(libgdal-dev)
pkg-config --exists proj 2>/dev/null || need_apt+=(libproj-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v gdalinfo >/dev/null || need_apt+=(gdal-bin)
[ -f /usr/share/javascript/leaflet/leaflet.js ] || need_apt+=(libjs-leaflet)   # the report's zoomable map, inlined
pkg-config --exists sqlite3 2>/dev/null || need_apt+=(libsqlite3-dev)   # GRDB, for covgap serve's store
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/gdal_polygonize.py ] || need_apt+=(python3-gdal)
  # scripts/check_geometries.py (GEOS validity)
  /usr/bin/python3 -c "import shapely" 2>/dev/null || need_apt+=(python3-shapely)
  command -v chromium >/dev/null || need_apt+=(chromium)   # the report's and the intake page's browser tests
  command -v chromedriver >/dev/null || need_apt+=(chromium-driver)   # drives the intake page (selenium)
  command -v sqlite3 >/dev/null || need_apt+=(sqlite3)     # integrity check after the kill -9 test
  command -v curl >/dev/null || need_apt+=(curl)           # chunked over-limit upload
  /usr/bin/python3 -c "import qgis.core" 2>/dev/null || need_apt+=(python3-qgis)   # the run's project in real QGIS
  command -v qgis >/dev/null || need_apt+=(qgis)           # the project in the QGIS desktop application
  command -v xvfb-run >/dev/null || need_apt+=(xvfb xauth) # its virtual display
  command -v soffice >/dev/null || need_apt+=(libreoffice-calc-nogui)   # the workbook read by LibreOffice Calc
  command -v pdftotext >/dev/null || need_apt+=(poppler-utils)   # the printed report's pages read back
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ]; then
  python3 -c "import exactextract, rasterio, geojson, selenium, openapi_spec_validator, openpyxl" 2>/dev/null \
    || python3 -m pip install -q exactextract rasterio geojson selenium openapi-spec-validator openpyxl
fi
