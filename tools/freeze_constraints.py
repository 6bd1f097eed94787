"""Write ``constraints.txt``: the exact versions of every package in a venv the test suite passes in.

    .venv/bin/python tools/freeze_constraints.py            # rewrite constraints.txt at the repo root
    .venv/bin/python tools/freeze_constraints.py --check    # exit 1 if constraints.txt differs

The README's install command and ``.ci/run`` install with ``pip install -c constraints.txt -e ".[dev]"``, so a
fresh venv gets these versions whatever pip it has. Run this with the python of the venv to freeze (the one
the suite passed in) after a dependency changes; kg itself (installed editable) is left out.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parent.parent / "constraints.txt"
HEADER = ("# Exact versions the kg test suite passes with (pip install -c constraints.txt -e \".[dev]\").\n"
          "# Regenerate with: .venv/bin/python tools/freeze_constraints.py\n")


def frozen() -> str:
    """``pip freeze`` of this interpreter's environment without editable installs (kg) or comments."""
    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], check=True,
                         capture_output=True, text=True).stdout
    lines = [line for line in out.splitlines() if line and not line.startswith(("#", "-e ")) and "==" in line]
    return HEADER + "\n".join(sorted(lines, key=str.lower)) + "\n"


def main(argv: list[str]) -> int:
    text = frozen()
    if "--check" in argv:
        same = CONSTRAINTS.is_file() and CONSTRAINTS.read_text(encoding="utf-8") == text
        print("constraints.txt is up to date" if same else "constraints.txt differs from this venv", file=sys.stderr)
        return 0 if same else 1
    CONSTRAINTS.write_text(text, encoding="utf-8")
    print(f"wrote {CONSTRAINTS} ({text.count(chr(10)) - 2} packages)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
