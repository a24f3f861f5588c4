"""Widgets of the presenter."""
