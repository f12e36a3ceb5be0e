"""What the browser checks share: headless Chromium (Debian's chromium + chromium-driver) driven by PyPI selenium, what
a served page must not hold, and how a check reports a failure."""
import json
import sys
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def chromium(width=1400, height=1800):
    """A headless Chromium whose console log (every level) can be read back."""
    opts = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              f"--window-size={width},{height}"]:
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def page_hygiene(driver, base):
    """Whether the page now shown holds a script, and which external URLs it names (the service's own excepted)."""
    html = driver.page_source
    return {"has_script": "<script" in html.lower(),
            "external_refs": [u for u in ("http://", "https://") if u in html.replace(base, "")]}


def run(main):
    """Runs a check: its JSON on stdout; on any failure the traceback on stderr, {"error": …} and exit 1."""
    try:
        print(json.dumps(main(), ensure_ascii=False))
    except Exception as e:  # noqa: BLE001 - report any failure as a failed check
        traceback.print_exc()
        print(json.dumps({"error": repr(e)}))
        sys.exit(1)
