"""The notebook's code cells run, in order, against the installed package."""
import contextlib
import io
import json
import os
from pathlib import Path

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_cells_run(tmp_path):
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    namespace: dict = {}
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            for source in code:
                exec(compile(source, str(NOTEBOOK), "exec"), namespace)
    finally:
        os.chdir(cwd)
    text = out.getvalue()
    assert "documents: 1 built" in text and "上海市经济和信息化委员会" in text
    assert (tmp_path / "output" / "graph.ttl").is_file()
