"""A Word file's author property is kept only when it names someone: the generator's name or a computer's default
account (python-docx, Microsoft Office User, Administrator) is dropped (invented documents)."""
import pytest

from kg.ingest import read_document
from kg.ingest.authors import document_author


def _docx(path, author=None):
    import docx

    document = docx.Document()
    if author is not None:
        document.core_properties.author = author
    document.add_paragraph("宁州市发展和改革委员会印发通知，推进平台经济健康发展。")
    document.save(path)
    return path


@pytest.mark.parametrize("author", [None, "Microsoft Office User", "Administrator", " administrator ", "WPS_1580012345",
                                    "Ｗindows  User", "微软用户"])
def test_a_generator_or_default_account_is_no_author(tmp_path, author):
    doc = read_document(_docx(tmp_path / "notice.docx", author))
    assert doc.author == ""  # python-docx writes its own name when none is set


def test_a_real_author_is_kept(tmp_path):
    assert read_document(_docx(tmp_path / "notice.docx", "宁州市发展和改革委员会")).author == "宁州市发展和改革委员会"
    assert document_author("Administration Office") == "Administration Office"  # not a default name, a prefix only
    assert document_author("李 娜") == "李 娜"
