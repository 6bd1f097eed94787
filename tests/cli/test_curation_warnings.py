"""A curation `drop:` name that matches no entity of the articles built is one `warning:` line on stderr (and in
build.json); a name that matched is not mentioned (real `kg build` processes on an invented article)."""
import json
import subprocess
import sys

KG = [sys.executable, "-m", "kg"]
ARTICLE = ("---\ntitle: 云杉市推进数字经济\ndate: 2024-03-05\n---\n"
           "2024年3月5日，云杉市发展和改革委员会印发《云杉市数字经济促进行动方案》。云杉市人民政府副市长李明远出席会议。\n")


def _build(tmp_path, curation: str):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.yml").write_text(curation, encoding="utf-8")
    proc = subprocess.run([*KG, "build", str(tmp_path / "a.md"), "--ner", "rules", "--no-model", "--no-html",
                           "--curation", str(tmp_path / "c.yml"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc, json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))


def test_a_drop_that_matches_nothing_is_one_warning_line(tmp_path):
    proc, record = _build(tmp_path, "drop: [李明远, 云杉市不存在的委员会]\n")
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "云杉市不存在的委员会" in warnings[0] and "李明远" not in warnings[0], proc.stderr
    assert "curation drop matched no entity" in warnings[0]
    assert record["warnings"] and "云杉市不存在的委员会" in record["warnings"][0]
    assert 'rdfs:label "李明远"@zh' not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")  # dropped


def test_drops_that_all_match_give_no_warning(tmp_path):
    proc, record = _build(tmp_path, "drop: [李明远]\n")
    assert "warning:" not in proc.stderr and record["warnings"] == []
