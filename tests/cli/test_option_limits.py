"""Limits that make no sense are refused as usage errors (exit 2, one line naming the option), and `kg build
--help` tells what the shipped model was trained on from the model itself (real `kg` processes)."""
import json
import os
import subprocess
import sys

import pytest

from kg.config import DEFAULT_MODEL

KG = [sys.executable, "-m", "kg"]


@pytest.mark.parametrize("args, option", [
    (["build", "--max-chars", "-5"], "--max-chars"),
    (["build", "--max-bytes", "0"], "--max-bytes"),
    (["build", "--max-pages", "-1"], "--max-pages"),
    (["build", "--max-unpacked-bytes", "0"], "--max-unpacked-bytes"),
    (["build", "--workers", "0"], "--workers"),
    (["build", "--article-timeout", "-1"], "--article-timeout"),
    (["fetch", "http://127.0.0.1:1/", "--store", "s", "--max-items", "0"], "--max-items"),
    (["serve", "--port", "70000"], "--port"),
])
def test_a_non_positive_limit_is_a_usage_error(tmp_path, args, option):
    proc = subprocess.run([*KG, *args], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: usage error: Invalid value for ") and option in lines[0], lines
    assert list(tmp_path.iterdir()) == []  # nothing was built or fetched


def test_build_help_says_how_many_articles_the_shipped_model_was_trained_on():
    documents = json.loads((DEFAULT_MODEL / "meta.json").read_text(encoding="utf-8"))["corpus"]["documents"]
    proc = subprocess.run([*KG, "build", "--help"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "400"})
    assert proc.returncode == 0
    assert f"trained on {documents} annotated real articles" in " ".join(proc.stdout.split())
