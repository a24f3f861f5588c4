"""Renderers of parsed slide blocks: plain text (handouts, checks) and Rich (the presenter)."""
