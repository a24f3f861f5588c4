"""The PDF handout, read back with pypdf: pages, bookmarks, text, notes, fonts, metadata."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest

from briefing.cli import main
from briefing.core.blocks import Paragraph, plain, walk
from briefing.core.loader import load_deck
from tests.conftest import BUNDLED, FIXTURES

pypdf = pytest.importorskip("pypdf", reason="pypdf is in the test extra: pip install -e '.[test]'")


def _weasyprint_or_skip():
    from briefing.export.pdf import PdfUnavailable, weasyprint

    try:
        weasyprint()
    except PdfUnavailable as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """PDFs of the bundled deck, made by the command a user runs, by options."""
    _weasyprint_or_skip()
    folder = tmp_path_factory.mktemp("pdf")
    made = {}

    def make(*options: str) -> pypdf.PdfReader:
        if options not in made:
            target = folder / f"deck{len(made)}.pdf"
            assert main(["export", str(BUNDLED), "--format", "pdf", *options, "-o", str(target)]) == 0
            made[options] = pypdf.PdfReader(target)
        return made[options]

    return make


def _text(page) -> str:
    return " ".join(page.extract_text().split())


def _words(text: str) -> str:
    return " ".join(text.split())


def test_one_landscape_page_per_slide_with_its_title(export):
    deck = load_deck(BUNDLED)
    pdf = export()
    assert len(pdf.pages) == len(deck.slides) == 9
    for page, slide in zip(pdf.pages, deck.slides, strict=True):
        assert page.mediabox.width > page.mediabox.height  # landscape
        assert _text(page).startswith(slide.title), (slide.number, _text(page)[:80])


def test_bookmarks_are_the_slide_titles_and_point_at_their_pages(export):
    deck = load_deck(BUNDLED)
    pdf = export()
    assert [item.title for item in pdf.outline] == [slide.title for slide in deck.slides]
    assert [pdf.get_destination_page_number(item) for item in pdf.outline] == list(range(9))


def test_title_and_author_come_from_the_front_matter(export):
    metadata = export().metadata
    assert metadata.title == "DeepSeek R1: the low-cost model that rattled US tech"
    assert metadata.author == "The briefing team"


def test_the_text_is_text_and_the_fonts_are_embedded(export):
    pdf = export()
    assert "2,000 Nvidia H800" in _text(pdf.pages[4])  # searchable, not a picture
    fonts = []
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descriptor["/FontDescriptor"].get_object()
            fonts.append(font["/BaseFont"])
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    assert fonts


def test_notes_are_in_the_pdf_only_with_notes(export):
    deck = load_deck(BUNDLED)
    without = " ".join(_text(page) for page in export().pages)
    with_notes = " ".join(_text(page) for page in export("--notes").pages)
    for slide in deck.slides:
        for note in slide.notes:
            first = next(block for block in walk(note.blocks) if isinstance(block, Paragraph))
            opening = " ".join(_words(plain(first.text)).split()[:6])
            assert opening in with_notes, opening
            assert opening not in without, opening
    assert "Notes" in with_notes and not re.search(r"\bNotes\b", without)
    pdf = export("--notes")
    assert len(pdf.pages) == len(deck.slides)  # the bundled deck's notes fit under their slides
    assert [item.title for item in pdf.outline] == [slide.title for slide in deck.slides]


def test_steps_give_a_page_per_step_and_a_bookmark_per_slide(export):
    deck = load_deck(BUNDLED)
    pdf = export("--steps")
    assert len(pdf.pages) == sum(len(slide.steps) for slide in deck.slides)
    assert [item.title for item in pdf.outline] == [slide.title for slide in deck.slides]
    numbers = [pdf.get_destination_page_number(item) for item in pdf.outline]
    page = 0
    for slide, number in zip(deck.slides, numbers, strict=True):
        assert number == page
        for step in range(len(slide.steps)):
            assert _text(pdf.pages[page + step]).startswith(slide.title)
        page += len(slide.steps)
    # slide 4's second step adds the comparison, which its first page does not show yet
    first, second = numbers[3], numbers[3] + 1
    assert "Dario Amodei" not in _text(pdf.pages[first]) and "Dario Amodei" in _text(pdf.pages[second])


def test_a_theme_colours_the_whole_sheet(export, tmp_path):
    _weasyprint_or_skip()
    from briefing.export.pdf import export_pdf

    pdf = pypdf.PdfReader(io.BytesIO(export_pdf(load_deck(FIXTURES / "elements.md"), theme="nord")))
    content = pdf.pages[0].get_contents().get_data().decode("latin-1")
    # nord's background, #2e3440, painted as a fill over the page (operators: r g b rg ... f)
    assert re.search(r"0\.18\d* 0\.20\d* 0\.25\d* rg", content), content[:400]


def test_without_the_extra_pdf_says_what_to_install(tmp_path):
    code = (
        "import sys; sys.modules['weasyprint'] = None\n"  # as if it were not installed
        "from briefing.cli import main\n"
        f"sys.exit(main(['export', {str(BUNDLED)!r}, '--format', 'pdf', '-o', {str(tmp_path / 'x.pdf')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "briefing: --format pdf needs WeasyPrint: pip install 'briefing[pdf]'\n"
    assert not (tmp_path / "x.pdf").exists()


def test_a_pdf_is_not_written_to_a_terminal(monkeypatch, capsys):
    _weasyprint_or_skip()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", str(BUNDLED), "--format", "pdf"]) == 2
    assert "give -o FILE" in capsys.readouterr().err


def test_a_pdf_can_be_piped(tmp_path):
    _weasyprint_or_skip()
    command = f"{sys.executable} -m briefing export {BUNDLED} --format pdf -o - > {tmp_path / 'piped.pdf'}"
    subprocess.run(command, shell=True, check=True, timeout=120)
    assert len(pypdf.PdfReader(tmp_path / "piped.pdf").pages) == 9
