"""Whether a speed change left ``kg build``'s output alone: build the same inputs with two checkouts and
compare their ``graph.ttl`` (byte for byte, and as sorted lines when the bytes differ).

    python benchmarks/same_graphs.py --base /work/main --new . [INPUT ...]

Each checkout builds with its own code (``PYTHONPATH=CHECKOUT python -m kg build INPUT --out ... --no-html
--follow-symlinks``, one worker, as a user runs it) into a temporary folder; no INPUT builds the bundled sample.
Exit status 0 when the graphs are the same, 1 (with the first differing lines) when not.
"""
from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def build_graph(checkout: Path, inputs: list[str], out: Path) -> bytes:
    """``graph.ttl`` of ``inputs`` built by the code of ``checkout``."""
    env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
    subprocess.run([sys.executable, "-m", "kg", "build", *inputs, "--out", str(out), "--no-html",
                    "--follow-symlinks", "--quiet"], check=True, env=env, cwd=checkout)
    return (out / "graph.ttl").read_bytes()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the checkout before the change")
    ap.add_argument("--new", type=Path, default=Path("."), help="the checkout after it")
    ap.add_argument("inputs", nargs="*", help="files or folders (absolute paths); none = the bundled sample")
    a = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kg-same-graphs-"))
    base = build_graph(a.base, a.inputs, tmp / "base")
    new = build_graph(a.new, a.inputs, tmp / "new")
    if base == new:
        print(f"same bytes ({len(new):,} bytes of Turtle)")
        return 0
    old_lines, new_lines = base.decode().splitlines(), new.decode().splitlines()
    if sorted(old_lines) == sorted(new_lines):
        print(f"same lines in another order ({len(new_lines):,} lines)")
        return 0
    diff = difflib.unified_diff(sorted(old_lines), sorted(new_lines), "base (sorted)", "new (sorted)", lineterm="", n=0)
    print("\n".join(list(diff)[:40]))
    return 1


if __name__ == "__main__":
    sys.exit(main())
