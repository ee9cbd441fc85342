"""Make the README's picture of the minutes: the first page of the minutes of appraisal (biên bản thẩm
định) of Sở Y tế in the README's campaign walk-through, written in Vietnamese as an office prints it,
printed to PDF by headless LibreOffice and its first page drawn by poppler's pdftoppm, as the tests of
the Word papers print them (tests/office.py).

    python scripts/minutes_picture.py     # writes docs/minutes-first-page.png
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from tests import office  # noqa: E402


def main() -> int:
    import update_readme

    work = Path(tempfile.mkdtemp(prefix="parcli-minutes-"))
    try:
        update_readme.render((ROOT / "README.md").read_text(encoding="utf-8"), keep=work)  # the walk-through, run
        camp = work / "cchc-2025"
        env = {**os.environ, "PARCLI_NOW": "2025-12-06T08:00", "PARCLI_LANG": "vi"}
        subprocess.run([sys.executable, "-m", "parcli", "campaign", "minutes", str(camp), "SYT", "--force"],
                       check=True, env=env, cwd=work)
        pdf = office.convert([camp / "out" / "minutes" / "SYT.docx"], "pdf", work / "pdf")[0]
        subprocess.run([office.poppler("pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(work / "page")], check=True)
        target = ROOT / "docs" / "minutes-first-page.png"
        shutil.copyfile(work / "page.png", target)
        print(f"wrote {target.relative_to(ROOT)}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
