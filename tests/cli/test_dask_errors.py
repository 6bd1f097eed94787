"""`kg build --dask` with a scheduler that is not there, or an address that is none, is one line on stderr and
exit 1, within the connect timeout (real `kg build` processes; nothing listens on port 1)."""
import subprocess
import sys
import time

import pytest

from kg.config import DASK_CONNECT_SECONDS

KG = [sys.executable, "-m", "kg"]


def _build(tmp_path, address):
    t0 = time.perf_counter()
    proc = subprocess.run([*KG, "build", "--dask", address, "--ner", "rules", "--no-model", "--no-html",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    return proc, time.perf_counter() - t0


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    proc, seconds = _build(tmp_path, "tcp://127.0.0.1:1")
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kg: error: cannot reach the Dask scheduler tcp://127.0.0.1:1: "), lines
    assert seconds < DASK_CONNECT_SECONDS + 20  # distributed's own default waits 30 s


@pytest.mark.parametrize("address", ["bogus://host:1", "tcp://"])
def test_a_malformed_scheduler_address_is_one_line_at_once(tmp_path, address):
    proc, seconds = _build(tmp_path, address)
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: not a Dask scheduler address: {address} ("), lines
    assert seconds < DASK_CONNECT_SECONDS  # refused before any connection is tried
