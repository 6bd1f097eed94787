"""A saved RSS/Atom feed given to kg build: each item an article (title, then content or description), its link
and date metadata, the links never fetched; entity bombs and external entities stay unexpanded (invented feeds)."""
import http.server
import json
import threading
import time

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS

from kg.config import Settings
from kg.errors import InputError
from kg.ingest.feed import is_feed_file
from kg.ingest.reader import read_document, read_documents
from kg.pipeline import build

RSS = """<?xml version="1.0" encoding="utf-8"?>
<!-- saved from the outlet's site -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>宁州日报</title><link>{base}/</link>
<item><title>宁州市召开数字经济推进会</title><link>{base}/a/1.html</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 +0800</pubDate><author>李娜</author><category>经济</category>
<description><![CDATA[<p>3月4日，宁州市人民政府召开数字经济发展推进会。</p>
<p>全市数字经济核心产业增加值达到820亿元，同比增长9.5%。</p>]]></description></item>
<item><title>宁州港集团发布年报</title><link>{base}/a/2.html</link><pubDate>Wed, 06 Mar 2024 09:00:00 +0800</pubDate>
<description>宁州港务集团有限公司2023年营业收入36亿元。</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>宁州发布</title>
<entry><title>宁州市财政局发布预算报告</title><link href="http://127.0.0.1:9/b/1"/><updated>2024-04-02T10:00:00+08:00</updated>
<summary>摘要</summary>
<content type="html">&lt;p&gt;宁州市财政局发布2024年预算报告，全市一般公共预算收入410亿元。&lt;/p&gt;</content></entry>
</feed>
"""


@pytest.fixture()
def site():
    """A server on 127.0.0.1 the feed's links point to: it counts every request it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write("<p>宁州市全文。</p>".encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_kg_build_builds_each_item_of_a_feed_file_and_fetches_none_of_its_links(site, tmp_path):
    base, hits = site
    feed = tmp_path / "in" / "feed.xml"
    feed.parent.mkdir()
    feed.write_text(RSS.format(base=base), encoding="utf-8")
    result = build([feed], tmp_path / "out", Settings(), html=False)
    assert sorted(d.source.rsplit("/", 1)[-1] for d in result.documents) == ["feed.xml#1", "feed.xml#2"]
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    bodies = {str(o) for o in graph.objects(None, graph.namespace_manager.expand_curie("kg:bodyText"))}
    assert "宁州市召开数字经济推进会\n3月4日，宁州市人民政府召开数字经济发展推进会。\n全市数字经济核心产业增加值达到820亿元，同比增长9.5%。" \
        in bodies
    assert "宁州港集团发布年报\n宁州港务集团有限公司2023年营业收入36亿元。" in bodies
    assert not any("<" in body or "http" in body for body in bodies)  # no markup, no links in the text
    assert {str(t) for t in graph.objects(None, DCTERMS.title)} == {"宁州市召开数字经济推进会", "宁州港集团发布年报"}
    assert {str(d)[:10] for d in graph.objects(None, DCTERMS.date)} == {"2024-03-05", "2024-03-06"}
    front = {str(o) for o in graph.objects(None, graph.namespace_manager.expand_curie("kg:frontMatter"))}
    assert f"url: {base}/a/1.html" in front and "site: 宁州日报" in front
    labels = {str(o) for o in graph.objects(None, graph.namespace_manager.expand_curie("rdfs:label"))}
    assert "宁州市人民政府" in labels
    time.sleep(0.2)
    assert hits == []  # the links are metadata, never fetched


def test_an_atom_feed_gives_its_entries_content_rather_than_their_summary(tmp_path):
    (tmp_path / "atom.txt").write_text(ATOM, encoding="utf-8")  # a feed by its content, whatever its name
    [doc] = read_documents(tmp_path / "atom.txt")
    assert doc.text == "宁州市财政局发布预算报告\n宁州市财政局发布2024年预算报告，全市一般公共预算收入410亿元。"
    assert doc.date.isoformat() == "2024-04-02T10:00:00+08:00" and doc.extra["url"] == "http://127.0.0.1:9/b/1"


def test_read_document_says_a_feed_holds_many_articles(tmp_path):
    (tmp_path / "feed.xml").write_text(RSS.format(base="http://127.0.0.1:9"), encoding="utf-8")
    with pytest.raises(InputError, match="feed.xml: an RSS/Atom feed of 2 item"):
        read_document(tmp_path / "feed.xml")


@pytest.mark.parametrize("head, feed", [
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', True),
    (b"\xef\xbb\xbf<!-- c --><?xml-stylesheet href='a.xsl'?><!DOCTYPE feed [<!ENTITY a 'b'>]>\n<feed xmlns='x'>", True),
    (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', False),
    (b"<html><body><p>rss</p><rss>", False),
    ("---\ntitle: 宁州\n---\n<rss> 订阅说明".encode(), False),
])
def test_a_feed_is_told_by_its_root_element(head, feed):
    assert is_feed_file(head) is feed


def _bomb() -> str:
    entities = ['<!ENTITY a "宁州宁州宁州宁州宁州宁州宁州宁州宁州宁州">'] + [
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)]
    return "<!DOCTYPE rss [\n" + "\n".join(entities) + "\n]>"


def test_entity_bombs_and_external_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-宁州", encoding="utf-8")
    item = "<item><title>宁州市发布通知{ref}</title><description>宁州市人民政府发布通知。{ref}</description></item>"
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(f'<?xml version="1.0"?>\n{_bomb()}\n<rss version="2.0"><channel><title>t</title>'
                    f'{item.format(ref="&j;")}</channel></rss>', encoding="utf-8")
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
                   f'<rss version="2.0"><channel><title>t</title>{item.format(ref="&x;")}</channel></rss>',
                   encoding="utf-8")
    for path in (bomb, xxe):
        started = time.perf_counter()
        [doc] = read_documents(path)
        assert time.perf_counter() - started < 5
        assert "SECRET" not in doc.text and len(doc.text) < 200, doc.text
        assert doc.text.startswith("宁州市发布通知") and doc.warnings and "not well-formed XML" in doc.warnings[0]


def test_the_cli_reports_a_lenient_feed_as_repaired(tmp_path):
    import os
    import subprocess
    import sys

    bomb = tmp_path / "bomb.xml"
    bomb.write_text(f'<?xml version="1.0"?>\n{_bomb()}\n<rss version="2.0"><channel><title>t</title><item><title>宁州市'
                    f'发布通知</title><description>宁州市人民政府发布通知。&j;</description></item></channel></rss>',
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(bomb), "--out", str(tmp_path / "out"), "--no-html",
                           "--ner", "rules"], capture_output=True, text=True, timeout=300, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    assert any(line.startswith("repaired ") and "bomb.xml#1: the feed is not well-formed XML" in line
               for line in proc.stderr.splitlines()), proc.stderr
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert [d["source"].rsplit("/", 1)[-1] for d in record["documents"]] == ["bomb.xml#1"]


@pytest.mark.parametrize("head", [b"<!DOCTYPE " + b"[" * 70000, b"<!--" * 20000, b"<?" * 30000,
                                  b"<!DOCTYPE x [" + b"[<!ENTITY a 'b'>" * 4000])
def test_telling_a_feed_never_backtracks_over_a_hostile_prolog(head):
    started = time.perf_counter()
    assert is_feed_file(head) is False
    assert time.perf_counter() - started < 0.5


def _items(count: int, place: str = "宁州市") -> str:
    return "".join(f"<item><title>{place}第{i}次常务会议</title><description>{place}人民政府召开第{i}次常务会议。"
                   f"</description></item>" for i in range(1, count + 1))


def test_feeds_in_a_folder_are_found_by_their_root_whatever_their_suffix(tmp_path):
    from kg.ingest.reader import iter_paths

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    channel = '<?xml version="1.0"?><rss version="2.0"><channel><title>宁州日报</title>{}</channel></rss>'
    (folder / "feed.xml").write_text(channel.format(_items(2)), encoding="utf-8")
    (folder / "sub" / "news.rss").write_text(channel.format(_items(1, "江陵市")), encoding="utf-8")
    (folder / "sub" / "entries.atom").write_text(ATOM, encoding="utf-8")
    (folder / "sitemap.xml").write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                                        'sitemap/0.9"><url><loc>http://127.0.0.1:9/</loc></url></urlset>',
                                        encoding="utf-8")
    (folder / "data.json").write_text('{"rss": 1}', encoding="utf-8")
    found = sorted(p.relative_to(folder).as_posix() for p in iter_paths([folder]))
    assert found == ["feed.xml", "sub/entries.atom", "sub/news.rss"]  # not the sitemap, not the JSON
    result = build([folder], None, Settings(ner="rules"))
    assert sorted(d.source for d in result.documents) == ["in/feed.xml#1", "in/feed.xml#2", "in/sub/entries.atom#1",
                                                           "in/sub/news.rss#1"]
    assert not result.skipped


def test_a_feed_file_is_read_up_to_max_items_and_the_rest_is_said(tmp_path):
    from kg.config import ReadLimits

    feed = tmp_path / "big.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>宁州日报</title>'
                    f'{_items(30)}</channel></rss>', encoding="utf-8")
    result = build([feed], None, Settings(ner="rules", limits=ReadLimits(max_items=12)))
    assert [d.source for d in result.documents] == [f"big.xml#{i}" for i in range(1, 13)]
    assert [s.line() for s in result.skipped] == [f"partly read {feed}: 18 more items not read (--max-items 12)"]
    assert len(read_documents(feed)) == 30  # under the default limit of 200: every item
