"""Real headless Chromium driven by Selenium: for the browser tests and the README's screenshots.

Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them); Selenium is pointed at
them rather than downloading a browser of its own.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

#: Where Debian puts them; PATH is looked at first.
CHROMIUM = ("chromium", "/usr/bin/chromium")
CHROMEDRIVER = ("chromedriver", "/usr/bin/chromedriver")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


def _find(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_paths() -> tuple[str, str] | None:
    """The Chromium and chromedriver programs, or None when either is missing."""
    browser, driver = _find(CHROMIUM), _find(CHROMEDRIVER)
    return (browser, driver) if browser and driver else None


@contextmanager
def chromium(
    folder: Path, *, width: int = 1200, height: int = 900, javascript: bool = True
) -> Iterator[WebDriver]:
    """A fresh headless Chromium (its own profile in ``folder``), saving downloads in
    ``folder/downloads`` without asking."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = chromium_paths()
    if paths is None:
        raise RuntimeError(
            "Chromium and chromedriver are needed: apt-get install chromium chromium-driver"
        )
    browser, driver_path = paths
    downloads = folder / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={folder / 'profile'}")
    options.add_argument(f"--window-size={width},{height}")
    prefs: dict[str, object] = {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
    }
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        yield driver
    finally:
        driver.quit()


def downloaded(folder: Path, name_ending: str, *, tries: int = 240) -> Path:
    """The file downloaded into ``folder/downloads`` whose name ends so, once it is complete.

    Waits by counting tries (a quarter second each), not by asserting on time.
    """
    downloads = folder / "downloads"
    for _ in range(tries):
        done = [
            p
            for p in downloads.iterdir()
            if p.name.endswith(name_ending) and not p.name.endswith(".crdownload")
        ]
        partial = list(downloads.glob("*.crdownload"))
        if done and not partial:
            return done[0]
        time.sleep(0.25)
    raise AssertionError(f"no download ending {name_ending!r} in {downloads}")
