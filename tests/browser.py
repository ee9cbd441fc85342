"""Headless Chromium (Debian's chromium-headless-shell) for the report's tests and the README picture."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")


def chromium() -> str | None:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    found = chromium()
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("headless Chromium is missing in CI: .ci/run installs chromium-headless-shell")
    pytest.skip("headless Chromium is not installed: apt-get install chromium-headless-shell to run this test")


def _run(browser: str, args: list[str], page: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home)}
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
           "--disable-background-networking", *args, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, env=env, timeout=120)


def screenshot(browser: str, page: Path, png: Path, width: int = 1100, height: int = 1500) -> Path:
    """The first screen of ``page`` as a PNG, as a leader's browser draws it."""
    proc = _run(browser, [f"--screenshot={png}", f"--window-size={width},{height}"], page, png.parent)
    assert proc.returncode == 0 and png.exists(), proc.stderr.decode(errors="replace")[-2000:]
    return png


def dom(browser: str, page: Path, home: Path) -> str:
    """The page's DOM after Chromium parsed and laid it out."""
    proc = _run(browser, ["--dump-dom"], page, home)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc.stdout.decode("utf-8")
