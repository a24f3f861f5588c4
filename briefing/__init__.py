"""briefing: present Markdown slide decks in the terminal."""

__version__ = "0.1.0"
