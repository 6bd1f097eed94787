from datetime import datetime, timezone

from kg.ingest.frontmatter import parse_date, split_front_matter


def test_split_front_matter_reads_yaml_and_body():
    meta, body = split_front_matter("\n---\ntitle: '标题'\ncategories:\n - 金融\n---\n<p>正文</p>")
    assert meta == {"title": "标题", "categories": ["金融"]}
    assert body.strip() == "<p>正文</p>"


def test_missing_or_malformed_front_matter_keeps_the_body():
    assert split_front_matter("只有正文") == ({}, "只有正文")
    meta, body = split_front_matter("---\ntitle: [unclosed\n---\n正文")
    assert meta == {} and body.strip() == "正文"


def test_dates_rfc2822_iso_and_missing():
    assert parse_date("Wed, 27 Oct 2021 07:27:23 GMT") == datetime(2021, 10, 27, 7, 27, 23, tzinfo=timezone.utc)
    assert parse_date("2023-03-15T09:30:00+08:00").isoformat() == "2023-03-15T09:30:00+08:00"
    assert parse_date("2023-03-15").date().isoformat() == "2023-03-15"
    assert parse_date(None) is None and parse_date("") is None and parse_date("not a date") is None
