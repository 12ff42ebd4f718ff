"""Reading a rendered PDF back: its pages as text (pdftotext) and as images (pdftoppm)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install Debian's poppler-utils (.ci/run does).")
    return found


def pages_text(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each page's text, laid out as printed (a table row reads as one line)."""
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [_tool("pdftotext"), "-layout", str(source), "-"], capture_output=True, check=True
    )
    return out.stdout.decode().split("\f")[:-1]


def pages_png(pdf: bytes, tmp_path: Path, dpi: int = 40) -> list[Path]:
    """Each page as a grey PNG, rendered with the fixed fonts of golden/fonts.conf."""
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf)
    env = {**os.environ, "FONTCONFIG_FILE": str(GOLDEN / "fonts.conf")}
    subprocess.run(
        [_tool("pdftoppm"), "-r", str(dpi), "-gray", "-png", str(source), str(tmp_path / "page")],
        check=True,
        env=env,
    )
    return sorted(tmp_path.glob("page-*.png"))
