"""Start-up never stumbles on a broken last file: it is dropped from 最近打开 with a message, a new report opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from guikit import blank_report
from nianbao.core import storage
from nianbao.gui.app import initial_session
from nianbao.gui.services import Services


@pytest.mark.parametrize(
    "content",
    [
        b'{"nianbao": 1, "format": "gov2021", "values": {"t2.fees.amount": 1e999999999}}',
        b'{"nianbao": 1, "format": "gov2021", "values": {"t2.fees.amount": ' + b"9" * 5000 + b"}}",
        b"\x00\x01garbage",
    ],
    ids=["exponent", "huge-integer", "garbage"],
)
def test_unreadable_last_file_is_dropped_and_a_new_report_starts(
    services: Services, tmp_path: Path, qapp: QApplication, content: bytes
) -> None:
    good = tmp_path / "good.nianbao"
    storage.save(blank_report(), good)
    bad = tmp_path / "bad.nianbao"
    bad.write_bytes(content)
    services.recent.add(good)
    services.recent.add(bad)
    session, _, error = initial_session(None, None, services)
    assert session.path is None  # a new report
    assert error is not None and "已从“最近打开”中移除" in error
    assert bad.absolute() not in services.recent.paths()
    assert good.absolute() in services.recent.paths()
    session, _, error = initial_session(None, None, services)  # the next start opens the good one
    assert session.path == good.absolute() and error is None
