"""The pure core: deck model, loader, front matter, sanitising. Imports neither Textual nor Rich."""
