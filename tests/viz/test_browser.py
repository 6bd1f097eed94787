"""graph.html in a real headless Chromium, offline: the graph draws and labels stay text."""
import re
import shutil
import subprocess

import networkx as nx
import pytest

from kg.viz import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--virtual-time-budget=8000"]


def chromium(*args, tmp_path):
    if not CHROMIUM:
        pytest.fail("chromium is required for the browser tests (apt-get install chromium fonts-noto-cjk)")
    proc = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)
    return proc


def test_page_has_no_remote_resources(sample_build):
    page = sample_build.outputs["html"].read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=\"https?://", page)
    assert "vis-network" in page or "vis.Network" in page


def test_sample_view_draws_offline(sample_build, tmp_path):
    proc = chromium("--dump-dom", sample_build.outputs["html"].as_uri(), tmp_path=tmp_path)
    dom = proc.stdout
    assert '<canvas' in dom, proc.stderr[-2000:]
    assert "vis-network" in dom  # the library built its container
    assert "机构 Agency (7)" in dom  # the legend
    shot = tmp_path / "shot.png"
    chromium("--window-size=1200,800", f"--screenshot={shot}", sample_build.outputs["html"].as_uri(), tmp_path=tmp_path)
    assert shot.stat().st_size > 20000  # a drawn graph, not a blank frame


def test_hostile_labels_stay_text(tmp_path):
    G = nx.MultiDiGraph()
    evil = '</script><script>document.title="pwned"</script><b>粗体</b>'
    G.add_node("a", type="Person", label=evil, aliases=['"><img src=x onerror=alert(1)>'], docs=[])
    G.add_node("b", type="Agency", label="市政府", aliases=[], docs=[])
    G.add_edge("a", "b", key="holdsPostIn", predicate="holdsPostIn", role="<i>主任</i>")
    page = tmp_path / "evil.html"
    page.write_text(render_html(G, title="<script>alert(2)</script>"), encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(2)</script>" not in html and '</script><script>document.title' not in html
    dom = chromium("--dump-dom", page.as_uri(), tmp_path=tmp_path).stdout
    assert "<title>pwned</title>" not in dom and "<canvas" in dom
    assert "<img src=\"x\"" not in dom
