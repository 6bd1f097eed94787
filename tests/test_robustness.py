"""What kg promises on bad input (README, "Bad input"): each promise has a test here."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from kg.ingest.reader import document_from_text
from kg.nlp.extract import extract, to_doc
from kg.rdf.serialize import FAULT_WRITE_ENV

BAD = Path(__file__).parent / "fixtures" / "bad"
EXPECTED_SKIPS = {
    "01_binary_png.md": "binary file",
    "02_empty.md": "no body text",
    "03_whitespace_only.txt": "no body text",
    "10_front_matter_only.md": "no body text",
    "11_script_style_only.html": "no body text",
    "14_oversize.md": "over the limit",
    "16_invalid_bytes.txt": "not text in any encoding",
}
GOOD_FACTS = {  # a label each good file must contribute
    "15_nul_inside.md": "上海市人民政府",  # three NULs in good text: removed and reported, the article read
    "04_gb18030.txt": "广州市工业和信息化局", "05_big5_traditional.txt": "赵式隆", "06_utf16_bom.txt": "杭州市发展和改革委员会",
    "07_utf8_bom.md": "南京市数据条例", "08_broken_html.html": "武汉市经济和信息化局", "09_malformed_front_matter.md": "刘洪宇",
    "12_deeply_nested.html": "重庆市经济和信息化委员会", "13_markup_as_text.txt": '<script>alert("x")</script>天津市数据管理办法',
    "17_fullwidth.txt": "苏州工业园区管理委员会", "18_no_front_matter_end.md": "西安市人民政府", "19_control_chars.txt": "郑州市人民政府",
}


def run_kg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_a_folder_of_bad_files_builds_what_it_can(tmp_path):
    assert len(list(BAD.iterdir())) >= 15
    proc = run_kg("build", BAD, "--out", tmp_path, "--max-bytes", 8000)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    for name, reason in EXPECTED_SKIPS.items():
        lines = [line for line in proc.stderr.splitlines() if name in line]
        assert len(lines) == 1 and reason in lines[0], (name, lines)
    labels = {str(o) for o in Graph().parse(tmp_path / "graph.ttl").objects(None, RDFS.label)}
    for name, label in GOOD_FACTS.items():
        assert label in labels, name
    record = json.loads((tmp_path / "build.json").read_text(encoding="utf-8"))
    assert {Path(s["path"]).name for s in record["skipped"]} == set(EXPECTED_SKIPS)
    assert run_kg("build", BAD, "--out", tmp_path / "strict", "--max-bytes", 8000, "--strict", "-q").returncode == 1


def test_traditional_text_matches_and_keeps_the_original_form(tmp_path):
    path = tmp_path / "trad.txt"
    path.write_text("上海市經濟和信息化委員會主任吳金城表示，市政府發布《上海市數據條例》。", encoding="utf-8")
    from kg.pipeline import build

    g = build([path], None).graph
    (agency,) = g.subjects(RDFS.label, Literal("上海市经济和信息化委员会", lang="zh"))
    from rdflib.namespace import SKOS

    assert Literal("上海市經濟和信息化委員會", lang="zh") in set(g.objects(agency, SKOS.altLabel))


def test_reruns_are_byte_identical_and_build_facts_stay_out_of_the_graph(tmp_path):
    a, b = run_kg("build", "--out", tmp_path / "a", "-q"), run_kg("build", "--out", tmp_path / "b", "-q")
    assert a.returncode == b.returncode == 0
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()
    assert "built_at" in (tmp_path / "a" / "build.json").read_text(encoding="utf-8")
    assert "_:" not in (tmp_path / "a" / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("victim", ["graph.ttl", "graph.html", "build.json"])
def test_a_build_killed_while_writing_leaves_the_previous_outputs(tmp_path, victim):
    first = run_kg("build", "--out", tmp_path, "-q")
    assert first.returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    other = tmp_path / "other.txt"
    other.write_text("深圳市工业和信息化局局长余锡坤出席。", encoding="utf-8")
    killed = run_kg("build", other, "--out", tmp_path, "-q", env={FAULT_WRITE_ENV: victim})
    assert killed.returncode == 137
    assert (tmp_path / victim).read_bytes() == before[victim]  # the previous file, whole
    Graph().parse(tmp_path / "graph.ttl")  # and it still parses
    assert [p for p in tmp_path.iterdir() if p.name.startswith(f".{victim}.")]  # the killed run's temporary copy
    again = run_kg("build", "--out", tmp_path, "-q")
    assert again.returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") and not p.name.startswith(".kg")]


HOSTILE = ['<script>alert(1)</script>', 'a"b', "back\\slash", "line\nbreak", "<http://x> <y> <z> .",
           '"""triple"""', "@prefix x: <http://x/> .", "{\"@id\": \"x\"}", "tab\there"]


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_hostile_names_survive_every_export(tmp_path, fmt):
    """Names with markup, quotes, backslashes, newlines and RDF syntax: a store built from them exports and
    reloads to the same quads in every format."""
    from kg.config import Settings
    from kg.pipeline import build
    from kg.store import KgStore
    from kg.store.export import export_rdf

    article = tmp_path / "hostile.txt"
    article.write_text("".join(f"市政府印发《{name}管理办法》。" for name in HOSTILE) + "\n深圳市工业和信息化局局长余锡坤出席。",
                       encoding="utf-8")
    build([article], None, Settings(), store=tmp_path / "store")
    with KgStore(tmp_path / "store") as store:
        data = export_rdf(store, fmt)
        union = {(q.subject, q.predicate, q.object) for q in store.quads(include_registry=False)}
        everything = set(store.quads())
        labels = {q.object.value for q in store.quads() if q.predicate.value.endswith("#label")}
    assert any(name.replace("\n", "") in "".join(labels) or name in "".join(labels) for name in HOSTILE[:4])
    fresh = ox.Store()
    fresh.load(data.encode("utf-8"), format={"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                                             "nquads": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}[fmt])
    if fmt in ("trig", "nquads"):
        assert set(fresh) == everything
    else:
        assert {(q.subject, q.predicate, q.object) for q in fresh} == union


def test_hostile_article_end_to_end(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text('市政府印发《<script>alert(1)</script>"引号"\\\\反斜杠<http://x> .管理办法》。', encoding="utf-8")
    proc = run_kg("build", path, "--out", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert any("<script>" in str(o) for o in g.objects(None, RDFS.label))
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page


# -- fuzzing -----------------------------------------------------------------------------

ZH = st.text(alphabet=st.sampled_from(list("上海市经济和信息化委员会主任吴金城副市长《》“”，。、：；（）0123456789亿元%公司集团新区平台与合作印发"
                                           "<>&\"'\\\n \t")), max_size=300)
HTML_FRAGMENT = st.lists(st.one_of(ZH, st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<strong>", "</strong>",
                                                         "<br>", "<script>", "</script>", "<!--", "-->", "<h1>",
                                                         "<blockquote>", "<p><strong>新华社：</strong>"])), max_size=40).map("".join)
FRONT = st.dictionaries(st.sampled_from(["title", "date", "author", "categories", "x"]),
                        st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=3)),
                        max_size=5)


def _check(nlp, raw: str) -> None:
    document = document_from_text(raw, "fuzz.md")
    if not document.text.strip():
        return
    ex = extract(nlp(to_doc(nlp, document)), document)
    for m in ex.mentions:
        assert 0 <= m.start <= m.end <= len(document.text)
    for ev in [r.evidence for r in ex.relations] + [f.evidence for f in ex.figures]:
        assert document.text[ev.start:ev.end] == ev.sentence
        assert ev.start <= ev.span_start <= ev.span_end <= ev.end


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_fuzz_random_unicode(nlp, text):
    _check(nlp, text)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=HTML_FRAGMENT)
def test_fuzz_random_html(nlp, body):
    _check(nlp, body)


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=FRONT, body=ZH)
def test_fuzz_random_front_matter(nlp, front, body):
    import yaml

    _check(nlp, "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body)


YAML_PIECES = st.sampled_from(["title: ", "date: ", "a: &x ", "b: *x", "[", "]", "{", "}", "- ", "\n", "  ", ": ",
                               "2021-13-45", "2023-02-30", "9" * 400, "&a [*a]", "!!python/object:os.system", "'",
                               '"', "#", "|", ">", "上海市", "*a", "&b", "null", "~", "0x1F", ".inf"])


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(front=st.lists(YAML_PIECES, max_size=40).map("".join), body=ZH)
def test_fuzz_raw_front_matter(nlp, front, body):
    """Any text between the --- lines: malformed, aliased, recursive or impossible values never stop the body."""
    _check(nlp, "---\n" + front + "\n---\n" + body)


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(depth=st.integers(min_value=1, max_value=3000), tags=st.lists(st.sampled_from(["div", "p", "span", "li", "b"]),
                                                                     min_size=1, max_size=4))
def test_fuzz_nesting_depth(nlp, depth, tags):
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    document = document_from_text("<html><body>" + opening + "深圳市发展和改革委员会发布通知。" + closing + "</body></html>",
                                  "deep.html", body_format="html")
    assert "深圳市发展和改革委员会发布通知。" in document.text
    _check(nlp, "<div>" * min(depth, 500) + "<p>深圳市发展和改革委员会发布通知。</p>" + "</div>" * min(depth, 500))
