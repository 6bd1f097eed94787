"""Export China's administrative divisions (province, prefecture, county) from jionlp's
bundled table into kg's gazetteer format. Run once by hand in a venv that has jionlp
(Apache-2.0); kg itself does not depend on jionlp.

    python tools/export_divisions.py > kg/language/data/gazetteers/divisions.tsv
"""
import sys

import jionlp as jio

MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}
# short forms jionlp's table leaves out, by division code (its 南沙区 of 广州市 has none: 南沙 went to 三沙市's only)
ALIASES = {"440115": "南沙"}


def rows():
    table = jio.china_location_loader(detail=True)
    for prov, pdata in sorted(table.items()):
        palias = pdata["_alias"] if isinstance(pdata["_alias"], str) else pdata["_alias"][0]
        yield pdata["_admin_code"], prov, palias, "province", ""
        for city, cdata in sorted((k, v) for k, v in pdata.items() if not k.startswith("_")):
            ccode = cdata["_admin_code"]
            if city != prov:
                calias = cdata["_alias"][0] if isinstance(cdata["_alias"], list) else cdata["_alias"]
                yield ccode, city, calias or "", "prefecture", prov
            for county, kdata in sorted((k, v) for k, v in cdata.items() if not k.startswith("_")):
                kalias = kdata["_alias"][0] if isinstance(kdata["_alias"], list) else kdata["_alias"]
                parent = prov if city == prov else city
                kalias = ALIASES.get(kdata["_admin_code"], kalias)
                yield kdata["_admin_code"], county, kalias or "", "county", parent


if __name__ == "__main__":
    out = sys.stdout
    out.write("code\tname\talias\tlevel\tparent\n")
    for r in rows():
        out.write("\t".join(r) + "\n")
