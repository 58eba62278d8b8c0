"""A convener's whole path in real headless Chromium, against the real server (waitress).

From nothing to a .zip of letters without a terminal: a new workbook, a copy with mistakes
checked and its annotated copy, two copies merged, the sample checked, the briefing previewed
and downloaded, a letter previewed, the batch written and its .zip downloaded. What the page
shows is compared with the downloaded files and with the README's hand-listed findings.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium, downloaded
from openpyxl import load_workbook
from test_web_check import MISTAKES, with_mistakes
from test_web_documents import pages_of

from generator.demo.sample import sample_workbook
from generator.merging.merge import merge_workbooks
from generator.web.server import Server

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]

#: Seconds a page may take to show what is awaited (LibreOffice converts in the meantime). A
#: bound against hanging, not a measure of speed.
PATIENCE = 240


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "served")
    running.start()
    yield running
    running.stop()


def click_button(driver, label: str, *, leaves: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Press a button; unless it only downloads, wait until the next page has replaced this one
    (so that nothing is read from the page being left)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    wait = WebDriverWait(driver, PATIENCE, poll_frequency=0.25)
    page = driver.find_element(By.TAG_NAME, "html")
    button = (By.XPATH, f"//button[normalize-space()='{label}']")
    wait.until(expected_conditions.element_to_be_clickable(button)).click()
    if leaves:
        wait.until(expected_conditions.staleness_of(page))
        wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def wait_for(driver, xpath: str):  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    return WebDriverWait(driver, PATIENCE, poll_frequency=0.25).until(
        expected_conditions.presence_of_element_located((By.XPATH, xpath))
    )


def findings_shown(driver) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    found = []
    for heading in driver.find_elements(By.XPATH, "//section[@aria-labelledby='findings']//h3"):
        sheet = heading.text.rsplit(" ", 2)[0]  # "Part 2 Existing 4 findings"
        table = heading.find_element(By.XPATH, "following-sibling::table[1]")
        for row in table.find_elements(By.XPATH, ".//tbody/tr"):
            cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            found.append((cells[0].lower(), sheet, cells[1]))
    return found


def pictures_drawn(driver) -> list[int]:  # type: ignore[no-untyped-def]
    """The width each page picture was drawn at by the browser (0 for a broken picture)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('ol.pages img'))"
        ".map(img => img.complete ? img.naturalWidth : 0);"
    )


def test_a_convener_goes_from_nothing_to_a_zip_of_letters(server: Server, tmp_path: Path):
    from selenium.webdriver.common.by import By

    files = tmp_path / "my files"
    mistakes = with_mistakes(files)
    sample = files / "forest-city.xlsx"
    shutil.copyfile(sample_workbook(), sample)
    chrome = tmp_path / "chromium"

    with chromium(chrome) as driver:
        driver.get(server.url)
        assert driver.current_url == server.url.split("?")[0]  # the key left the address
        assert driver.find_element(By.TAG_NAME, "h1").text == "Plan your Mobility Coalition"

        # 1. A new workbook for the community.
        driver.find_element(By.ID, "community").send_keys("Forest City")
        click_button(driver, "Download the new workbook", leaves=False)
        workbook = load_workbook(downloaded(chrome, "coalition-workbook.xlsx"))
        assert workbook["_coalition"]["B2"].value == "Forest City"

        # 2. The copy with mistakes: its findings, part by part, and its annotated copy.
        driver.find_element(By.LINK_TEXT, "2. Check").click()
        driver.find_element(By.ID, "workbooks").send_keys(str(mistakes))
        click_button(driver, "Check")
        result = wait_for(driver, "//h2[@id='result']")
        assert result.text == "forest-city-with-mistakes.xlsx: 4 errors, 4 warnings"
        assert findings_shown(driver) == MISTAKES
        driver.find_element(By.PARTIAL_LINK_TEXT, "Download the annotated copy").click()
        annotated = load_workbook(downloaded(chrome, "-annotated.xlsx"))["Findings"]
        listed = [annotated.cell(r, 2).value for r in range(4, annotated.max_row + 1)]
        assert listed == [f"{sheet}!{cell}" for _, sheet, cell in MISTAKES]

        # Two copies at once: merged, with their conflicts listed.
        conflicts = merge_workbooks([sample, mistakes]).conflicts
        driver.find_element(By.ID, "workbooks").send_keys(f"{sample}\n{mistakes}")
        click_button(driver, "Check")
        assert wait_for(driver, "//h2[@id='result']").text.startswith("merged.xlsx: ")
        heading = driver.find_element(By.ID, "conflicts").text
        assert (
            heading
            == f"{len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''} between the copies"
        )
        driver.find_element(By.PARTIAL_LINK_TEXT, "Download the merged workbook").click()
        assert load_workbook(downloaded(chrome, "merged.xlsx")).sheetnames[0] == "Conflicts"

        # The sample, which has no errors, to brief and invite from.
        driver.find_element(By.ID, "workbooks").send_keys(str(sample))
        click_button(driver, "Check")
        assert (
            wait_for(driver, "//h2[@id='result']").text == "forest-city.xlsx: 0 errors, 2 warnings"
        )

        # 3. The briefing: a picture of every page, the .docx and the PDF.
        driver.find_element(By.LINK_TEXT, "3. Briefing").click()
        driver.find_element(By.ID, "prepared_by").send_keys("Maria Delgado")
        click_button(driver, "Write the briefing")
        wait_for(driver, "//ol[@class='pages']")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Download the briefing (PDF)").click()
        pdf = downloaded(chrome, "coalition-report.pdf")
        drawn = pictures_drawn(driver)
        assert len(drawn) == pages_of(pdf.read_bytes(), tmp_path) > 1
        assert all(width > 600 for width in drawn)
        driver.find_element(By.PARTIAL_LINK_TEXT, "Download the briefing (.docx)").click()
        assert zipfile.is_zipfile(downloaded(chrome, "coalition-report.docx"))

        # 4. The letters: who gets one, a preview, the batch, the .zip.
        driver.find_element(By.LINK_TEXT, "4. Letters").click()
        assert "10 letters to write, of 14 rows on the invite list." in driver.page_source
        click_button(driver, "Preview the invitation to Harold Brooks")  # "to ..." is unseen
        wait_for(driver, "//section[@class='letter-text']")
        assert pictures_drawn(driver)[0] > 600
        assert "Dear Mr. Brooks," in driver.find_element(By.CLASS_NAME, "letter-text").text
        driver.find_element(By.PARTIAL_LINK_TEXT, "Back to the letters").click()

        for box in ("pdf", "combined", "eml"):  # ticked, and written with the batch
            driver.find_element(By.ID, box).click()
        click_button(driver, "Write the letters")
        link = wait_for(driver, "//a[normalize-space()='Download the letters (.zip)']")
        summary = driver.find_element(By.XPATH, "//pre[@aria-label='What the batch did']").text
        assert summary.splitlines()[0] == "Wrote 10 letters to letters."
        link.click()
        package = zipfile.ZipFile(io.BytesIO(downloaded(chrome, "letters.zip").read_bytes()))

    names = package.namelist()
    documents = [n for n in names if n.endswith(".docx")]
    letters = [n for n in documents if not n.endswith("(for printing).docx")]
    assert len(letters) == 10
    assert "Forest City Chamber of Commerce - Harold Brooks.docx" in letters
    # One for everyone and one per sender (the sample has three).
    assert len(documents) - len(letters) == 1 + 3
    assert sorted(n for n in names if n.endswith(".pdf")) == sorted(
        n.replace(".docx", ".pdf") for n in documents
    )
    assert len([n for n in names if n.endswith(".eml")]) == 8
    assert {"All letters (for printing).docx", "manifest.csv"} <= set(names)


def test_without_script_the_batch_page_follows_itself_to_the_end(server: Server, tmp_path: Path):
    from selenium.webdriver.common.by import By

    chrome = tmp_path / "chromium"
    with chromium(chrome, javascript=False) as driver:
        driver.get(server.url)
        click_button(driver, "Try it with the Forest City sample")
        driver.find_element(By.LINK_TEXT, "4. Letters").click()
        driver.find_element(By.ID, "pdf").click()  # LibreOffice: long enough to see progress
        click_button(driver, "Write the letters")

        assert driver.find_elements(By.TAG_NAME, "progress")  # the batch is under way
        link = wait_for(driver, "//a[normalize-space()='Download the letters (.zip)']")
        link.click()
        package = zipfile.ZipFile(io.BytesIO(downloaded(chrome, "letters.zip").read_bytes()))

    assert len([n for n in package.namelist() if n.endswith(".pdf")]) == 10
