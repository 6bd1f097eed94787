"""The figures of tables: a row's figures named by the table's header row and the row's own name.

A table reaches the text as one line a row (:func:`kg.ingest.html.table_row_text`): ``| 地区生产总值（亿元） | 2876.4 |
5.4 |``, an empty cell kept in its column. Consecutive rows make a table; the rows before its first row with a figure
(or above a Markdown ``|---|`` line) are its header. What each cell measures is read from its column's header
(names.yml ``figures.tables``):

* the row's leading text cells name whom or what (澜东区, 地区生产总值), past a serial number or a 其中：;
* a header naming a measure (规上工业增加值, 年度计划) is said of the row's name (澜东区规上工业增加值); a generic one
  (绝对值, 数值) adds nothing; a period (2025年, 1-9月, 前三季度) is the figure's period;
* a header of a change (同比增长, 增速, 增长（%）) makes the figure the change of the row's name and of the measure column
  before it (「地区生产总值 同比增长」, 「澜东区规上工业增加值 增速」), never a level;
* a unit in the header (「增长（%）」「（亿元）」, a 单位：亿元 caption) or after the row's name (地区生产总值（亿元）) is the unit of
  the cell's bare number (a change column takes only its own unit, or a caption's %);
* with no header, each figure is named by its row alone (no guess at what the columns measure); a bare number whose
  unit nothing states is no figure.

Also: a header of two rows (出口额 spanning 绝对值 | 增长), a 单位 column, rows of years, serial numbers (序号; 1, 2, 3 down
the first column), a 指标 column whose other columns say whose the measure is (宁州市地区生产总值) and whose row 「增长（%）」 is
the change of the row above; a cell of words (完成投资6亿元) is left to the sentence rules and named after its row;
tables one after the other part where the number of cells changes or at a row of headings over figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Cell", "Column", "TableReader", "TableReading", "table_rows"]

_ROW_BREAK = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r":?-{3,}:?")
_UNIT_BRACKET = re.compile(r"\s?[（(]\s?(?:单位\s?[:：]\s?)?(?P<unit>[^（）()]{1,10})\s?[)）]$")
_UNIT_TAIL = re.compile(r"\s?(?:[/／,，、]\s?(?P<unit>[^/／,，、]{1,6})|(?P<percent>[%％]))$")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_DIGITS_ONLY = re.compile(r"[\d.]+")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff（）%％])\s+(?=[\u4e00-\u9fff（）()%％])")  # a line break inside a cell


@dataclass
class Cell:
    """A cell's text (stripped) and where it stands in the text."""

    text: str
    start: int
    end: int


@dataclass
class Row:
    start: int
    end: int
    cells: list[Cell]


@dataclass
class Column:
    """What a header says of the figures under it."""

    name: str = ""  # the measure (规上工业增加值), empty for a generic header
    growth: str = ""  # the change (同比增长), empty for a level
    unit: str = ""  # the unit of its bare numbers (亿元, %)
    period: str = ""
    target: bool = False  # 年度计划, 目标
    skip: bool = False  # 序号, 排名
    unit_column: bool = False  # 单位: the cells under it are the row's unit
    indicators: bool = False  # 指标: the rows name what is measured, the columns whose it is (宁州市)
    parts: list[str] = field(default_factory=list)


def table_rows(text: str) -> list[list[Row]]:
    """The tables of ``text``: runs of consecutive lines written as table rows (``| a | b |``), each row's cells
    with their offsets (a Markdown ``|---|`` line is kept as a row of ``---`` cells)."""
    tables: list[list[Row]] = []
    current: list[Row] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if len(line) >= 3 and line.startswith("|") and line.endswith("|") and not line.endswith("\\|"):
            cells = []
            at = start + 1
            for part in _ROW_BREAK.split(line[1:-1]):
                lead = len(part) - len(part.lstrip())
                stripped = part.strip()
                cells.append(Cell(stripped, at + lead, at + lead + len(stripped)))
                at += len(part) + 1
            current.append(Row(start, end, cells))
            continue
        if current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


@dataclass
class TableReading:
    """What the tables of a text give: their figures (kg_figures' dicts, ``"table": True``), the spans of every
    figure cell read (those that gave no figure too: the sentence rules leave them alone), and the text cells
    under a column of figures with their row's name (「| 宁州智算中心 | 完成投资6亿元 |」: the sentence rules read the
    cell, the figure is the row's)."""

    figures: list[dict]
    read: list[tuple[int, int]]
    named: list[tuple[int, int, str, int]]  # a cell's start and end, its row's name and the row's start


class TableReader:
    """Figures of the tables of a text. ``quantity(cell_text)`` is the figure rules' reading of a cell that is one
    quantity: ``(value, unit)`` or None; ``holds_quantity(text)`` whether a text states a quantity with its unit
    anywhere (kg.nlp.components.figures)."""

    def __init__(self, tables: dict, quantity, target: re.Pattern, holds_quantity=lambda text: bool(re.search(r"\d", text))):
        self._quantity = quantity
        self._holds_quantity = holds_quantity
        self._target = target
        self._generic = re.compile(rf"(?:{tables['generic_columns']})")
        self._growth = re.compile(rf"(?:{tables['growth_columns']})")
        self._skip = re.compile(rf"(?:{tables['skip_columns']})")
        self._unit_column = re.compile(rf"(?:{tables['unit_columns']})")
        self._indicator_column = re.compile(rf"(?:{tables['indicator_columns']})")
        self._period = re.compile(rf"(?:{tables['periods']})")
        self._totals = re.compile(rf"(?:{tables['totals']})")
        self._caption = re.compile(tables["unit_caption"])
        self._marks = re.compile(rf"^(?:{tables['row_marks']})+")
        self._bounds_before = re.compile(rf"^(?:{tables['cell_bounds_before']})")
        self._bounds_after = re.compile(rf"(?:{tables['cell_bounds_after']})$")
        self._empty = re.compile(rf"(?:{tables['empty_cells']})")

    def figures(self, text: str) -> TableReading:
        """The figures of every table of ``text`` and what the sentence rules need to know of its cells."""
        out = TableReading([], [], [])
        for rows in table_rows(text):
            for table in self._split(rows):
                self._table(text, table, out)
        return out

    def _split(self, rows: list[Row]) -> list[list[Row]]:
        """``rows`` as the tables they are: tables one after the other (paragraphs lose the blank line between them)
        part where the number of cells changes, or at a row of headings (two words at least, no figure) between a
        row of figures and a row with figures under its headings."""
        tables = [[rows[0]]]
        for n, row in enumerate(rows[1:], 1):
            before = rows[n - 1]
            after = rows[n + 1] if n + 1 < len(rows) else None
            texts = [i for i, c in enumerate(row.cells) if c.text]
            headings = len(texts) > 1 and not any(self._is_figure(c.text) or self._tells(c.text) for c in row.cells)
            if len(row.cells) != len(before.cells) or headings and after is not None and any(
                    self._is_figure(c.text) for c in before.cells) and any(
                    i and i < len(after.cells) and self._is_figure(after.cells[i].text) for i in texts):
                tables.append([])
            tables[-1].append(row)
        return tables

    # -- one table -------------------------------------------------------------------------------------------
    def _table(self, text: str, rows: list[Row], out: "TableReading") -> None:
        separator = next((i for i, r in enumerate(rows) if all(_SEPARATOR.fullmatch(c.text) or not c.text for c in r.cells)
                          and any(c.text for c in r.cells)), None)
        first_data = next((i for i, r in enumerate(rows) if any(self._is_figure(c.text) for c in r.cells)
                           or any(self._tells(c.text) for c in r.cells[1:])), None)
        if first_data is None:
            return
        header_end = separator if separator is not None and separator <= first_data else first_data
        header = [r for r in rows[:header_end] if sum(1 for c in r.cells if c.text) > 1]
        data = [r for i, r in enumerate(rows) if i >= header_end and i != separator]
        width = max(len(r.cells) for r in rows)
        caption = self._caption_units(text, rows[0].start, [r for r in rows[:header_end] if r not in header])
        skipped = {i for r in header for i, c in enumerate(r.cells) if self._skip.fullmatch(c.text)}  # 序号, 排名
        if _serial([r.cells[0].text for r in data]):
            skipped.add(0)  # 1, 2, 3 down the first column: serial numbers
        # the leading columns that hold no figure in any row name the row (澜东区; 宁州市 | 出口额)
        first_value = min((i for r in data for i, c in enumerate(r.cells) if i not in skipped and self._is_figure(c.text)),
                          default=width)
        columns = self._columns(header, width, first_value)
        for i in skipped:
            columns[i].skip = True
        telling = min((i for r in data for i, c in enumerate(r.cells) if i and self._tells(c.text)), default=width)
        units = [i for i in range(first_value) if columns[i].unit_column]  # (| 粮食产量 | 万吨 | 61.2 |)
        labels = [i for i in range(min(first_value, telling)) if not columns[i].skip and i not in units]
        whose_first = any(columns[i].indicators for i in labels)  # | 指标 | 宁州市 |: 宁州市地区生产总值
        out.read += [(c.start, c.end) for r in data for c in r.cells[first_value:] if self._is_figure(c.text)]
        above: dict[int, str] = {}  # a label column's last name: a rowspan leaves the rows below it empty
        named_last = ""
        for row in data:
            names = {i: row.cells[i].text for i in labels if i < len(row.cells)}
            if any(names.values()):
                for i in labels:
                    if not names.get(i) and above.get(i) and any(names.get(j) for j in labels if j > i):
                        names[i] = above[i]  # (宁州市 | 出口额, then | | 进口额: 宁州市进口额)
                above = {i: n for i, n in names.items() if n}
            label, row_unit, row_period = self._row_name([names[i] for i in labels if names.get(i)])
            row_growth = ""
            if label and self._growth.fullmatch(label) and named_last:
                row_growth, label = label, named_last  # | 增长（%） | 5.4 |: the change of the row above's measure
            elif label:
                named_last = label
            stated = [row.cells[i].text for i in units if i < len(row.cells) and self._quantity("1" + row.cells[i].text)]
            row_unit = stated[0] if stated else row_unit
            for i in range(min(first_value, telling), len(row.cells)):
                fig = self._cell_figure(row, i, columns, label, row_unit, row_period, caption,
                                        whose_first, row_growth) if i >= first_value else None
                if fig:
                    out.figures.append(fig)
                elif label and self._tells(row.cells[i].text):
                    out.named.append((row.cells[i].start, row.cells[i].end, label, row.start))

    def _cell_figure(self, row: Row, i: int, columns: list[Column], label: str, row_unit: str, row_period: str,
                     caption: tuple[str, str], whose_first: bool = False, row_growth: str = "") -> dict | None:
        cell, column = row.cells[i], columns[i] if i < len(columns) else Column()
        if column.skip or not self._is_figure(cell.text):
            return None
        growth = column.growth or row_growth
        if row_growth:
            unit = row_unit or caption[1]
        elif column.growth:
            unit = column.unit or caption[1]
        else:
            unit = column.unit or row_unit or caption[0]
        found = self._reading(cell.text, unit)
        if found is None:
            return None  # a bare number whose unit nothing states
        value, unit_name = found
        measure = column.name
        if column.growth and not measure:
            measure = next((c.name for c in reversed(columns[:i]) if c.name and not c.growth), "")
        head = measure + label if whose_first or label and self._totals.fullmatch(label) else label + measure
        if not head:
            return None  # nothing names it
        indicator = f"{head} {growth}" if growth else head
        return {"text": cell.text, "start": cell.start, "end": cell.end, "value": value, "unit": unit_name,
                "indicator": indicator, "period": column.period or row_period, "clause": (row.start, row.end),
                "target": column.target, "table": True}

    # -- headers ---------------------------------------------------------------------------------------------
    def _columns(self, header: list[Row], width: int, first_value: int) -> list[Column]:
        """Each column's header, from the header rows top down; an empty cell after a filled one in a header row
        above the last is under the same spanning heading (出口额 over 绝对值 | 增长)."""
        columns = [Column() for _ in range(width)]
        for n, row in enumerate(header):
            last = ""
            for i in range(width):
                part = row.cells[i].text if i < len(row.cells) else ""
                if not part and n < len(header) - 1 and i > 0:
                    part = last
                last = part
                if part:
                    columns[i].parts.append(part)
        for i, column in enumerate(columns):
            for part in column.parts:
                self._read_header(column, part, names=i < first_value)
        return columns

    def _read_header(self, column: Column, part: str, names: bool) -> None:
        part = _CJK_SPACE.sub("", part).strip(" ，,")  # (同比<br>增长: 同比 增长)
        name, unit = self._without_unit(part)
        if unit:
            column.unit = unit
        if not name:
            return
        if self._skip.fullmatch(name):
            column.skip = True
        elif names and self._unit_column.fullmatch(name):
            column.unit_column = True
        elif names and self._indicator_column.fullmatch(name):
            column.indicators = True
        elif names:
            return  # the header of the names (指标, 区县, 项目)
        elif self._period.fullmatch(name):
            column.period = _period(name)
        elif self._growth.fullmatch(name):
            column.growth = name
        elif not self._generic.fullmatch(name):
            column.name += name
            column.target = column.target or bool(self._target.search(name))

    def _without_unit(self, text: str) -> tuple[str, str]:
        """``text`` without the unit it closes with (地区生产总值（亿元） → 地区生产总值, 亿元; 增长% → 增长, %); the unit
        is kept only when the figure rules read it as one (a bracket of words stays: 职业（工种）)."""
        m = _UNIT_BRACKET.search(text) or _UNIT_TAIL.search(text)
        if not m:
            return text, ""
        unit = m.group("percent") if "percent" in m.groupdict() and m.group("percent") else m.group("unit")
        unit = unit.strip().replace("％", "%")
        if self._quantity("1" + unit) is None:
            return text, ""
        return text[:m.start()].strip(), unit

    def _caption_units(self, text: str, table_start: int, header: list[Row]) -> tuple[str, str]:
        """The units a caption states for the whole table (单位：亿元 on the line before it or in a row of one cell
        above its header): the unit of levels and the unit of changes (单位：万元、% → 万元, %)."""
        before = text.rfind("\n", 0, max(0, table_start - 1)) + 1
        places = [text[before:max(before, table_start - 1)]] + [c.text for r in header for c in r.cells]
        for place in places:
            m = self._caption.search(place)
            if not m:
                continue
            units = [u.replace("％", "%") for u in re.split(r"[、,，/／]", m.group("unit")) if u]
            units = [u for u in units if self._quantity("1" + u) is not None]
            level = next((u for u in units if u != "%"), "")
            return level, "%" if "%" in units else ""
        return "", ""

    # -- rows and cells --------------------------------------------------------------------------------------
    def _row_name(self, names: list[str]) -> tuple[str, str, str]:
        """The row's name, the unit written after it and the period it is (a row of 2024年 names no thing)."""
        out, unit, period = [], "", ""
        for name in names:
            name = self._marks.sub("", _CJK_SPACE.sub("", name)).strip()
            name, own = self._without_unit(name)
            unit = own or unit
            if self._period.fullmatch(name):
                period = _period(name)
            elif name and not _DIGITS_ONLY.fullmatch(name):  # (not a serial number)
                out.append(name)
        return "".join(out), unit, period

    def _tells(self, text: str) -> bool:
        """A cell of words and numbers (完成投资6亿元): the sentence rules read it."""
        return bool(re.search(r"\d", text)) and not self._is_figure(text) and not self._period.fullmatch(text) \
            and self._holds_quantity(text)  # (not 宁州项目1, 5G基站: a name)

    def _is_figure(self, text: str) -> bool:
        """A cell holding one number and at most its unit and a bound (3250.6亿元, -1.8, 约15亿元)."""
        core = self._core(text)
        if not core or self._period.fullmatch(core):
            return False  # (2025: a year heading a column)
        return self._quantity(core) is not None or self._quantity(core + "%") is not None

    def _core(self, text: str) -> str:
        text = _THOUSANDS.sub("", text.strip())
        if not text or self._empty.fullmatch(text):
            return ""
        text = self._bounds_before.sub("", text)
        return self._bounds_after.sub("", text).strip()

    def _reading(self, text: str, unit: str) -> tuple | None:
        """The value and unit of a figure cell, the column's ``unit`` given to a bare number."""
        core = self._core(text)
        found = self._quantity(core)
        if found is not None and found[1] != "":
            return found
        return self._quantity(core + unit) if unit else None


def _serial(cells: list[str]) -> bool:
    """A column of serial numbers (1, 2, 3 …, one a row, empty cells aside; two at least)."""
    numbers = [c for c in cells if c]
    return len(numbers) > 1 and all(c.isdigit() for c in numbers) and [int(c) for c in numbers] == list(
        range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def _period(text: str) -> str:
    """A header's period as kg writes periods (2025 → 2025年)."""
    text = text.replace(" ", "")
    return text + "年" if re.fullmatch(r"(?:19|20)\d{2}", text) else text
