"""Regenerate the README's pictures of the handouts: `python docs/handout_pictures.py`.

Writes docs/html-desktop.png and docs/html-phone.png (the HTML export of the bundled deck in
Debian's chromium, driven by Playwright) and docs/pdf-page.png (a page of the PDF export,
drawn by pdftoppm from poppler-utils).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from briefing.cli import bundled_deck
from briefing.export.html import export_html
from briefing.export.pdf import export_pdf
from briefing.load import load

HERE = Path(__file__).resolve().parent
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# (file, window size, colour scheme, slide, keys pressed there)
SHOTS = [
    ("html-desktop.png", (1280, 800), "dark", 8, []),
    ("html-phone.png", (390, 844), "light", 4, ["ArrowRight"]),
]
PDF_PAGE = 4


def main() -> None:
    deck = load(bundled_deck())
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch, "deck.html")
        page.write_text(export_html(deck), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, (width, height), scheme, slide, keys in SHOTS:
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                tab = context.new_page()
                tab.goto(f"{page.as_uri()}#{slide}")
                tab.wait_for_function("window.briefing !== undefined")
                for key in keys:
                    tab.keyboard.press(key)
                tab.screenshot(path=str(HERE / name))
                context.close()
            browser.close()
        pdf = Path(scratch, "deck.pdf")
        pdf.write_bytes(export_pdf(deck, notes=True))
        stem = Path(scratch, "page")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(PDF_PAGE), "-l", str(PDF_PAGE), "-singlefile", pdf, stem],
            check=True,
        )
        (HERE / "pdf-page.png").write_bytes(stem.with_suffix(".png").read_bytes())


if __name__ == "__main__":
    main()
