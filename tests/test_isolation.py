"""Nothing one article can do stops the rest: each hostile input (generated here) is mixed with good articles;
the good articles' graph must be what it is without the bad one, the bad one is one line, and no run
takes long. The big inputs run with ``--ner rules`` (the model would only make them slower, not different)."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

GOOD = {
    "a_good.md": "---\ntitle: 甲\ndate: 2024-03-01\n---\n<p>宁州市工业和信息化局局长陈建国表示，宏达机械股份有限公司将扩大投资。</p>",
    "z_good.md": "---\ntitle: 乙\n---\n<p>苏州市人民政府副市长李明辉出席宁州高新区签约仪式。</p>",
}


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def kg(*args, timeout=300):
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return proc, time.perf_counter() - t0


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """graph.ttl of the good articles alone, in each NER mode."""
    out = {}
    for ner in ("rules", "lac"):
        folder = tmp_path_factory.mktemp(f"good-{ner}")
        write_good(folder / "in")
        proc, _ = kg("build", folder / "in", "--out", folder / "out", "--no-html", "-q", "--ner", ner)
        assert proc.returncode == 0, proc.stderr
        out[ner] = (folder / "out" / "graph.ttl").read_bytes()
    return out


def _deep_html(n):
    return "<html><body>" + "<div>" * n + "<p>宁州市发展和改革委员会发布通知。</p>" + "</div>" * n + "</body></html>"


def _laughs():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines)


HOSTILE = {  # file name → content (str: UTF-8 text, bytes: as is)
    "deep.html": _deep_html(1000),
    "bad_month.md": "---\ntitle: 丙\ndate: 2021-13-45\n---\n<p>宁州市财政局发布公告。</p>",
    "bad_day.md": "---\ndate: 2023-02-30\n---\n<p>宁州市财政局发布公告。</p>",
    "huge_int.md": "---\nnumber: " + "9" * 5000 + "\n---\n<p>宁州市财政局发布公告。</p>",
    "self_alias.md": "---\ntitle: &a [*a]\n---\n<p>宁州市财政局发布公告。</p>",
    "laughs.md": "---\n" + _laughs() + "\n---\n<p>宁州市财政局发布公告。</p>",
    "short_lines.txt": "\n".join(f"宁州市第{i}号通知发布" for i in range(30000)),
    "lead_list.txt": "等" + "甲乙、" * 16000,  # a list with no end after its 等
    "long_list.txt": "、".join(["宁州远航机械", "海川鼎盛物流", "江城日报社"] * 3000) + "等企业",
    "bad_bytes.txt": "宁州市统计局发布数据。".encode() + b"\xff\xfe\x80\x81" + "全市规模以上工业增加值增长5%。".encode(),
    "nul.md": "<p>宁州市统计局发布数据。</p>".encode() + b"\x00" + "<p>更多内容</p>".encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_article_never_stops_the_batch(name, tmp_path, reference):
    write_good(tmp_path / "in")
    content = HOSTILE[name]
    (tmp_path / "in" / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    proc, seconds = kg("build", tmp_path / "in", "--out", tmp_path / "out", "--no-html", "--ner", "rules",
                       "--article-timeout", 60)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert seconds < 120, f"{name} took {seconds:.0f} s"
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    built = {Path(d["source"]).name for d in record["documents"]}
    assert set(GOOD) <= built
    lines = [line for line in proc.stderr.splitlines() if name in line and not line.startswith("long article ")]
    assert len(lines) <= 1, lines  # built (no line but progress), repaired or skipped with a reason: one line at most
    if name in ("bad_bytes.txt", "nul.md"):
        assert name in built and lines and lines[0].startswith("repaired"), proc.stderr


def test_good_articles_give_the_same_graph_whatever_fails_beside_them(tmp_path, reference):
    write_good(tmp_path / "in")
    (tmp_path / "in" / "m_slow.md").write_text("<p>宁州市工业和信息化局发布通知。</p>" * 50, encoding="utf-8")
    # a time limit no article can meet fails them all: nothing is built, one line each, exit 1
    proc, _ = kg("build", tmp_path / "in", "--out", tmp_path / "none", "--no-html", "--article-timeout", 0.0001)
    assert proc.returncode == 1 and "nothing could be built" in proc.stderr
    # an article that fails to extract is left out and the others are exactly what they are alone
    (tmp_path / "in" / "m_slow.md").unlink()
    # an article far longer than the others runs over a limit they all meet
    (tmp_path / "in" / "m_bad.md").write_text("<p>宁州市工业和信息化局发布通知，宏达机械股份有限公司扩大投资。</p>" * 8000,
                                              encoding="utf-8")
    proc, _ = kg("build", tmp_path / "in", "--out", tmp_path / "out", "--no-html", "--article-timeout", 3)
    assert proc.returncode == 0, proc.stderr
    line = [line for line in proc.stderr.splitlines() if "m_bad.md" in line and not line.startswith("long article ")][0]
    assert line.startswith("failed") or line.endswith("still reading after 3 s (--article-timeout)"), line
    (tmp_path / "in" / "m_bad.md").unlink()
    proc, _ = kg("build", tmp_path / "in", "--out", tmp_path / "alone", "--no-html")
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (tmp_path / "alone" / "graph.ttl").read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_special_paths_are_listed_with_their_reason(tmp_path, reference):
    write_good(tmp_path / "in")
    (tmp_path / "outside.md").write_text("<p>宁州市外部文件。</p>", encoding="utf-8")
    (tmp_path / "in" / "link_out.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "in" / "dangling.md").symlink_to(tmp_path / "missing.md")
    os.mkfifo(tmp_path / "in" / "pipe.md")
    proc, seconds = kg("build", tmp_path / "in", "/dev/zero", "--out", tmp_path / "out", "--no-html", "--ner", "rules")
    assert proc.returncode == 0, proc.stderr
    reasons = {line.split(":", 1)[0].split()[-1]: line for line in proc.stderr.splitlines() if line.startswith("skipped")}
    assert "outside the input folder" in reasons[str(tmp_path / "in" / "link_out.md")]
    assert "dangling" in reasons[str(tmp_path / "in" / "dangling.md")]
    assert "FIFO" in reasons[str(tmp_path / "in" / "pipe.md")]
    assert "not a regular file" in reasons["/dev/zero"] or "device" in reasons["/dev/zero"]
    for special in ("link_out.md", "dangling.md", "pipe.md"):
        (tmp_path / "in" / special).unlink()
    kg("build", tmp_path / "in", "--out", tmp_path / "alone", "--no-html", "--ner", "rules")
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == (tmp_path / "alone" / "graph.ttl").read_bytes()
    (tmp_path / "in" / "link_out.md").symlink_to(tmp_path / "outside.md")
    proc, _ = kg("build", tmp_path / "in", "--out", tmp_path / "follow", "--no-html", "--ner", "rules",
                 "--follow-symlinks")
    assert "外部文件" in (tmp_path / "follow" / "graph.ttl").read_text(encoding="utf-8")


def test_a_long_article_is_read_in_sections(tmp_path):
    from kg.config import Settings
    from kg.ingest.reader import document_from_text
    from kg.nlp.extract import extract_document, sections
    from kg.parallel import _pipeline

    body = "\n".join(f"<p>宁州市工业和信息化局局长陈建国表示，第{i}批项目开工。</p>" for i in range(3000))
    document = document_from_text(body, "long.md")
    assert len(sections(document, 20_000)) > 3
    nlp = _pipeline(Settings(ner="rules"))
    whole = extract_document(nlp, document, section_chars=10 ** 7)
    parts = extract_document(nlp, document, section_chars=20_000)
    assert len(parts.mentions) == len(whole.mentions) >= 3000
    assert all(document.text[m.start:m.end] == m.text for m in parts.mentions)
    assert {(r.evidence.start, r.evidence.sentence) for r in parts.relations} == \
        {(r.evidence.start, r.evidence.sentence) for r in whole.relations}


def test_in_a_store_the_articles_after_a_failing_one_are_ingested_and_it_is_retried(tmp_path):
    write_good(tmp_path / "in")
    (tmp_path / "in" / "m_deep.html").write_text(_deep_html(1000), encoding="utf-8")
    proc, _ = kg("build", tmp_path / "in", "--store", tmp_path / "store", "--no-html", "--ner", "rules",
                 "--article-timeout", 0.0001)
    assert proc.returncode == 1 and proc.stderr.count("(--article-timeout)\n") == 3  # every article over the limit
    proc, _ = kg("build", tmp_path / "in", "--store", tmp_path / "store", "--out", tmp_path / "out", "--no-html",
                 "--ner", "rules")
    assert proc.returncode == 0, proc.stderr
    assert "3 added" in proc.stderr  # nothing was committed for the failures: the rerun took them all


def test_the_first_article_does_not_pay_for_loading_the_pipeline(tmp_path):
    # components load some resources on first use (LAC's session, jieba's dictionaries: seconds); the pipeline's
    # warm-up pays for them before any article's clock starts, so a short first article meets a 1-second limit
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text("<p>宁州市工业和信息化局局长陈建国表示，宏达机械股份有限公司将扩大投资。</p>",
                                         encoding="utf-8")
    proc, _ = kg("build", tmp_path / "in", "--out", tmp_path / "out", "--no-html", "--article-timeout", 1)
    assert proc.returncode == 0, proc.stderr
    assert "陈建国" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
