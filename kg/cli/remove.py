"""``kg remove``."""
from __future__ import annotations

from pathlib import Path
from typing import List

from kg.cli._app import Arg, Opt, app, err, reports_errors
from kg.printable import printable


@app.command("remove")
@reports_errors
def remove_cli(
    docs: List[str] = Arg(..., help="Document ids (the 16-hex content hash) or source paths."),
    store: Path = Opt(..., "--store", "-s", help="The kg store folder."),
):
    """Retract documents from a store, with everything only they contributed (their facts, the aliases and
    entities no other article mentions).

    Example: kg remove --store kgstore articles/old.md
    """
    from kg.store import KgStore

    with KgStore(store, write=True) as st:
        for doc in docs:
            doc_id = doc if st.has_document(doc) else st.find_document(doc)  # a content id, source path or file
            st.remove_document(doc_id)
            err(f"removed {doc_id} ({printable(doc)})")
