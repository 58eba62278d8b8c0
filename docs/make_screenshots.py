"""Take the README's screenshots of `coalition serve`, in headless Chromium, page by page.

    python docs/make_screenshots.py [docs/images]

Run from the top of a checkout, with Chromium, chromedriver and LibreOffice installed (as for
the browser tests); Pillow, which matplotlib brings, keeps the pictures small. It starts the
server on a free port with a private folder, walks the path a convener walks (the copy with
mistakes, then the sample), and writes docs/images/serve-*.png.
"""

from __future__ import annotations

import base64
import io
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the browser helper the tests use

from browser import chromium  # noqa: E402
from make_examples import with_mistakes  # noqa: E402
from PIL import Image  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from generator.demo.sample import sample_workbook  # noqa: E402
from generator.web.server import Server  # noqa: E402

WIDTH = 1100
#: The tallest a screenshot may be; longer pages are cut, at their top.
MAX_HEIGHT = 1500
DATE = "2026-05-04"


def shoot(driver, target: Path, height: int = MAX_HEIGHT) -> None:  # type: ignore[no-untyped-def]
    """The top of the page, the page's own height up to ``height`` pixels."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    full = metrics["cssContentSize"]["height"]
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": min(full, height), "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": clip},
    )
    # 256 colours are plenty for a page of text and keep the README's pictures a third the size.
    picture = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    picture.quantize(256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        target, optimize=True
    )
    print(f"Wrote {target}")


def press(driver, label: str) -> None:  # type: ignore[no-untyped-def]
    wait = WebDriverWait(driver, 300, poll_frequency=0.25)
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']").click()
    wait.until(expected_conditions.staleness_of(page))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def wait_for(driver, xpath: str) -> None:  # type: ignore[no-untyped-def]
    WebDriverWait(driver, 300, poll_frequency=0.25).until(
        expected_conditions.presence_of_element_located((By.XPATH, xpath))
    )


def main() -> int:
    images = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "images"
    with tempfile.TemporaryDirectory(prefix="coalition-screenshots-") as scratch:
        folder = Path(scratch)
        mistakes = with_mistakes(folder / "files" / "forest-city-with-mistakes.xlsx")
        server = Server()  # a private folder, as a convener starts it
        server.start()
        try:
            with chromium(folder / "chromium", width=WIDTH, height=900) as driver:
                driver.get(server.url)
                driver.find_element(By.ID, "community").send_keys("Forest City")
                shoot(driver, images / "serve-start.png")

                driver.find_element(By.LINK_TEXT, "2. Check").click()
                driver.find_element(By.ID, "workbooks").send_keys(str(mistakes))
                press(driver, "Check")
                shoot(driver, images / "serve-check.png", height=1700)

                driver.find_element(By.ID, "workbooks").send_keys(str(sample_workbook()))
                press(driver, "Check")
                driver.find_element(By.LINK_TEXT, "3. Briefing").click()
                driver.find_element(By.ID, "prepared_by").send_keys("Maria Delgado")
                press(driver, "Write the briefing")
                wait_for(driver, "//ol[@class='pages']")
                shoot(driver, images / "serve-briefing.png", height=1300)

                driver.find_element(By.LINK_TEXT, "4. Letters").click()
                driver.find_element(By.ID, "date").send_keys("05042026")  # mm/dd/yyyy field
                for box in ("pdf", "eml"):
                    driver.find_element(By.ID, box).click()
                shoot(driver, images / "serve-letters.png", height=2700)

                press(driver, "Preview the invitation to Harold Brooks")
                wait_for(driver, "//ol[@class='pages']")
                shoot(driver, images / "serve-letter-preview.png", height=1100)

                driver.find_element(By.PARTIAL_LINK_TEXT, "Back to the letters").click()
                press(driver, "Write the letters")
                wait_for(driver, "//a[normalize-space()='Download the letters (.zip)']")
                shoot(driver, images / "serve-letters-written.png", height=900)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
