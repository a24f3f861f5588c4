"""The `briefing` command: present (the default), presenter, export, check, new.

Heavy modules are imported inside the subcommand that needs them, so `briefing export` never
loads Textual and `briefing --help` loads almost nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from briefing import __version__
from briefing.core.errors import DeckError
from briefing.fileio import WriteError

if TYPE_CHECKING:
    from briefing.core.model import Deck

COMMANDS = ("present", "presenter", "export", "check", "new")
EXPORT_FORMATS = ("text", "json", "html", "pdf")
# core.dialects.NAMES, spelled out so that `--help` does not import the parsers (a test checks)
DIALECTS = (
    "auto",
    "briefing",
    "presenterm",
    "marp",
    "slidev",
    "remark",
    "reveal",
    "deckset",
    "patat",
    "pandoc",
    "lookatme",
    "mdp",
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


def _slide_number(text: str) -> int:
    """Any whole number: the show starts at the nearest slide, with a warning if it is not one."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a slide number, not {text!r}") from None


class UsageError(Exception):
    """Arguments that parse but do not go together, e.g. `--format json --width 40`."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(_usage_line(message, prog))


def _usage_line(message: str, prog: str) -> str:
    return f"{message} (see: {prog} --help)"


class _Parser(argparse.ArgumentParser):
    """Wrong arguments get one line, like every other error, and where to find the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"briefing: {_usage_line(message, self.prog)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    present.add_argument("--slide", type=_slide_number, default=1, metavar="N", help="start at slide N")
    present.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. nord or gruvbox")
    present.add_argument(
        "--clean",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show the room only the slide: no status line, key hints or messages (default: while a console is linked)",
    )
    present.add_argument("--progress", action="store_true", help="a thin progress line in the clean view")
    present.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    presenter = commands.add_parser("presenter", help="the presenter console, in a second terminal: drives `present`")
    presenter.add_argument("deck", nargs="?", type=Path, help=deck_help)
    presenter.add_argument("--slide", type=_slide_number, default=1, metavar="N", help="start at slide N")
    presenter.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. nord or gruvbox")
    presenter.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    export = commands.add_parser("export", help="write the deck as plain text, JSON, an HTML page or a PDF")
    export.add_argument("deck", nargs="?", type=Path, help=deck_help)
    export.add_argument("--format", choices=EXPORT_FORMATS, default="text")
    export.add_argument("--notes", action="store_true", help="include the speaker notes")
    export.add_argument("--width", type=_width, metavar="N", help="wrap at N columns (text; default 80)")
    export.add_argument("--ascii", action="store_true", help="emit only ASCII (JSON: other characters as \\u escapes)")
    export.add_argument(
        "--theme",
        metavar="NAME",
        help="HTML and PDF: a Textual theme (default: the deck's, else light or dark as the reader prefers)",
    )
    export.add_argument("--steps", action="store_true", help="PDF: a page for every reveal step")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE atomically (- is stdout)")
    export.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    check = commands.add_parser("check", help="find mistakes in a deck before the talk")
    check.add_argument("deck", nargs="?", type=Path, help=deck_help)
    check.add_argument("--size", type=_size, default=(80, 24), metavar="WxH", help="terminal size")
    check.add_argument(
        "--source",
        type=Path,
        metavar="FILE",
        help="every figure must occur in FILE (default: the file the front matter's source: names)",
    )
    check.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=dialect_help)

    new = commands.add_parser("new", help="create a new deck to start from: a directory, or one .md file")
    new.add_argument("path", type=Path, help="the directory to create, or a file if it ends in .md (must not exist)")
    new.add_argument("--title", help="the talk's title (default: from the path's name)")
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
            if args.output in (None, "-"):
                from briefing.closed_output import ending_when_closed

                with ending_when_closed():  # `briefing export | head`: no use going on once head is gone
                    return run_export(deck_path, args)
            return run_export(deck_path, args)
        if args.command == "check":
            return run_check(deck_path, args)
        return run_present(deck_path, args)
    except (DeckError, WriteError, UsageError) as error:
        print(f"briefing: {error}", file=sys.stderr)
        if isinstance(error, WriteError) and error.where == STDOUT:
            _discard_stdout()
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`briefing export | head`): not an error
        return 0


STDOUT = "standard output"


def write_stdout(text: str) -> None:
    """Write and flush standard output; a full disk or a closed stream is a WriteError."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`>&-`)
        raise WriteError(STDOUT, "cannot write: it is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away: main() treats that as the end, not as an error
    except OSError as exc:
        raise WriteError(STDOUT, f"cannot write: {exc.strerror or exc}") from None


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit does not fail a second time."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        sys.stdout.flush()
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


def run_export(deck_path: Path, args: argparse.Namespace) -> int:
    from briefing.load import load

    _check_export_options(args)
    if args.format == "pdf":
        from briefing.export.pdf import PdfUnavailable, weasyprint

        try:
            weasyprint()  # before the deck is read: say at once what to install
        except PdfUnavailable as error:
            print(f"briefing: {error}", file=sys.stderr)
            return 2
    deck = load(deck_path, dialect=args.dialect)
    output: str | bytes
    if args.format == "json":
        from briefing.export.json import export_json

        output = export_json(deck, notes=args.notes, ascii_only=args.ascii)
    elif args.format in ("html", "pdf"):
        output = _export_page(deck, args)
    else:
        from briefing.export.text import export_text

        width = args.width if args.width is not None else 80
        unspellable: set[str] = set()
        output = export_text(deck, width=width, notes=args.notes, ascii_only=args.ascii, unspellable=unspellable)
        if unspellable:
            codes = ", ".join(f"U+{ord(char):04X}" for char in sorted(unspellable))
            print(f"briefing: warning: written as '?', having no ASCII spelling: {codes}", file=sys.stderr)
    if args.output in (None, "-"):
        if isinstance(output, bytes):
            _write_stdout_bytes(output)
        else:
            write_stdout(output)
        return 0
    from briefing.fileio import why_not_written, write_atomic

    target = Path(args.output)
    if any(_same_file(target, file) for file in deck.files):
        raise UsageError(f"-o {target} is a file of the deck itself", "briefing export")
    try:
        write_atomic(target, output if isinstance(output, bytes) else output.encode("utf-8"))
    except OSError as exc:
        raise WriteError(target, f"cannot write: {why_not_written(target, exc)}") from None
    return 0


def _check_export_options(args: argparse.Namespace) -> None:
    """Options that parse but do not go with the format: a usage error, before any work."""
    prog = "briefing export"
    if args.format != "text" and args.width is not None:  # JSON is the model, not a layout
        raise UsageError("--width applies only to --format text", prog)
    if args.ascii and args.format not in ("text", "json"):
        raise UsageError("--ascii applies only to --format text and json", prog)
    if args.theme is not None and args.format not in ("html", "pdf"):
        raise UsageError("--theme applies only to --format html and pdf", prog)
    if args.steps and args.format != "pdf":
        raise UsageError("--steps applies only to --format pdf", prog)
    if args.output == "":
        raise UsageError("-o needs a file name (or - for standard output)", prog)
    if args.theme is not None:
        from briefing.export.html_theme import theme_names

        if args.theme not in theme_names():
            raise UsageError(f"unknown theme {args.theme!r}; themes are: {', '.join(theme_names())}", prog)
    if args.format == "pdf" and args.output is None and sys.stdout is not None and sys.stdout.isatty():
        raise UsageError("a PDF is not for the terminal: give -o FILE (or -o - to pipe it)", prog)


def _export_page(deck: Deck, args: argparse.Namespace) -> str | bytes:
    """The HTML page or the PDF; a front-matter theme that is not Textual's is said, once."""
    from briefing.export.html import chosen_theme

    named = deck.metadata.get("theme")
    if args.theme is None and named is not None and chosen_theme(deck) is None and deck.dialect == "briefing":
        print(
            f"briefing: warning: unknown theme {str(named)!r} in the front matter; "
            "the page follows the reader's light or dark setting",
            file=sys.stderr,
        )
    if args.format == "pdf":
        from briefing.export.pdf import export_pdf

        return export_pdf(deck, notes=args.notes, theme=args.theme, steps=args.steps)
    from briefing.export.html import export_html

    return export_html(deck, notes=args.notes, theme=args.theme)


def _write_stdout_bytes(data: bytes) -> None:
    """Like write_stdout, for a binary export piped on (`-o -`)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        raise WriteError(STDOUT, "cannot write: it is closed")
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(STDOUT, f"cannot write: {exc.strerror or exc}") from None


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except (OSError, ValueError):
        return False  # one of them does not exist (yet)


def run_check(deck_path: Path, args: argparse.Namespace) -> int:
    from briefing.check import CheckOptions, check_deck, in_deck_order
    from briefing.check_source import choose_source, printable_path
    from briefing.closed_output import ending_when_closed
    from briefing.load import load

    with ending_when_closed():  # until the findings are out: the exit status says what they were
        deck = load(deck_path, dialect=args.dialect)
        source = choose_source(deck, args.source)
        findings = check_deck(deck, CheckOptions(size=args.size, source=source.text))
        findings = in_deck_order(deck, [*findings, *source.findings])
        if findings:
            write_stdout("".join(f"{finding}\n" for finding in findings))
    if source.named and source.path is not None:  # a named source always has its path
        named = printable_path(source.path)
        print(f"figures checked against {named} (the front matter's source)", file=sys.stderr)
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
        write_stdout(f"created {file}\n")
    print(f"present it with: briefing {shlex.quote(str(args.path))}", file=sys.stderr)
    return 0


_STANDARD_STREAMS = (("stdin", "standard input"), ("stdout", "standard output"), ("stderr", "standard error"))


def not_a_terminal() -> str | None:
    """The first standard stream that is not a terminal, or None when all three are. The show
    reads keys from standard input and draws on standard error (Textual does), and its escape
    sequences must not land in a file or a pipe on standard output either."""
    for attribute, name in _STANDARD_STREAMS:
        stream = getattr(sys, attribute)
        try:
            if stream is not None and stream.isatty():
                continue
        except (AttributeError, OSError, ValueError):  # closed, or no file behind it
            pass
        return name
    return None


def run_present(deck_path: Path, args: argparse.Namespace) -> int:
    from briefing.load import load

    deck = load(deck_path, dialect=args.dialect, cached=True)  # fail here, before the terminal changes mode
    stream = not_a_terminal()
    if stream is not None:  # without one the show can neither take keys nor end when its reader goes
        print(
            f"briefing: {args.command} needs a terminal, and {stream} is not one "
            "(to write the deck to a file or a pipe, use: briefing export)",
            file=sys.stderr,
        )
        return 2
    from briefing.ui.app import BriefingApp

    role = "console" if args.command == "presenter" else "audience"
    app = BriefingApp(
        deck_path,
        deck=deck,
        start_slide=args.slide,
        theme=args.theme,
        role=role,
        dialect=args.dialect,
        clean=getattr(args, "clean", None),  # present only: presenter has no --clean or --progress
        progress=getattr(args, "progress", False),
    )
    app.run()
    if app.recovered is not None:
        print(f"briefing: unsaved slide edits were kept in {app.recovered}", file=sys.stderr)
    return app.return_code or 0
