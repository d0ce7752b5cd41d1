"""The recent-files list (文件 > 最近打开), without Qt."""

from __future__ import annotations

from pathlib import Path

from nianbao.recent import RecentFiles


def test_most_recent_first_without_duplicates_and_limited(tmp_path: Path) -> None:
    recent = RecentFiles(tmp_path / "recent.json", limit=3)
    files = [tmp_path / f"{i}.nianbao" for i in range(4)]
    for f in files:
        f.write_text("{}", encoding="utf-8")
        recent.add(f)
    recent.add(files[1])
    assert recent.paths() == [files[1], files[3], files[2]]
    recent.remove(files[3])
    assert recent.paths() == [files[1], files[2]]
    files[1].unlink()
    assert recent.last() == files[2]  # the last file that still exists


def test_a_broken_or_unwritable_list_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "recent.json"
    path.write_text("{not json", encoding="utf-8")
    assert RecentFiles(path).paths() == [] and RecentFiles(path).last() is None
    unwritable = RecentFiles(tmp_path / "missing-folder" / "sub" / "recent.json")
    (tmp_path / "missing-folder").write_text("a file where a folder should be", encoding="utf-8")
    unwritable.add(tmp_path / "a.nianbao")  # saving the report must not fail because of the list
    assert unwritable.paths() == []
