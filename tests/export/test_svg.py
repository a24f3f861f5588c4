"""`briefing export --format svg`: a picture per slide (per step) drawn by the headless show,
with offline fonts, never a note, and an index page; and the command line around it."""

from __future__ import annotations

import io
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from briefing.cli import main
from briefing.core.loader import load_deck
from briefing.export.svg_files import slide_files, slug
from briefing.export.svg_fonts import offline_fonts
from briefing.export.svg_index import index_page
from briefing.export.theme_table import THEMES
from tests.conftest import BUNDLED, DECKS, ROOT
from tests.tmux import wait_until

PICTURES = DECKS / "pictures.md"  # Hello; Reveal (2 steps, a note: aubergine); Code & a table
SHOW = DECKS / "show.md"  # 6 slides; Reveal has 3 steps and the note "... aubergine."
ARTIFACTS = ROOT / "test-artifacts" / "svg"
SVG = "{http://www.w3.org/2000/svg}"


class SvgSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "svg"


class HtmlSnapshot(SingleFileSnapshotExtension):
    _write_mode = WriteMode.TEXT
    _file_extension = "html"


def export(deck: Path, folder: Path, *options: str) -> list[Path]:
    assert main(["export", str(deck), "--format", "svg", "-o", str(folder), *options]) == 0
    return sorted(folder.iterdir())


def drawn_text(svg: Path) -> str:
    """The text of the picture's terminal cells, line by line (Rich writes a space as &#160;)."""
    root = ElementTree.parse(svg).getroot()
    lines: dict[str, list[str]] = {}
    for element in root.iter(f"{SVG}text"):
        line = re.search(r"line-(\d+)", element.get("clip-path", ""))
        if line:
            lines.setdefault(line[1], []).append((element.text or "").replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(lines.items(), key=lambda item: int(item[0])))


@pytest.fixture(scope="module")
def stepwise(tmp_path_factory) -> Path:
    """The small deck exported step by step, with its index, at 60×16."""
    folder = tmp_path_factory.mktemp("svg") / "pictures"
    export(PICTURES, folder, "--steps", "--index", "--size", "60x16")
    return folder


STEPWISE_FILES = ["01-hello.svg", "02-reveal-step-1.svg", "02-reveal-step-2.svg", "03-code-a-table.svg"]


def test_steps_give_a_file_per_step_named_from_the_titles(stepwise):
    assert sorted(path.name for path in stepwise.iterdir()) == [*STEPWISE_FILES, "index.html"]


@pytest.mark.parametrize("name", STEPWISE_FILES)
def test_golden(stepwise, name, snapshot):
    assert (stepwise / name).read_text(encoding="utf-8") == snapshot.use_extension(SvgSnapshot)


def test_golden_index(stepwise, snapshot):
    assert (stepwise / "index.html").read_text(encoding="utf-8") == snapshot.use_extension(HtmlSnapshot)


def test_each_picture_is_what_the_room_sees_at_that_step(stepwise):
    first, second = drawn_text(stepwise / STEPWISE_FILES[1]), drawn_text(stepwise / STEPWISE_FILES[2])
    assert "Reveal" in first and "First point." in first and "Second point." not in first
    assert "Second point." in second
    code = drawn_text(stepwise / STEPWISE_FILES[3])
    assert 'print("hello")' in code and "alpha" in code


def test_pictures_are_the_clean_view_with_text_as_text(stepwise):
    for name in STEPWISE_FILES:
        text = drawn_text(stepwise / name)
        assert "slide " not in text.lower()  # no status line (it says `slide n/N`)
        assert "Quit" not in text and "Next" not in text  # no key hints
        assert text.strip()  # the slide's text is there as text, not as paths or pixels


def test_no_picture_holds_a_note(tmp_path):
    for options in ((), ("--steps",)):
        folder = tmp_path / ("steps" if options else "slides")
        for path in export(SHOW, folder, *options):
            assert "aubergine" not in path.read_text(encoding="utf-8"), path.name
    assert (tmp_path / "steps" / "02-reveal-step-3.svg").exists()  # the step the note is under


def test_the_fonts_are_offline_with_a_monospace_fallback(stepwise):
    for name in STEPWISE_FILES:
        svg = (stepwise / name).read_text(encoding="utf-8")
        root = ElementTree.fromstring(svg)
        style = "".join(element.text or "" for element in root.iter(f"{SVG}style"))
        assert "@font-face" not in style and "url(" not in style and "http" not in style
        families = re.findall(r"font-family:([^;}]*)", style)
        assert families and all(family.strip().endswith(("monospace", "sans-serif")) for family in families)
        assert any('"DejaVu Sans Mono"' in family for family in families)
        urls = re.findall(r"url\(([^)]*)\)", svg)
        assert urls and all(url.startswith("#") for url in urls)  # clip paths inside the picture only
        assert ".woff" not in svg and "cdnjs" not in svg


def test_offline_fonts_rewrites_rich_s_own_template():
    console = Console(record=True, width=20, file=io.StringIO())
    console.print("hello")
    svg = console.export_svg(title="t")
    assert "https://cdnjs" in svg  # what Rich writes: a web font
    offline = offline_fonts(svg)
    assert "cdnjs" not in offline and "@font-face" not in offline
    assert offline.count("font-family") == svg.count("font-family") - svg.count("@font-face")
    ElementTree.fromstring(offline)


def test_every_slide_of_the_bundled_deck_parses_and_shows_its_title(tmp_path):
    deck = load_deck(BUNDLED)
    paths = export(BUNDLED, tmp_path / "out", "--theme", "nord")
    assert len(paths) == len(deck.slides)
    background = THEMES["nord"]["colours"]["background"]
    for path, slide in zip(paths, deck.slides, strict=True):
        assert path.name.startswith(f"{slide.number:02d}-")
        svg = path.read_text(encoding="utf-8")
        assert slide.title in drawn_text(path), path.name
        assert background in svg.lower()  # drawn in the theme asked for


def test_the_index_escapes_titles_and_shows_every_picture_in_order(tmp_path):
    deck = tmp_path / "hostile.md"
    deck.write_text(
        "---\ntitle: </title><script>alert(1)</script>\n---\n\n# <img src=x onerror=alert(1)>\n\nText.\n\n"
        "---\n\n# \"quoted\" & 'single'\n\nMore.\n",
        encoding="utf-8",
    )
    paths = export(deck, tmp_path / "out", "--index")
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img src=x" not in page and "onerror=alert" not in page.replace("&", "")
    assert "&lt;/title&gt;&lt;script&gt;" in page
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert sources == [path.name for path in paths if path.suffix == ".svg"]
    assert "default-src 'none'" in page and "script-src" not in page


@pytest.mark.parametrize(
    "title, expected",
    [
        ("What did it cost?", "what-did-it-cost"),
        ("../../etc/passwd", "etc-passwd"),
        (".hidden", "hidden"),
        ("", "slide"),
        ("🚀", "rocket"),
        ("—", "slide"),
        ("Café: déjà vu", "cafe-deja-vu"),
        ("a" * 60, "a" * 40),
        ("word " * 20, "word-word-word-word-word-word-word-word"),
    ],
)
def test_slugs_are_safe_names(title, expected):
    assert slug(title) == expected


@given(st.text())
def test_any_title_gives_a_safe_short_name(title):
    name = slug(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) and len(name) <= 40


def test_file_names_are_padded_to_sort_in_order():
    deck = load_deck(SHOW)
    names = [file.name for file in slide_files(deck, steps=True)]
    assert names == sorted(names) and len(names) == sum(len(slide.steps) for slide in deck.slides)
    assert index_page(deck, slide_files(deck)).count("<figure") == len(deck.slides)


def test_writes_leave_no_temporary_file_and_replace_old_pictures(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "01-hello.svg").write_text("old", encoding="utf-8")
    paths = export(PICTURES, folder)
    assert [path.name for path in paths] == ["01-hello.svg", "02-reveal.svg", "03-code-a-table.svg"]
    assert (folder / "01-hello.svg").read_text(encoding="utf-8").startswith("<svg")


def test_the_directory_is_made_and_its_name_said(tmp_path, capsys):
    folder = tmp_path / "a" / "b"
    export(PICTURES, folder, "--index")
    assert capsys.readouterr() == ("", f"3 SVG files and index.html in {folder}\n")


def test_the_default_directory_is_named_after_the_deck(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(PICTURES), "--format", "svg"]) == 0
    assert len(list((tmp_path / "pictures-svg").glob("*.svg"))) == 3


def test_a_slide_taller_than_the_size_is_said(tmp_path, capsys):
    export(SHOW, tmp_path / "out", "--size", "60x14")
    err = capsys.readouterr().err
    assert "briefing: warning: taller than 60x14, so the picture shows only part of it: slide 5 (" in err


def test_a_front_matter_theme_that_is_not_textual_s_is_a_warning_not_in_the_picture(tmp_path, capsys):
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntheme: sunset\n---\n\n# One\n", encoding="utf-8")
    [path] = export(deck, tmp_path / "out")
    assert "briefing: warning: Unknown theme 'sunset'" in capsys.readouterr().err
    assert "sunset" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "options, message",
    [
        (["--format", "svg", "--notes"], "--notes does not apply to --format svg"),
        (["--format", "svg", "-o", "-"], "-o - does not apply to --format svg"),
        (["--format", "svg", "--size", "39x12"], "--size must be from 40x12 to 1000x500, not 39x12"),
        (["--format", "svg", "--size", "100x501"], "--size must be from 40x12 to 1000x500, not 100x501"),
        (["--format", "svg", "--size", "big"], "argument --size: expected WIDTHxHEIGHT such as 80x24, not 'big'"),
        (["--format", "svg", "--width", "60"], "--width applies only to --format text"),
        (["--format", "svg", "--theme", "nope"], "unknown theme 'nope'"),
        (["--format", "html", "--size", "80x24"], "--size applies only to --format svg"),
        (["--format", "pdf", "--index"], "--index applies only to --format svg"),
        (["--format", "text", "--steps"], "--steps applies only to --format pdf and svg"),
    ],
)
def test_wrong_options_are_one_line_and_exit_2(options, message, capsys):
    try:
        code = main(["export", str(PICTURES), *options])
    except SystemExit as stopped:  # argparse's own checks (a size that is not one)
        code = stopped.code
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"briefing: {message}") and captured.err.count("\n") == 1


def test_an_existing_file_is_not_a_directory(tmp_path, capsys):
    target = tmp_path / "deck.svg"
    target.write_text("mine", encoding="utf-8")
    assert main(["export", str(PICTURES), "--format", "svg", "-o", str(target)]) == 2
    assert capsys.readouterr() == ("", f"briefing: {target}: it exists and is not a directory\n")
    assert target.read_text(encoding="utf-8") == "mine"
    inside = target / "pictures"
    assert main(["export", str(PICTURES), "--format", "svg", "-o", str(inside)]) == 2
    assert capsys.readouterr().err == (
        f"briefing: {inside}: cannot create the directory: {target} is a file, not a directory\n"
    )


def test_a_bad_deck_is_file_line_message_and_exit_2(tmp_path, capsys):
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntitle: [unclosed\n---\n\n# One\n", encoding="utf-8")
    assert main(["export", str(deck), "--format", "svg", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"briefing: {deck}:") and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_picture_renders_to_png(stepwise):
    """Saved under test-artifacts/svg/ to look at."""
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (apt-get install librsvg2-bin)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in STEPWISE_FILES:
        png = ARTIFACTS / name.replace(".svg", ".png")
        subprocess.run(["rsvg-convert", "-o", str(png), str(stepwise / name)], check=True, timeout=60)
        assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_or_sigterm_ends_the_export_in_one_line(tmp_path, signum, status):
    deck = tmp_path / "long.md"
    deck.write_text("\n---\n\n".join(f"# Slide {n}\n\nText {n}." for n in range(1, 2001)), encoding="utf-8")
    folder = tmp_path / "out"
    command = [sys.executable, "-m", "briefing", "export", str(deck), "--format", "svg", "-o", str(folder)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        deadline = time.monotonic() + 60
        while not any(folder.glob("*.svg")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # polling for the first picture: the export started drawing
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert out == "" and err.startswith("briefing: stopped after ") and err.count("\n") == 1
    assert err.endswith(f" of 2000 (in {folder})\n")
    assert not list(folder.glob(".*"))  # no temporary file left behind


def test_in_a_terminal_it_draws_nothing_there_and_ctrl_c_stops_it(tmux, tmp_path):
    """The show runs headless: the terminal gets the summary line, never the slides; Ctrl+C from
    the terminal ends a long export and gives the shell back."""
    briefing = Path(sys.executable).with_name("briefing")
    status = tmp_path / "status"
    folder = tmp_path / "out"
    command = (
        f"cd {tmp_path}; {briefing} export {PICTURES} --format svg -o out; echo $? > {status}; printf 'shell is back'"
    )
    tmux.new_session("svg", command, size=(80, 24), keep_open=True)
    assert tmux.wait_for("svg", "shell is back"), tmux.screen("svg")
    screen = tmux.screen("svg")
    assert "3 SVG files in out" in screen and "A small deck" not in screen
    assert len(list(folder.glob("*.svg"))) == 3
    assert status.read_text().strip() == "0"

    deck = tmp_path / "long.md"
    deck.write_text("\n---\n\n".join(f"# Slide {n}\n\nText {n}." for n in range(1, 2001)), encoding="utf-8")
    status.unlink()
    command = (
        f"cd {tmp_path}; {briefing} export long.md --format svg -o out2; echo $? > {status}; printf 'shell is back'"
    )
    tmux.new_session("long", command, size=(80, 24), keep_open=True)
    assert wait_until(lambda: any((tmp_path / "out2").glob("*.svg")), timeout=60)
    tmux.send_keys("long", "C-c")
    assert tmux.wait_for("long", "shell is back"), tmux.screen("long")
    assert "briefing: stopped after " in tmux.screen("long")
    assert status.read_text().strip() == "130"


def test_deck_text_is_text_in_the_picture_never_markup_or_svg(tmp_path):
    deck = tmp_path / "hostile.md"
    deck.write_text(
        "---\ntitle: ']]><script>alert(1)</script>'\n---\n\n# A `<svg onload=alert(1)>` title\n\n"
        "[b]bold?[/b] [@click=app.quit]quit[/] &amp; \x1b[31mred\n",
        encoding="utf-8",
    )
    [path] = export(deck, tmp_path / "out")
    root = ElementTree.parse(path).getroot()  # well-formed XML whatever the deck says
    assert not [element for element in root.iter() if element.tag.split("}")[-1] in ("script", "foreignObject")]
    assert not any(name.startswith("on") for element in root.iter() for name in element.attrib)
    text = drawn_text(path)
    assert "A <svg onload=alert(1)> title" in text
    assert "[b]bold?[/b] [@click=app.quit]quit[/] & [31mred" in text  # as written; only ESC is gone
    assert "\x1b" not in path.read_text(encoding="utf-8")


def test_the_export_side_of_the_svg_export_never_imports_textual():
    code = (
        "import sys\n"
        "import briefing.export.svg_files, briefing.export.svg_fonts, briefing.export.svg_index\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == ""
