"""Export speed and memory, against pandoc and markdown-it-py's bare parse, in one run; the
HTML export against the text export of the same deck; the PDF and the SVG pictures of the
bundled deck, and the time an SVG picture takes once the show has started.

    python benchmarks/export.py [--runs 7] [--slides 1000]

Every figure is the median wall time of whole processes (start-up included), measured
back to back on this machine; the ratios are what to quote, since absolute times drift.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deckgen import deck

ROOT = Path(__file__).resolve().parent.parent
BARE_PARSE = (
    "import sys; from markdown_it import MarkdownIt; "
    "MarkdownIt('commonmark').enable(['table', 'strikethrough']).parse(open(sys.argv[1]).read())"
)


def timed(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one run of `command`, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Run the commands in turns (A B C, A B C, ...) so that drift hits all of them alike."""
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for command in commands.values():
        timed(command)  # warm the page cache
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command))
    results = {}
    for name, runs_of in samples.items():
        seconds = statistics.median(s for s, _ in runs_of)
        peak = max(kib for _, kib in runs_of) / 1024
        print(f"  {name:<44} {seconds * 1000:8.0f} ms   peak {peak:6.1f} MiB")
        results[name] = {"seconds": seconds, "peak": peak}
    return results


def compile_package() -> None:
    """Byte-compile briefing as `pip install` does for a wheel, so that an editable checkout
    (or PYTHONDONTWRITEBYTECODE) does not make every run recompile it from source."""
    compileall.compile_dir(str(ROOT / "briefing"), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--slides", type=int, default=1000)
    args = parser.parse_args()
    compile_package()
    python = sys.executable
    # the installed console script, as users run it (falls back to `python -m briefing`)
    script = Path(python).with_name("briefing")
    briefing = [str(script)] if script.exists() else [python, "-m", "briefing"]
    with tempfile.TemporaryDirectory() as scratch:
        big = Path(scratch, "deck.md")
        big.write_text(deck(args.slides), encoding="utf-8")
        print(f"{args.slides}-slide deck, {big.stat().st_size / 1024:.0f} KiB, median of {args.runs} runs")
        commands = {
            "briefing export": [*briefing, "export", str(big)],
            "briefing export --format html": [*briefing, "export", str(big), "--format", "html"],
            "markdown-it-py bare parse": [python, "-c", BARE_PARSE, str(big)],
        }
        if shutil.which("pandoc"):
            commands["pandoc -t plain"] = ["pandoc", "-t", "plain", str(big)]
        results = measure(commands, args.runs)
        export, bare = results["briefing export"], results["markdown-it-py bare parse"]
        pandoc = results.get("pandoc -t plain")
        print()
        print(f"  export / bare parse   {export['seconds'] / bare['seconds']:.2f}x   (target <= 2.0x)")
        if pandoc:
            print(f"  export / pandoc       {export['seconds'] / pandoc['seconds']:.2f}x   (target <= 0.7x)")
        else:
            print("  export / pandoc       pandoc not installed (apt-get install pandoc)")
        print(f"  export peak memory    {export['peak']:.1f} MiB (target <= 100 MiB)")
        html = results["briefing export --format html"]
        print(f"  html / text export    {html['seconds'] / export['seconds']:.2f}x   (target <= 2.0x)")
        print()
        bundled = ROOT / "slides"
        print("bundled deck")
        results = measure(
            {
                "briefing export slides": [*briefing, "export", str(bundled)],
                "python -c 'import markdown_it, rich.console'": [python, "-c", "import markdown_it, rich.console"],
            },
            args.runs * 3,  # short runs: more of them
        )
        small, imports = results.values()
        print()
        print(f"  export / imports      {small['seconds'] / imports['seconds']:.2f}x   (target <= 1.5x)")
        measure_pdf(briefing, bundled, Path(scratch), args.runs)
        measure_svg(briefing, bundled, big, Path(scratch), args.runs)


def measure_pdf(briefing: list[str], bundled: Path, scratch: Path, runs: int) -> None:
    """The bundled deck as a PDF, whole process, against the same deck's text export."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        print("\nPDF: WeasyPrint is not installed (pip install 'briefing[pdf]')")
        return
    print("\nbundled deck as PDF")
    results = measure(
        {
            "briefing export slides --format pdf": [
                *briefing,
                "export",
                str(bundled),
                "--format",
                "pdf",
                "-o",
                str(scratch / "deck.pdf"),
            ],
            "briefing export slides": [*briefing, "export", str(bundled)],
        },
        runs,
    )
    pdf, text = results.values()
    print()
    print(
        f"  pdf                   {pdf['seconds']:.2f} s   "
        f"(target <= 5 s; {pdf['seconds'] / text['seconds']:.1f}x the text export)"
    )


def measure_svg(briefing: list[str], bundled: Path, big: Path, scratch: Path, runs: int) -> None:
    """The bundled deck as SVG pictures, whole process, against its text export; then the time
    between pictures in one show (start-up excluded), over the big deck's first 100 slides."""
    print("\nbundled deck as SVG pictures")
    svg = [*briefing, "export", str(bundled), "--format", "svg", "-o", str(scratch / "svg")]
    results = measure(
        {
            "briefing export slides --format svg": svg,
            "briefing export slides --format svg --steps": [*svg, "--steps"],
            "briefing export slides": [*briefing, "export", str(bundled)],
        },
        runs,
    )
    slides, steps, text = results.values()
    print()
    ratio = slides["seconds"] / text["seconds"]
    print(f"  svg                   {slides['seconds']:.2f} s   (target <= 3 s; {ratio:.1f}x the text export)")
    print(f"  svg --steps           {steps['seconds']:.2f} s")
    from briefing.core.loader import load_deck
    from briefing.export.svg_files import slide_files
    from briefing.ui.svg_export import draw_pictures

    deck = load_deck(big)
    taken: list[float] = []
    draw_pictures(big, deck, slide_files(deck)[:100], size=(100, 30), done=lambda _: taken.append(time.perf_counter()))
    gaps = [later - earlier for earlier, later in itertools.pairwise(taken)]
    print(f"  a picture, after start-up  {statistics.median(gaps) * 1000:.0f} ms median   (target <= 100 ms)")


if __name__ == "__main__":
    main()
