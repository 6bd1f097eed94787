"""Identifiers an article may state for an organisation: the unified social credit code (统一社会信用代码,
GB 32100-2015, 18 characters with a check character) and stock codes (证券代码/股票代码: 600000, 600000.SH,
SH600000, 00700.HK), normalised to ``code.EXCHANGE``."""
from __future__ import annotations

import re

__all__ = ["valid_credit_code", "stock_code"]

_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT = re.compile(rf"^[{_CREDIT_CHARS}]{{18}}$")


def valid_credit_code(code: str) -> bool:
    """Whether ``code`` is a unified social credit code whose check character is right.

    >>> valid_credit_code("91350100M000100Y43"), valid_credit_code("91350100M000100Y44")  # GB 32100 example
    (True, False)
    """
    if not _CREDIT.match(code):
        return False
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], _CREDIT_WEIGHTS))
    return _CREDIT_CHARS[(31 - total % 31) % 31] == code[17]


# a six-digit A-share code's exchange by its leading digits (Shanghai, Shenzhen, Beijing)
_EXCHANGE_BY_PREFIX = (("688", "SH"), ("689", "SH"), ("60", "SH"), ("90", "SH"), ("00", "SZ"), ("30", "SZ"),
                       ("20", "SZ"), ("92", "BJ"), ("8", "BJ"), ("4", "BJ"))


def stock_code(text: str) -> str | None:
    """A stock code as ``digits.EXCHANGE``; None if ``text`` is not one.

    >>> [stock_code(t) for t in ("600000", "SZ000753", "300750.sz", "00700.HK", "12345")]
    ['600000.SH', '000753.SZ', '300750.SZ', '00700.HK', None]
    """
    t = text.strip().upper().replace("．", ".")
    m = re.fullmatch(r"(SH|SZ|BJ|HK)?\.?(\d{4,6})(?:\.(SH|SZ|BJ|HK|SS))?", t)
    if not m:
        return None
    digits, exchange = m.group(2), (m.group(1) or m.group(3) or "").replace("SS", "SH")
    if exchange == "HK":
        return f"{digits.zfill(5)}.HK" if len(digits) <= 5 else None
    if len(digits) != 6:
        return None
    exchange = exchange or next((x for prefix, x in _EXCHANGE_BY_PREFIX if digits.startswith(prefix)), "")
    return f"{digits}.{exchange}" if exchange else None
