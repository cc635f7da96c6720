"""Driving report pages in Debian's Chromium with Playwright's Python API (shared by the
browser tests; they skip when /usr/bin/chromium or playwright is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)")


def launch():
    """A module's browser: ``yield from launch()`` in a fixture."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


class Page:
    """A page that records console errors, uncaught exceptions and dialogs (an alert would be one)."""

    def __init__(self, browser, path: Path, width: int = 1400, wait: str = "#rows tr") -> None:
        self.context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 1000})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(wait)

    def rows(self) -> int:
        return self.page.locator("#rows > tr").count()

    def overflow(self) -> int:
        """How far the page is wider than the window (0: no horizontal scrolling)."""
        return self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
