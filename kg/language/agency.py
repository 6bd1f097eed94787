"""Agency names as <jurisdiction><core>: 市经信委, 上海市发展改革委, 中共上海市委, 浦东新区政府."""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.language.lexicon import MUNICIPALITIES, AgencyCore, Lexicon

__all__ = ["AgencyName", "split_agency", "canonical_agency", "INFIX"]

# what may stand between a jurisdiction and its body: a session (省十四届人大常委会) or a zone's
# second name in brackets (某某工业新区(某某生态新区)党工委)
INFIX = re.compile(r"(?:第?[一二三四五六七八九十百]{1,4}届|[（(][^（）()]{1,12}[)）])$")
_SESSION = re.compile(r"第?[一二三四五六七八九十百]{1,4}届")


@dataclass(frozen=True)
class AgencyName:
    jurisdiction: str  # as written: "市", "上海市", "浦东新区", "" ...
    core: AgencyCore | None
    rest: str  # the core as written when it is not in the core table
    party: bool  # written with 中共


def split_agency(surface: str, lex: Lexicon) -> AgencyName:
    party = surface.startswith("中共")
    body = surface[2:] if party else surface
    body = _SESSION.sub("", body, count=1) if _SESSION.search(body[1:]) else body  # 省十四届人大常委会 → 省人大常委会
    # the longest known core that ends the name
    for k in range(len(body), 0, -1):
        core = lex.agency_cores.get(body[-k:])
        if core is not None:
            juris = body[:-k]
            if juris == "" or juris in lex.patterns["bare_jurisdictions"] or lex.is_place(juris) or juris == "国家" \
                    or lex.is_place_run(juris) \
                    or juris in lex.patterns["zone_words"] and body[-k:] in lex.patterns["zone_cores"]:
                return AgencyName(juris, core, body[-k:], party)
    for j in range(min(len(body) - 1, 10), 0, -1):
        juris = body[:j]
        if juris in lex.patterns["bare_jurisdictions"] or lex.is_place(juris):
            return AgencyName(juris, None, body[j:], party)
    return AgencyName("", None, body, party)


def _complete(juris: str, home: str, lex: Lexicon, county: str = "", zone: str = "", city: str = "") -> str:
    """Full name of a written jurisdiction: 市 → 上海市 (in a Shanghai article), 浦东 → 浦东新区,
    县 → 某县 (in an article about 某县), 开发区 → the article's zone; 市 in an article about a province
    → ``city``, the article's city in that province (a province is no city: bare when there is none)."""
    if juris in lex.patterns["zone_words"] and zone:
        return zone
    if juris in ("县", "区", "旗") and county.endswith(juris):
        return county
    if juris in ("市", "州") and home:
        if not _is_province(home, lex) or home in MUNICIPALITIES:
            return home
        return city if city.endswith(juris) else juris
    if juris == "省" and home:
        parent = lex.province_of(home)
        return parent or juris
    keys = lex.place_keys(juris)
    if keys:
        return lex.divisions[keys[0]].name
    run = lex.place_run(juris)
    if run:  # 深圳福田区, 浙江省杭州市: each place in full, a province before another place left out (深圳市福田区, 杭州市)
        *outer, last = run
        return "".join(lex.divisions[lex.place_keys(p)[0]].name for p in outer if not _is_province(p, lex)) \
            + lex.divisions[lex.place_keys(last)[0]].name
    return juris


def _is_province(place: str, lex: Lexicon) -> bool:
    return any(lex.divisions[k].level == "province" for k in lex.place_keys(place))


def canonical_agency(surface: str, home: str, lex: Lexicon, county: str = "", zone: str = "", city: str = "") -> str:
    """The official full name: 市经济信息化委 → 上海市经济和信息化委员会 when ``home`` is 上海市
    (县委 → 中共某县委员会 when ``county`` is 某县; 管委会 → 某开发区管理委员会 when ``zone`` is 某开发区;
    市委 → 中共某市委员会 when ``home`` is a province and ``city`` is 某市, one of its cities)."""
    name = split_agency(surface, lex)
    if name.core is None:
        if name.jurisdiction:
            return _complete(name.jurisdiction, home, lex, county, zone, city) + name.rest
        return surface
    if not name.jurisdiction and zone and surface in lex.patterns["zone_cores"]:
        name = AgencyName(zone, name.core, name.rest, name.party)  # a bare 管委会: the zone's
    juris = _complete(name.jurisdiction, home, lex, county, zone, city) if name.jurisdiction else ""
    if juris in lex.patterns["bare_jurisdictions"]:
        return surface  # 区政府 in an article whose district is unknown stays as written
    if name.jurisdiction == "国家":
        juris = "国家"
    full = juris + name.core.canonical
    if name.core.kind == "party" or name.party:
        full = "中共" + full if not full.startswith("中共") else full
    return full
