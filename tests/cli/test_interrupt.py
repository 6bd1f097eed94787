"""Ctrl-C during a real 12-article build: one line on what was kept, exit 130, and a rerun completes the store.
Progress in a log is plain lines, never carriage returns."""
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import KgStore

FIXTURES = Path(__file__).parent.parent / "fixtures"
REPO = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def twelve(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "twelve"
    folder.mkdir()
    files = [*sorted((FIXTURES / "eval").glob("*.md")), *sorted((FIXTURES / "heldout").glob("*.[mt]*")),
             *sorted((FIXTURES / "heldout2").glob("*.[mt]*")), FIXTURES / "articles" / "hangzhou_press.md"]
    for f in files:
        shutil.copy(f, folder / f.name)
    assert len(list(folder.iterdir())) == 12
    return folder


def _env(**extra) -> dict:
    return dict(os.environ, PYTHONPATH=str(REPO), **extra)


def kg_build(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "build", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=_env(), timeout=600)


def interrupted_build(*args, cwd: Path, after: int = 3) -> tuple[int, str]:
    """Run ``kg build`` as a terminal would (its own process group) and press Ctrl-C, i.e. send SIGINT to the
    whole group, once ``after`` articles are committed (the log's progress lines say so, one per article)."""
    # SIGINT as a terminal leaves it: a test run started in the background (``cmd &`` in a script) ignores SIGINT,
    # and a child would inherit that and never see the Ctrl-C
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", *map(str, args)], stderr=subprocess.PIPE, text=True,
                            cwd=cwd, env=_env(KG_PROGRESS_EVERY="1"), start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    log = []
    try:
        for line in proc.stderr:  # the build ends by itself if the line never comes
            log.append(line)
            if line.startswith(f"extracting: {after} of 12 articles"):
                os.killpg(proc.pid, signal.SIGINT)
                break
        log.append(proc.stderr.read())
        return proc.wait(timeout=120), "".join(log)
    finally:
        if proc.poll() is None:
            proc.kill()


def store_quads(folder: Path) -> set[str]:
    with KgStore(folder) as st:
        return {str(q) for q in st.store}


def test_ctrl_c_keeps_the_committed_articles_and_a_rerun_completes_the_store(twelve, tmp_path):
    common = ["--ner", "rules", "--no-html"]
    code, log = interrupted_build(twelve, "--store", tmp_path / "s", "--out", tmp_path / "o", *common, cwd=tmp_path)
    last = log.strip().splitlines()[-1]
    assert code == 130 and "Traceback" not in log, log
    assert last.startswith("kg: interrupted after ") and " of 12 articles: " in last and "run the same command again" in last
    with KgStore(tmp_path / "s") as st:
        kept = len(st.documents())
    assert 3 <= kept < 12 and f"{kept} in it now" in last
    rerun = kg_build(twelve, "--store", tmp_path / "s", "--out", tmp_path / "o", *common, cwd=tmp_path)
    assert rerun.returncode == 0 and f"{12 - kept} added, 0 replaced, {kept} unchanged" in rerun.stderr, rerun.stderr
    clean = kg_build(twelve, "--store", tmp_path / "clean", "--out", tmp_path / "c", *common, cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert store_quads(tmp_path / "s") == store_quads(tmp_path / "clean")
    assert (tmp_path / "o" / "graph.ttl").read_bytes() == (tmp_path / "c" / "graph.ttl").read_bytes()
    # stderr is a pipe here, as in `kg build ... 2> log`: plain progress lines, no carriage returns
    assert "\r" not in clean.stderr and "extracting: 10 of 12 articles" in clean.stderr
    quiet = kg_build(twelve, "--store", tmp_path / "clean", "--out", tmp_path / "c", *common, "--quiet", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""


@pytest.mark.parametrize("workers, keep", [("2", True), ("2", False), ("1", False)])
def test_ctrl_c_with_workers_with_and_without_a_store(twelve, tmp_path, workers, keep):
    store = ["--store", tmp_path / "s"] if keep else []
    code, log = interrupted_build(twelve, "--workers", workers, *store, "--ner", "rules", "--no-html",
                                  "--out", tmp_path / "o", cwd=tmp_path)
    assert code == 130 and "Traceback" not in log and "KeyboardInterrupt" not in log, log
    last = log.strip().splitlines()[-1]
    assert last.startswith("kg: interrupted after ") and not (tmp_path / "o").exists()
    if keep:
        with KgStore(tmp_path / "s") as st:
            assert st.verify() == [] and f"{len(st.documents())} in it now" in last
    else:
        assert "nothing was written" in last
