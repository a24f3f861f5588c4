"""The QR codes drawn in the terminal: half blocks that put back exactly segno's modules."""

from __future__ import annotations

import segno

from briefing.serve.qr import QUIET_ZONE, qr_lines

TOP = {"\u2588": (True, True), "\u2580": (True, False), "\u2584": (False, True), " ": (False, False)}


def test_the_half_blocks_hold_every_module_of_the_code():
    url = "http://192.168.1.20:8765/control#0123456789abcdefghijkl"
    lines = qr_lines(url)
    modules = [[not dark for dark in row] for row in segno.make(url, error="l").matrix_iter(border=QUIET_ZONE)]
    assert len({len(line) for line in lines}) == 1
    drawn = []
    for line in lines:
        drawn.append([TOP[char][0] for char in line])
        drawn.append([TOP[char][1] for char in line])
    assert drawn[: len(modules)] == modules  # light modules are ink
    assert all(all(row) for row in drawn[len(modules) :])  # the padding row is quiet zone
