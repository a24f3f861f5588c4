"""Decks for the serve tests: notes with words no page may show, images inside and outside."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

SECRETS = ("zanzibar-aubergine", "quokka-marmalade", "plinth-of-saffron")
"""One word per slide's notes: none may reach a response made without the token."""


def write_deck(folder: Path) -> Path:
    """A three-slide deck in `folder`/deck (slide 2 has two steps), an image it names, a file
    it does not, and a picture outside it reached through a symlink. Returns the deck file."""
    deck = folder / "deck"
    (deck / "pictures").mkdir(parents=True)
    Image.new("RGB", (4, 4), "red").save(deck / "pictures" / "red dot.png")
    Image.new("RGB", (4, 4), "blue").save(deck / "unreferenced.png")
    Image.new("RGB", (4, 4), "green").save(folder / "outside.png")
    (deck / "escape.png").symlink_to(folder / "outside.png")
    (folder / "secret.txt").write_text("not for the web\n")
    text = (
        "---\ntitle: Served <script>window.__pwned=1</script>\nduration: 3m\n---\n\n"
        f"# First <img src=x onerror=window.__pwned=1>\n\nHello.\n\n<!--\n{SECRETS[0]}\n-->\n\n---\n\n"
        "# Second\n\nOne.\n\n<!-- pause -->\n\nTwo ![red](pictures/red%20dot.png) ![out](escape.png)"
        f" ![up](../outside.png)\n\n<!--\n{SECRETS[1]}\n-->\n\n---\n\n"
        f"# Third\n\nBye.\n\n<!--\n{SECRETS[2]}\n-->\n"
    )
    path = deck / "talk.md"
    path.write_text(text, encoding="utf-8")
    return path
