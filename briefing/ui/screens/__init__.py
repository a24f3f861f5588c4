"""Screens pushed over the show: help, overview, search, blackout."""
