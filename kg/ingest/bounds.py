"""The bounds one file is read within (:class:`kg.config.ReadLimits` and the reading deadline), checked before
a parser sees the file where its directory tells (a .docx's zip members) and between steps while it is read
(PDF pages, Word paragraphs). What is over a bound raises :class:`InputError` with the option that sets it."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from kg.config import ReadLimits
from kg.deadline import expired
from kg.errors import InputError

__all__ = ["Reading", "ReadTimeout", "check_zip", "timeout_reason"]

_RATIO_FROM = 1024 * 1024  # a smaller member may compress as well as it likes: it stays small


class ReadTimeout(InputError):
    """A file still being read when the article's time (``--article-timeout``) ran out."""


@dataclass(frozen=True)
class Reading:
    """The limits of one file's reading and its deadline (``time.monotonic()``; None: no time limit); ``unread``
    says what a reader left out over a limit (a feed's items past --max-items), one line each."""

    limits: ReadLimits = field(default_factory=ReadLimits)
    deadline: float | None = None
    seconds: float = 0.0
    unread: list[str] = field(default_factory=list)

    def check_time(self) -> None:
        if expired(self.deadline):
            raise ReadTimeout(timeout_reason(self.seconds))

    def check_chars(self, count: int, what: str = "text") -> None:
        if count > self.limits.max_chars:
            raise InputError(f"more than {self.limits.max_chars:,} characters of {what}, over the limit (--max-chars)")


def timeout_reason(seconds: float) -> str:
    return f"still reading after {seconds:g} s (--article-timeout)"


def check_zip(data: bytes, limits: ReadLimits) -> None:
    """Refuse a zip (a .docx) whose members, by its central directory, unpack to more than
    ``limits.max_unpacked_bytes`` together, or one of which unpacks to more than ``limits.max_ratio`` times its
    compressed size (a bomb: text compresses about 10:1, a repeated character 1000:1). Python's zipfile never
    unpacks a member beyond the size the directory gives, so what is checked here bounds what is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as err:
        raise InputError(f"not a zip archive ({err})") from err
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM and ratio > limits.max_ratio:
            raise InputError(f"{member.filename} unpacks to {member.file_size:,} bytes, {ratio:,.0f} times its "
                             f"packed size (more than {limits.max_ratio}: a zip bomb)")
    if total > limits.max_unpacked_bytes:
        raise InputError(f"unpacks to {total:,} bytes, over the limit of {limits.max_unpacked_bytes:,} "
                         f"(--max-unpacked-bytes)")
