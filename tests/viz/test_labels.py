"""The view's labels in a real headless Chromium: the labels the page draws (window.kgDrawnLabels(), screen-space
boxes as drawn) never overlap one another nor another node's dot, at several zooms and after a pan, on the sample
and on a graph of 14 real-format articles; a hovered node's label is drawn on a background; search runs as one
types."""
from pathlib import Path

import pytest

from kg.pipeline import build
from tests.viz.test_browser import open_page

FIXTURES = Path(__file__).parent.parent / "fixtures"
VIEWS = {  # how to move the view from the opening fit
    "fit": "network.fit({animation: false})",
    "2x": "network.fit({animation: false}); network.moveTo({scale: network.getScale() * 2})",
    "half": "network.fit({animation: false}); network.moveTo({scale: network.getScale() * 0.5})",
    "2x-panned": "network.fit({animation: false}); network.moveTo({scale: network.getScale() * 2,"
                 " position: {x: network.getViewPosition().x + 300, y: network.getViewPosition().y - 200}})",
}
# dark pixels inside a box: the label's text is really on the canvas there
INK = """(box) => {
  const c = document.querySelector('#mynetwork canvas'), r = c.width / c.clientWidth;
  const d = c.getContext('2d').getImageData(Math.round(box[0] * r), Math.round(box[1] * r),
                                            Math.round((box[2] - box[0]) * r), Math.round((box[3] - box[1]) * r)).data;
  let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i] + d[i + 1] + d[i + 2] < 450) ink++;
  return ink; }"""


@pytest.fixture(scope="module")
def articles_build(tmp_path_factory):
    """The real-format test articles (several folders, 14 articles) built together, as `kg build` does."""
    paths = sorted(p for folder in ("articles", "eval", "heldout", "heldout2")
                   for p in (FIXTURES / folder).iterdir() if p.suffix in (".md", ".txt", ".html"))
    assert len(paths) >= 12
    return build(paths, tmp_path_factory.mktemp("articles"))


def drawn_after(page, script: str) -> dict:
    """Run ``script`` (a change of view), wait for a frame drawn after it, return what that frame drew."""
    before = page.evaluate("kgDrawnLabels().frame")
    page.evaluate(script)
    page.wait_for_function(f"kgDrawnLabels().frame > {before}")
    page.wait_for_timeout(100)
    return page.evaluate("kgDrawnLabels()")


def intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("graph", ["sample", "articles"])
def test_drawn_labels_never_overlap_at_any_zoom(browser, sample_build, articles_build, graph):
    path = (sample_build if graph == "sample" else articles_build).outputs["html"]
    page, log = open_page(browser, path)
    width, height = page.evaluate("[document.querySelector('#mynetwork canvas').clientWidth,"
                                  " document.querySelector('#mynetwork canvas').clientHeight]")
    counts, in_view = {}, {}  # labels drawn, dots wholly in view
    for view, script in VIEWS.items():
        drawn = drawn_after(page, script)
        labels = [l for l in drawn["labels"] if l["kind"] != "hovered"]
        counts[view] = len(labels)
        in_view[view] = sum(0 <= d["box"][0] and d["box"][2] <= width and 0 <= d["box"][1] and d["box"][3] <= height
                            for d in drawn["dots"])
        overlaps = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                    if intersect(a["box"], b["box"])]
        assert overlaps == [], (view, overlaps)
        assert sum(l["kind"] == "hub" for l in labels) <= 3  # the few that may cover a neighbour's dot
        on_dots = [(l["text"], d["id"]) for l in labels if l["kind"] != "hub" for d in drawn["dots"]
                   if d["id"] != l["id"] and intersect(l["box"], d["box"])]
        assert on_dots == [], (view, on_dots)
        assert all(0 <= l["box"][0] and l["box"][2] <= width and 0 <= l["box"][1] and l["box"][3] <= height
                   for l in labels)
        for label in labels[:5]:  # the boxes are where the text really is on the canvas
            assert page.evaluate(INK, label["box"]) > 10, (view, label["text"])
        if view == "fit":  # the most central node is named, however crowded its neighbourhood
            top = page.evaluate("nodes.get({filter: n => n.kgType}).sort((a, b) => b.kgRank - a.kgRank)[0].id")
            assert top in {l["id"] for l in labels}
    # drag a labelled node onto another's place: the labels are placed again, still apart
    drawn = drawn_after(page, VIEWS["fit"])
    a, b = [l for l in drawn["labels"] if l["kind"] in ("label", "hub")][:2]
    canvas = page.locator("#mynetwork canvas").bounding_box()
    start = page.evaluate(f"network.canvasToDOM(network.getPositions(['{a['id']}'])['{a['id']}'])")
    end = page.evaluate(f"network.canvasToDOM(network.getPositions(['{b['id']}'])['{b['id']}'])")
    page.mouse.move(canvas["x"] + start["x"], canvas["y"] + start["y"])
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(canvas["x"] + start["x"] + (end["x"] + 12 - start["x"]) * step / 10,
                        canvas["y"] + start["y"] + (end["y"] + 6 - start["y"]) * step / 10)
    page.mouse.up()
    moved = page.evaluate(f"network.canvasToDOM(network.getPositions(['{a['id']}'])['{a['id']}'])")
    assert abs(moved["x"] - end["x"] - 12) < 3 and abs(moved["y"] - end["y"] - 6) < 3  # it was dragged there
    labels = [l for l in drawn_after(page, "network.redraw()")["labels"] if l["kind"] != "hovered"]
    assert not [(x["text"], y["text"]) for i, x in enumerate(labels) for y in labels[i + 1:] if intersect(x["box"], y["box"])]
    assert all(counts[view] >= 10 for view in ("fit", "2x", "half")), counts
    # the pan is a fixed offset: where the layout puts few nodes there, a share of those in view is labelled
    assert counts["2x-panned"] >= max(5, in_view["2x-panned"] // 4), (counts, in_view)
    assert counts["2x"] != counts["half"]  # recomputed for the zoom: not one fixed set of labels
    assert log["errors"] == []
    page.close()


def test_hovered_label_is_drawn_on_a_background(browser, articles_build):
    page, log = open_page(browser, articles_build.outputs["html"])
    drawn = drawn_after(page, VIEWS["fit"])
    shown = {l["id"] for l in drawn["labels"]}
    hidden = page.evaluate("nodes.get({filter: n => n.kgType}).map(n => n.id)")
    target = next(n for n in hidden if n not in shown)  # a node whose label was left out
    x, y = page.evaluate(f"(() => {{ const p = network.getPositions(['{target}'])['{target}'];"
                         f" const d = network.canvasToDOM(p); return [d.x, d.y]; }})()")
    box = page.locator("#mynetwork canvas").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_function(f"kgDrawnLabels().labels.some(l => l.kind === 'hovered' && l.id === '{target}')")
    hovered = next(l for l in page.evaluate("kgDrawnLabels()")["labels"] if l["kind"] == "hovered")
    label = page.evaluate(f"nodes.get('{target}').label")
    assert hovered["text"] == label and hovered["background"]
    # the background is painted (white at the box's inner corner) and the text on it
    corner = page.evaluate("""(b) => { const c = document.querySelector('#mynetwork canvas'), r = c.width / c.clientWidth;
        return Array.from(c.getContext('2d').getImageData(Math.round((b[0] + 1.5) * r), Math.round((b[1] + 1.5) * r), 1, 1).data); }""",
                           hovered["box"])
    assert corner[:3] == [255, 255, 255] or min(corner[:3]) >= 250, corner
    assert page.evaluate(INK, hovered["box"]) > 10
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] - 2)  # away: the label is gone again
    page.wait_for_function("!kgDrawnLabels().labels.some(l => l.kind === 'hovered')")
    assert log["errors"] == []
    page.close()


def test_search_runs_as_one_types(browser, sample_build):
    page, log = open_page(browser, sample_build.outputs["html"])
    assert page.get_attribute("#kg-search", "placeholder")  # a hint that typing searches
    assert "hover" in page.inner_text("#kg-hint")  # and one on how to see a hidden label
    page.type("#kg-search", "上海", delay=30)  # no Enter
    page.wait_for_selector(".kg-match")
    matches = page.locator(".kg-match").all_inner_texts()
    assert len(matches) > 3 and matches[0].startswith("上海市 · District")
    assert page.evaluate("network.getSelectedNodes()") == []  # typing lists, it does not move the view
    page.wait_for_function("kgDrawnLabels().labels.some(l => l.kind === 'found')")
    found = [l for l in page.evaluate("kgDrawnLabels()")["labels"] if l["kind"] == "found"]
    assert found and all(page.evaluate(f"(n => n.label.includes('上海') || n.search.includes('上海'))(nodes.get('{l['id']}'))")
                         for l in found)  # the matches' labels, drawn first, on a highlight
    assert all(l["background"] for l in found)
    page.fill("#kg-search", "不存在的机构")
    page.wait_for_selector("#kg-nomatch")
    assert page.locator(".kg-match").count() == 0
    page.fill("#kg-search", "市经济信息化委")
    page.press("#kg-search", "Enter")  # Enter still goes to the first match
    selected = page.evaluate("network.getSelectedNodes()")
    assert [page.evaluate(f"nodes.get('{selected[0]}').label")] == ["上海市经济和信息化委员会"]
    assert log["errors"] == []
    page.close()
