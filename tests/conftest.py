"""Shared fixtures: one real pipeline and one real build of the bundled sample per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def rules_nlp():
    """LAC and the rules without the trained model: for tests of what the rule components themselves do."""
    from kg.config import Settings
    from kg.nlp import make_nlp

    return make_nlp(Settings(model=None))


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The bundled sample built into a temporary folder, as `kg build` does."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("sample")
    return build([], out)


@pytest.fixture(scope="session")
def sample_graph(sample_build):
    from kg.rdf.store import load_graph

    return load_graph(sample_build.outputs["turtle"])


def process(nlp, text: str, speaker_paragraphs=()):
    """Run the pipeline over ``text`` (one paragraph per line) the way the builder does."""
    from kg.ingest.reader import document_from_text
    from kg.nlp.extract import to_doc

    document = document_from_text(text, "test.txt")
    return nlp(to_doc(nlp, document)), document


def relations_on(nlp, text: str, names) -> list[dict]:
    """The relations ``nlp``'s ``kg_relations`` reads in ``text`` when its entities are ``names`` ((surface, label,
    division key or "", kb_id), each at its first occurrence): the relation rules on names set by hand."""
    doc, _ = process(nlp, text)
    ents = []
    for surface, label, key, kb in names:
        at = text.index(surface)
        span = doc.char_span(at, at + len(surface), label=label, kb_id=kb)
        span.id_ = key
        ents.append(span)
    doc.ents = sorted(ents, key=lambda s: s.start)
    return nlp.get_pipe("kg_relations")(doc)._.kg_relations


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    import shutil

    import os

    sync_api = pytest.importorskip("playwright.sync_api")
    path = shutil.which("chromium") or CHROMIUM
    if not Path(path).exists():
        if os.environ.get("KG_SKIP_BROWSER"):  # .ci/run could not install it (no root): it said so
            pytest.skip("no chromium (installing it needs root: apt-get install chromium fonts-noto-cjk)")
        pytest.fail("Debian chromium is required (apt-get install chromium fonts-noto-cjk)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
