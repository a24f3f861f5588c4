"""Exporters: a deck model in, a document out. None of them imports Textual."""
