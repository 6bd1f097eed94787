"""Article review pages: each article's text with what kg recognised highlighted (displaCy), and every
relation and figure next to the sentence it came from. Self-contained HTML, all article text escaped.
Read from a store (``sparql/report_*.rq``)."""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.rdf.namespace import sparql_file
from kg.store import KgStore
from kg.store.counts import GraphCounts, count_graph
from kg.viz import EDGE_LABELS, TYPE_COLORS, TYPE_NAMES_ZH

__all__ = ["ArticleReport", "collect", "render_article", "render_index", "write_reports", "page_name"]

_QUERIES = {p.stem[len("report_"):]: sparql_file(p) for p in (Path(__file__).parent / "sparql").glob("report_*.rq")}


@dataclass
class ArticleReport:
    doc: str
    doc_id: str
    title: str
    date: str
    source: str
    text: str
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, entity IRI, rule
    relations: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    turns: list[dict] = field(default_factory=list)
    author: str = ""


def _python(term):
    """An Oxigraph term as the Python value rdflib gives (int, Decimal, str ...)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return Literal(term.value, lang=term.language, datatype=None if term.language else URIRef(term.datatype.value)).toPython()
    return term.value


def _rows(store: KgStore, name: str) -> list[dict]:
    columns, rows = store.select(_QUERIES[name], _python)
    return [dict(zip(columns, row)) for row in rows]


def collect(store: KgStore, docs: list[str] | None = None) -> tuple[list[ArticleReport], dict[str, dict]]:
    """Articles (optionally only those whose id or source is in ``docs``) and entity cards keyed by IRI."""
    entities: dict[str, dict] = {}
    for r in _rows(store, "entities"):
        entities[str(r["e"])] = {"label": str(r["label"]), "type": str(r["cls"]).split("#")[-1], "aliases": [], "docs": []}
    for name, field_, column in (("aliases", "aliases", "alias"), ("mentioned_in", "docs", "d")):
        for r in _rows(store, name):
            if r["e"] in entities:
                entities[r["e"]][field_].append(str(r[column]))
    for card in entities.values():
        card["aliases"] = sorted(set(card["aliases"]) - {card["label"]})
        card["docs"] = sorted(set(card["docs"]))
    articles = []
    for r in _rows(store, "documents"):
        if docs and str(r["hash"]) not in docs and str(r["source"]) not in docs:
            continue
        if articles and articles[-1].doc == str(r["d"]):
            continue  # a second source of the same article
        articles.append(ArticleReport(str(r["d"]), str(r["hash"]), str(r["title"] or ""), str(r["date"] or "")[:10],
                                      str(r["source"]), str(r["text"]), author=str(r["author"] or "")))
    by_doc = {a.doc: a for a in articles}
    for r in _rows(store, "mentions"):
        if str(r["d"]) in by_doc:
            by_doc[str(r["d"])].mentions.append((int(r["s"]), int(r["e"]), str(r["m"]), str(r["rule"])))
    roles: dict[tuple[str, str], set[str]] = {}
    for r in _rows(store, "posts"):
        roles.setdefault((str(r["s"]), str(r["o"])), set()).add(str(r["role"]))
    for r in _rows(store, "relations"):
        if str(r["d"]) in by_doc:
            role = "、".join(sorted(roles.get((str(r["s"]), str(r["o"])), ())))
            by_doc[str(r["d"])].relations.append({**r, "p": str(r["p"]).split("#")[-1], "role": role})
    for r in _rows(store, "figures"):
        if str(r["d"]) in by_doc:
            by_doc[str(r["d"])].figures.append(r)
    for r in _rows(store, "turns"):
        if str(r["d"]) in by_doc:
            by_doc[str(r["d"])].turns.append(r)
    for a in articles:
        a.mentions.sort()
        a.relations.sort(key=lambda r: (int(r["start"]), r["p"], str(r["subject"]), str(r["object"])))
        a.figures.sort(key=lambda r: (int(r["start"]), int(r["a"] if r["a"] is not None else 0)))
    return articles, entities


_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _safe_name(text: str, prefix: str) -> str:
    """``text`` if it is a plain name (letters, digits, ``_``, ``-``: what kg mints), else ``prefix`` and a
    hash of it: ids and file names taken from graph data can never break out of an attribute or a folder,
    nor be a ``javascript:`` link."""
    return text if _SAFE_NAME.fullmatch(text) else prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _anchor(iri: str) -> str:
    """The id of an entity's card."""
    return "e-" + _safe_name(iri.rsplit("/", 1)[-1], "h")


def page_name(doc_id: str) -> str:
    """The file name of an article's page (its content id, as kg mints it)."""
    return _safe_name(doc_id, "doc-") + ".html"


def _marked(sentence: str, start: int, a, b) -> str:
    """The sentence with the exact span of the fact in <mark> (every piece escaped)."""
    if a is None or b is None:
        return html.escape(sentence)
    a, b = max(0, int(a) - start), max(0, int(b) - start)
    return html.escape(sentence[:a]) + "<mark>" + html.escape(sentence[a:b]) + "</mark>" + html.escape(sentence[b:])


_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0 auto;
       max-width: 1100px; padding: 1.2em 1.5em 4em; color: #222; line-height: 1.6; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 1.8em; }
.meta { color: #666; font-size: .9em; }
td.none { color: #888; }
.legend span { display: inline-block; margin-right: 1em; font-size: .85em; }
.legend i { display: inline-block; width: .9em; height: .9em; border-radius: 50%; margin-right: .3em; vertical-align: -1px; }
.body { font-size: 1.02em; line-height: 2.1; }
.body mark.entity { padding: .1em .25em !important; margin: 0 .05em !important; }
.body mark.entity a { font-size: .7em; }
table { border-collapse: collapse; width: 100%; font-size: .88em; margin-top: .6em; }
th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; cursor: pointer; user-select: none; }
td mark { background: #ffe58a; }
.cards { columns: 2; font-size: .86em; } .card { break-inside: avoid; margin-bottom: .5em; }
.card b { padding: 0 .3em; border-radius: .3em; }
input[type=search] { width: 100%; padding: .4em; font-size: 1em; box-sizing: border-box; }
"""


def _colors() -> dict[str, str]:
    # displaCy labels are kg's class names; light tints of the graph view's colours
    return {t: c + "55" for t, c in TYPE_COLORS.items()}


def _legend() -> str:
    return "<div class='legend'>" + "".join(
        f"<span><i style='background:{c}'></i>{html.escape(TYPE_NAMES_ZH[t])} {t}</span>" for t, c in TYPE_COLORS.items()) + "</div>"


_NONE_ROW = "<tr><td colspan='{columns}' class='none'>无 · none</td></tr>"


def _meta_line(a: ArticleReport, entity_count: int) -> str:
    """Date · author · source · counts, leaving out what the article does not have (no stray separators)."""
    known = [html.escape(part) for part in (a.date, a.author, a.source) if part.strip()]
    counts = f"{entity_count} entities, {len(a.relations)} relations, {len(a.figures)} figures"
    return " · ".join([*known, counts])


def render_article(a: ArticleReport, entities: dict[str, dict], titles: dict[str, str],
                   pages: dict[str, str] | None = None) -> str:
    """An article's page; ``titles`` and ``pages`` (document IRI → title, page file) name the other articles."""
    from spacy import displacy

    pages = pages or {}

    ents = []
    last_end = -1
    for start, end, iri, rule in a.mentions:
        if start < last_end or iri not in entities:
            continue
        ents.append({"start": start, "end": end, "label": entities[iri]["type"], "kb_id": "↗", "kb_url": f"#{_anchor(iri)}"})
        last_end = end
    body = displacy.render({"text": a.text, "ents": ents, "title": None}, style="ent", manual=True, page=False,
                           minify=True, options={"colors": _colors()})
    rows_rel = "".join(
        f"<tr><td>{html.escape(str(r['subject']))}</td><td>{html.escape(EDGE_LABELS.get(r['p'], r['p']))} "
        f"<small>{html.escape(r['p'])}</small></td><td>{html.escape(str(r['object']))}</td><td>{html.escape(str(r['role'] or ''))}</td>"
        f"<td>{_marked(str(r['sentence']), int(r['start']), r['a'], r['b'])}</td><td><code>{html.escape(str(r['rule']))}</code></td></tr>"
        for r in a.relations)
    rows_fig = "".join(
        f"<tr><td>{html.escape(str(r['indicator']))}</td><td>{html.escape(str(r['text']))}</td><td>{html.escape(str(r['value']))}</td>"
        f"<td>{html.escape(str(r['unit'] or ''))}</td><td>{html.escape(str(r['period'] or ''))}</td>"
        f"<td>{_marked(str(r['sentence']), int(r['start']), r['a'], r['b'])}</td><td><code>kg_figures</code></td></tr>"
        for r in a.figures)
    rows_turn = "".join(
        f"<tr><td>{'提问 question' if str(t['kind']).endswith('Question') else '回答 answer'}</td>"
        f"<td>{html.escape(str(t['speaker'] or ''))}</td><td>{html.escape(str(t['text'])[:160])}</td></tr>" for t in a.turns)
    mentioned = sorted({iri for _, _, iri, _ in a.mentions if iri in entities},
                       key=lambda i: (entities[i]["type"], entities[i]["label"]))
    cards = "".join(
        f"<div class='card' id='{_anchor(i)}'><b style='background:{TYPE_COLORS.get(entities[i]['type'], '#999999')}33'>"
        f"{html.escape(entities[i]['label'])}</b> <small>{html.escape(entities[i]['type'])}</small>"
        + (f"<br>别名: {html.escape('、'.join(entities[i]['aliases']))}" if entities[i]["aliases"] else "")
        + "".join(f"<br>also in: <a href='{pages.get(d) or page_name(d.rsplit('/', 1)[-1])}'>"
                  f"{html.escape(titles.get(d, d))}</a>" for d in entities[i]["docs"] if d != a.doc)
        + "</div>" for i in mentioned)
    rows_rel = rows_rel or _NONE_ROW.format(columns=6)
    rows_fig = rows_fig or _NONE_ROW.format(columns=7)
    turns = (f"<h2>发布会 · who asked, who answered</h2><table><tr><th>turn</th><th>speaker</th><th>text</th></tr>{rows_turn}</table>"
             if rows_turn else "")
    return f"""<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(a.title or a.doc_id)}</title>
<style>{_CSS}</style></head><body>
<p><a href="index.html">← all articles</a></p>
<h1>{html.escape(a.title or a.doc_id)}</h1>
<p class="meta">{_meta_line(a, len(mentioned))}</p>
{_legend()}
<h2>正文 · text</h2><div class="body">{body}</div>
<h2>关系 · relations</h2><table><tr><th>subject</th><th>relation</th><th>object</th><th>post</th><th>evidence</th><th>rule</th></tr>{rows_rel}</table>
<h2>数据 · figures</h2><table><tr><th>indicator</th><th>as written</th><th>value</th><th>unit</th><th>period</th><th>evidence</th><th>rule</th></tr>{rows_fig}</table>
{turns}
<h2>实体 · entities</h2><div class="cards">{cards}</div>
</body></html>"""


def series(store: KgStore) -> dict[tuple[str, str], list[tuple[str, float, str]]]:
    """(indicator, unit) → [(year, value, kind)] for each indicator with points in two or more years (the
    shipped ``figures_by_indicator`` query; one point per year and kind, the last stated)."""
    from kg.rdf.query import resolve_query

    found: dict[tuple[str, str], dict[tuple[str, str], float]] = {}
    for row in store.query(resolve_query("figures_by_indicator")):
        if row["year"] is None:
            continue
        key = (row["indicator"].value, row["unit"].value)
        found.setdefault(key, {})[(row["year"].value, row["kind"].value)] = float(row["value"].value)
    return {key: sorted((year, value, kind) for (year, kind), value in points.items())
            for key, points in sorted(found.items()) if len({year for year, _ in points}) >= 2}


def _short(value: float) -> str:
    """5600亿, 1.63万, 6.8: a value as a Chinese reader writes it on a chart.

    >>> _short(560000000000.0), _short(16300.0), _short(6.8)
    ('5600亿', '1.63万', '6.8')
    """
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{value / size:.4g}{word}"
    return f"{value:g}"


def _chart(indicator: str, unit: str, points: list[tuple[str, float, str]]) -> str:
    """A small self-contained SVG line chart: outcomes joined by a line, targets as open circles."""
    w, h, pad = 420, 150, 36
    years = sorted({int(y) for y, _, _ in points})
    lo, hi = min(v for _, v, _ in points), max(v for _, v, _ in points)
    lo, hi = (lo, hi) if hi > lo else (lo - 1, hi + 1)

    def xy(year, value):
        x = pad + (w - 2 * pad) * ((int(year) - years[0]) / max(1, years[-1] - years[0]))
        return x, h - pad - (h - 2 * pad) * (value - lo) / (hi - lo)

    outcomes = [xy(y, v) for y, v, k in points if k == "outcome"]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in outcomes)
    marks = "".join(
        f'<circle class="{html.escape(k)}" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{"#1f77b4" if k == "outcome" else "white"}" '
        f'stroke="#1f77b4"><title>{html.escape(yr)} {v:g} {html.escape(unit)} ({html.escape(k)})</title></circle>'
        f'<text x="{x:.1f}" y="{h - 12}" font-size="11" text-anchor="middle">{html.escape(yr)}</text>'
        f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="10" text-anchor="middle">{_short(v)}</text>'
        for (yr, v, k), (x, y) in zip(points, (xy(y, v) for y, v, _ in points)))
    return (f'<figure class="kg-chart"><figcaption>{html.escape(indicator)} ({html.escape(unit)})</figcaption>'
            f'<svg width="{w}" height="{h}" role="img"><polyline points="{line}" fill="none" stroke="#1f77b4"/>'
            f'{marks}</svg></figure>')


def render_index(articles: list[ArticleReport], entities: dict[str, dict], totals: GraphCounts | None = None,
                 charts: dict | None = None) -> str:
    rows = []
    for a in articles:
        names = sorted({entities[i]["label"] for _, _, i, _ in a.mentions if i in entities} |
                       {al for _, _, i, _ in a.mentions if i in entities for al in entities[i]["aliases"]})
        count = len({i for _, _, i, _ in a.mentions if i in entities})
        rows.append(f"<tr data-names=\"{html.escape(' '.join(names))}\"><td>{html.escape(a.date)}</td>"
                    f"<td><a href='{page_name(a.doc_id)}'>{html.escape(a.title or a.doc_id)}</a></td>"
                    f"<td>{html.escape(a.source)}</td><td>{count}</td><td>{len(a.relations)}</td><td>{len(a.figures)}</td></tr>")
    script = """
const rows = () => Array.from(document.querySelectorAll('#articles tr')).slice(1);
document.getElementById('q').addEventListener('input', e => { const q = e.target.value.trim();
  for (const r of rows()) r.style.display = !q || r.dataset.names.includes(q) || r.textContent.includes(q) ? '' : 'none'; });
document.querySelectorAll('#articles th').forEach((th, i) => th.addEventListener('click', () => {
  const dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir === 1 ? 'asc' : 'desc';
  const key = r => { const t = r.cells[i].textContent; return i >= 3 ? Number(t) : t; };
  const sorted = rows().sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * dir);
  const table = document.getElementById('articles'); sorted.forEach(r => table.appendChild(r)); }));
"""
    return f"""<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>kg · articles</title><style>{_CSS}</style></head><body>
<h1>kg · {len(articles)} article(s)</h1>
{_totals(totals)}
<p><input id="q" type="search" placeholder="查找实体 / find articles by entity name"></p>
<table id="articles"><tr><th>date</th><th>title</th><th>source</th><th title="distinct entities the article names (highlighted on its page)">entities named</th><th title="relation statements the article's sentences give">relations stated</th><th>figures</th></tr>
{''.join(rows)}</table>
{_charts(charts)}<script>{script}</script></body></html>"""


def _charts(charts: dict | None) -> str:
    if not charts:
        return ""
    return ('<h2>Figures over time · 指标时间序列</h2><p>Indicators stated for two or more years (filled: '
            'outcome; open: target or forecast).</p>' + "".join(_chart(i, u, p) for (i, u), p in charts.items()))


def _totals(totals: GraphCounts | None) -> str:
    """The graph's counts, as ``kg build`` and ``kg stats`` give them (the table below counts per article)."""
    if totals is None:
        return ""
    ents = ", ".join(f"{k} {v}" for k, v in totals.entities.items())
    rels = ", ".join(f"{k} {v}" for k, v in totals.relations.items())
    return (f'<p id="totals">The graph: <b>{sum(totals.entities.values())}</b> entities ({html.escape(ents)}), '
            f'<b>{sum(totals.relations.values())}</b> relations ({html.escape(rels)}), <b>{totals.figures}</b> figures '
            f'— counted as <code>kg build</code> and <code>kg stats</code> count them; an entity no article names '
            f'on its own (a body a title implies, a parent place) is in the graph but on no page.</p>')


def write_reports(store: KgStore, out_dir: str | Path, docs: list[str] | None = None) -> list[Path]:
    """One page per article and ``index.html`` in ``out_dir``. Pages an earlier report left there for
    articles this graph does not hold are removed: the folder describes one graph."""
    from kg.rdf.serialize import write_text

    out = Path(out_dir)
    articles, entities = collect(store, docs)
    pages = {a.doc: page_name(a.doc_id) for a in articles}
    if docs is None and out.is_dir():
        keep = set(pages.values()) | {"index.html"}
        for old in out.glob("*.html"):
            if old.name not in keep:
                old.unlink()
    titles = {a.doc: a.title or a.doc_id for a in articles}
    paths = [write_text(out / pages[a.doc], render_article(a, entities, titles, pages)) for a in articles]
    paths.append(write_text(out / "index.html", render_index(articles, entities, count_graph(store), series(store))))
    return paths
