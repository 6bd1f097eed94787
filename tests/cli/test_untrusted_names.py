"""File names from outside cannot drive the terminal or forge a line: kg prints their control characters
as escapes (real `kg build` and `kg query` processes on real files)."""
import shutil
import subprocess
import sys

import pytest

from kg.config import SAMPLE_ARTICLE
from kg.printable import printable

KG = [sys.executable, "-m", "kg"]
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]


def _has_controls(text: str) -> bool:
    return any(c in text for c in CONTROLS if c != "\n")


def test_printable_escapes_controls_and_keeps_chinese():
    assert printable("名\x1b[31m称\n第二行\t\x7f\x9b") == "名\\x1b[31m称\\n第二行\\t\\x7f\\x9b"
    assert printable("深圳市发展和改革委员会 — ü") == "深圳市发展和改革委员会 — ü"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    folder = root / "folder" / "odd"
    folder.mkdir(parents=True)
    (folder / "name\x1b[31mRED\x1b[0m.txt").write_text("")
    (folder / "x.txt\nfailed important.md (extract): forged line.txt").write_text("")
    shutil.copy(SAMPLE_ARTICLE, folder / "报道\x1b[2J\x1b]0;pwned\x07.md")
    proc = subprocess.run([*KG, "build", str(root / "folder"), "--ner", "rules", "--no-model", "--no-html",
                           "--out", str(root / "out")], capture_output=True, text=True, timeout=300)
    return root, proc


def test_build_messages_escape_control_characters_in_file_names(built):
    root, proc = built
    assert proc.returncode == 0, proc.stderr
    assert not _has_controls(proc.stderr), proc.stderr
    lines = proc.stderr.splitlines()
    assert not any(line.startswith("failed important.md") for line in lines), lines
    assert any(line.startswith("skipped ") and "name\\x1b[31mRED\\x1b[0m.txt" in line for line in lines), lines
    assert any(line.startswith("skipped ") and line.endswith(  # the reason is the reason, however the name reads
        "odd/x.txt\\nfailed important.md (extract): forged line.txt: no body text") for line in lines), lines


def test_query_table_escapes_control_characters_in_source_paths(built):
    root, _ = built
    proc = subprocess.run([*KG, "query", str(root / "out" / "graph.ttl"),
                           "SELECT ?p WHERE { ?d kg:sourcePath ?p }"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not _has_controls(proc.stdout), proc.stdout
    assert "报道\\x1b[2J\\x1b]0;pwned\\x07.md" in proc.stdout, proc.stdout


def test_remove_names_the_source_with_its_controls_escaped(tmp_path):
    article = tmp_path / "旧\x1b]0;pwned\x07稿.md"
    shutil.copy(SAMPLE_ARTICLE, article)
    store = tmp_path / "store"
    built = subprocess.run([*KG, "build", str(article), "--ner", "rules", "--no-model", "--no-html", "-q",
                            "--store", str(store), "--out", str(tmp_path / "out")], capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stderr
    proc = subprocess.run([*KG, "remove", "--store", str(store), str(article)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not _has_controls(proc.stderr) and "旧\\x1b]0;pwned\\x07稿.md" in proc.stderr, proc.stderr


def test_remove_takes_a_source_path_with_a_space(tmp_path):
    article = tmp_path / "my article.md"
    shutil.copy(SAMPLE_ARTICLE, article)
    store = tmp_path / "store"
    subprocess.run([*KG, "build", str(article), "--ner", "rules", "--no-model", "--no-html", "-q", "--store",
                    str(store), "--out", str(tmp_path / "out")], check=True, capture_output=True, timeout=300)
    proc = subprocess.run([*KG, "remove", "--store", str(store), str(article)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and proc.stderr.startswith("removed "), proc.stderr
