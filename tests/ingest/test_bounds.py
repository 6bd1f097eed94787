"""Reading is bounded while it happens: a small file that unpacks or extracts to gigabytes is refused before or
while it is read (one line, like any unreadable file), and reading runs under --article-timeout. The hostile
files are generated here, streaming, so the tests stay small and fast."""
import json
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from kg.config import ReadLimits
from kg.errors import InputError
from kg.ingest import read_document

GOOD = "---\ntitle: 甲\n---\n<p>宁州市工业和信息化局局长陈建国表示，宏达机械股份有限公司将扩大投资。</p>"

_CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
                  'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                  'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                  'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                  'wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
         '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def docx_bomb(path: Path, megabytes: int = 200) -> Path:
    """A .docx whose one paragraph is ``megabytes`` million characters: a few hundred KB on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://'
                         b'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b"x" * (1 << 20)
            for _ in range(megabytes):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def huge_page(path: Path, megabytes: int) -> Path:
    """A saved portal page of ``megabytes`` MB: site chrome around one article of many paragraphs."""
    paragraph = "<p>宁州市人民政府办公室关于印发加快推进数字经济高质量发展若干措施的通知，<a href='/x/1.html'>详情</a></p>\n"
    body = paragraph * (megabytes * 1_000_000 // len(paragraph.encode("utf-8")))
    path.write_text("<html><head><title>宁州</title></head><body><nav class='nav'><a href='/'>首页</a></nav>"
                    f"<div class='article'>{body}</div><footer>版权所有</footer></body></html>", encoding="utf-8")
    return path


def text_pdf(pages: list[str]) -> bytes:
    """A PDF of one line of (ASCII) text per page, in Helvetica: its objects and their cross-reference table."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [" + " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
               + f"] /Count {len(pages)} >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(pages):
        stream = f"BT /F1 10 Tf 20 100 Td ({text}) Tj ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


# each page's line different in its letters (a line every page repeats is a running header, dropped)
REPORT_PAGES = [f"The {''.join(chr(97 + int(d)) for d in str(i))} industry of Ningzhou grew." for i in range(400)]


def test_a_docx_bomb_is_refused_from_its_zip_directory_before_it_is_unpacked(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"word/document\.xml unpacks to 209,715,\d+ bytes, 1,0\d\d times its packed "
                                         r"size \(more than 100: a zip bomb\)"):
        read_document(bomb)
    assert time.perf_counter() - started < 5


def test_a_docx_over_the_unpacked_size_is_refused_and_under_it_is_read(tmp_path):
    small = docx_bomb(tmp_path / "small.docx", megabytes=2)
    with pytest.raises(InputError, match=r"unpacks to 2,09\d,\d+ bytes, over the limit of 1,000,000 "
                                         r"\(--max-unpacked-bytes\)"):
        read_document(small, limits=ReadLimits(max_unpacked_bytes=1_000_000, max_ratio=10_000))
    with pytest.raises(InputError, match=r"more than 1,000,000 characters of text, over the limit \(--max-chars\)"):
        read_document(small, limits=ReadLimits(max_ratio=10_000))  # in size and ratio: its text is over
    assert len(read_document(small, limits=ReadLimits(max_ratio=10_000, max_chars=3_000_000)).text) == 2 * 1024 * 1024


def test_a_pdf_is_refused_past_its_page_count_or_its_text_as_it_is_read(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(REPORT_PAGES))
    document = read_document(path)
    assert document.extra["pages"] == "400" and "The djj industry of Ningzhou grew." in document.text
    with pytest.raises(InputError, match=r"400 pages, over the limit of 100 \(--max-pages\)"):
        read_document(path, limits=ReadLimits(max_pages=100))
    with pytest.raises(InputError, match=r"more than 1,000 characters of text, over the limit \(--max-chars\)"):
        read_document(path, limits=ReadLimits(max_chars=1_000))


def test_a_huge_page_or_text_is_refused_before_a_tree_is_built(tmp_path):
    page = huge_page(tmp_path / "page.html", 4)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"more than 1,000,000 characters of markup and text, over the limit"):
        read_document(page)
    assert time.perf_counter() - started < 5
    text = tmp_path / "notes.txt"
    text.write_text("宁州市统计局发布数据。\n" * 1000, encoding="utf-8")
    with pytest.raises(InputError, match=r"more than 10,000 characters of text, over the limit \(--max-chars\)"):
        read_document(text, limits=ReadLimits(max_chars=10_000))
    assert read_document(text).text.count("\n") == 999


@pytest.mark.parametrize("thread", [False, True], ids=["timer", "checked between pages"])
def test_reading_stops_at_the_article_timeout(tmp_path, thread):
    """In the main thread a timer interrupts reading; in another (a worker pool's feeder) the reader checks
    the deadline between pages."""
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(REPORT_PAGES * 2))
    outcome = {}

    def read():
        started = time.perf_counter()
        try:
            read_document(path, seconds=0.2)
        except InputError as err:
            outcome["error"] = str(err)
        outcome["seconds"] = time.perf_counter() - started

    if thread:
        worker = threading.Thread(target=read)
        worker.start()
        worker.join(30)
    else:
        read()
    assert outcome["error"] == f"{path}: still reading after 0.2 s (--article-timeout)"
    assert outcome["seconds"] < 1.5


_MEASURED = ("import atexit, resource, sys\n"
             "atexit.register(lambda: sys.stderr.write("
             "f'peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB\\n'))\n"
             "from kg.cli import main\nmain()\n")


def test_a_build_skips_the_bomb_and_the_huge_page_in_bounded_time_and_memory(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    docx_bomb(folder / "bomb.docx")
    huge_page(folder / "page.html", 50)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURED, "build", str(folder), "--out", str(tmp_path / "out"),
                           "--no-html", "--ner", "rules", "--max-bytes", "100000000"],
                          capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert seconds < 60, f"{seconds:.0f} s"
    peak = int(proc.stderr.rsplit("peak RSS ", 1)[1].split()[0])
    assert peak < 1024, f"{peak} MB"
    record = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert [Path(d["source"]).name for d in record["documents"]] == ["good.md"]
    skipped = {Path(s["path"]).name: s["reason"] for s in record["skipped"]}
    assert "a zip bomb" in skipped["bomb.docx"] and "--max-chars" in skipped["page.html"], skipped
    for name in ("bomb.docx", "page.html"):
        assert len([line for line in proc.stderr.splitlines() if name in line]) == 1
        assert f"skipped {folder / name}: {skipped[name]}" in proc.stderr
