"""The staff web page in a real browser: Selenium drives Debian's chromium through chromedriver.

Staff journey: open the editions, upload a new list, see the 对照表, download the reports.
Skipped, saying why, where chromium or chromedriver is not installed (CI installs both).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

pytest.importorskip("selenium")
pytest.importorskip("uvicorn")

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

import dutyledger
from dutyledger._serve.app import create_app

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "editions" / "2025-01.json"
NEW = ROOT / "examples" / "2026-01-illustrative.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None,
        reason="chromium and chromedriver are not installed (CI installs chromium-driver)",
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    folder = tmp_path / "editions"
    folder.mkdir()
    shutil.copy(OLD, folder)
    return folder


@pytest.fixture
def server(ledger: Path) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(ledger), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline:
            pytest.fail("the page did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _wait_for_file(folder: Path, suffix: str) -> Path:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.1)
    pytest.fail(f"no {suffix} file was downloaded within 30 s")


def test_staff_upload_a_new_list_and_download_the_reports(
    server: str, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    """Upload the 2026-01 list as xlsx, see its rows, annotate one, download Word and Excel."""
    # The illustrative edition's moved items keep the pages they had, which the published
    # layout cannot show (export refuses pages that skip): the workbook is made without pages.
    edition = dutyledger.load_edition(NEW)
    unpaged = attrs.evolve(
        edition,
        basic=tuple(attrs.evolve(i, page=None) for i in edition.basic),
        cooperative=tuple(attrs.evolve(i, page=None) for i in edition.cooperative),
        recalled=tuple(attrs.evolve(i, page=None) for i in edition.recalled),
    )
    new_list = tmp_path / "乡镇职责任务清单.xlsx"
    new_list.write_bytes(dutyledger.export_xlsx(unpaged))

    browser.get(server + "/")
    assert "清单版本" in browser.page_source
    upload = browser.find_element(By.ID, "upload-form")
    upload.find_element(By.NAME, "file").send_keys(str(new_list))
    # The new list names a department 2025-01 does not know: its registry comes with it.
    upload.find_element(By.NAME, "meta").send_keys(str(NEW))
    Select(upload.find_element(By.NAME, "base")).select_by_value("2025-01")
    upload.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    WebDriverWait(browser, 60).until(expected_conditions.url_contains("/compare?"))
    assert "明减暗增" in browser.page_source
    counts = browser.find_element(By.ID, "counts").text
    assert "127" in counts
    assert "126" in counts

    frame = browser.find_element(By.CSS_SELECTOR, "iframe.report")
    browser.switch_to.frame(frame)
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.TAG_NAME, "table"))
    )
    old, new = dutyledger.load_edition(OLD), dutyledger.load_edition(NEW)
    added = next(c for c in dutyledger.diff(old, new) if isinstance(c, dutyledger.Added))
    assert added.new.name in browser.find_element(By.TAG_NAME, "body").text
    browser.switch_to.default_content()

    # Staff keep the list as a draft edition, then write a reason and a basis for a row.
    browser.find_element(By.CSS_SELECTOR, "#save-draft button[type=submit]").click()
    WebDriverWait(browser, 60).until(expected_conditions.url_contains("/editions/"))
    draft = browser.current_url.rsplit("/", 1)[-1]
    browser.get(f"{server}/compare?old=2025-01&new={draft}")
    reason = "按县委编办通知调整（测试）"
    basis = "乌编办发〔2025〕12号"
    form = browser.find_elements(By.CSS_SELECTOR, "form.note-form")[0]
    key = form.find_element(By.NAME, "key").get_attribute("value")
    form.find_element(By.NAME, "reason").send_keys(reason)
    form.find_element(By.NAME, "basis").send_keys(basis)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 60).until(expected_conditions.url_contains("#row-"))
    browser.refresh()
    kept = browser.find_element(By.CSS_SELECTOR, f"input[name=key][value='{key}']")
    row_form = kept.find_element(By.XPATH, "./ancestor::form")
    assert reason == row_form.find_element(By.NAME, "reason").get_attribute("value")
    assert basis == row_form.find_element(By.NAME, "basis").get_attribute("value")

    downloads = tmp_path / "downloads"
    for fmt in ("docx", "xlsx"):
        browser.find_element(By.CSS_SELECTOR, f"a[href^='/compare/download/{fmt}']").click()
        _wait_for_file(downloads, f".{fmt}")
    from docx import Document
    from openpyxl import load_workbook

    document = Document(str(_wait_for_file(downloads, ".docx")))
    body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert added.new.name in body
    assert reason in body
    workbook = load_workbook(_wait_for_file(downloads, ".xlsx"))
    cells = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert any(added.new.name in c for c in cells)
    assert reason in cells


def test_edition_page_filters_as_staff_type(server: str, browser: webdriver.Chrome) -> None:
    """The search box hides the rows that do not match, without a reload."""
    browser.get(server + "/editions/2025-01")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.items tbody tr")
    assert 280 == len(rows)
    box = browser.find_element(By.CSS_SELECTOR, "#filters input[type=search]")
    box.send_keys("人社局")
    visible = [r for r in rows if r.is_displayed()]
    assert 0 < len(visible) < 280
    assert all("人社局" in r.text or "人力资源" in r.text for r in visible)
