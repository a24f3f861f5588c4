"""A wheel built from this checkout carries the bundled deck and presents it with no argument."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # The build backend's PEP 517 hook, as pip calls it, but in this environment (the test extra
    # has hatchling): pip's isolated build env costs three times the CPU of the build itself.
    subprocess.run(
        [sys.executable, "-c", "import sys, hatchling.build as backend; backend.build_wheel(sys.argv[1])", str(dist)],
        check=True,
        cwd=ROOT,
    )
    [built] = dist.glob("briefing-*.whl")
    return built


def test_wheel_contains_the_deck(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for slide in BUNDLED.glob("*.md"):
        assert f"briefing/slides/{slide.name}" in names
    assert "briefing/cli.py" in names


def test_wheel_carries_the_html_page_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("html_page.css", "html_page.js", "theme_table.py"):
        assert f"briefing/export/{name}" in names


def test_installed_wheel_uses_its_own_deck(wheel, tmp_path):
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # the dependencies come from this test environment, after the wheel's own files
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [env_dir / "bin" / "briefing", "export", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"].startswith("DeepSeek R1")
    assert data["slide_count"] == len(list(BUNDLED.glob("*.md")))
    where = subprocess.run(
        [python, "-c", "import briefing.cli as c; print(c.bundled_deck())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout.strip()
    assert where.startswith(str(env_dir))
