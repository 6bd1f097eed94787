"""What a CRFsuite model file (``model.crfsuite``, written by python-crfsuite) holds that its Python binding does
not give: the names of the attributes (feature strings) the model has weights for. ``Tagger.info()`` parses a text
dump and fails on a name with a line break in it (the feature of a newline character).

The file (CRFsuite's ``crf1d_model.c``): a 48-byte header (magic ``lCRF``, sizes, counts and offsets, little
endian) whose ``off_attrs`` points to a CQDB chunk; a CQDB chunk (``cqdb.c``) ends in a backward array, one offset
per id, of records ``id (uint32), size (uint32), name (size bytes, NUL-terminated UTF-8)``.
"""
from __future__ import annotations

import struct
from pathlib import Path

__all__ = ["model_attributes"]

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, features, labels, attrs, 5 offsets
_CQDB = struct.Struct("<4sIIIII")  # magic, size, flag, byte order, backward array size, backward array offset


def model_attributes(path: str | Path) -> list[str]:
    """The attribute names of the CRFsuite model at ``path``, by id; ValueError if the file is not one."""
    data = Path(path).read_bytes()
    try:
        magic, _size, _type, _version, _features, _labels, count, _f, _l, offset, *_ = _HEADER.unpack_from(data, 0)
        cqdb, _csize, _flag, _order, entries, backward = _CQDB.unpack_from(data, offset)
        if magic != b"lCRF" or cqdb != b"CQDB" or entries != count:
            raise ValueError("not a CRFsuite model with an attribute table")
        names = []
        for k in range(entries):
            (record,) = struct.unpack_from("<I", data, offset + backward + 4 * k)
            ident, size = struct.unpack_from("<II", data, offset + record)
            if ident != k or size < 1:
                raise ValueError(f"attribute record {k} is malformed")
            start = offset + record + 8
            names.append(data[start:start + size - 1].decode("utf-8"))
    except struct.error as err:
        raise ValueError(f"truncated CRFsuite model ({err})") from err
    return names
