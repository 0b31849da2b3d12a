"""Uploading your own figures in real Chromium: marked, removable, and bad files explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "uploads"


def test_upload_marks_your_data_and_can_be_removed(app_url: str, watched_page, tmp_path: Path) -> None:
    page = watched_page.page
    page.goto(app_url + "?edition=recent&basis=reported")  # the upload's 'Helsinki Region' is not defined
    parks = page.locator("#kpi-science_parks")
    expect(parks.locator(".kpi-value")).to_have_text("No data")
    page.set_input_files("#upload input[type=file]", str(CORPUS / "good" / "utf8_bom_comma.csv"))
    expect(page.locator("#upload-status")).to_contain_text("utf8_bom_comma.csv added: kept on this server")
    expect(page.locator("#upload-status")).to_contain_text("UTF-8 with BOM")
    expect(parks.locator(".kpi-value")).to_have_text("6")
    expect(parks).to_contain_text("Your data")
    page.goto(app_url + "?edition=recent&indicator=universities&basis=reported")  # the upload stays
    expect(page.locator("#ranking-meta")).to_contain_text("Includes your data")
    expect(page.locator("#kpi-science_parks .kpi-value")).to_have_text("6")
    page.click("#upload-remove")
    expect(page.locator("#kpi-science_parks .kpi-value")).to_have_text("No data")
    expect(page.locator("#ranking-meta")).not_to_contain_text("Includes your data")
    assert watched_page.console_errors == [] and watched_page.foreign_requests() == []


def test_a_bad_file_lists_every_problem_and_loses_nothing(app_url: str, watched_page) -> None:
    page = watched_page.page
    page.goto(app_url + "?edition=recent&basis=reported")
    page.set_input_files("#upload input[type=file]", str(CORPUS / "good" / "utf8_bom_comma.csv"))
    expect(page.locator("#kpi-science_parks .kpi-value")).to_have_text("6")
    page.set_input_files("#upload input[type=file]", str(CORPUS / "bad" / "mixture.csv"))
    problems = page.locator("#upload-status .upload-problems li")
    expect(problems).to_have_count(3)
    expect(problems.nth(0)).to_have_text("mixture.csv:2:value: 'lots' is not a number")
    expect(problems.nth(1)).to_contain_text("mixture.csv:3:region_id: unknown region 'atlantis'")
    expect(page.locator("#kpi-science_parks .kpi-value")).to_have_text("6")  # the earlier upload is kept
    page.set_input_files("#upload input[type=file]", str(CORPUS / "bad" / "script_in_cell.csv"))
    expect(page.locator("#upload-status")).to_contain_text("'<script>alert(1)</script>' is not an id")
    assert watched_page.console_errors == []


def test_an_oversized_file_is_refused_in_the_browser(app_url: str, watched_page, tmp_path: Path) -> None:
    page = watched_page.page
    page.goto(app_url)
    big = tmp_path / "big.csv"
    big.write_bytes(b"region_id,value\n" + b"helsinki,1\n" * 1_000_000)  # 11 MB
    posts: list[int] = []
    page.on("request", lambda r: r.method == "POST" and posts.append(len(r.post_data or "")))
    page.set_input_files("#upload input[type=file]", str(big))
    expect(page.locator("#upload-refused")).to_contain_text("larger than 10 MB")
    assert all(size < 1_000_000 for size in posts)  # the file itself was never sent
