from datetime import datetime, timezone
from pathlib import Path

from kg.ingest.frontmatter import parse_date, read_front_matter, split_front_matter


def test_split_front_matter_reads_yaml_and_body():
    meta, body = split_front_matter("\n---\ntitle: '标题'\ncategories:\n - 金融\n---\n<p>正文</p>")
    assert meta == {"title": "标题", "categories": ["金融"]}
    assert body.strip() == "<p>正文</p>"


def test_missing_or_malformed_front_matter_keeps_the_body():
    assert split_front_matter("只有正文") == ({}, "只有正文")
    meta, body = split_front_matter("---\ntitle: [unclosed\n---\n正文")
    assert meta == {"title": "[unclosed"} and body.strip() == "正文"


def test_front_matter_yaml_cannot_read_is_read_line_by_line_and_the_repair_said():
    from datetime import date

    front = read_front_matter("---\ntitle: 宁州市会议: 第二次: 通知\ndate: 2024-03-05\nauthor: 宁州日报社\n---\n正文")
    assert front.meta == {"title": "宁州市会议: 第二次: 通知", "date": date(2024, 3, 5), "author": "宁州日报社"}
    assert front.body == "正文"
    assert front.repair.startswith("front matter is not valid YAML (line 2: mapping values are not allowed here)")
    assert front.repair.endswith("read line by line, kept title, date, author")


def test_an_unclosed_bracket_keeps_the_value_as_written_and_the_other_keys_typed():
    front = read_front_matter("---\ntitle: [转载 宁州市召开推进会\ndate: '2024-03-05'\ntags:\n  - 金融\n  - 政策\n"
                              "nested:\n  inner: : :\n# a comment: here\n---\n<p>正文</p>")
    assert front.meta == {"title": "[转载 宁州市召开推进会", "date": "2024-03-05", "tags": ["金融", "政策"]}
    assert "not valid YAML" in front.repair and front.body == "<p>正文</p>"


def test_valid_front_matter_is_no_repair():
    front = read_front_matter("---\ntitle: '宁州市会议: 第二次'\n---\n正文")
    assert front.meta == {"title": "宁州市会议: 第二次"} and front.repair == ""


def test_dates_rfc2822_iso_and_missing():
    assert parse_date("Wed, 27 Oct 2021 07:27:23 GMT") == datetime(2021, 10, 27, 7, 27, 23, tzinfo=timezone.utc)
    assert parse_date("2023-03-15T09:30:00+08:00").isoformat() == "2023-03-15T09:30:00+08:00"
    assert parse_date("2023-03-15").date().isoformat() == "2023-03-15"
    assert parse_date(None) is None and parse_date("") is None and parse_date("not a date") is None


def test_kg_build_keeps_the_title_date_and_author_and_reports_the_repair(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from rdflib import Graph
    from rdflib.namespace import DCTERMS

    article = tmp_path / "in" / "meeting.md"
    article.parent.mkdir()
    article.write_text("---\ntitle: 宁州市会议: 第二次: 通知\ndate: 2024-03-05\nauthor: 宁州日报社\ntags: [会议, 通知\n---\n"
                       "<p>宁州市人民政府召开第二次全体会议。</p>", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(article.parent), "--out", str(tmp_path / "out"),
                           "--no-html", "--ner", "rules"], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "meeting.md" in line]
    assert len(lines) == 1 and lines[0].startswith("repaired ") and \
        "meeting.md: front matter is not valid YAML (line 2: " in lines[0], lines
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in record["repaired"]] == ["meeting.md"]
    assert "kept title, date, author, tags" in record["repaired"][0]["warning"]
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert "宁州市会议: 第二次: 通知" in {str(t) for t in graph.objects(None, DCTERMS.title)}
    assert any(str(d).startswith("2024-03-05") for d in graph.objects(None, DCTERMS.date))
    assert {str(o) for o in graph.objects(None, DCTERMS.creator)} & {"宁州日报社"}
