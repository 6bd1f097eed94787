"""A free port on 127.0.0.1 and a wait for a server there to answer: shared by the server benchmarks."""
from __future__ import annotations

import socket
import time
import urllib.request

__all__ = ["free_port", "wait_until_up"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, tries: int = 150, pause: float = 0.2) -> None:
    """Return once ``http://127.0.0.1:PORT/`` answers (or after ``tries`` attempts)."""
    for _ in range(tries):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return
        except OSError:
            time.sleep(pause)
