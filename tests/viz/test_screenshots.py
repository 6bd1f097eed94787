"""docs/screenshots.py runs (in the same Debian chromium as the browser tests) and writes the README's pictures."""
import os
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def test_screenshots_script_writes_the_readme_pictures(browser, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, str(ROOT / "docs" / "screenshots.py"), str(tmp_path)], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert png_size(tmp_path / "view.png") == (1280, 820)
    assert png_size(tmp_path / "query_page.png") == (1280, 820)
    width, height = png_size(tmp_path / "review_index.png")  # the whole page
    assert width == 1280 and height >= 820
    assert all((tmp_path / name).stat().st_size > 20000 for name in ("view.png", "query_page.png", "review_index.png"))
