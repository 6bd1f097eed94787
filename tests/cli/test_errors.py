"""A full disk and a second writer are one line on stderr and exit 1, in real processes."""
import subprocess
import sys
import time

import pytest

KG = [sys.executable, "-m", "kg"]


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg.config import Settings
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("errors") / "store"
    build([], None, Settings(ner="rules"), store=folder)
    return folder


def test_query_output_on_a_full_device_is_one_line(store):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*KG, "query", "--store", str(store), "aliases"], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert proc.returncode == 1
    assert _lines(proc.stderr) == ["kg: error: no space left on the device while writing the output: free some "
                                   "space and run again (a store keeps every article committed before)"]


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB file system (tmpfs) under tmp_path; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_build_on_a_full_disk_is_one_line(small_disk):
    proc = subprocess.run([*KG, "build", "--ner", "rules", "--store", str(small_disk / "store"), "--out",
                           str(small_disk / "out"), "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    lines = _lines(proc.stderr)
    assert len(lines) == 1 and lines[0].startswith("kg: error: no space left on the device while writing "), lines


def test_a_second_build_on_a_store_being_written_is_refused_at_once(store):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from kg.store import KgStore\n"
                               f"s = KgStore({str(store)!r}, write=True)\nprint('writing', flush=True)\n"
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "writing"
        t0 = time.perf_counter()
        second = subprocess.run([*KG, "build", "--ner", "rules", "--store", str(store), "-q"], capture_output=True,
                                text=True, timeout=120, env={**__import__("os").environ, "KG_STORE_WAIT": "30"})
        seconds = time.perf_counter() - t0
    finally:
        holder.kill()
        holder.wait(10)
    assert second.returncode == 1
    lines = _lines(second.stderr)
    assert len(lines) == 1 and "being written by another kg process" in lines[0], lines
    assert f"pid {holder.pid}" in lines[0]
    assert seconds < 15  # the start-up of a kg process, not the 30 s a reader waits
