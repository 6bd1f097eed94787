"""Linear models kept as plain JSON (a bias and feature weights), read without scikit-learn or pickle: the one
reader and writer of the relation classifier's and the figure indicator chooser's weight files."""
from __future__ import annotations

import json
import math
from pathlib import Path

__all__ = ["FORMAT", "sigmoid", "rounded", "dump_weights", "load_weights", "read_weights_file"]

FORMAT = 1


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def rounded(bias: float, weights: dict[str, float]) -> dict:
    """``{"bias": b, "weights": {f: w}}`` rounded to 6 places, features sorted: the same model, the same bytes."""
    return {"bias": round(bias, 6), "weights": {k: round(v, 6) for k, v in sorted(weights.items())}}


def dump_weights(data: dict) -> str:
    return json.dumps({"format": FORMAT, **data}, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def load_weights(raw: str, error: type[Exception], what: str) -> dict:
    """The JSON object of a weight file, raising ``error`` when its format is not this one."""
    data = json.loads(raw)
    version = data.get("format") if isinstance(data, dict) else None
    if version != FORMAT:
        raise error(f"unknown {what} format {version!r}")
    return data


def read_weights_file(path: Path, parse, error: type[Exception], what: str):
    """``parse(text)`` of the file at ``path``; an unreadable or malformed file raises ``error`` naming it."""
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise error(f"{path}: not a readable {what} ({err})") from err
