from pathlib import Path

import pytest

from kg.config import SAMPLE_ARTICLE
from kg.errors import InputError
from kg.ingest import iter_documents, read_document
from kg.ingest.html import html_blocks

ARTICLES = Path(__file__).parent.parent / "fixtures" / "articles"


def test_sample_metadata_and_paragraphs():
    doc = read_document(SAMPLE_ARTICLE)
    assert doc.title.startswith("上海数字化转型进展如何")
    assert doc.date.isoformat() == "2021-10-27T07:27:23+00:00"
    assert doc.author == "财联社" and doc.categories == ("金融", "财联社", "深度")
    assert doc.extra["comments"] == "False"
    assert len(doc.file_hash) == 64 and len(doc.doc_id) == 16
    # paragraphs index the cleaned text exactly, separated by one newline
    for para in doc.paragraphs:
        assert "\n" not in doc.text[para.start:para.end]
    assert doc.text.startswith("在今天（10月27日）举行的市政府新闻发布会上")


def test_press_conference_turns_are_kept():
    doc = read_document(SAMPLE_ARTICLE)
    turns = [(doc.text[p.start:p.marker_end - 1], p.speaker) for p in doc.paragraphs if p.marker_end]
    assert turns[:4] == [("新华社", "新华社"), ("吴清", "吴清"), ("中央广播电视总台（央视）", "中央广播电视总台（央视）"),
                         ("吴金城", "吴金城")]
    # an answer that runs over several paragraphs keeps its speaker
    follow = [p for p in doc.paragraphs if p.speaker == "吴清" and p.marker_end is None]
    assert len(follow) >= 4


def test_inline_tags_join_without_spaces_and_blocks_split():
    blocks = html_blocks("<div><p>市委常委、<strong>副市长</strong>吴清</p><h2>标题</h2><p>第二段</p></div>")
    assert [b.text for b in blocks] == ["市委常委、副市长吴清", "标题", "第二段"]
    assert [b.kind for b in blocks] == ["p", "heading", "p"]


def test_html_page_drops_script_and_style():
    doc = read_document(ARTICLES / "beijing_page.html")
    assert "不要这段" not in doc.text and "color:red" not in doc.text
    assert "北京市经济和信息化局印发《北京市促进机器人产业创新发展若干措施》" in doc.text


def test_plain_text_one_paragraph_per_line():
    doc = read_document(ARTICLES / "shenzhen_plain.txt")
    assert len(doc.paragraphs) == 3 and doc.title == "" and doc.date is None


def test_gbk_file_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("上海市经济和信息化委员会主任吴金城出席会议。本市数字经济规模持续扩大。".encode("gb18030"))
    assert "上海市经济和信息化委员会" in read_document(path).text


def test_binary_oversize_and_missing_files_are_refused(tmp_path):
    binary = tmp_path / "x.md"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="binary"):
        read_document(binary)
    big = tmp_path / "big.txt"
    big.write_text("字" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit"):
        read_document(big, max_bytes=50)
    with pytest.raises(InputError, match="no such file"):
        list(iter_documents([tmp_path / "missing.md"]))


def test_folder_is_read_recursively_and_bad_files_are_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("---\ntitle: A\n---\n<p>市政府发布通知。</p>", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    skipped = []
    docs = list(iter_documents([tmp_path], skipped=skipped))
    assert [d.title for d in docs] == ["A"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [("empty.txt", "no body text")]
