"""graph.html in a real headless Chromium (Debian's, driven by Playwright; never a downloaded browser),
from file://, offline: the network draws, nothing is fetched, hostile names stay text."""
import re
from pathlib import Path

from kg.pipeline import build

SHOTS = Path(__file__).parent.parent.parent / "output" / "screenshots"


def open_page(browser, path: Path):
    """Open a page and record console errors, dialogs and every request that is not the file itself."""
    page = browser.new_page(viewport={"width": 1280, "height": 820})
    log = {"errors": [], "dialogs": [], "requests": []}
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: r.url != path.as_uri() and not r.url.startswith("data:") and log["requests"].append(r.url))
    page.goto(path.as_uri())
    page.wait_for_function("typeof network !== 'undefined' && nodes.length > 0")
    page.wait_for_timeout(1500)
    return page, log


def test_page_has_no_remote_resources(sample_build):
    page = sample_build.outputs["html"].read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=\"https?://", page)


def test_sample_view_draws_offline(browser, sample_build, sample_graph):
    from kg.analytics import to_networkx

    G = to_networkx(sample_graph)
    page, log = open_page(browser, sample_build.outputs["html"])
    assert page.evaluate("[nodes.get({filter: n => n.kgType}).length, edges.length]") == \
        [G.number_of_nodes(), G.number_of_edges()]
    labels = set(page.evaluate("nodes.get().map(n => n.label)"))
    assert {"上海市经济和信息化委员会", "吴金城", "中国商用飞机有限责任公司"} <= labels
    assert "任职于（主任）" in page.evaluate("edges.get().map(e => e.label)")
    assert page.locator("canvas").count() == 1
    agencies = sum(1 for _, d in G.nodes(data=True) if d["type"] == "Agency")
    assert agencies >= 6 and f"机构 Agency ({agencies})" in page.inner_text("#kg-bar")
    assert log == {"errors": [], "dialogs": [], "requests": []}
    page.fill("#kg-search", "市经济信息化委")
    page.press("#kg-search", "Enter")
    selected = page.evaluate("network.getSelectedNodes()")
    assert [page.evaluate(f"nodes.get('{selected[0]}').label")] == ["上海市经济和信息化委员会"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "sample_graph.png"))
    assert (SHOTS / "sample_graph.png").stat().st_size > 30000
    page.close()


def test_hostile_names_stay_text(browser, tmp_path):
    hostile = '<img src=x onerror="alert(1)">'
    article = tmp_path / "hostile.txt"
    article.write_text(f"市政府印发《{hostile}管理办法》。深圳市工业和信息化局局长余锡坤出席。\n"
                       f"坚持“</script><script>alert(2)</script>平台”建设。", encoding="utf-8")
    result = build([article], tmp_path / "out")
    page, log = open_page(browser, result.outputs["html"])
    labels = page.evaluate("nodes.get().map(n => n.label)")
    assert f"{hostile}管理办法" in labels  # the name is kept, as text
    assert page.locator("img").count() == 0 and page.locator("script:text('alert(2)')").count() == 0
    page.hover("canvas")
    assert log["dialogs"] == [] and log["requests"] == [] and log["errors"] == []
    page.close()


def test_the_view_holds_still_gathers_isolated_nodes_and_keeps_labels_apart(browser, sample_build):
    path = sample_build.outputs["html"]
    first, log = open_page(browser, path)
    positions = first.evaluate("network.getPositions()")
    first.close()
    again, _ = open_page(browser, path)
    assert again.evaluate("network.getPositions()") == positions  # the same graph opens the same way
    isolated = again.evaluate("nodes.get({filter: n => n.kgType && network.getConnectedNodes(n.id).length === 0})"
                              ".map(n => n.id)")
    linked = [p for n, p in positions.items() if n not in isolated and n != "kg:isolated"]
    assert isolated and all(positions[n]["y"] > max(p["y"] for p in linked) for n in isolated)  # one block, below
    assert "isolated nodes (%d)" % len(isolated) in again.evaluate("nodes.get('kg:isolated').label")
    # the labels the page draws do not overlap (tests/viz/test_labels.py checks them at several zooms)
    labels = [l["box"] for l in again.evaluate("kgDrawnLabels()")["labels"] if l["kind"] != "hovered"]
    assert len(labels) >= 10
    assert not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert log["errors"] == []
    again.close()


def test_search_lists_matches_or_says_there_is_none(browser, sample_build):
    page, log = open_page(browser, sample_build.outputs["html"])
    page.fill("#kg-search", "不存在的机构")
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-nomatch") == "没有匹配 / no match: 不存在的机构"
    page.fill("#kg-search", "上海")
    page.press("#kg-search", "Enter")
    matches = page.locator(".kg-match").all_inner_texts()
    assert len(matches) > 3 and matches[0].startswith("上海市 · District")  # the exact name first, with its type
    assert page.locator("#kg-nomatch").count() == 0
    page.locator(".kg-match").nth(1).click()
    assert page.evaluate("network.getSelectedNodes().length") == 1
    assert log["errors"] == []
    page.close()


def test_isolated_nodes_can_be_hidden(browser, sample_graph, tmp_path):
    from kg.analytics import to_networkx
    from kg.viz import render_html

    G = to_networkx(sample_graph)
    out = tmp_path / "hidden.html"
    out.write_text(render_html(G, isolated="hide"), encoding="utf-8")
    page, log = open_page(browser, out)
    shown = page.evaluate("nodes.get({filter: n => n.kgType}).length")
    assert shown == sum(1 for n in G if G.degree(n) > 0) and page.evaluate("nodes.get('kg:isolated')") is None
    page.close()
