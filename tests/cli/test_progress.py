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
