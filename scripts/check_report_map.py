#!/usr/bin/env python3
"""Opens a run's report.html in headless Chromium (Debian's chromium + chromium-driver, PyPI selenium) as a reader
would: the browser's console log (errors, failed loads), the resources it fetched, the shapes the zoomable map draws
per layer (before and after every layer is switched on in the legend), the legend's entries, and the popup a click
on the largest dead zone opens, and on a zoom-in. Prints one JSON object.

usage: check_report_map.py REPORT_HTML [SCREENSHOT.png]
"""
import sys

from browser import chromium, run
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def drawn(driver):
    """Shapes on the map per layer class (cg-communes, cg-4G, cg-white, ...)."""
    counts = {}
    for e in driver.find_elements(By.CSS_SELECTOR, "#zoommap path.leaflet-interactive"):
        for c in (e.get_attribute("class") or "").split():
            if c.startswith("cg-"):
                counts[c[3:]] = counts.get(c[3:], 0) + 1
    return counts


def main():
    report = sys.argv[1]
    shot = sys.argv[2] if len(sys.argv) > 2 else None
    driver = chromium(1200, 1400)
    out = {}
    try:
        driver.get("file://" + report)
        wait = WebDriverWait(driver, 60)
        container = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#zoommap.leaflet-container")))
        driver.execute_script("arguments[0].scrollIntoView();", container)
        out["paths"] = len(driver.find_elements(By.CSS_SELECTOR, "#zoommap path.leaflet-interactive"))
        out["drawn"] = drawn(driver)
        legend = driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-overlays label")
        out["legend"] = [e.text for e in legend]
        if shot:
            container.screenshot(shot)
        # The focus technology's zones switched off in the legend; then the largest dead zone (the first row of the
        # zones table): its id links to the map, which shows the layer again, zooms to the zone and opens its popup.
        boxes = driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-overlays input")
        boxes[0].click()
        out["drawn_focus_off"] = drawn(driver)
        link = driver.find_element(By.CSS_SELECTOR, "#zones tbody tr a[data-zone]")
        out["zone"] = link.text
        out["row"] = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#zones tbody tr:first-child td")]
        link.click()
        popup = wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".leaflet-popup-content")))
        out["popup"] = popup.get_attribute("innerText")
        out["drawn_after_link"] = drawn(driver)
        driver.find_element(By.CSS_SELECTOR, ".leaflet-control-zoom-in").click()
        out["zoom_in"] = True
        # Every layer switched on; then a click on a white village and on a mast opens its figures.
        for box in driver.find_elements(By.CSS_SELECTOR, ".leaflet-control-layers-overlays input"):
            if not box.is_selected():
                box.click()
        out["drawn_all"] = drawn(driver)
        for key in ["white", "masts"]:
            driver.execute_script("document.querySelectorAll('.leaflet-popup').forEach(function (p) { p.remove(); });")
            shapes = driver.find_elements(By.CSS_SELECTOR, "#zoommap path.cg-" + key)
            if shapes:
                click = "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                driver.execute_script(click, shapes[0])
                # innerText: a popup at the map's edge may be partly outside the view while Leaflet pans to it.
                out["popup_" + key] = wait.until(ec.visibility_of_element_located(
                    (By.CSS_SELECTOR, ".leaflet-popup-content"))).get_attribute("innerText")
        out["resources"] = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; });")
        out["console"] = [e["message"] for e in driver.get_log("browser")]
    finally:
        driver.quit()
    return out


if __name__ == "__main__":
    run(main)
