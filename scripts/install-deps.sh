#!/usr/bin/env bash
# Installs what covgap needs on Debian when it is missing: GDAL and PROJ (headers, libraries, command-line tools).
# With --test also what the tests use: GDAL's Python tools, exactextract and rasterio (independent cross-checks) and
# Chromium (the report's browser test).
set -euo pipefail

need_apt=()
pkg-config --exists gdal 2>/dev/null || need_apt+=(libgdal-dev)
pkg-config --exists proj 2>/dev/null || need_apt+=(libproj-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v gdalinfo >/dev/null || need_apt+=(gdal-bin)
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/gdal_polygonize.py ] || need_apt+=(python3-gdal)
  command -v chromium >/dev/null || need_apt+=(chromium)   # the report's browser test
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ "${1:-}" = "--test" ]; then
  python3 -c "import exactextract, rasterio, geojson" 2>/dev/null || python3 -m pip install -q exactextract rasterio geojson
fi
