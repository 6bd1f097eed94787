"""Progress: a bar on a terminal only; in a log, plain lines (no carriage returns); nothing when quiet."""
import io
import os

from kg.cli._progress import progress_display


class Sized(list):
    pass


def test_a_log_gets_a_plain_line_every_n_articles():
    log = io.StringIO()  # not a terminal, like `2> log`
    assert list(progress_display("extracting", stream=log, every=10)(Sized(range(25)))) == list(range(25))
    assert log.getvalue().splitlines()[0].startswith("extracting: 10 of 25 articles, ")
    assert len(log.getvalue().splitlines()) == 2 and "\r" not in log.getvalue()


def test_quiet_writes_nothing_and_a_terminal_gets_a_bar():
    log = io.StringIO()
    assert list(progress_display("extracting", quiet=True, stream=log, every=1)(range(5))) == list(range(5))
    assert log.getvalue() == ""
    leader, follower = os.openpty()  # a real terminal device
    with os.fdopen(follower, "w") as tty:
        assert list(progress_display("extracting", stream=tty)(Sized(range(3)))) == [0, 1, 2]
        tty.flush()
        shown = os.read(leader, 4096).decode()
    os.close(leader)
    assert "\r" in shown and "extracting:" in shown and "0/3" in shown  # a bar, cleared when done (leave=False)


# an invented article of one 45,000-character line (no paragraph breaks), sentences of varied numbers
LONG_LINE = "".join(f"宁州市工业和信息化局局长陈建国表示，第{i}批{i % 97}个项目开工，总投资{i % 83 + 1}亿元。" for i in range(1300))[:45_000]


def test_a_long_single_line_is_read_in_bounded_sections_with_progress_lines(tmp_path):
    from kg.cli._progress import long_article_lines
    from kg.config import Settings
    from kg.ingest import read_document
    from kg.nlp.extract import SECTION_CHARS, sections
    from kg.pipeline import build

    path = tmp_path / "long.txt"
    path.write_text(LONG_LINE, encoding="utf-8")
    parts = sections(read_document(path), SECTION_CHARS)
    assert len(parts) == 3 and all(len(part.text) <= SECTION_CHARS for _, part in parts)
    log = io.StringIO()
    with long_article_lines(stream=log):
        result = build([path], None, Settings(ner="rules"))
    assert len(result.documents) == 1
    lines = log.getvalue().splitlines()
    assert lines[0] == "long article long.txt: 45,000 characters, read in sections"
    assert lines[-1].startswith("long article long.txt: 45,000 of 45,000 characters, ")
    with long_article_lines(quiet=True, stream=log):  # quiet: nothing more
        build([path], None, Settings(ner="rules"))
    assert log.getvalue().splitlines() == lines


def test_a_worker_process_shows_the_progress_of_its_long_article(tmp_path):
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(LONG_LINE, encoding="utf-8")
    (tmp_path / "in" / "short.txt").write_text(LONG_LINE[:300], encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                           "--no-html", "--ner", "rules", "--workers", "2"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    long = "in/long.txt"  # named relative to the folder given
    assert f"long article {long}: 45,000 characters, read in sections\n" in proc.stderr
    assert f"long article {long}: 45,000 of 45,000 characters, " in proc.stderr
    assert "short.txt" not in proc.stderr.split("documents:")[0]  # a short article reports nothing of its own


def test_a_long_article_gets_its_time_per_100000_characters():
    from kg.parallel import article_seconds

    assert article_seconds(300, 100_000) == 300 and article_seconds(300, 450_000) == 1350
