"""The notebook runs top to bottom in a real Jupyter kernel (nbclient) of this environment."""
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "explore.ipynb"


@pytest.fixture
def kernel_name(tmp_path, monkeypatch):
    """A kernelspec pointing at this interpreter (the project's own), so the notebook sees the installed kg."""
    import json

    spec_dir = tmp_path / "jupyter" / "kernels" / "kg-test"
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "kg", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "kg-test"


def test_notebook_runs_top_to_bottom(tmp_path, kernel_name):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (tmp_path / "output").mkdir()
    NotebookClient(nb, timeout=300, kernel_name=kernel_name, resources={"metadata": {"path": str(tmp_path)}}).execute()
    text = "\n".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "documents: 1 built" in text and "上海市经济和信息化委员会" in text
    assert (tmp_path / "output" / "top_agencies.png").stat().st_size > 5000
    assert "市经济信息化委 ±2" in (tmp_path / "output" / "focus.html").read_text(encoding="utf-8")
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
