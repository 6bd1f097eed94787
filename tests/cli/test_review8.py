"""Findings of a newcomer's review (session 9): each one through the real `kg` command in a real process."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KG = [sys.executable, "-m", "kg"]
GOOD = "---\ntitle: 青澜市会议\ndate: 2026-03-01\n---\n<p>青澜市工业和信息化局局长陈望舒表示，中州建设集团将扩大投资。</p>"


def kg(*args, cwd=None, timeout=300):
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_is_one_skipped_line_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(GOOD, encoding="utf-8")
    (folder / "self.txt").symlink_to("self.txt")
    (folder / "x.txt").symlink_to("y.txt")
    (folder / "y.txt").symlink_to("x.txt")
    for args in ([folder], [folder / "self.txt", folder / "a.md"], [folder, "--follow-symlinks"]):
        proc = kg("build", *args, "--out", tmp_path / "out", "--no-html", "--ner", "rules")
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        skipped = [line for line in lines(proc.stderr) if line.startswith("skipped")]
        assert f"skipped {folder / 'self.txt'}: symbolic link loop (the link leads back to itself)" in skipped
        assert "documents: 1 built" in proc.stderr


def test_the_same_file_reached_twice_is_read_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(GOOD, encoding="utf-8")
    (folder / "b.md").write_text(GOOD.replace("陈望舒", "林知远"), encoding="utf-8")
    proc = kg("build", "in", "./in", "in/a.md", tmp_path / "in", "--out", "out", "--no-html", "--ner", "rules",
              cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert lines(proc.stderr)[0] == "documents: 2 built, 0 skipped"  # no "reprints"
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert sorted(d["source"] for d in record["documents"]) == ["in/a.md", "in/b.md"]
    assert record["run"]["reprints"] == 0


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("graph")
    (folder / "a.md").write_text(GOOD, encoding="utf-8")
    proc = kg("build", folder / "a.md", "--out", folder / "out", "--no-html", "--ner", "rules")
    assert proc.returncode == 0, proc.stderr
    return folder / "out" / "graph.ttl"


OUT_COMMANDS = {  # command → (its arguments before --out, whether --out is a folder)
    "build": (["{article}", "--ner", "rules", "--no-html"], True),
    "export csv": (["export", "{graph}", "--format", "csv"], True),
    "export graphml": (["export", "{graph}", "--format", "graphml"], False),
    "export turtle": (["export", "{graph}", "--format", "turtle"], False),
    "report": (["report", "{graph}"], True),
    "viz": (["viz", "{graph}"], False),
    "train": (["train", "{folder}"], True),
}


@pytest.mark.parametrize("command", sorted(OUT_COMMANDS))
def test_an_out_kg_cannot_write_is_one_line_and_no_traceback(command, small_graph, tmp_path):
    args, folder = OUT_COMMANDS[command]
    args = ["build"] + args if command == "build" else args
    args = [a.format(article=small_graph.parent.parent / "a.md", graph=small_graph, folder=small_graph.parent.parent)
            for a in args]
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    taken = tmp_path / ("afile" if folder else "")  # a file where a folder goes, a folder where a file goes
    proc = kg(*args, "--out", taken)
    assert proc.returncode == 2, proc.stderr
    assert lines(proc.stderr) == [f"kg: usage error: Invalid value for '--out': {taken} is "
                                  f"{'a file; give a folder (made if missing)' if folder else 'a folder; give a file name'}"
                                  f" (see `python -m kg {args[0]} --help`)"]
    proc = kg(*args, "--out", tmp_path / "afile" / "sub")  # a file on the way
    assert proc.returncode == 2 and len(lines(proc.stderr)) == 1 and "is a file, so" in proc.stderr, proc.stderr
    if Path("/proc/self").exists() and command != "train":  # a place only writing tells (root may write elsewhere)
        proc = kg(*args, "--out", "/proc/kg-out" + ("" if folder else ".out"))
        assert proc.returncode == 1, proc.stderr
        assert len(lines(proc.stderr)) == 1 and lines(proc.stderr)[0].startswith("kg: error: /proc/kg-out"), proc.stderr


def test_a_build_over_an_earlier_graph_says_which_documents_it_drops(tmp_path):
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text(GOOD.replace("陈望舒", "林知远"), encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", tmp_path / "a.md", tmp_path / "b.md", "--out", out, "--no-html", "--ner", "rules").returncode == 0
    again = kg("build", tmp_path / "a.md", tmp_path / "b.md", "--out", out, "--no-html", "--ner", "rules")
    assert "replacing" not in again.stderr  # the same build again loses nothing
    proc = kg("build", tmp_path / "b.md", "--out", out, "--no-html", "--ner", "rules")
    assert proc.returncode == 0, proc.stderr
    line = f"replacing {out / 'graph.ttl'}: 1 of its 2 document(s), from an earlier build, are not in the new graph"
    warnings = [x for x in lines(proc.stderr) if x.startswith("warning: replacing")]
    assert len(warnings) == 1 and warnings[0].startswith(f"warning: {line}") and "--store DIR" in warnings[0]
    assert json.loads((out / "build.json").read_text(encoding="utf-8"))["warnings"][0].startswith(line)
    # into a store: the graph written is the store's, which never held a.md
    kg("build", tmp_path / "a.md", "--out", out, "--no-html", "--ner", "rules")
    proc = kg("build", tmp_path / "b.md", "--store", tmp_path / "store", "--out", out, "--no-html", "--ner", "rules")
    assert f"warning: replacing {out / 'graph.ttl'}: 1 of its 1 document(s)" in proc.stderr
    proc = kg("build", tmp_path / "a.md", "--store", tmp_path / "store", "--out", out, "--no-html", "--ner", "rules")
    assert "replacing" not in proc.stderr  # the store now holds b.md and a.md


def test_the_max_bytes_line_writes_the_limit_with_thousands_separators(tmp_path):
    (tmp_path / "big.md").write_text(GOOD + "<p>" + "青" * 2000 + "</p>", encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    proc = kg("build", tmp_path / "big.md", tmp_path / "a.md", "--max-bytes", 1500, "--out", tmp_path / "out",
              "--no-html", "--ner", "rules")
    assert f"skipped {tmp_path / 'big.md'}: more than 1,500 bytes, over the limit (--max-bytes)" in lines(proc.stderr)


def _rss(items: int) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>青澜日报</title>\n' +
            "".join(f"<item><title>青澜市第{i}次会议</title><description>青澜市工业和信息化局第{i}次召开会议。</description>"
                    f"<link>https://news.example.cn/{i}.html</link></item>\n" for i in range(1, items + 1)) +
            "</channel></rss>\n")


def test_a_well_formed_feed_over_max_items_is_not_called_malformed_and_the_progress_counts_its_items(tmp_path):
    (tmp_path / "feed.xml").write_text(_rss(30), encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    proc = subprocess.run([*KG, "build", tmp_path / "feed.xml", tmp_path / "a.md", "--max-items", "5", "--out",
                           tmp_path / "out", "--no-html", "--ner", "rules"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "KG_PROGRESS_EVERY": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "well-formed" not in proc.stderr and "repaired" not in proc.stderr
    assert f"partly read {tmp_path / 'feed.xml'}: 25 more items not read (--max-items 5)" in lines(proc.stderr)
    progress = [x.rsplit(",", 1)[0] for x in lines(proc.stderr) if x.startswith("extracting:")]
    assert progress == [f"extracting: {n} of 6 articles" for n in range(1, 7)]
    (tmp_path / "bad.xml").write_text(_rss(30).replace("</channel></rss>", ""), encoding="utf-8")  # truly cut short
    proc = kg("build", tmp_path / "bad.xml", "--max-items", "50", "--out", tmp_path / "out2", "--no-html", "--ner", "rules")
    assert "the feed is not well-formed XML" in proc.stderr


def test_feed_items_give_a_name_for_author_no_made_up_url_and_a_line_for_an_item_without_text(tmp_path):
    (tmp_path / "news.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>青澜日报</title>'
        '<item><title>青澜港集团签约</title><link>https://news.example.cn/1.html</link>'
        '<author>news@example.cn (庞雨桐)</author><description>青澜港集团有限公司与海岳物流有限公司签署协议。</description></item>'
        '<item><link>https://news.example.cn/2.html</link></item>'
        '<item><author>news@example.cn</author><title>青澜市召开科技大会</title></item>'
        '</channel></rss>', encoding="utf-8")
    (tmp_path / "news.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>青澜发布</title>'
        '<id>urn:uuid:1</id><updated>2026-11-05T00:00:00Z</updated><entry><title>青澜市召开推进会</title>'
        '<id>urn:uuid:2</id><updated>2026-11-05T09:00:00+08:00</updated><author><name>蓝嘉禾</name></author>'
        '<content type="html">&lt;p&gt;青澜市召开数字政府建设推进会。&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8")
    proc = kg("build", tmp_path / "news.rss", tmp_path / "news.atom", "--out", tmp_path / "out", "--no-html",
              "--ner", "rules")
    assert proc.returncode == 0, proc.stderr
    assert (f"partly read {tmp_path / 'news.rss'}: item with no title or text, not built: #2 "
            "(https://news.example.cn/2.html) (kg fetch fetches a feed's pages)") in lines(proc.stderr)
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert 'dcterms:creator "庞雨桐"' in turtle and "news@example.cn" not in turtle
    assert 'dcterms:creator "蓝嘉禾"' in turtle and "urn:uuid" not in turtle
    assert "青澜市召开科技大会" in turtle  # an item with a title only is built from it
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert len(record["documents"]) == 3


def test_eval_against_a_graph_without_the_golds_article_warns_and_exits_1(small_graph, tmp_path):
    gold = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "000_2d9d571b375b7b5b.json"
    proc = kg("eval", small_graph, gold)
    assert proc.returncode == 1
    assert "entity_f1=" in proc.stdout  # the scores are still shown
    assert lines(proc.stderr) == [f"kg: warning: no document of {small_graph} is the gold's article "
                                  "000_2d9d571b375b7b5b.txt (no source of that file name): the scores compare other "
                                  "articles with its annotation"]
    own = json.loads(gold.read_text(encoding="utf-8"))
    own["doc"] = "a.md"  # the article small_graph was built from
    (tmp_path / "a.json").write_text(json.dumps(own, ensure_ascii=False), encoding="utf-8")
    proc = kg("eval", small_graph, tmp_path / "a.json", "--format", "json")
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


def test_front_matter_dates_written_in_chinese_are_read_and_an_impossible_one_is_said(tmp_path):
    for number, (name, date) in enumerate((("cn.md", "2026年11月3日"), ("slash.md", "2026/11/03 10:30"),
                                           ("bad.md", "2026-02-30"), ("odd.md", "三月初"))):
        (tmp_path / name).write_text(f"---\ntitle: 会议\ndate: {date}\n---\n<p>青澜市人民政府召开第{number + 1}次常务会议。</p>",
                                     encoding="utf-8")
    proc = kg("build", *(tmp_path / n for n in ("cn.md", "slash.md", "bad.md", "odd.md")), "--out", tmp_path / "out",
              "--no-html", "--ner", "rules")
    assert proc.returncode == 0, proc.stderr
    assert ("repaired bad.md: the date '2026-02-30' is no such day or time: the article is kept "
            "without a date") in lines(proc.stderr)
    assert ("repaired odd.md: the date '三月初' is in a format kg does not read: the article is kept "
            "without a date") in lines(proc.stderr)
    assert not [x for x in lines(proc.stderr) if "cn.md" in x or "slash.md" in x]
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert sorted(r["path"].rsplit("/", 1)[-1] for r in record["repaired"]) == ["bad.md", "odd.md"]
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"2026-11-03T00:00:00+00:00"^^xsd:dateTime' in turtle or '"2026-11-03' in turtle
    assert '"2026-11-03T10:30:00' in turtle
