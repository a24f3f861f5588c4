"""Regenerate the README's screenshots: `python docs/screenshots.py` (writes docs/*.svg)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from briefing.cli import bundled_deck
from briefing.ui.app import BriefingApp

HERE = Path(__file__).resolve().parent
SHOTS = {
    "slide.svg": dict(start_slide=8, keys=["right"]),
    "speaker.svg": dict(start_slide=4, keys=["right", "s"]),
    "console.svg": dict(start_slide=7, keys=["right"], role="console", size=(120, 36)),
}


async def shoot(
    name: str, start_slide: int, keys: list[str], role: str = "audience", size: tuple[int, int] = (100, 30)
) -> None:
    app = BriefingApp(
        bundled_deck(),
        start_slide=start_slide,
        watch=False,
        sync=False,
        role=role,
        clock=lambda: 312.0,
        wall_clock=lambda: "14:05",
    )
    async with app.run_test(size=size) as pilot:
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        app.save_screenshot(str(HERE / name))


async def main() -> None:
    for name, options in SHOTS.items():
        await shoot(name, **options)


if __name__ == "__main__":
    asyncio.run(main())
