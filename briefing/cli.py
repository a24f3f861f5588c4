"""The `briefing` command: present (the default), presenter, export, check, new, serve.

Heavy modules are imported inside the subcommand that needs them, so `briefing export` never
loads Textual and `briefing --help` loads almost nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from briefing import __version__
from briefing.core.errors import DeckError
from briefing.fileio import WriteError

if TYPE_CHECKING:
    from briefing.core.model import Deck
    from briefing.core.runnable import RunKey, RunOutput
    from briefing.ui.pictures import ImagesMode

EXPORT_FORMATS = ("text", "json", "html", "pdf", "svg")
IMAGES_MODES = ("auto", "graphics", "blocks", "off")  # `--images`; briefing.ui.pictures.ImagesMode
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


SVG_SIZE = (100, 30)
SVG_SIZE_TEXT = "100x30"
SVG_MAX_SIZE = (1000, 500)  # columns, rows: far beyond any screen, and a bound on the work


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


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text!r}") from None
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError(f"the time limit must be between 0 and 86400 seconds, not {text}")
    return value


def _run_code_options(parser: argparse.ArgumentParser, run_help: str, short: bool = False) -> None:
    """`--run-code` and the time limit of each code block that runs."""
    names = ("-x", "--run-code") if short else ("--run-code",)
    parser.add_argument(*names, action="store_true", dest="run_code", help=run_help)
    parser.add_argument(
        "--time-limit",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="stop a code block that runs longer (default: 10)",
    )


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, not {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 0 and 65535, not {value}")
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


_DECK_HELP = "a Markdown file or a directory of them (default: the bundled briefing)"
_DIALECT_HELP = "read the deck with this tool's rules (default: auto, as it names or looks like)"
_IMAGES_HELP = (
    "graphics: with kitty's graphics protocol; blocks: in coloured half-blocks; off: as alt text in a frame; "
    "auto: graphics where the environment names kitty or Ghostty (not in tmux), else blocks"
)
_RUN_HELP = "run +exec code blocks on `x` without asking first (the deck cannot ask for this)"


def _show_options(parser: argparse.ArgumentParser) -> None:
    """What `present` and `presenter` share."""
    parser.add_argument("deck", nargs="?", type=Path, help=_DECK_HELP)
    parser.add_argument("--slide", type=_slide_number, default=1, metavar="N", help="start at slide N")
    parser.add_argument("--theme", metavar="NAME", help="a Textual theme, e.g. nord or gruvbox")


def _present_options(present: argparse.ArgumentParser) -> None:
    _show_options(present)
    present.add_argument(
        "--clean",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show the room only the slide: no status line, key hints or messages (default: while a console is linked)",
    )
    present.add_argument("--progress", action="store_true", help="a thin progress line in the clean view")
    present.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=_DIALECT_HELP)
    present.add_argument("--images", choices=IMAGES_MODES, default="auto", help=_IMAGES_HELP)
    _run_code_options(present, _RUN_HELP, short=True)


def _presenter_options(presenter: argparse.ArgumentParser) -> None:
    _show_options(presenter)
    presenter.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=_DIALECT_HELP)
    presenter.add_argument("--images", choices=IMAGES_MODES, default="auto", help=_IMAGES_HELP)
    _run_code_options(presenter, _RUN_HELP, short=True)


def _export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("deck", nargs="?", type=Path, help=_DECK_HELP)
    export.add_argument("--format", choices=EXPORT_FORMATS, default="text")
    export.add_argument("--notes", action="store_true", help="include the speaker notes")
    export.add_argument("--width", type=_width, metavar="N", help="wrap at N columns (text; default 80)")
    export.add_argument("--ascii", action="store_true", help="emit only ASCII (JSON: other characters as \\u escapes)")
    export.add_argument(
        "--theme",
        metavar="NAME",
        help="HTML, PDF and SVG: a Textual theme (default: the deck's; HTML and PDF: else light or dark "
        "as the reader prefers)",
    )
    export.add_argument("--steps", action="store_true", help="PDF: a page, SVG: a picture, for every reveal step")
    export.add_argument(
        "--size", type=_size, metavar="WxH", help=f"SVG: the screen the show is drawn on (default {SVG_SIZE_TEXT})"
    )
    export.add_argument("--index", action="store_true", help="SVG: an index.html beside the pictures, in order")
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE atomically (- is stdout); SVG: the directory for the pictures (default: DECK-svg)",
    )
    export.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=_DIALECT_HELP)
    _run_code_options(export, "run every +exec code block and put its output under it")


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("deck", nargs="?", type=Path, help=_DECK_HELP)
    check.add_argument("--size", type=_size, default=(80, 24), metavar="WxH", help="terminal size")
    check.add_argument(
        "--source",
        type=Path,
        metavar="FILE",
        help="every figure must occur in FILE (default: the file the front matter's source: names)",
    )
    check.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=_DIALECT_HELP)
    _run_code_options(check, "run every +exec code block: one that fails is a finding (+expect:failure: must fail)")


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("deck", nargs="?", type=Path, help=_DECK_HELP)
    serve.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this machine)"
    )
    serve.add_argument(
        "--port", type=_port, default=8765, help="the port to listen on (default: 8765; 0: any free one)"
    )
    serve.add_argument("--free", action="store_true", help="viewers may page ahead of the presenter")
    serve.add_argument("--theme", metavar="NAME", help="a Textual theme for the page (default: the deck's)")
    serve.add_argument(
        "--relay", metavar="redis://HOST:PORT", help="share the position with other serve processes through Redis"
    )
    serve.add_argument(
        "--relay-channel", default="briefing", metavar="NAME", help="the Redis channel's name (default: briefing)"
    )
    serve.add_argument("--no-qr", dest="qr", action="store_false", help="print the URLs without QR codes")
    serve.add_argument("--dialect", choices=DIALECTS, metavar="NAME", help=_DIALECT_HELP)


def _new_options(new: argparse.ArgumentParser) -> None:
    new.add_argument("path", type=Path, help="the directory to create, or a file if it ends in .md (must not exist)")
    new.add_argument("--title", help="the talk's title (default: from the path's name)")


# Each command: its line in `--help`, and what sets up its options.
_COMMAND_PARSERS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "present": ("present a deck full-screen (the default)", _present_options),
    "presenter": ("the presenter console, in a second terminal: drives `present`", _presenter_options),
    "export": ("write the deck as plain text, JSON, an HTML page, a PDF or an SVG picture per slide", _export_options),
    "check": ("find mistakes in a deck before the talk", _check_options),
    "serve": (
        "serve the deck to browsers: the audience follows on its own devices, a phone is the clicker",
        _serve_options,
    ),
    "new": ("create a new deck to start from: a directory, or one .md file", _new_options),
}


COMMANDS = tuple(_COMMAND_PARSERS)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Given the `command` that will run, only its options are set
    up (every command is still listed): setting up all of them was a few milliseconds of each
    show's start."""
    parser = _Parser(
        prog="briefing",
        description="Present Markdown slide decks in the terminal. "
        "With no command, presents DECK (default: the bundled DeepSeek R1 briefing).",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_line, add_options) in _COMMAND_PARSERS.items():
        subparser = commands.add_parser(name, help=help_line)
        if command in (None, name):
            add_options(subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "present")
    args = build_parser(args_list[0] if args_list[0] in COMMANDS else None).parse_args(args_list)
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
        if args.command == "serve":
            return run_serve(deck_path, args)
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
    if args.format == "svg":
        return _export_svg(deck_path, deck, args)
    runs = None
    if args.run_code:
        from briefing.core.runnable import Limits
        from briefing.deck_runs import outputs_by_block

        runs = outputs_by_block(deck, Limits(seconds=args.time_limit))
    output: str | bytes
    if args.format == "json":
        from briefing.export.json import export_json

        output = export_json(deck, notes=args.notes, ascii_only=args.ascii, runs=runs)
    elif args.format in ("html", "pdf"):
        output = _export_page(deck, args, runs)
    else:
        from briefing.export.text import export_text

        width = args.width if args.width is not None else 80
        unspellable: set[str] = set()
        output = export_text(
            deck, width=width, notes=args.notes, ascii_only=args.ascii, unspellable=unspellable, runs=runs
        )
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
    if args.theme is not None and args.format not in ("html", "pdf", "svg"):
        raise UsageError("--theme applies only to --format html, pdf and svg", prog)
    if args.steps and args.format not in ("pdf", "svg"):
        raise UsageError("--steps applies only to --format pdf and svg", prog)
    for option, given in (("--size", args.size is not None), ("--index", args.index)):
        if given and args.format != "svg":
            raise UsageError(f"{option} applies only to --format svg", prog)
    if args.output == "":
        raise UsageError("-o needs a file name (or - for standard output)", prog)
    if args.format == "svg":
        _check_svg_options(args, prog)
        if args.run_code:  # the pictures are drawn by the show, which runs code only on a key
            raise UsageError("--run-code applies only to --format text, json, html and pdf", prog)
    if args.theme is not None:
        from briefing.export.html_theme import theme_names

        if args.theme not in theme_names():
            raise UsageError(f"unknown theme {args.theme!r}; themes are: {', '.join(theme_names())}", prog)
    if args.format == "pdf" and args.output is None and sys.stdout is not None and sys.stdout.isatty():
        raise UsageError("a PDF is not for the terminal: give -o FILE (or -o - to pipe it)", prog)


def _check_svg_options(args: argparse.Namespace, prog: str) -> None:
    from briefing.render.frame import MIN_SIZE

    if args.notes:  # the pictures are the room's view, which never shows a note
        raise UsageError("--notes does not apply to --format svg: the pictures show what the room sees", prog)
    if args.output == "-":
        raise UsageError("-o - does not apply to --format svg: give -o DIR, a directory for the pictures", prog)
    if args.size is not None:
        (columns, rows), (fewest_columns, fewest_rows), (most_columns, most_rows) = args.size, MIN_SIZE, SVG_MAX_SIZE
        if not (fewest_columns <= columns <= most_columns and fewest_rows <= rows <= most_rows):
            raise UsageError(
                f"--size must be from {fewest_columns}x{fewest_rows} to {most_columns}x{most_rows}, "
                f"not {columns}x{rows}",
                prog,
            )


def _export_svg(deck_path: Path, deck: Deck, args: argparse.Namespace) -> int:
    """An SVG per slide (per step with --steps) in the directory -o names, drawn by the show
    itself; and with --index, a page that shows them in order."""
    from briefing.export.svg_files import slide_files
    from briefing.export.svg_index import index_page
    from briefing.fileio import why_not_written, write_atomic
    from briefing.ui.svg_export import Picture, Stopped, draw_pictures

    folder = Path(args.output) if args.output else Path(f"{deck_path.resolve().stem or 'deck'}-svg")
    if os.path.lexists(folder) and not folder.is_dir():
        raise WriteError(folder, "it exists and is not a directory")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(folder, f"cannot create the directory: {why_not_written(folder, exc)}") from None

    def write(name: str, text: str) -> None:
        target = folder / name
        try:
            write_atomic(target, text.encode("utf-8"))
        except OSError as exc:
            raise WriteError(target, f"cannot write: {why_not_written(target, exc)}") from None

    def written(picture: Picture) -> None:
        write(picture.file.name, picture.svg)

    files = slide_files(deck, steps=args.steps)
    size = args.size if args.size is not None else SVG_SIZE
    try:
        drawing = draw_pictures(deck_path, deck, files, size=size, theme=args.theme, done=written)
    except Stopped as stopped:
        print(f"briefing: {stopped} of {len(files)} (in {folder})", file=sys.stderr)
        return stopped.exit_status
    for problem in drawing.problems:
        print(f"briefing: warning: {problem}", file=sys.stderr)
    cut_off = sorted({picture.file.slide + 1 for picture in drawing.pictures if picture.cut_off})
    if cut_off:
        numbers = ", ".join(str(number) for number in cut_off)
        print(
            f"briefing: warning: taller than {size[0]}x{size[1]}, so the picture shows only part of it: "
            f"slide{'s' if len(cut_off) > 1 else ''} {numbers} (a larger --size shows more)",
            file=sys.stderr,
        )
    if args.index:
        write("index.html", index_page(deck, files))
    extra = " and index.html" if args.index else ""
    print(f"{len(files)} SVG files{extra} in {folder}", file=sys.stderr)
    return 0


def _export_page(deck: Deck, args: argparse.Namespace, runs: Mapping[RunKey, RunOutput] | None) -> str | bytes:
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

        return export_pdf(deck, notes=args.notes, theme=args.theme, steps=args.steps, runs=runs)
    from briefing.export.html import export_html

    return export_html(deck, notes=args.notes, theme=args.theme, runs=runs)


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
        if args.run_code:
            from briefing.core.runnable import Limits
            from briefing.deck_runs import run_findings

            findings += run_findings(deck, Limits(seconds=args.time_limit))
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


def run_serve(deck_path: Path, args: argparse.Namespace) -> int:
    from briefing.load import load

    if args.theme is not None:
        from briefing.export.html_theme import theme_names

        if args.theme not in theme_names():
            raise UsageError(f"unknown theme {args.theme!r}; themes are: {', '.join(theme_names())}", "briefing serve")
    if args.relay is not None and not args.relay.startswith(("redis://", "rediss://")):
        raise UsageError(f"--relay takes a redis://HOST:PORT URL, not {args.relay!r}", "briefing serve")
    try:
        from briefing.serve.errors import ServeError
        from briefing.serve.run import ServeOptions, serve
    except ImportError as error:  # the serve extra is not installed
        print(f"briefing: serve needs {error.name}: pip install 'briefing[serve]'", file=sys.stderr)
        return 2
    deck = load(deck_path, dialect=args.dialect)
    options = ServeOptions(
        host=args.host,
        port=args.port,
        free=args.free,
        theme=args.theme,
        dialect=args.dialect,
        relay=args.relay,
        relay_channel=args.relay_channel,
        qr=args.qr,
    )
    try:
        return serve(deck_path, deck, options)
    except ServeError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2


def run_new(args: argparse.Namespace) -> int:
    import shlex

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
    from briefing.collector import pause_until_first_frame, resume

    pause_until_first_frame()  # the first frame resumes it (PresentScreen), or the end below
    try:
        return _present(deck_path, args)
    finally:
        resume()


def _present(deck_path: Path, args: argparse.Namespace) -> int:
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
    from briefing.terminal_graphics import images_drawing, no_graphics_message

    images: ImagesMode | None = images_drawing(getattr(args, "images", "auto"), os.environ)
    if images is None:  # `--images graphics` where there is none: say so before the screen changes
        print(f"briefing: --images graphics: {no_graphics_message(os.environ)}", file=sys.stderr)
        return 2
    from briefing.core.runnable import Limits
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
        run_code=args.run_code,
        run_limits=Limits(seconds=args.time_limit),
        images=images,
    )
    app.run()
    if app.recovered is not None:
        print(f"briefing: unsaved slide edits were kept in {app.recovered}", file=sys.stderr)
    return app.return_code or 0
