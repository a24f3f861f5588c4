"""Live reload: changes appear on the same slide; a broken deck keeps the last good one."""

from __future__ import annotations

import shutil

from briefing.ui.navigation import Position
from tests.conftest import DECKS
from tests.ui.helpers import make_app, view_text


def copy_show(tmp_path):
    path = tmp_path / "show.md"
    shutil.copy(DECKS / "show.md", path)
    return path


def error_notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


async def reload_and_wait(app, pilot) -> None:
    await pilot.press("r")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_r_reloads_and_stays_on_the_slide(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path, start_slide=3)
    async with app.run_test(size=(80, 24)) as pilot:
        path.write_text(path.read_text().replace("| beta | 22 |", "| beta | 23 |\n| gamma | 4 |"))
        await reload_and_wait(app, pilot)
        assert app.position == Position(2, 0)
        assert "gamma" in view_text(app)


async def test_a_moved_slide_is_followed_by_its_title(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path, start_slide=3)  # "Table"
    async with app.run_test(size=(80, 24)) as pilot:
        path.write_text(path.read_text().replace("# Opening", "# Intro\n\n---\n\n# Opening", 1))
        await reload_and_wait(app, pilot)
        assert app.slide.title == "Table"
        assert app.position == Position(3, 0)


async def test_broken_deck_keeps_the_last_good_one_until_fixed(tmp_path):
    path = copy_show(tmp_path)
    good = path.read_text()
    app = make_app(path, start_slide=2)
    async with app.run_test(size=(80, 24)) as pilot:
        path.write_text(good.replace("title: A test show", "title: [unclosed"))
        await reload_and_wait(app, pilot)
        [message] = error_notifications(app)
        assert message == (
            "show.md:3: front matter is not valid YAML: did not find expected ',' or ']'"
            " (while parsing a flow sequence that starts on line 2)"
        )
        assert app.reload_error == message
        assert "First point." in view_text(app)  # the last good deck is still shown
        path.unlink()
        await reload_and_wait(app, pilot)
        assert error_notifications(app) == ["show.md:1: no such file or directory"]
        path.write_text(good)
        await reload_and_wait(app, pilot)
        assert error_notifications(app) == []
        assert app.reload_error is None
        assert app.position == Position(1, 0)


async def test_saved_change_is_picked_up_without_a_key(tmp_path):
    path = copy_show(tmp_path)
    app = make_app(path, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):  # the watcher starts half a second after the first frame
            if app.watch_ready:
                break
            await pilot.pause(0.05)
        assert app.watch_ready
        path.write_text(path.read_text().replace("Welcome to the show.", "Welcome, watchers."))
        for _ in range(100):  # up to 5 s on a slow machine; usually well under 0.3 s
            await pilot.pause(0.05)
            if "Welcome, watchers." in view_text(app):
                break
        assert "Welcome, watchers." in view_text(app)


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_r_says_what_it_did(tmp_path):
    path = copy_show(tmp_path)
    good = path.read_text()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await reload_and_wait(app, pilot)
        assert messages(app) == ["reloaded (6 slides)"]
        path.write_text(good + "\n---\n\n# Encore\n")
        await reload_and_wait(app, pilot)
        assert messages(app)[-1] == "reloaded (7 slides)"
        path.write_text(good.replace("title: A test show", "title: [unclosed"))
        await reload_and_wait(app, pilot)
        [error] = error_notifications(app)
        assert error.startswith(f"{path.name}:3: front matter is not valid YAML")  # relative to the deck
        app.clear_notifications()  # the presenter dismissed it; `r` again says it again
        await reload_and_wait(app, pilot)
        assert error_notifications(app) == [error]
        path.write_text(good)
        await reload_and_wait(app, pilot)
        assert messages(app) == ["reloaded (6 slides)"]
