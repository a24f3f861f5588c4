"""Image decode times: a 1920x1080 PNG and a 4000x3000 JPEG, cold and from the cache, and their
half-block cells for a 100x30 box, first time and again.

    python benchmarks/images.py [--runs 7]

Decode: the cache is empty, so the file is opened, checked and decoded (to at most 2048 pixels
a side). Cached: the same image again, as when its slide comes back (a stat, an open, a lookup).
Cells: resampling the decoded image to the box and building the half-block cells, which the
show's fallback needs for each size it draws at (kept per image, so again is a lookup).
Medians of in-process runs; the files are made fresh (gradients with grain, so they compress
like photographs rather than like flat colour).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from briefing.image_cells import fit_cells, half_blocks
from briefing.images import DecodedImage, ImageCache, load_image


def photo_like(size: tuple[int, int]) -> Image.Image:
    """Smooth gradients with grain: about what a photograph costs to compress and decode."""
    red = Image.linear_gradient("L").resize(size)
    green = Image.radial_gradient("L").resize(size)
    grain = Image.effect_noise(size, 40)
    blue = Image.blend(red.transpose(Image.Transpose.ROTATE_90).resize(size), grain, 0.5)
    return Image.merge("RGB", (Image.blend(red, grain, 0.2), green, blue))


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        deck = Path(scratch)
        photo_like((1920, 1080)).save(deck / "screen.png", "PNG")
        photo_like((4000, 3000)).save(deck / "photo.jpg", "JPEG", quality=90)
        print(f"{'image':<24}{'file':>9}{'decode':>10}{'cached':>10}{'cells':>11}{'cached':>10}")
        for name in ("screen.png", "photo.jpg"):
            cache = ImageCache()

            def cold(name: str = name, cache: ImageCache = cache) -> None:
                cache.clear()
                load_image(name, deck / "talk.md", deck, cache=cache)

            def cached(name: str = name, cache: ImageCache = cache) -> None:
                load_image(name, deck / "talk.md", deck, cache=cache)

            cold_ms = median_ms(cold, args.runs)
            cached_ms = median_ms(cached, args.runs)
            decoded = load_image(name, deck / "talk.md", deck, cache=cache)
            assert isinstance(decoded, DecodedImage), decoded
            columns, rows = fit_cells(decoded.info.width, decoded.info.height, 100, 30)
            # a fresh DecodedImage has no cells kept yet
            cells_cold_ms = median_ms(lambda d=decoded, c=columns, r=rows: half_blocks(replace(d), c, r), args.runs)
            cells_cached_ms = median_ms(lambda d=decoded, c=columns, r=rows: half_blocks(d, c, r), args.runs)
            size = (deck / name).stat().st_size / (1 << 20)
            label = f"{name} {decoded.info.width}x{decoded.info.height}"
            print(
                f"{label:<24}{size:>7.1f}MB{cold_ms:>8.1f}ms{cached_ms:>8.2f}ms"
                f"{cells_cold_ms:>9.1f}ms{cells_cached_ms:>8.3f}ms  {columns}x{rows} cells"
            )


if __name__ == "__main__":
    main()
