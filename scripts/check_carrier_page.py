#!/usr/bin/env python3
"""Drives the carriers' page of `covgap serve` in headless Chromium (Debian's chromium + chromium-driver, PyPI
selenium), as a carrier's engineer would: log in with the carrier's token, read the list of orders, filter it, open
the first order, send a report the service must refuse (on air without a date), then report it in progress and then
disputed with a reason, and read the history and the filtered list back. Prints one JSON object; exits 1 on any
failure.

usage: check_carrier_page.py BASE_URL CARRIER_TOKEN [SCREENSHOT_PREFIX]
"""
import sys

from browser import chromium, page_hygiene, run
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait


def texts(driver, selector):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, selector)]


def send(driver, wait, expect):
    """Submits the report form and waits for the page that answers it (not the one still showing)."""
    old = driver.find_element(By.ID, "send")
    old.click()
    wait.until(ec.staleness_of(old))
    return wait.until(ec.presence_of_element_located((By.ID, expect))).text


def counts(driver):
    return {k: int(driver.find_element(By.ID, "count-" + k).text)
            for k in ["open", "in_progress", "on_air", "disputed", "overdue"]}


def main():
    base, token = sys.argv[1], sys.argv[2]
    shot = sys.argv[3] if len(sys.argv) > 3 else None
    driver = chromium()
    wait = WebDriverWait(driver, 60)
    out = {}
    try:
        driver.get(base + "/")
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.ID, "login").click()
        wait.until(ec.url_contains("/carrier"))
        out["list_title"] = driver.find_element(By.TAG_NAME, "h1").text
        out["total"] = int(driver.find_element(By.ID, "orders-total").text)
        out["counts_before"] = counts(driver)
        rows = driver.find_elements(By.CSS_SELECTOR, "#orders tbody tr")
        out["rows"] = len(rows)
        out["row_statuses"] = sorted({r.get_attribute("data-status") for r in rows})
        out["actions"] = sorted(set(texts(driver, "#orders tbody td:nth-child(4)")))
        out["downloads"] = [a.get_attribute("href").replace(base, "") for a in
                            driver.find_elements(By.CSS_SELECTOR, "a[href$='.geojson']")]
        if shot:
            driver.save_screenshot(shot + "-list.png")

        technology = Select(driver.find_element(By.ID, "filter-technology"))
        out["technology_choices"] = [o.get_attribute("value") for o in technology.options]
        out["filtered_technology"] = out["technology_choices"][-1]
        technology.select_by_value(out["filtered_technology"])
        driver.find_element(By.ID, "apply").click()
        wait.until(ec.url_contains("technology="))
        out["rows_filtered"] = len(driver.find_elements(By.CSS_SELECTOR, "#orders tbody tr"))
        out["technologies_filtered"] = sorted(set(texts(driver, "#orders tbody td:nth-child(3)")))

        driver.get(base + "/carrier")
        first = driver.find_element(By.CSS_SELECTOR, "#orders tbody tr a")
        out["order_id"] = first.text
        first.click()
        wait.until(ec.presence_of_element_located((By.ID, "report")))
        out["order_title"] = driver.find_element(By.TAG_NAME, "h1").text
        out["order_fields"] = {tr.get_attribute("data-field"): tr.find_element(By.TAG_NAME, "td").text
                               for tr in driver.find_elements(By.CSS_SELECTOR, "#order tr")}
        out["status_before"] = driver.find_element(By.ID, "status").text

        driver.find_element(By.ID, "status-on_air").click()
        out["refused"] = send(driver, wait, "error")
        # The refusal answers 400, which Chromium logs as a failed load; anything else in the log is a fault.
        out["console"] = [e["message"] for e in driver.get_log("browser") if "status of 400" not in e["message"]]

        driver.find_element(By.ID, "status-in_progress").click()
        out["recorded_1"] = send(driver, wait, "recorded")

        driver.find_element(By.ID, "status-disputed").click()
        reason = "Đường vào trạm bị sạt lở, chưa thi công được"
        driver.find_element(By.ID, "reason").send_keys(reason)
        out["recorded_2"] = send(driver, wait, "recorded")
        out["status_after"] = driver.find_element(By.ID, "status").text
        out["history"] = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")][1:]
                          for tr in driver.find_elements(By.CSS_SELECTOR, "#history tbody tr")]
        if shot:
            driver.save_screenshot(shot + "-order.png")

        driver.get(base + "/carrier?status=disputed")
        out["disputed_rows"] = texts(driver, "#orders tbody td:first-child")
        out["counts_after"] = counts(driver)
        out.update(page_hygiene(driver, base))
        out["console"] += [e["message"] for e in driver.get_log("browser")]
    finally:
        driver.quit()
    return out


if __name__ == "__main__":
    run(main)
