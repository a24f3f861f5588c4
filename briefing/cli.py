"""The `briefing` command: present (the default), export, check.

Heavy modules are imported inside the subcommand that needs them, so `briefing export` never
loads Textual and `briefing --help` loads almost nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from briefing import __version__
from briefing.core.errors import DeckError

COMMANDS = ("present", "presenter", "export", "check", "new")
# core.dialects.NAMES, spelled out so that `--help` does not import the parsers (a test checks)
DIALECTS = (
    "auto", "briefing", "presenterm", "marp", "slidev", "remark", "reveal", "deckset", "patat",
    "pandoc", "lookatme", "mdp",
)


def bundled_deck() -> Path:
    """The DeepSeek R1 briefing: inside the package when installed, beside it in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "slides", package.parent / "slides"):
        if candidate.is_dir():
            return candidate
    return package / "slides"


def _size(text: str) -> tuple[int, int]:
    try:
        columns, rows = (int(part) for part in text.lower().replace("\u00d7", "x").split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT such as 80x24, not {text!r}") from None
    if columns < 1 or rows < 1:
        raise argparse.ArgumentTypeError(f"size must be positive, not {text!r}")
    return columns, rows


def _width(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of columns, not {text!r}") from None
    if not 20 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"width must be between 20 and 1000, not {value}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a slide number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"slide numbers start at 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Present Markdown slide decks in the terminal. "
        "With no command, presents DECK (default: the bundled DeepSeek R1 briefing).",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    deck_help = "a Markdown file or a directory of them (default: the bundled briefing)"
    dialect_help = "read the deck with this tool's rules (default: auto, as it names or looks like)"

    present = commands.add_parser("present", help="present a deck full-screen (the default)")
    present.add_argument("deck", nargs="?", type=Path, help=deck_help)
    present.add_argument("--slide", type=_positive, default=1, metavar="N", help="start at slide N")
    present.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. nord or gruvbox")
    present.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    presenter = commands.add_parser(
        "presenter", help="the presenter console, in a second terminal: drives `present`"
    )
    presenter.add_argument("deck", nargs="?", type=Path, help=deck_help)
    presenter.add_argument("--slide", type=_positive, default=1, metavar="N", help="start at slide N")
    presenter.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. nord or gruvbox")
    presenter.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    export = commands.add_parser("export", help="write the deck as plain text or JSON")
    export.add_argument("deck", nargs="?", type=Path, help=deck_help)
    export.add_argument("--format", choices=("text", "json"), default="text")
    export.add_argument("--notes", action="store_true", help="include speaker notes (text)")
    export.add_argument("--width", type=_width, default=80, metavar="N", help="wrap at N columns")
    export.add_argument("--ascii", action="store_true", help="emit only ASCII (text)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE atomically (- is stdout)")
    export.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    check = commands.add_parser("check", help="find mistakes in a deck before the talk")
    check.add_argument("deck", nargs="?", type=Path, help=deck_help)
    check.add_argument("--size", type=_size, default=(80, 24), metavar="WxH", help="terminal size")
    check.add_argument("--source", type=Path, metavar="FILE", help="every figure must occur in FILE")
    check.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    new = commands.add_parser("new", help="create a new deck directory to start from")
    new.add_argument("path", type=Path, help="the directory to create (must not exist)")
    new.add_argument("--title", help="the talk's title (default: from the directory name)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "present")
    args = build_parser().parse_args(args_list)
    try:
        if args.command == "new":
            return run_new(args)
        deck_path = args.deck if args.deck is not None else bundled_deck()
        if args.command == "export":
            return run_export(deck_path, args)
        if args.command == "check":
            return run_check(deck_path, args)
        return run_present(deck_path, args)
    except DeckError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`briefing export | head`): not an error
        return 0


def run_export(deck_path: Path, args: argparse.Namespace) -> int:
    from briefing.core.loader import load_deck

    deck = load_deck(deck_path, dialect=args.dialect)
    if args.format == "json":
        from briefing.export.json import export_json

        output = export_json(deck)
    else:
        from briefing.export.text import export_text

        output = export_text(deck, width=args.width, notes=args.notes, ascii=args.ascii)
    if args.output in (None, "-"):
        sys.stdout.write(output)
        sys.stdout.flush()
        return 0
    from briefing.fileio import write_atomic

    target = Path(args.output)
    try:
        write_atomic(target, output.encode("utf-8"))
    except OSError as exc:
        raise DeckError(target, 1, f"cannot write: {exc.strerror or exc}") from None
    return 0


def run_check(deck_path: Path, args: argparse.Namespace) -> int:
    from briefing.check import CheckOptions, check_deck
    from briefing.core.loader import load_deck

    source = None
    if args.source is not None:
        from briefing.core.source import read_text

        source = read_text(args.source)
    deck = load_deck(deck_path, dialect=args.dialect)
    findings = check_deck(deck, CheckOptions(size=args.size, source=source))
    for finding in findings:
        print(finding)
    errors = sum(finding.severity == "error" for finding in findings)
    if findings:
        print(
            f"{len(findings)} finding(s): {errors} error(s), {len(findings) - errors} warning(s)",
            file=sys.stderr,
        )
        return 1
    print(f"{len(deck.slides)} slides, no findings", file=sys.stderr)
    return 0


def run_new(args: argparse.Namespace) -> int:
    from briefing.scaffold import create_deck

    for file in create_deck(args.path, args.title):
        print(f"created {file}")
    print(f"present it with: briefing {args.path}", file=sys.stderr)
    return 0


def run_present(deck_path: Path, args: argparse.Namespace) -> int:
    from briefing.core.cache import load_deck_cached

    deck = load_deck_cached(deck_path, dialect=args.dialect)  # fail here, before the terminal changes mode
    from briefing.ui.app import BriefingApp

    role = "console" if args.command == "presenter" else "audience"
    app = BriefingApp(
        deck_path, deck=deck, start_slide=args.slide, theme=args.theme, role=role, dialect=args.dialect
    )
    app.run()
    if app.recovered is not None:
        print(f"briefing: unsaved slide edits were kept in {app.recovered}", file=sys.stderr)
    return app.return_code or 0
