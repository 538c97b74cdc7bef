"""The HTML explain report: complete, escaped, self-contained."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import cleannews
from cleannews.report import render_report

SEED = Path(__file__).parent / "fixtures" / "seeds" / "000_24cb86a4bbb49941.txt"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    return parser


def test_report_shows_every_line_with_its_fate():
    ex = cleannews.explain(SEED.read_text("utf-8"))
    html = render_report(ex, source="000.txt")
    parsed = _parse(html)
    text = "".join(parsed.text)
    for fate in ex.lines:
        if fate.fate != "blank":
            assert fate.text in text
    titles = [v for k, v in parsed.attrs if k == "title"]
    assert "boilerplate: relative-timestamp" in titles
    assert "metadata: byline \u2192 authors" in titles
    assert html.count('class="line removed"') == sum(1 for f in ex.lines if f.fate == "removed")
    assert 'class="story"' in html  # the second story is shown as such


def test_report_escapes_page_text_and_loads_nothing():
    page = 'Headline <script>alert("x")</script>\n\n<img src=x onerror=alert(1)> said the man.'
    html = render_report(cleannews.explain(page, kind="text"))
    parsed = _parse(html)
    assert "script" not in parsed.tags
    assert "img" not in parsed.tags
    assert "&lt;script&gt;" in html
    assert "src=" not in html.replace("&lt;img src=x", "")
    assert "http" not in html


def test_report_renders_in_headless_chromium(tmp_path):
    """The report opens in a real browser and paints (skipped where no Chromium is installed)."""
    import shutil
    import subprocess

    import pytest

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("no Chromium on this machine")
    report = tmp_path / "report.html"
    report.write_text(render_report(cleannews.explain(SEED.read_text("utf-8"))), "utf-8")
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,900", f"--screenshot={shot}", report.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a painted page, not a blank one
