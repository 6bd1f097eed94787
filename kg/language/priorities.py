"""How sure each rule is: among candidate mentions of equal length the higher priority wins (the mention
filter), and a mention's vote for its entity's type weighs by it (resolution)."""
from __future__ import annotations

__all__ = ["RULE_PRIORITY"]

RULE_PRIORITY = {
    "speaker_marker": 9, "branch": 8, "kg_gazetteer": 8, "book_title": 7,
    "agency_core": 6, "title_name": 6, "byline": 6, "source_line": 6, "alias_definition": 6, "meeting": 6,
    "project_phase": 5, "enumeration": 5, "quoted_system": 5, "route": 5,
    "quoted_name": 4, "quoted_programme": 4, "zone_suffix_strong": 4,
    "zone_suffix": 3, "event_suffix": 3, "enterprise_suffix": 3, "institution_suffix": 3, "post_employer": 3, "ner": 3,
    "agency_suffix": 2, "initiative_suffix": 2,
}
