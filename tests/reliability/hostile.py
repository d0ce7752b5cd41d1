"""Generators of hostile input: project files and workbooks built from real exports, then broken on purpose.

Used by the reliability tests (a fast subset in every run, the full counts with NIANBAO_RELIABILITY_FULL=1) and by
benchmarks/reliability.py. Everything is deterministic for a given seed.
"""

from __future__ import annotations

import io
import itertools
import json
import random
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from factories import filled_report
from nianbao.core import storage
from nianbao.export.xlsx import xlsx_bytes

# ------------------------------------------------------------------------------------------ project files
NUMBERS = [
    "1e999999999", "-1e5", "1E+3", "NaN", "Infinity", "-Infinity", "9" * 5000, "-" + "9" * 5000,
    "0." + "1" * 5000, "1" * 400 + ".5", "999999999", "1000000000", "-0", "0.0000001", "24252.311082",
    "24252.3110821", "1.5", "-3", "true", "null", '"12"', '"１２"', '"1,234"', '"abc"', '"1e5"', "[]", "{}",
    '"' + "9" * 100000 + '"', '"\\ud800"',
]  # fmt: skip
TEXTS = [
    '"\\u0000\\u0001\\u001f"', '"\\ud800\\udfff"', '"\\u202e\\u2066"', '"' + "长" * 60000 + '"', "12", "null",
    "[]", '{"a": 1}', '"=1+1"', '"<script>alert(1)</script>"', '"' + "x" * 300 + '"',
]  # fmt: skip


def base_project(fid: str = "gov2021") -> dict[str, Any]:
    project: dict[str, Any] = json.loads(storage.dumps(filled_report(fid)))
    return project


def hostile_projects(count: int, seed: int = 11) -> Iterator[tuple[str, bytes]]:
    """(what, file bytes): targeted values, structural damage and random byte damage, in turn."""
    rng = random.Random(seed)
    bases = [storage.dumps(filled_report(fid)) for fid in ("gov2021", "gov2019")]
    for i in range(count):
        text = bases[i % 2]
        kind = i % 6
        if kind == 0:  # a hostile number in a random cell (money or count)
            cells = re.findall(r'"(t[234]\.[a-z_.]+)": ("[^"]*"|-?\d+)', text)
            cid, old = rng.choice(cells)
            value = rng.choice(NUMBERS)
            yield f"value {cid}={value[:20]}", text.replace(f'"{cid}": {old}', f'"{cid}": {value}', 1).encode()
        elif kind == 1:  # hostile text in a text field
            field = rng.choice(['"issuer": ', '"contact": ', '"ch1": ', '"level": '])
            value = rng.choice(TEXTS)
            yield (
                f"text {field}{value[:20]}",
                # a replacement string with its backslashes escaped: the value is inserted literally
                re.sub(re.escape(field) + r'"[^"]*"', (field + value).replace("\\", "\\\\"), text, count=1).encode(),
            )
        elif kind == 2:  # structure: keys removed, renamed, retyped; nesting; sizes
            data = json.loads(text)
            key = rng.choice(["meta", "values", "narrative", "units", "format", "nianbao", "accepted", "previous"])
            data[key] = rng.choice([None, [], "x", 7, {"x": 1}, {str(j): "y" for j in range(3000)}, 10**30])
            yield f"structure {key}", json.dumps(data, ensure_ascii=False).encode()
        elif kind == 3:  # deep nesting or huge containers
            depth = rng.choice([10, 1000, 100000])
            yield f"nesting {depth}", ("[" * depth + "]" * depth).encode()
        elif kind == 4:  # random byte damage
            damaged = bytearray(text.encode())
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            yield "bytes", bytes(damaged)
        else:  # truncation
            raw = text.encode()
            yield "truncated", raw[: rng.randrange(len(raw))]


# ------------------------------------------------------------------------------------------ workbooks
def _zip_replace(raw: bytes, changes: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, changes.get(info.filename, src.read(info.filename)))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _first_sheet(raw: bytes) -> tuple[str, str]:
    """(part name, XML) of table 三's sheet (the worksheet with the most SUM formulas)."""
    z = zipfile.ZipFile(io.BytesIO(raw))
    sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    name = max(sheets, key=lambda n: z.read(n).count(b"<f>SUM("))
    return name, z.read(name).decode()


def _set_value_cell(xml: str, content: str) -> str:
    """Replace the first plain numeric value cell (<c r=.. ><v>n</v></c>) with `content` (a <c> element body)."""
    m = re.search(r'<c r="([A-Z]+[0-9]+)"((?:(?! t=)[^>])*)><v>[0-9.]+</v></c>', xml)  # no t=: a number
    assert m is not None
    return xml[: m.start()] + f'<c r="{m.group(1)}"{_no_type(m.group(2))}>{content}</c>' + xml[m.end() :]


def _no_type(attrs: str) -> str:
    return re.sub(r'\s+t="[^"]*"', "", attrs)


def hostile_workbooks(full: bool = True) -> list[tuple[str, bytes]]:
    """The hostile workbooks of the probe: formulas, ranges, recursion, huge numbers, bombs, huge sheets, XML attacks.

    `full` builds them at the probe's sizes (a million rows, 2 GB of zeros, 60 MB of padding: ~10 s to build);
    otherwise at sizes that still cross every limit but build in a second."""
    raw = xlsx_bytes(filled_report())
    sheet, xml = _first_sheet(raw)
    out: list[tuple[str, bytes]] = []

    def with_cell(what: str, content: str) -> None:
        out.append((what, _zip_replace(raw, {sheet: _set_value_cell(xml, content).encode()})))

    with_cell("whole-sheet SUM", "<f>SUM(A1:XFD1048576)</f>")
    with_cell("huge range SUM", "<f>SUM(A1:Z200000)</f>")
    with_cell("bad range", "<f>SUM(A0:B)</f>")
    with_cell("reversed range", "<f>SUM(ZZ9:A1)</f>")
    with_cell("address beyond Excel", "<f>XFD99999999+1</f>")
    with_cell("four-letter column", "<f>ZZZZ1</f>")
    with_cell("self reference", "<f>SUM(A1:AZ200)</f>")
    with_cell("huge integer", "<v>" + "9" * 5000 + "</v>")
    with_cell("huge literal in formula", "<f>" + "9" * 5000 + "+1</f>")
    with_cell("exponent", "<v>1E+308</v>")
    with_cell("NaN text", "<is><t>NaN</t></is>")
    with_cell("user function", '<f>INDIRECT("A1")</f>')
    # a chain of formulas, each referring to the next cell of the template
    cells = re.findall(r'<c r="([A-Z]+[0-9]+)"(?:(?! t=)[^>])*><v>[0-9.]+</v></c>', xml)  # numbers, not strings
    chained = xml
    for a, b in itertools.pairwise(cells):
        chained = re.sub(rf'<c r="{a}"([^>]*)><v>[0-9.]+</v></c>', rf'<c r="{a}"\1><f>{b}+1</f></c>', chained, count=1)
    out.append(("chained references", _zip_replace(raw, {sheet: re.sub(r'\st="n"', "", chained).encode()})))
    # a million rows
    n_rows = 1_000_000 if full else 100_000
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(100, n_rows + 100))
    out.append(
        (f"{n_rows:,} rows", _zip_replace(raw, {sheet: xml.replace("</sheetData>", rows + "</sheetData>").encode()}))
    )
    # zip bomb: 2 GB of zeros declared in one part
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        src = zipfile.ZipFile(io.BytesIO(raw))
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
        with z.open("xl/media/image1.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (16 * 1024 * 1024)
            for _ in range(128 if full else 4):
                fh.write(chunk)
    out.append((f"zip bomb ({'2 GB' if full else '64 MB'} of zeros)", bomb.getvalue()))
    # padding bomb inside a sheet
    pad_mb = 60 if full else 8
    pad = " " * (pad_mb * 1024 * 1024)
    out.append(
        (
            f"sheet padded to {pad_mb} MB",
            _zip_replace(raw, {sheet: xml.replace("<sheetData>", "<sheetData>" + pad).encode()}),
        )
    )
    # XML attacks: a DTD with entities in table 三's sheet, referenced from a cell
    decl_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
    laughs = (
        '<!DOCTYPE worksheet [<!ENTITY lol "lolololololololololol">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + "]>"
    )
    xxe = '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    for what, dtd, ref in (("billion laughs", laughs, "&lol9;"), ("external entity", xxe, "&e;")):
        attacked = xml[:decl_end] + dtd + xml[decl_end:]
        attacked = _set_value_cell(attacked, f"<is><t>{ref}</t></is>").replace("<c r=", '<c t="inlineStr" r=', 0)
        out.append((what, _zip_replace(raw, {sheet: attacked.encode()})))
    # not a workbook at all, or a broken one
    out.append(("empty file", b""))
    out.append(("truncated zip", raw[: len(raw) // 2]))
    out.append(("old .xls signature", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000))
    out.append(("zip without workbook", _only_parts(raw, ["[Content_Types].xml"])))
    out.append(("many parts", _zip_replace(raw, {}, {f"x/{i}.xml": b"<a/>" for i in range(2000)})))
    return out


def _only_parts(raw: bytes, keep: list[str]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in keep:
            dst.writestr(name, src.read(name))
    return out.getvalue()


def mutated_workbooks(count: int, seed: int = 11) -> Iterator[tuple[str, bytes]]:
    """Workbooks from a real export with random damage: cell values, formulas, marker rows, XML bytes, zip bytes."""
    rng = random.Random(seed)
    raws = [xlsx_bytes(filled_report(fid)) for fid in ("gov2021", "gov2019")]
    values = [
        "<v>-1</v>", "<v>1.5</v>", "<v>" + "9" * 30 + "</v>", "<f>SUM(A1:A3)</f>", "<f>A1</f>", "<f>1/0</f>",
        "<f>SUM(B2:B3,C4)-7</f>", '<is><t>１２万元</t></is>', '<is><t>abc</t></is>', "<v>NaN</v>", "<v></v>",
        "<f>SUM(A1:XFD1)</f>", "<f>$B$5+$C$6</f>", "<f>SUM(</f>", '<is><t>\u202e12</t></is>',
    ]  # fmt: skip
    for i in range(count):
        raw = raws[i % 2]
        z = zipfile.ZipFile(io.BytesIO(raw))
        parts = [n for n in z.namelist() if n.endswith(".xml")]
        kind = i % 4
        if kind == 0:  # a few cells replaced
            name = rng.choice([n for n in parts if n.startswith("xl/worksheets/")])
            xml = z.read(name).decode()
            for _ in range(rng.randint(1, 5)):
                cells = list(re.finditer(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>.*?</c>)', xml))
                if not cells:
                    break
                m = rng.choice(cells)
                xml = (
                    xml[: m.start()]
                    + f'<c r="{m.group(1)}"{_no_type(m.group(2))}>{rng.choice(values)}</c>'
                    + xml[m.end() :]
                )
            yield f"cells {name}", _zip_replace(raw, {name: xml.encode()})
        elif kind == 1:  # XML bytes damaged
            name = rng.choice(parts)
            data = bytearray(z.read(name))
            for _ in range(rng.randint(1, 10)):
                data[rng.randrange(len(data))] = rng.randrange(32, 127)
            yield f"xml bytes {name}", _zip_replace(raw, {name: bytes(data)})
        elif kind == 2:  # zip bytes damaged
            data = bytearray(raw)
            for _ in range(rng.randint(1, 10)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            yield "zip bytes", bytes(data)
        else:  # a part removed or swapped
            name = rng.choice(parts)
            other = rng.choice(parts)
            yield f"part {name}<-{other}", _zip_replace(raw, {name: z.read(other)})
