#!/usr/bin/env python3
"""Drives the provinces' page of `covgap serve` in headless Chromium (Debian's chromium + chromium-driver, PyPI
selenium): log in with a wrong token (refused), log in with the province's token, upload the demo submission, and read
the reconciliation table and the rejected rows back from the rendered page. Prints one JSON object; exits 1 on any
failure.

usage: check_serve_page.py BASE_URL PROVINCE_TOKEN SUBMISSION_FILE [SCREENSHOT.png]
"""
import sys

from browser import chromium, page_hygiene, run
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def main():
    base, token, submission = sys.argv[1], sys.argv[2], sys.argv[3]
    shot = sys.argv[4] if len(sys.argv) > 4 else None
    driver = chromium()
    out = {}
    try:
        driver.get(base + "/")
        out["lang"] = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        out["login_title"] = driver.find_element(By.TAG_NAME, "h1").text
        driver.find_element(By.ID, "token").send_keys("cg_000000000000_" + "0" * 64)
        driver.find_element(By.ID, "login").click()
        wait = WebDriverWait(driver, 60)
        out["wrong_token_error"] = wait.until(ec.presence_of_element_located((By.ID, "error"))).text

        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.ID, "login").click()
        wait.until(ec.url_contains("/province"))
        out["province_title"] = driver.find_element(By.TAG_NAME, "h1").text
        driver.find_element(By.ID, "file").send_keys(submission)
        driver.find_element(By.ID, "upload").click()
        wait.until(ec.url_contains("/province/reviews/"))

        out["review_url"] = driver.current_url
        out["review_title"] = driver.find_element(By.TAG_NAME, "h1").text
        out["rows_read"] = int(driver.find_element(By.ID, "rows-read").text)
        out["accepted"] = int(driver.find_element(By.ID, "accepted").text)
        out["rejected"] = int(driver.find_element(By.ID, "rejected").text)
        rec = driver.find_elements(By.CSS_SELECTOR, "#reconciled tbody tr")
        out["reconciled_rows"] = len(rec)
        cells = driver.find_elements(By.CSS_SELECTOR, "#reconciled td[data-verdict]")
        out["verdicts"] = sorted({td.get_attribute("data-verdict") for td in cells})
        rej = driver.find_elements(By.CSS_SELECTOR, "#rejected-rows tbody tr")
        out["rejected_rows"] = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")][:2] for tr in rej]
        out.update(page_hygiene(driver, base))
        if shot:
            driver.save_screenshot(shot)
        driver.get(base + "/province")
        out["listed"] = len(driver.find_elements(By.CSS_SELECTOR, "#submissions tbody tr"))
    finally:
        driver.quit()
    return out


if __name__ == "__main__":
    run(main)
