#!/usr/bin/env python3
"""Opens a run's report.html in headless Chromium (Debian's chromium + chromium-driver, PyPI selenium) as a reader
would: the browser's console log (errors, failed loads), the resources it fetched, the zoomable map's drawn polygons,
and the popup a click on the largest dead zone opens, and on a zoom-in. Prints one JSON object.

usage: check_report_map.py REPORT_HTML [SCREENSHOT.png]
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def main():
    report = sys.argv[1]
    shot = sys.argv[2] if len(sys.argv) > 2 else None
    opts = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1400"]:
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    out = {}
    try:
        driver.get("file://" + report)
        wait = WebDriverWait(driver, 60)
        container = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#zoommap.leaflet-container")))
        driver.execute_script("arguments[0].scrollIntoView();", container)
        out["paths"] = len(driver.find_elements(By.CSS_SELECTOR, "#zoommap path.leaflet-interactive"))
        # The largest dead zone: the first row of the zones table. Its id links to the map, which zooms to the zone
        # and opens its popup; then a click in the middle of the map, on the zone, opens it again.
        link = driver.find_element(By.CSS_SELECTOR, "#zones tbody tr a[data-zone]")
        out["zone"] = link.text
        out["row"] = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#zones tbody tr:first-child td")]
        link.click()
        popup = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup-content")))
        out["popup"] = popup.text
        zoom = driver.find_element(By.CSS_SELECTOR, ".leaflet-control-zoom-in")
        zoom.click()
        out["zoom_in"] = True
        if shot:
            container.screenshot(shot)
        out["resources"] = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
        out["console"] = [e["message"] for e in driver.get_log("browser")]
    finally:
        driver.quit()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
