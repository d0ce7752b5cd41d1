"""Parse and validate definition TOML into frozen objects (loaded only when the cached formats are stale)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from nianbao.definition.loader import DefinitionError
from nianbao.definition.model import CellSpec, Chapter, GridItem, PrefaceTemplate, ReportFormat, Table, ValueKind
from nianbao.definition.rules import Rule, Severity, Term

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def parse_definition(text: str, source: str = "<definition>") -> ReportFormat:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"{source}: not valid TOML: {exc}") from exc
    return _Builder(data, source).build()


def _req(d: dict[str, Any], key: str, where: str, typ: type | tuple[type, ...] = str) -> Any:
    if key not in d:
        raise DefinitionError(f"{where}: missing '{key}'")
    if not isinstance(d[key], typ):
        raise DefinitionError(f"{where}: '{key}' has the wrong type")
    return d[key]


def _check_keys(d: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    extra = set(d) - set(allowed)
    if extra:
        raise DefinitionError(f"{where}: unknown key(s) {sorted(extra)}")


def _runs(keys: Sequence[tuple[str, ...]], depth: int) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of consecutive entries sharing the same prefix of length depth+1."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(keys):
        if len(keys[i]) <= depth:
            i += 1
            continue
        j = i + 1
        while j < len(keys) and keys[j][: depth + 1] == keys[i][: depth + 1]:
            j += 1
        out.append((i, j))
        i = j
    return out


def _unique_labels(paths: Sequence[tuple[str, ...]]) -> list[str]:
    """The leaf label, prefixed with ancestors ("—") only as far as needed to be unique."""
    out = []
    for path in paths:
        for k in range(1, len(path) + 1):
            cand = path[-k:]
            if sum(1 for p in paths if p[-k:] == cand) == 1 or k == len(path):
                out.append("—".join(cand))
                break
    return out


class _Builder:
    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.d = data
        self.src = source
        self.cells: dict[str, CellSpec] = {}

    def err(self, msg: str) -> DefinitionError:
        return DefinitionError(f"{self.src}: {msg}")

    # ------------------------------------------------------------------ top level
    def build(self) -> ReportFormat:
        d = self.d
        _check_keys(d, {"id", "name", "first_year", "last_year", "preface", "chapters", "tables", "rules"}, self.src)
        fid = _req(d, "id", self.src)
        tables = {}
        for tid, tdata in _req(d, "tables", self.src, dict).items():
            tables[tid] = self.table(tid, tdata)
        chapters = self.chapters(_req(d, "chapters", self.src, list), tables)
        preface, template = self.preface(d.get("preface", {}))
        rules = self.rules(d.get("rules", []), tables)
        derive_order, computed = self.derivations(rules)
        cells = {cid: _replace_computed(spec) if cid in computed else spec for cid, spec in self.cells.items()}
        by_cell: dict[str, list[Rule]] = {}
        for r in rules:
            for c in r.cells:
                by_cell.setdefault(c, []).append(r)
        return ReportFormat(
            id=fid,
            name=_req(d, "name", self.src),
            first_year=_req(d, "first_year", self.src, int),
            last_year=d.get("last_year"),
            chapters=chapters,
            tables=tables,
            cells=cells,
            rules=tuple(rules),
            derive_order=derive_order,
            rules_by_cell={c: tuple(rs) for c, rs in by_cell.items()},
            preface=preface,
            preface_template=template,
        )

    def preface(self, d: dict[str, Any]) -> tuple[Chapter, PrefaceTemplate]:
        where = f"{self.src}: preface"
        _check_keys(d, {"title", "guidance", "text", "contact", "no_contact"}, where)
        # a definition without [preface] still has the field, with no usual wording to prefill
        template = PrefaceTemplate(d.get("text", ""), d.get("contact", ""), d.get("no_contact", ""))
        allowed = {"issuer", "year", "parts", "contact"}
        for part in (template.text, template.contact, template.no_contact):
            unknown = set(_PLACEHOLDER.findall(part)) - allowed
            if unknown:
                raise self.err(f"preface: unknown placeholder(s) {sorted(unknown)}")
        chapter = Chapter(
            id="preface", number="", title=d.get("title", "前言"), kind="narrative", guidance=d.get("guidance", "")
        )
        return chapter, template

    def chapters(self, raw: list[Any], tables: dict[str, Table]) -> tuple[Chapter, ...]:
        out = []
        seen: set[str] = set()
        used: set[str] = set()
        for i, ch in enumerate(raw):
            where = f"{self.src}: chapter {i + 1}"
            _check_keys(ch, {"id", "number", "title", "kind", "guidance", "subheadings", "table"}, where)
            cid = _req(ch, "id", where)
            if cid in seen:
                raise self.err(f"duplicate chapter id {cid!r}")
            seen.add(cid)
            kind = _req(ch, "kind", where)
            table = ch.get("table")
            if kind == "table":
                if table not in tables:
                    raise self.err(f"chapter {cid!r} names unknown table {table!r}")
                if table in used:
                    raise self.err(f"table {table!r} is used by two chapters")
                used.add(table)
            elif kind != "narrative":
                raise self.err(f"chapter {cid!r}: unknown kind {kind!r}")
            out.append(
                Chapter(
                    id=cid,
                    number=_req(ch, "number", where),
                    title=_req(ch, "title", where),
                    kind=kind,
                    guidance=ch.get("guidance", ""),
                    subheadings=tuple(ch.get("subheadings", ())),
                    table=table,
                )
            )
        unused = set(tables) - used
        if unused:
            raise self.err(f"tables not in any chapter: {sorted(unused)}")
        return tuple(out)

    # ------------------------------------------------------------------ tables
    def table(self, tid: str, t: dict[str, Any]) -> Table:
        where = f"{self.src}: table {tid}"
        layout = _req(t, "layout", where)
        if layout == "matrix":
            _check_keys(t, {"layout", "title", "corner", "label_cols", "type", "rows", "columns"}, where)
            return self.matrix(tid, t, where)
        if layout == "sections":
            _check_keys(t, {"layout", "title", "value_grid", "type", "sections"}, where)
            return self.sections(tid, t, where)
        raise self.err(f"table {tid}: unknown layout {layout!r}")

    def kind(self, raw: Any, where: str) -> ValueKind:
        try:
            return ValueKind(raw)
        except ValueError:
            raise self.err(f"{where}: unknown value type {raw!r}") from None

    def add_cell(self, spec: CellSpec) -> None:
        if spec.id in self.cells:
            raise self.err(f"duplicate cell id {spec.id!r}")
        self.cells[spec.id] = spec

    def value_cell(
        self,
        tid: str,
        row_id: str,
        col: dict[str, Any],
        row_label: str,
        col_label: str,
        kind: ValueKind,
        grid_row: int,
        grid_col: int,
        colspan: int,
    ) -> GridItem:
        """Register the cell "<table>.<row>.<column>" and return its grid item."""
        cid = f"{tid}.{row_id}.{col['id']}"
        units = tuple(col.get("units", [col["unit"]] if "unit" in col else []))
        self.add_cell(
            CellSpec(
                id=cid,
                table=tid,
                row=row_id,
                col=col["id"],
                row_label=row_label,
                col_label=col_label,
                kind=kind,
                units=units,
                grid_row=grid_row,
                grid_col=grid_col,
            )
        )
        return GridItem(grid_row, grid_col, 1, colspan, "value", cell=cid)

    def matrix(self, tid: str, t: dict[str, Any], where: str) -> Table:
        rows = _req(t, "rows", where, list)
        cols = _req(t, "columns", where, list)
        label_cols = _req(t, "label_cols", where, int)
        default_kind = self.kind(t.get("type", "count"), where)
        for r in rows:
            _check_keys(r, {"id", "label", "group", "printed"}, f"{where} row {r.get('id')}")
        for c in cols:
            _check_keys(c, {"id", "label", "group", "type", "unit", "units"}, f"{where} column {c.get('id')}")
        _unique([r["id"] for r in rows], f"{where}: row id", self.err)
        _unique([c["id"] for c in cols], f"{where}: column id", self.err)
        row_paths = [(*r.get("group", ()), r["label"]) for r in rows]
        col_paths = [(*c.get("group", ()), c["label"]) for c in cols]
        hdr = max(len(p) for p in col_paths)
        items: list[GridItem] = []
        corner = t.get("corner", "")
        if label_cols:
            items.append(GridItem(0, 0, hdr, label_cols, "header", corner))
        elif corner:
            raise self.err(f"{where}: a corner needs label columns")
        # column headers: groups per depth, leaves stretched down to the last header row
        for depth in range(hdr):
            for a, b in _runs(col_paths, depth):
                path = col_paths[a]
                leaf = depth == len(path) - 1
                rowspan = hdr - depth if leaf else 1
                items.append(GridItem(depth, label_cols + a, rowspan, b - a, "header", path[depth]))
        # row labels: groups per depth, leaves stretched right to the last label column
        if label_cols:
            for depth in range(label_cols):
                for a, b in _runs(row_paths, depth):
                    path = row_paths[a]
                    leaf = depth == len(path) - 1
                    colspan = label_cols - depth if leaf else 1
                    items.append(GridItem(hdr + a, depth, b - a, colspan, "label", path[depth]))
            if any(len(p) > label_cols for p in row_paths):
                raise self.err(f"{where}: a row label is deeper than label_cols")
        row_labels = _unique_labels(row_paths)
        col_labels = _unique_labels(col_paths)
        cell_ids = []
        for ri, r in enumerate(rows):
            for ci, c in enumerate(cols):
                kind = self.kind(c.get("type", default_kind), where)
                item = self.value_cell(
                    tid, r["id"], c, row_labels[ri], col_labels[ci], kind, hdr + ri, label_cols + ci, 1
                )
                items.append(item)
                cell_ids.append(item.cell or "")
        return self.finish_table(
            tid, t, "matrix", hdr + len(rows), label_cols + len(cols), hdr, label_cols, items, cell_ids
        )

    def sections(self, tid: str, t: dict[str, Any], where: str) -> Table:
        grid = _req(t, "value_grid", where, int)
        default_kind = self.kind(t.get("type", "count"), where)
        items: list[GridItem] = []
        cell_ids: list[str] = []
        r = 0
        for si, sec in enumerate(_req(t, "sections", where, list)):
            sw = f"{where} section {si + 1}"
            _check_keys(sec, {"caption", "header", "type", "columns", "rows"}, sw)
            cols = _req(sec, "columns", sw, list)
            if not cols or grid % len(cols):
                raise self.err(f"{sw}: {len(cols)} columns do not divide a grid of {grid}")
            span = grid // len(cols)
            sec_kind = self.kind(sec.get("type", default_kind), sw)
            items.append(GridItem(r, 0, 1, grid + 1, "caption", _req(sec, "caption", sw)))
            r += 1
            items.append(GridItem(r, 0, 1, 1, "header", _req(sec, "header", sw)))
            for k, c in enumerate(cols):
                _check_keys(c, {"id", "label", "type", "unit", "units"}, sw)
                items.append(GridItem(r, 1 + k * span, 1, span, "header", c["label"]))
            r += 1
            for row in _req(sec, "rows", sw, list):
                _check_keys(row, {"id", "label"}, sw)
                items.append(GridItem(r, 0, 1, 1, "label", row["label"]))
                for k, c in enumerate(cols):
                    kind = self.kind(c.get("type", sec_kind), sw)
                    item = self.value_cell(tid, row["id"], c, row["label"], c["label"], kind, r, 1 + k * span, span)
                    items.append(item)
                    cell_ids.append(item.cell or "")
                r += 1
        return self.finish_table(tid, t, "sections", r, grid + 1, 0, 1, items, cell_ids)

    def finish_table(
        self,
        tid: str,
        t: dict[str, Any],
        layout: Any,
        n_rows: int,
        n_cols: int,
        hdr: int,
        label_cols: int,
        items: list[GridItem],
        cell_ids: list[str],
    ) -> Table:
        origin: dict[tuple[int, int], GridItem] = {}
        for it in items:
            if it.rowspan < 1 or it.colspan < 1:
                raise self.err(f"table {tid}: empty span at ({it.row}, {it.col})")
            for rr in range(it.row, it.row + it.rowspan):
                for cc in range(it.col, it.col + it.colspan):
                    if not (0 <= rr < n_rows and 0 <= cc < n_cols):
                        raise self.err(f"table {tid}: span at ({it.row}, {it.col}) leaves the grid")
                    if (rr, cc) in origin:
                        raise self.err(f"table {tid}: spans overlap at ({rr}, {cc})")
                    origin[(rr, cc)] = it
        if len(origin) != n_rows * n_cols:
            raise self.err(f"table {tid}: the grid has uncovered places")
        items.sort(key=lambda it: (it.row, it.col))
        return Table(
            tid, t.get("title", ""), layout, n_rows, n_cols, hdr, label_cols, tuple(items), tuple(cell_ids), origin
        )

    # ------------------------------------------------------------------ rules
    def rules(self, raw: list[Any], tables: dict[str, Table]) -> list[Rule]:
        out: list[Rule] = []
        seen: set[str] = set()
        for i, r in enumerate(raw):
            where = f"rule {r.get('id', i + 1)}"
            _check_keys(
                r,
                {
                    "id",
                    "kind",
                    "derive",
                    "severity",
                    "basis",
                    "table",
                    "title",
                    "each",
                    "target",
                    "parts",
                    "lhs",
                    "rhs",
                    "focus",
                },
                f"{self.src}: {where}",
            )
            rid = _req(r, "id", where)
            if rid in seen:
                raise self.err(f"duplicate rule id {rid!r}")
            seen.add(rid)
            kind = _req(r, "kind", where)
            if kind not in ("sum", "equal", "le"):
                raise self.err(f"{where}: unknown kind {kind!r}")
            severity_name = _req(r, "severity", where)
            basis = _req(r, "basis", where)
            if severity_name not in iter(Severity) or basis not in ("official", "implied", "soft"):
                raise self.err(f"{where}: bad severity or basis")
            severity = Severity(severity_name)
            tid = _req(r, "table", where)
            if tid not in tables:
                raise self.err(f"{where}: unknown table {tid!r}")
            if kind == "sum":
                lhs_t, rhs_t = [_req(r, "target", where)], _req(r, "parts", where, list)
                focus_t = r.get("focus", lhs_t[0])
            else:
                lhs_t, rhs_t = _req(r, "lhs", where, list), _req(r, "rhs", where, list)
                focus_t = _req(r, "focus", where)
            if not lhs_t or not rhs_t:
                raise self.err(f"{where}: a rule needs terms on both sides (a total needs parts): no parts")
            derive = bool(r.get("derive", False))
            if derive and kind != "sum":
                raise self.err(f"{where}: only sum rules derive cells")
            for binding in self.expand(r.get("each", {}), tables[tid], where):
                suffix = ":" + ".".join(binding.values()) if binding else ""
                lhs = tuple(self.term(x, binding, where) for x in lhs_t)
                rhs = tuple(self.term(x, binding, where) for x in rhs_t)
                focus = self.term(focus_t, binding, where)
                if focus.prev or focus.cell not in {t.cell for t in lhs + rhs if not t.prev}:
                    raise self.err(f"{where}: focus {focus.cell} is not one of the rule's cells")
                if kind == "sum" and any(t.cell == lhs[0].cell and not t.prev for t in rhs):
                    raise self.err(f"{where}: the total {lhs[0].cell} is one of its own parts")
                out.append(
                    Rule(
                        rid + suffix,
                        rid,
                        kind,
                        severity,
                        basis,
                        tid,
                        _req(r, "title", where),
                        lhs,
                        rhs,
                        focus.cell,
                        derive,
                    )
                )
        return out

    def expand(self, each: dict[str, Any], table: Table, where: str) -> list[dict[str, str]]:
        bindings: list[dict[str, str]] = [{}]
        for name, values in each.items():
            if values == "*":
                if name == "row":
                    values = list(dict.fromkeys(self.cells[c].row for c in table.cells))
                elif name == "col":
                    values = list(dict.fromkeys(self.cells[c].col for c in table.cells))
                else:
                    raise self.err(f"{where}: '*' works only for row or col, not {name!r}")
            if not isinstance(values, list) or not values:
                raise self.err(f"{where}: each.{name} must be '*' or a list")
            bindings = [{**b, name: str(v)} for b in bindings for v in values]
        return bindings

    def term(self, text: str, binding: dict[str, str], where: str) -> Term:
        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in binding:
                raise self.err(f"{where}: no value for {{{m.group(1)}}}")
            return binding[m.group(1)]

        s = _PLACEHOLDER.sub(sub, text)
        sign = 1
        if s.startswith("-"):
            sign, s = -1, s[1:]
        prev = s.startswith("prev:")
        if prev:
            s = s[5:]
        if s not in self.cells:
            raise self.err(f"{where}: unknown cell {s!r}")
        return Term(s, sign, prev)

    def derivations(self, rules: list[Rule]) -> tuple[tuple[Rule, ...], set[str]]:
        """The first deriving rule of each cell derives it; order them parts-before-totals."""
        deriving: dict[str, Rule] = {}
        for r in rules:
            if r.derive and r.lhs[0].cell not in deriving:
                if any(t.sign != 1 or t.prev for t in r.rhs):
                    raise self.err(f"rule {r.id}: a derived total must be a plain sum")
                deriving[r.lhs[0].cell] = r
        order: list[Rule] = []
        state: dict[str, int] = {}

        def visit(cell: str) -> None:
            if state.get(cell) == 2 or cell not in deriving:
                return
            if state.get(cell) == 1:
                raise self.err(f"computed cells form a cycle through {cell}")
            state[cell] = 1
            for t in deriving[cell].rhs:
                visit(t.cell)
            state[cell] = 2
            order.append(deriving[cell])

        for cell in deriving:
            visit(cell)
        return tuple(order), set(deriving)


def _replace_computed(spec: CellSpec) -> CellSpec:
    return replace(spec, computed=True)


def _unique(ids: list[str], what: str, err: Any) -> None:
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise err(f"{what} repeated: {sorted(dup)}")
