"""Article review pages in headless Chromium: highlighted mentions, evidence rows, figures; hostile text stays text."""
from pathlib import Path

from kg.pipeline import build
from kg.report import write_reports

from .test_browser import SHOTS


def test_sample_report_page(browser, sample_build, tmp_path):
    paths = write_reports(sample_build.store, tmp_path / "report")
    (page_path,) = [p for p in paths if p.name != "index.html"]
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    requests = []
    page.on("request", lambda r: r.url != page_path.as_uri() and requests.append(r.url))
    page.goto(page_path.as_uri())
    # every mention of 上海市经济和信息化委员会 is highlighted and links to its card
    anchor = page.evaluate("""() => { const card = [...document.querySelectorAll('.card')]
        .find(c => c.querySelector('b').textContent === '上海市经济和信息化委员会'); return card && card.id; }""")
    assert anchor
    marks = page.evaluate(f"""() => [...document.querySelectorAll('mark.entity')]
        .filter(m => m.querySelector('a') && m.querySelector('a').getAttribute('href') === '#{anchor}')
        .map(m => m.firstChild.textContent.trim())""")
    assert "市经济信息化委" in marks
    # the evidence sentence of 吴金城's post, with the exact span marked
    row = page.evaluate("""() => [...document.querySelectorAll('table tr')].map(r => [...r.cells].map(c => c.textContent))
        .find(c => c[0] === '吴金城' && c[2] === '上海市经济和信息化委员会')""")
    assert row and row[3] == "主任" and row[4].startswith("在今天（10月27日）举行的市政府新闻发布会上")
    marked = page.evaluate("""() => [...document.querySelectorAll('td mark')].map(m => m.textContent)""")
    assert "市经济信息化委主任吴金城" in marked
    # the 2300亿元 figure row
    figure = page.evaluate("""() => [...document.querySelectorAll('table tr')].map(r => [...r.cells].map(c => c.textContent))
        .find(c => c[1] === '2300亿元')""")
    assert figure and figure[2] in ("230000000000", "230000000000.0") and figure[3] == "CNY"
    assert requests == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report_sample.png"), full_page=False)
    page.close()
    index = browser.new_page()
    index.goto((tmp_path / "report" / "index.html").as_uri())
    index.fill("#q", "吴金城")
    assert index.evaluate("[...document.querySelectorAll('#articles tr')].slice(1).filter(r => r.style.display !== 'none').length") == 1
    index.fill("#q", "不存在")
    assert index.evaluate("[...document.querySelectorAll('#articles tr')].slice(1).filter(r => r.style.display !== 'none').length") == 0
    index.close()


def test_hostile_article_stays_text(browser, tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text('市政府印发《<img src=x onerror="alert(1)">管理办法》。<script>alert(2)</script>深圳市工业和信息化局局长余锡坤出席。',
                       encoding="utf-8")
    paths = write_reports(build([article], None).store, tmp_path / "report")
    (page_path,) = [p for p in paths if p.name != "index.html"]
    page, log = open_page_plain(browser, page_path)
    assert page.locator("img").count() == 0
    assert '<img src=x onerror="alert(1)">管理办法' in page.inner_text("body")
    assert log["dialogs"] == []
    page.close()


def open_page_plain(browser, path: Path):
    page = browser.new_page()
    log = {"dialogs": []}
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_timeout(300)
    return page, log
