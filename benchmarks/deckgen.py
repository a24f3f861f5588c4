"""Generate the benchmark deck: N slides, each with the elements a real talk uses.

python benchmarks/deckgen.py [N] > deck.md
"""

from __future__ import annotations

import sys


def slide(number: int) -> str:
    return f"""# Slide {number}: measuring the loader

This paragraph has **bold text**, a [link](https://example.com/{number}) and `inline_code({number})`,
so the inline parser has real work on every slide.

- first point
  - nested point {number}
  - another nested point
- second point

| name | value | note |
|------|------:|------|
| alpha | {number} | first |
| beta | {number * 2} | second |
| gamma | {number * 3} | third |

```python
def scale(x):
    return x * {number}
```

<!--
Speaker note for slide {number}: remember to mention the number {number}.
-->
"""


def deck(count: int) -> str:
    header = "---\ntitle: Benchmark deck\nauthor: briefing benchmarks\nduration: 30m\n---\n\n"
    return header + "\n---\n\n".join(slide(n) for n in range(1, count + 1))


if __name__ == "__main__":
    sys.stdout.write(deck(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
