"""One writer per file: a visible lock beside the open file; a second window opens it read-only with a banner; a
file changed on disk is not overwritten without asking; an autosave is recovered by one instance only."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from guikit import FakeServices, WindowFactory, blank_report
from nianbao.core import filelock, storage
from nianbao.core.edits import EditBatch
from nianbao.gui.app import initial_session
from nianbao.gui.autosave import Autosaver


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "报告.nianbao"
    storage.save(blank_report(), path)
    return path


def test_second_window_opens_read_only_with_a_banner(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    path = _saved(tmp_path)
    first = window_factory(storage.load(path), path)
    assert filelock.lock_path(path).exists()  # visible beside the file, as office suites do
    assert not first.read_only_banner.isVisible()
    second = window_factory(storage.load(path), path)
    assert second.read_only_banner.isVisible() and "只读" in second.read_only_banner.text()
    assert "（只读）" in second.windowTitle() and "只读" not in first.windowTitle()
    second.session.edit(EditBatch.set_cells({"t3.new.natural": 5}))
    services.dialogs.save_to = None  # 另存为 offered, cancelled
    assert not second.save()
    assert storage.load(path).values.get("t3.new.natural") is None  # never written from the read-only window
    services.dialogs.save_to = path  # choosing the same file in 另存为 is refused too
    assert not second.save_as()
    assert any("请换一个文件名" in e for e in services.dialogs.errors)
    other = tmp_path / "副本.nianbao"
    services.dialogs.save_to = other
    assert second.save_as()
    assert storage.load(other).values["t3.new.natural"] == 5 and not second.read_only_banner.isVisible()
    first.session.edit(EditBatch.set_cells({"t3.new.natural": 9}))
    assert first.save() and storage.load(path).values["t3.new.natural"] == 9


def test_lock_is_removed_on_close(window_factory: WindowFactory, tmp_path: Path) -> None:
    path = _saved(tmp_path)
    win = window_factory(storage.load(path), path)
    assert filelock.lock_path(path).exists()
    win.session.undo_stack.setClean()
    win.close()
    assert not filelock.lock_path(path).exists()


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(
    window_factory: WindowFactory, services: FakeServices, tmp_path: Path
) -> None:
    path = _saved(tmp_path)
    win = window_factory(storage.load(path), path)
    time.sleep(0.01)
    theirs = blank_report()
    theirs.meta.issuer = "别人改过"
    storage.save(theirs, path)  # another program writes the file meanwhile
    win.session.edit(EditBatch.set_cells({"t3.new.natural": 3}))
    services.dialogs.confirm_answer = False
    assert not win.save()
    assert storage.load(path).meta.issuer == "别人改过"
    assert any("已被其他程序或他人修改" in a for a in services.dialogs.asked)
    services.dialogs.confirm_answer = True
    assert win.save()
    assert storage.load(path).values["t3.new.natural"] == 3


def test_stale_locks_are_taken_over(window_factory: WindowFactory, tmp_path: Path) -> None:
    path = _saved(tmp_path)
    lock = filelock.lock_path(path)
    dead = {"user": "someone", "host": socket.gethostname(), "pid": 999_999_999, "since": time.time()}
    lock.write_text(json.dumps(dead), "utf-8")  # a crashed instance on this computer
    assert not window_factory(storage.load(path), path).guard.read_only
    lock.unlink()
    remote = {"user": "李四", "host": "OTHER-PC", "pid": 123, "since": time.time()}
    lock.write_text(json.dumps(remote), "utf-8")  # another computer on the share, recently refreshed
    win = window_factory(storage.load(path), path)
    assert win.guard.read_only and "OTHER-PC" in win.read_only_banner.text() and "李四" in win.read_only_banner.text()
    old = time.time() - filelock.STALE_SECONDS - 60
    os.utime(lock, (old, old))  # not refreshed for longer than the stale rule
    assert not window_factory(storage.load(path), path).guard.read_only


def test_an_autosave_is_recovered_by_one_instance_only(
    services: FakeServices, tmp_path: Path, qapp: QApplication
) -> None:
    crashed = Autosaver(services.autosave_dir)
    crashed.write(blank_report(), None)
    crashed.release()  # the window crashed: files stay, lock gone
    first, adopted, _ = initial_session(None, None, services)
    assert adopted is not None and first.modified
    asked = list(services.dialogs.asked)
    _second, adopted2, _ = initial_session(None, None, services)
    assert adopted2 is None and services.dialogs.asked == asked  # the second instance was not even asked
    adopted.discard()
