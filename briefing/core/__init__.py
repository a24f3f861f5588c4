"""The pure core: deck model, loader, front matter, sanitising, the cache format.

Imports neither Textual nor Rich, nor anything of briefing outside the core: it reads a deck's
files and writes none (docs/ARCHITECTURE.md)."""
