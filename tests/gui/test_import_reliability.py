"""The window answers every hostile workbook with a message and keeps the open report."""

from __future__ import annotations

from pathlib import Path

from guikit import FakeServices, WindowFactory
from nianbao.core import storage
from reliability.hostile import hostile_workbooks


def test_hostile_workbooks_are_refused_in_the_window(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    win = window_factory()
    before = storage.dumps(win.session.report)
    chosen = [
        (w, r) for w, r in hostile_workbooks(full=False) if w in ("whole-sheet SUM", "billion laughs", "empty file")
    ]
    for i, (_what, raw) in enumerate(chosen):
        path = tmp_path / f"h{i}.xlsx"
        path.write_bytes(raw)
        services.dialogs.import_from = path
        assert not win.import_xlsx()
    assert len(services.dialogs.errors) == len(chosen)
    assert all("h" in e and "Traceback" not in e for e in services.dialogs.errors)
    assert storage.dumps(win.session.report) == before and win.isVisible()
