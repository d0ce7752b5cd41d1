"""Our PDF read back by our own published-report importer (pdfplumber) with the installed fonts and with Noto CJK
(OpenType-CFF) only, and the font copies that keep exports fast."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from factories import filled_report, run_cli
from nianbao import paths
from nianbao.core import storage
from nianbao.export import pdf_font_cache
from nianbao.export.pdf import pdf_bytes
from nianbao.export.pdf_font_cache import reduced
from nianbao.export.pdf_fonts import FontSet, find, system_fonts

LONG = "".join(f"第{i}句：本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依法办理公开申请。" for i in range(40))


def _noto() -> FontSet | None:
    """Noto CJK only (OpenType-CFF, CID-keyed): a Linux system without TrueType CJK fonts."""
    s, h = find(("NotoSerifCJK-Regular.ttc",)), find(("NotoSansCJK-Regular.ttc",))
    if s is None or h is None:
        return None
    return {"body": s, "kai": s, "hei": h, "title": s, "song": s}


@pytest.mark.parametrize("fonts", ["installed", "noto-cff"])
@pytest.mark.parametrize("fid", ["gov2021", "gov2019"])
def test_exported_pdf_imports_back_every_cell(
    fid: str, fonts: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = filled_report(fid)
    report.meta.issuer = "某某市某某区某某街道办事处"
    report.narrative["ch1"] = "（一）主动公开。" + LONG + "\n" + LONG.replace("句", "段")  # pages break mid-paragraph
    src, pdf, back = tmp_path / "r.nianbao", tmp_path / "r.pdf", tmp_path / "back.nianbao"
    src.write_text(storage.dumps(report), encoding="utf-8")
    if fonts == "installed":  # what the clerk does: 导出 PDF with the fonts the system has
        assert run_cli(capsys, "export", str(src), "--pdf", str(pdf))[0] == 0
    else:
        noto = _noto()
        if noto is None:
            pytest.skip("Noto CJK not installed")
        pdf.write_bytes(pdf_bytes(report, noto))
    code, out, err = run_cli(capsys, "import", str(pdf), "-o", str(back))
    assert code == 0, err
    assert "全部内容都已对应" in out
    got = storage.from_json(json.loads(back.read_text(encoding="utf-8")))
    assert got.format_id == fid
    assert (got.meta.issuer, got.meta.year) == (report.meta.issuer, report.meta.year)
    assert {c: got.values.get(c) for c in report.fmt.cells} == {c: report.values.get(c) for c in report.fmt.cells}
    for key, text in report.narrative.items():
        assert got.narrative.get(key, "").strip() == text.strip(), key


def _undated(data: bytes) -> bytes:
    """Without the creation time and the file identifier made from it."""
    return re.sub(rb"/CreationDate \(D:[^)]*\)|/ID \[[^\]]*\]", b"", data)


def test_fonts_are_reduced_once_into_the_cache_folder() -> None:
    fonts = system_fonts()
    report = filled_report()
    pdf_font_cache._reduced.cache_clear()  # as in a new process
    first = _undated(pdf_bytes(report, fonts))
    folder = paths.cache_dir() / "fonts"
    copies = {f: Path(pdf_font_cache.reduced(f).path) for f in fonts.values()}
    for original, copy in copies.items():
        assert copy.parent == folder and Path(original.path).stem in copy.name
        assert copy.stat().st_size < Path(original.path).stat().st_size / 2
    stamps = {c: c.stat().st_mtime_ns for c in copies.values()}
    pdf_font_cache._reduced.cache_clear()
    assert _undated(pdf_bytes(report, fonts)) == first  # the copies on disk are reused, not made again
    assert {c: c.stat().st_mtime_ns for c in copies.values()} == stamps
    shutil.rmtree(folder)  # the cache folder emptied while the window is open: made again
    assert _undated(pdf_bytes(report, fonts)) == first
    assert all(c.exists() for c in copies.values())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_character_outside_the_reduced_fonts_is_written_with_the_system_font() -> None:
    report = filled_report()
    report.narrative["ch6"] = "生僻字䶮与㙟"  # CJK Extension A, not in GB 2312
    assert not set("䶮㙟") <= pdf_font_cache.covered()
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf_bytes(report), capture_output=True, check=True)
    text = "".join(done.stdout.decode("utf-8").split())
    assert "生僻字" in text and "一、总体情况" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_opentype_cff_fonts_give_a_text_layer_pdfminer_and_poppler_read() -> None:
    fonts = _noto()
    if fonts is None:
        pytest.skip("Noto CJK not installed")
    report = filled_report()
    report.narrative["ch1"] = "人民政府办理行政复议。" + LONG
    data = pdf_bytes(report, fonts)
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        plumbed = "".join(p.extract_text() or "" for p in doc.pages)
    for text in (done.stdout.decode("utf-8"), plumbed):
        flat = "".join(text.split())
        assert "人民政府办理行政复议。" in flat and "第39句：" in flat and "二、主动公开政府信息情况" in flat
        assert not [c for c in flat if 0x2E80 <= ord(c) <= 0x2FDF]
    fontlist = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "CID TrueType" in fontlist and "Identity-H" in fontlist and "CID Type 0C" not in fontlist


def test_a_cff_font_s_copy_has_truetype_outlines_of_the_same_shapes() -> None:
    fonts = _noto()
    if fonts is None:
        pytest.skip("Noto CJK not installed")
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    original = fonts["body"]
    with TTFont(original.path, fontNumber=original.face, lazy=True) as src, TTFont(reduced(original).path) as copy:
        assert "CFF " in src and "glyf" in copy and "CFF " not in copy
        src_cmap, copy_cmap = src.getBestCmap(), copy.getBestCmap()
        assert {chr(c) for c in copy_cmap} == {chr(c) for c in src_cmap} & pdf_font_cache.covered()
        src_glyphs, copy_glyphs = src.getGlyphSet(), copy.getGlyphSet()
        for ch in "人民政府一二三行工文，。（）0123456789":
            a, b = src_glyphs[src_cmap[ord(ch)]], copy_glyphs[copy_cmap[ord(ch)]]
            assert a.width == b.width, ch
            pa, pb = BoundsPen(src_glyphs), BoundsPen(copy_glyphs)
            a.draw(pa)
            b.draw(pb)
            assert pa.bounds and pb.bounds
            assert max(abs(x - y) for x, y in zip(pa.bounds, pb.bounds, strict=True)) <= 1.5, ch


def test_copies_left_by_an_older_version_are_removed_when_a_new_one_is_made() -> None:
    font = system_fonts()["body"]
    target = pdf_font_cache.cache_path(font)
    assert target is not None
    older = target.with_name(target.name.replace(f"pdf-font-{pdf_font_cache.RECIPE}-", "pdf-font-1-"))
    stranger = target.with_name("pdf-font-1-other-0-1-2-00000000.ttf")
    target.parent.mkdir(parents=True, exist_ok=True)
    older.write_bytes(b"old")
    stranger.write_bytes(b"another font's copy")
    target.unlink(missing_ok=True)
    pdf_font_cache._reduced.cache_clear()
    assert Path(reduced(font).path) == target and target.exists()
    assert not older.exists() and stranger.exists()
