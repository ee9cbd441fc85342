"""Make the README's picture of the report: the first page of the 17 departments' report, drawn by
headless Chromium exactly as the report's tests draw it (tests/browser.py).

    python scripts/report_picture.py     # writes docs/report-first-page.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, screenshot  # noqa: E402


def main() -> int:
    browser = chromium()
    if browser is None:
        print("headless Chromium is missing: apt-get install chromium-headless-shell", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="parcli-picture-"))
    page = work / "bao-cao.html"
    subprocess.run([sys.executable, "-m", "parcli", "report", str(ROOT / "examples" / "departments"), "-o", str(page)],
                   check=True, cwd=ROOT)
    target = ROOT / "docs" / "report-first-page.png"
    screenshot(browser, page, target, width=1000, height=1300)
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
