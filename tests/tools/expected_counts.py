"""Ask the source tools themselves how they count the dialect fixtures (issue 11, section 6).

Run by hand, never by CI (it installs tools and takes minutes):

    python3 tests/tools/expected_counts.py --install            # once: fetch the tools
    python3 tests/tools/expected_counts.py                      # compare with expected.json
    python3 tests/tools/expected_counts.py --write              # record the tools' numbers

For every fixture a tool can read, it prints the tool's slide count, steps per slide and notes
next to tests/fixtures/dialects/expected.json. `--write` copies the tools' steps into
expected.json and records which tool and version gave each number under the fixture's
"source". Slide lists (titles, drawn text) stay hand-written: when a tool counts a different
number of slides, or notes that lack the expected text, the script says so and exits 1, and a
person decides whether the fixture or the expectation is wrong.

The tools live outside the worktree, in --work (default /tmp/briefing-dialect-tools):
pandoc, patat and mdp from Debian (tmux drives mdp, on a private server); lookatme from PyPI in
its own venv; @marp-team/marp-core, @slidev/parser, reveal.js and jsdom from npm. remark is not
published on a registry: pass --remark-src with a checkout of github.com/gnab/remark to include
it (its parser is plain Node code); without it, remark's fixtures are skipped.

How each tool's output maps to briefing's terms (a step is one reveal state, so steps are one
more than the tool's fragments or clicks):
- marp-core: one slide per rendered slide, steps = 1 + `data-marpit-fragments`, notes = the
  slide's collected comments.
- @slidev/parser: `load()` (follows `src:` imports, drops `hide`/`disabled` slides), notes =
  each slide's note; its import errors for the error fixtures. Clicks are counted by Slidev's
  Vue transforms at runtime, not by the parser, so Slidev steps stay documented.
- remark: its parser's slides; a `layout: true` slide is a template, not a slide, and a slide
  continued with `--` is one more step of the slide before it (remark's own
  `countIncrementalSlides: false` numbering); notes = the parts after `???`.
- reveal.js: the markdown plugin run in jsdom with reveal-md's default separators; one slide
  per innermost <section>, steps = 1 + `.fragment` elements, notes = <aside class="notes">.
- pandoc: `-t revealjs`; one slide per <section class="... slide ...">, steps = 1 + fragments,
  notes = <aside class="notes">, tables = <table> elements.
- patat: `--dump` prints every reveal state of every slide with an `n / N` counter.
- mdp: run in tmux; the `n / N` counter and each key press that changes the screen.
- lookatme: its Parser, which makes one slide object per `<!-- stop -->` state.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIALECTS = ROOT / "tests" / "fixtures" / "dialects"
EXPECTED = DIALECTS / "expected.json"

# fixture → (tool, the fields the tool is the authority for). Fields: slides (count), steps,
# notes, tables, error. A tool listed with "info" is run and printed but decides nothing: its
# rule differs from the on purpose (the README of the fixtures says why).
AUTHORITY: dict[str, tuple[str, tuple[str, ...]]] = {
    "marp-talk": ("marp", ("slides", "steps", "notes")),
    "marp-classic": ("marp", ("slides", "steps")),  # marp-core reads classic directives as notes
    "marp-dialect-key": ("marp", ("slides", "steps", "notes")),
    "slidev-talk": ("slidev", ("slides", "notes")),
    "slidev-src-cycle": ("slidev", ("error",)),
    "slidev-src-outside": ("slidev", ("error",)),
    "slidev-src-missing": ("slidev", ("error",)),
    "remark-talk": ("remark", ("slides", "steps", "notes")),
    "remark-question-marks": ("remark", ("slides", "steps", "notes")),
    "revealjs-talk": ("reveal", ("slides", "steps", "notes")),
    "patat-talk": ("patat", ("slides", "steps")),  # Debian's patat 0.8.8 predates notes
    "patat-rules": ("patat", ("info",)),  # 0.8.8 keeps comment-only slides; 0.9+ drops them
    "pandoc-beamer": ("pandoc", ("slides", "steps", "notes")),
    "pandoc-tables": ("pandoc", ("slides", "steps", "notes", "tables")),
    "mdp-talk": ("mdp", ("slides", "steps")),
    "lookatme-talk": ("lookatme", ("slides", "steps")),
    "lookatme-headings": ("lookatme", ("slides", "steps")),
}


@dataclass
class SlideCount:
    steps: int | None = None
    notes: list[str] | None = None
    tables: int | None = None


@dataclass
class Result:
    tool: str  # name and version, as recorded in expected.json
    slides: list[SlideCount] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "file: message" from the tool


# ---------------------------------------------------------------------------------------------
# Installing the tools (outside the worktree)


def install(work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    # node and npm (Node 20 or later, for @slidev/parser) must already be on PATH
    debian = [name for name in ("pandoc", "patat", "mdp", "tmux") if not shutil.which(name)]
    if debian:
        run(["apt-get", "install", "-y", *debian])
    venv = work / "lookatme-venv"
    if not (venv / "bin" / "python").exists():
        run([sys.executable, "-m", "venv", str(venv)])
        pip = [str(venv / "bin" / "pip"), "install", "-q"]
        # lookatme 2.5.5 pins PyYAML < 6, whose sdist only builds with Cython < 3
        run([*pip, "cython<3", "wheel", "setuptools<70"])
        run([*pip, "--no-build-isolation", "pyyaml==5.4.1"])
        run([*pip, "lookatme==2.5.5"])
    for directory, packages in (
        ("marp", ["@marp-team/marp-core"]),
        ("slidev", ["@slidev/parser"]),
        ("reveal", ["reveal.js", "jsdom"]),
    ):
        target = work / directory
        if not (target / "node_modules").exists():
            target.mkdir(exist_ok=True)
            (target / "package.json").write_text('{"private": true, "type": "module"}\n')
            run(["npm", "install", "--silent", *packages], cwd=target)


def run(command: list[str], *, cwd: Path | None = None, stdin_text: str | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, input=stdin_text, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def npm_version(work: Path, directory: str, package: str) -> str:
    manifest = work / directory / "node_modules" / package / "package.json"
    return json.loads(manifest.read_text())["version"]


# ---------------------------------------------------------------------------------------------
# One runner per tool: fixture path → Result


MARP_JS = """
import { Marp } from '@marp-team/marp-core';
import { readFileSync } from 'node:fs';
const { html, comments } = new Marp().render(readFileSync(process.argv[2], 'utf8'), { htmlAsArray: true });
console.log(JSON.stringify(html.map((slide, i) => ({
  fragments: Math.max(0, ...[...slide.matchAll(/data-marpit-fragments="(\\d+)"/g)].map(m => +m[1])),
  notes: comments[i],
}))));
"""


def run_marp(work: Path, deck: Path) -> Result:
    slides = json.loads(node(work / "marp", MARP_JS, deck))
    tool = f"marp-core {npm_version(work, 'marp', '@marp-team/marp-core')}"
    return Result(tool, [SlideCount(1 + s["fragments"], s["notes"]) for s in slides])


SLIDEV_JS = """
import { load } from '@slidev/parser/fs';
import { dirname } from 'node:path';
const deck = process.argv[2];
const root = dirname(deck);
const data = await load({ userRoot: root, roots: [root], allowedRoots: [root] }, deck);
const errors = Object.entries(data.markdownFiles)
  .flatMap(([file, md]) => (md.errors || []).map(e => `${file}: ${e.message}`));
console.log(JSON.stringify({ slides: data.slides.map(s => ({ note: s.note || null })), errors }));
"""


def run_slidev(work: Path, deck: Path) -> Result:
    data = json.loads(node(work / "slidev", SLIDEV_JS, deck))
    tool = f"@slidev/parser {npm_version(work, 'slidev', '@slidev/parser')}"
    slides = [SlideCount(None, [s["note"]] if s["note"] else []) for s in data["slides"]]
    return Result(tool, slides, data["errors"])


REMARK_JS = """
const Parser = require(process.argv[2] + '/src/remark/parser.js');
const source = require('fs').readFileSync(process.argv[3], 'utf8');
const slides = [];
for (const slide of new Parser().parse(source, {}, {})) {
  const notes = (slide.notes || []).filter(n => typeof n === 'string').join('').trim();
  if (slide.properties.layout === 'true') continue;  // a template for the slides after it
  if (slide.properties.continued === 'true' && slides.length) {
    const last = slides[slides.length - 1];
    last.steps += 1;
    if (notes) last.notes.push(notes);
  } else {
    slides.push({ steps: 1, notes: notes ? [notes] : [] });
  }
}
console.log(JSON.stringify(slides));
"""


def run_remark(work: Path, remark_src: Path, deck: Path) -> Result:
    harness = work / "remark-harness.cjs"  # CommonJS, as remark's sources are
    harness.parent.mkdir(parents=True, exist_ok=True)
    harness.write_text(REMARK_JS)
    slides = json.loads(run(["node", str(harness), str(remark_src.resolve()), str(deck)]))
    version = json.loads((remark_src / "package.json").read_text())["version"]
    commit = ""
    if (remark_src / ".git").exists():
        commit = " " + run(["git", "-C", str(remark_src), "rev-parse", "--short", "HEAD"]).strip()
    counts = [SlideCount(s["steps"], s["notes"]) for s in slides]
    return Result(f"remark {version}{commit} (gnab/remark parser)", counts)


REVEAL_JS = """
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
// reveal-md takes the YAML front matter off and uses these separators (its lib/defaults.json);
// the notes separator is the markdown plugin's own default.
const markdown = readFileSync(process.argv[2], 'utf8').replace(/^---\\r?\\n[\\s\\S]*?\\r?\\n---\\r?\\n/, '');
const dom = new JSDOM('<div class="reveal"><div class="slides"><section data-markdown'
  + ' data-separator="\\r?\\n---\\r?\\n" data-separator-vertical="\\r?\\n----\\r?\\n">'
  + '<textarea data-template></textarea></section></div></div>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const name of ['Node', 'NodeFilter', 'HTMLElement', 'Element', 'DOMParser', 'navigator', 'location'])
  if (dom.window[name] && !(name in globalThis)) globalThis[name] = dom.window[name];
document.querySelector('textarea').textContent = markdown;
const { default: Markdown } = await import('reveal.js/plugin/markdown');
await Markdown().init({ getRevealElement: () => document.querySelector('.reveal'), getConfig: () => ({}), on() {} });
const leaves = [...document.querySelectorAll('.slides section')].filter(s => !s.querySelector('section'));
console.log(JSON.stringify(leaves.map(s => ({
  fragments: s.querySelectorAll('.fragment').length,
  notes: [...s.querySelectorAll('aside.notes')].map(a => a.textContent.trim()),
}))));
"""


def run_reveal(work: Path, deck: Path) -> Result:
    slides = json.loads(node(work / "reveal", REVEAL_JS, deck))
    tool = (
        f"reveal.js {npm_version(work, 'reveal', 'reveal.js')} markdown plugin "
        f"(jsdom {npm_version(work, 'reveal', 'jsdom')}, reveal-md separators)"
    )
    return Result(tool, [SlideCount(1 + s["fragments"], s["notes"]) for s in slides])


def node(directory: Path, script: str, deck: Path) -> str:
    harness = directory / "harness.mjs"
    harness.write_text(script)
    return run(["node", str(harness), str(deck)], cwd=directory)


class _RevealSections(HTMLParser):
    """Counts, per pandoc slide <section>, its fragments, notes and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[SlideCount] = []
        self.in_notes = 0  # nesting depth inside <aside class="notes">

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "slide" in classes:
            self.slides.append(SlideCount(1, [], 0))
        elif not self.slides:
            return
        elif tag == "aside" and "notes" in classes:
            self.in_notes = 1
            self.slides[-1].notes.append("")
        elif self.in_notes:
            self.in_notes += tag not in ("br", "img", "hr")
        elif "fragment" in classes:
            self.slides[-1].steps += 1
        elif tag == "table":
            self.slides[-1].tables += 1

    def handle_endtag(self, tag: str) -> None:
        if self.in_notes:
            self.in_notes -= 1

    def handle_data(self, data: str) -> None:
        if self.in_notes:
            self.slides[-1].notes[-1] = (self.slides[-1].notes[-1] + data).strip()


def run_pandoc(deck: Path) -> Result:
    parser = _RevealSections()
    parser.feed(run(["pandoc", "-t", "revealjs", str(deck)]))
    version = run(["pandoc", "--version"]).split("\n", 1)[0]
    return Result(f"{version} -t revealjs", parser.slides)


_COUNTER = re.compile(r"(\d+) / (\d+)\s*$")


def run_patat(deck: Path) -> Result:
    dump = run(["patat", "--dump", "--force", str(deck)], cwd=deck.parent)
    dump = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", dump)
    numbers = [int(match.group(1)) for state in dump.split("\n----------\n") if (match := _last_counter(state))]
    version = run(["patat", "--version"]).strip().splitlines()[0]
    return Result(f"patat {version.split()[-1]} --dump", _states_per_slide(numbers))


def _last_counter(screen: str) -> re.Match | None:
    matches = [m for line in screen.splitlines() if (m := _COUNTER.search(line))]
    return matches[-1] if matches else None


def _states_per_slide(numbers: list[int]) -> list[SlideCount]:
    """Reveal states labelled with their slide numbers → steps per slide."""
    slides: list[SlideCount] = []
    for number in numbers:
        while len(slides) < number:
            slides.append(SlideCount(0))
        slides[number - 1].steps += 1
    return slides


def run_mdp(deck: Path) -> Result:
    """Drive mdp in a private tmux server: press `l` until the screen stops changing."""
    server = f"briefing-expected-mdp-{os.getpid()}"
    tmux = ["tmux", "-L", server]
    run([*tmux, "new-session", "-d", "-x", "80", "-y", "24", f"TERM=xterm-256color mdp {deck}"])
    try:
        numbers: list[int] = []
        screen = ""
        for _ in range(200):
            changed = _wait_for_change(tmux, screen)
            if changed is None:
                break  # the last state: a key press changes nothing any more
            screen = changed
            numbers.append(int(_last_counter(screen).group(1)))
            run([*tmux, "send-keys", "l"])
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    version = run(["dpkg-query", "-W", "-f", "${Version}", "mdp"]).strip()
    return Result(f"mdp {version} (in tmux)", _states_per_slide(numbers))


def _wait_for_change(tmux: list[str], previous: str, timeout: float = 3.0) -> str | None:
    """The screen once it differs from `previous` and shows mdp's counter; None on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = run([*tmux, "capture-pane", "-p"])
        if screen != previous and _last_counter(screen):
            return screen
        time.sleep(0.05)
    return None


LOOKATME_PY = """
import json, sys
import lookatme
from lookatme.parser import Parser

class Counting(Parser):
    # one call per slide; it yields one slide object per <!-- stop --> state
    def _create_slides(self, tokens, number):
        states = list(super()._create_slides(tokens, number))
        self.states.append(len(states))
        return states

parser = Counting()
parser.states = []
parser.parse(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps({"version": lookatme.__version__, "states": parser.states}))
"""


def run_lookatme(work: Path, deck: Path) -> Result:
    python = work / "lookatme-venv" / "bin" / "python"
    data = json.loads(run([str(python), "-c", LOOKATME_PY, str(deck)]))
    return Result(f"lookatme {data['version']}", [SlideCount(n) for n in data["states"]])


# ---------------------------------------------------------------------------------------------
# Comparing and recording


def measure(tool: str, deck: Path, work: Path, remark_src: Path | None) -> Result | None:
    if tool == "remark":
        return run_remark(work, remark_src, deck) if remark_src else None
    runners = {
        "marp": lambda: run_marp(work, deck),
        "slidev": lambda: run_slidev(work, deck),
        "reveal": lambda: run_reveal(work, deck),
        "pandoc": lambda: run_pandoc(deck),
        "patat": lambda: run_patat(deck),
        "mdp": lambda: run_mdp(deck),
        "lookatme": lambda: run_lookatme(work, deck),
    }
    return runners[tool]()


def compare(name: str, spec: dict, fields: tuple[str, ...], result: Result) -> list[str]:
    """Disagreements between the tool and expected.json; with --write, the tool's steps are
    copied in first, so only slide counts, notes, tables and errors can disagree."""
    problems = []  # "DISAGREES: <fixture> slide n: <the tool's number>, expected.json <ours>"
    if "error" in fields:
        located = spec.get("error") or spec["finding"]  # fatal, or a `check` error
        wanted = (DIALECTS / located["file"]).resolve()
        if not any(error.startswith(f"{wanted}:") for error in result.errors):
            problems.append(f"{name}: the tool reports no error in {wanted}: {result.errors}")
        return problems
    slides = spec["slides"]
    if len(result.slides) != len(slides):
        return [f"{name}: the tool counts {len(result.slides)} slides, expected.json {len(slides)}"]
    for number, (counted, wanted) in enumerate(zip(result.slides, slides, strict=True), start=1):
        where = f"{name} slide {number}"
        if "steps" in fields and counted.steps != wanted["steps"]:
            problems.append(f"{where}: {counted.steps} steps, expected.json {wanted['steps']}")
        if (
            "notes" in fields
            and counted.notes is not None
            and (
                len(counted.notes) != len(wanted["notes"])
                or not all(text in note for text, note in zip(wanted["notes"], counted.notes, strict=True))
            )
        ):
            problems.append(f"{where}: notes {counted.notes}, expected.json {wanted['notes']}")
        tables = wanted.get("tables", 0)
        if "tables" in fields and counted.tables != tables:
            problems.append(f"{where}: {counted.tables} tables, expected.json {tables}")
    return problems


def record(spec: dict, fields: tuple[str, ...], result: Result) -> None:
    source = spec.setdefault("source", {})
    if "error" in fields:
        source["error"] = f"{result.tool} (the file; the line is documented)"
        return
    if len(result.slides) == len(spec["slides"]):
        for counted, wanted in zip(result.slides, spec["slides"], strict=True):
            if "steps" in fields and counted.steps is not None:
                wanted["steps"] = counted.steps
    for key in ("slides", "steps", "notes", "tables"):
        if key in fields:
            source[key] = result.tool


def report(name: str, result: Result, fields: tuple[str, ...]) -> None:
    if result.errors and "error" in fields:
        print(f"{name:24} {result.tool}: {result.errors}")
        return
    steps = [s.steps for s in result.slides]
    notes = [len(s.notes) if s.notes is not None else "-" for s in result.slides]
    info = " (info only)" if "info" in fields else ""
    print(f"{name:24} {result.tool}{info}: {len(result.slides)} slides, steps {steps}, notes {notes}")


def dump_expected(data: dict) -> str:
    """expected.json as committed: two-space indents, short lists of strings on one line."""
    text = json.dumps(data, indent=2, ensure_ascii=False)

    def inline(match: re.Match) -> str:
        items = json.loads(match.group(0))
        one_line = json.dumps(items, ensure_ascii=False)
        indent = match.string[: match.start()].rsplit("\n", 1)[-1]
        return one_line if len(indent) + len(one_line) <= 100 else match.group(0)

    return re.sub(r"\[\s*(?:\"(?:[^\"\\]|\\.)*\"\s*,?\s*)+\]", inline, text) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-dialect-tools"))
    parser.add_argument("--install", action="store_true", help="install the tools into --work")
    parser.add_argument("--remark-src", type=Path, help="a checkout of github.com/gnab/remark")
    parser.add_argument("--write", action="store_true", help="record the numbers in expected.json")
    parser.add_argument("fixtures", nargs="*", help="fixture names (default: all)")
    args = parser.parse_args()
    if args.install:
        install(args.work)
    data = json.loads(EXPECTED.read_text(encoding="utf-8"))
    problems: list[str] = []
    for name, (tool, fields) in AUTHORITY.items():
        if args.fixtures and name not in args.fixtures:
            continue
        spec = data["fixtures"][name]
        result = measure(tool, DIALECTS / spec["deck"], args.work, args.remark_src)
        if result is None:
            print(f"{name:24} skipped: {tool} is not available (see --help)")
            continue
        report(name, result, fields)
        if "info" in fields:
            continue
        if args.write:
            record(spec, fields, result)
        problems += compare(name, spec, fields, result)
    if args.write:
        EXPECTED.write_text(dump_expected(data), encoding="utf-8")
    for problem in problems:
        print("DISAGREES:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
