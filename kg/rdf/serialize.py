"""Write graphs to files atomically (temporary name, then rename), in a stable order."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from rdflib import Graph

__all__ = ["write_graph", "write_text", "write_atomic", "FORMATS", "FAULT_WRITE_ENV"]

FAULT_WRITE_ENV = "KG_FAULT_BEFORE_RENAME"  # testing: die after writing FILE's temporary copy, before the rename

# file suffix → rdflib format; longturtle sorts its output, so reruns give identical files
FORMATS = {".ttl": "longturtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".trig": "trig", ".xml": "xml"}


def write_text(path: str | Path, text: str) -> Path:
    return write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))


def write_atomic(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if os.environ.get(FAULT_WRITE_ENV) == path.name:
            os._exit(137)  # fault injection: killed between writing and renaming
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_graph(graph: Graph, path: str | Path, fmt: str | None = None) -> Path:
    path = Path(path)
    fmt = fmt or FORMATS.get(path.suffix.lower(), "longturtle")
    text = graph.serialize(format=fmt)
    if fmt == "nt":
        text = "".join(sorted(text.splitlines(keepends=True)))
    return write_text(path, text)
