"""The name an article's source gets in the graph (``kg:sourcePath``): relative to what was given on the
command line, never the absolute install or home path, so the same article gives the same bytes on any machine.

- a file inside the kg package (the bundled sample): its package-relative name, ``kg/data/000_….txt``;
- a file given directly: its path relative to the current folder if it lies inside it, else its name;
- a file found in a folder given: the folder's name, then its path inside the folder (``articles/2024/a.md``).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from kg.config import PACKAGE_DIR

__all__ = ["source_name", "named_documents", "count_inputs"]


def _inside(path: Path, folder: Path) -> str | None:
    """``path`` relative to ``folder`` (both absolute), in POSIX form, or None when it lies outside."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return None


def source_name(file: str | Path, given: str | Path | None = None, cwd: str | Path | None = None) -> str:
    """The source name of ``file``, found under ``given`` (the command-line input: a folder or the file itself)."""
    file = Path(file)
    where = Path(cwd) if cwd is not None else Path.cwd()
    absolute = Path(os.path.abspath(where / file))  # links are kept as named: the name is what the user sees
    package = _inside(absolute, Path(os.path.abspath(PACKAGE_DIR)).parent)
    if package is not None and package.startswith(f"{PACKAGE_DIR.name}/"):
        return package
    given = Path(given) if given is not None else file
    folder = Path(os.path.abspath(where / given))
    if folder != absolute and (inner := _inside(absolute, folder)) is not None:
        return f"{folder.name}/{inner}" if folder.name else inner
    return _inside(absolute, Path(os.path.abspath(where))) or absolute.name


def named_documents(inputs: Iterable[str | Path], read) -> Iterator:
    """The documents ``read([item])`` yields for each input item, their ``source`` renamed by :func:`source_name`."""
    import dataclasses

    used: set[str] = set()
    for item in inputs:
        for document in read([item]):
            name = _unique(source_name(document.source, item), document.source, used)
            used.add(name)
            yield dataclasses.replace(document, source=name)


def _unique(name: str, path: str, used: set[str]) -> str:
    """``name``, or, when another input of the run has it already (two files of one name given from outside
    the current folder), it with as many of the file's parent folders as make it unique."""
    if name not in used:
        return name
    parts = Path(os.path.abspath(path)).parts
    for n in range(len(name.split("/")) + 1, len(parts)):
        longer = "/".join(parts[-n:])
        if longer not in used:
            return longer
    return Path(os.path.abspath(path)).as_posix()


def count_inputs(inputs: Iterable[str | Path], suffixes, follow_symlinks: bool, max_items: int | None = None,
                 max_bytes: int | None = None) -> int:
    """How many articles a build of ``inputs`` will read: one a file (a walk of the folders), the items of a feed
    file (at most ``max_items``; only the XML files and files of other suffixes than ``suffixes`` are looked into,
    up to ``max_bytes``)."""
    from kg.ingest.reader import iter_paths

    return sum(_articles(path, suffixes, max_items, max_bytes) for path in iter_paths(inputs, suffixes, [],
                                                                                       follow_symlinks))


def _articles(path: Path, suffixes, max_items: int | None, max_bytes: int | None) -> int:
    from kg.config import FEED_SUFFIXES
    from kg.ingest.feed import FEED_HEAD, is_feed_file, item_count

    if path.suffix.lower() in suffixes and path.suffix.lower() not in FEED_SUFFIXES:
        return 1
    try:
        with open(path, "rb") as fh:
            head = fh.read(FEED_HEAD)
            if not is_feed_file(head):
                return 1
            items = item_count(head + fh.read(max(0, max_bytes - len(head)) if max_bytes is not None else -1))
    except OSError:
        return 1
    return max(1, min(items, max_items) if max_items is not None else items)
