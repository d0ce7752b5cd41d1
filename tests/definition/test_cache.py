"""The on-disk cache of parsed formats: used when it matches, ignored and rebuilt when stale or corrupt."""

from __future__ import annotations

import pickle
from importlib import resources
from pathlib import Path

import pytest

from nianbao.definition import load_definition
from nianbao.definition.cache import cache_key, cache_path, cached_format, read_cached
from nianbao.definition.model import ReportFormat


def _toml(fid: str = "gov2019") -> bytes:
    return resources.files("nianbao.definition").joinpath(f"{fid}.toml").read_bytes()


class Builds:
    def __init__(self, data: bytes) -> None:
        self.data, self.calls = data, 0

    def __call__(self) -> ReportFormat:
        self.calls += 1
        return load_definition(self.data.decode("utf-8"), "test.toml")


def test_a_cached_format_is_read_back_without_parsing() -> None:
    build = Builds(_toml())
    first = cached_format("gov2019", build.data, build)
    assert build.calls == 1 and cache_path("gov2019").is_file()
    second = cached_format("gov2019", build.data, build)
    assert build.calls == 1  # from the cache
    assert second == first and second is not first
    assert second.cells.keys() == first.cells.keys()
    assert second.tables["t3"].item_at(0, 0) == first.tables["t3"].item_at(0, 0)  # the grid index survives


def test_a_changed_definition_is_rebuilt_not_served_stale() -> None:
    build = Builds(_toml())
    cached_format("gov2019", build.data, build)
    edited = Builds(build.data.replace("政府信息公开".encode(), "政务公开".encode(), 1))
    fmt = cached_format("gov2019", edited.data, edited)
    assert edited.calls == 1
    assert fmt == edited()
    assert read_cached(cache_path("gov2019"), cache_key(edited.data)) == fmt  # the cache now holds the new one
    assert read_cached(cache_path("gov2019"), cache_key(build.data)) is None


def test_another_version_does_not_use_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    build = Builds(_toml())
    cached_format("gov2019", build.data, build)
    monkeypatch.setattr("nianbao.definition.cache.__version__", "99.0")
    cached_format("gov2019", build.data, build)
    assert build.calls == 2


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps("wrong key") + b"\x00", "cut"],
    ids=["empty", "garbage", "foreign", "truncated"],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(content: bytes | str) -> None:
    build = Builds(_toml())
    good = cached_format("gov2019", build.data, build)
    path = cache_path("gov2019")
    raw = path.read_bytes()
    path.write_bytes(content if isinstance(content, bytes) else raw[: len(raw) // 2])  # "cut": truncated
    assert cached_format("gov2019", build.data, build) == good
    assert build.calls == 2
    assert read_cached(path, cache_key(build.data)) == good  # rewritten


def test_a_cache_holding_something_else_is_ignored() -> None:
    build = Builds(_toml())
    path = cache_path("gov2019")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(cache_key(build.data), f)
        pickle.dump({"not": "a format"}, f)
    assert isinstance(cached_format("gov2019", build.data, build), ReportFormat)
    assert build.calls == 1


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr("nianbao.definition.cache.cache_path", lambda fid: blocker / "cache" / f"{fid}.pickle")
    build = Builds(_toml())
    assert isinstance(cached_format("gov2019", build.data, build), ReportFormat)
    assert isinstance(cached_format("gov2019", build.data, build), ReportFormat)
    assert build.calls == 2
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_narrative_rules_are_cached_beside_the_format_and_checked_on_build() -> None:
    from nianbao.definition.cache import cached
    from nianbao.definition.loader import DefinitionError
    from nianbao.definition.text_rules import TextRules, parse_text_rules

    data = resources.files("nianbao.definition").joinpath("gov2021.text.toml").read_bytes()
    calls: list[int] = []

    def build() -> TextRules:
        calls.append(1)
        return parse_text_rules("gov2021", data, "gov2021.text.toml")

    first = cached("gov2021.text", data, build, TextRules)
    second = cached("gov2021.text", data, build, TextRules)
    assert len(calls) == 1 and second == first and cache_path("gov2021.text").is_file()
    assert read_cached(cache_path("gov2021.text"), cache_key(data), ReportFormat) is None  # not a format
    bad = data.replace(b'"t3.new.total"', b'"t3.no_such.total"', 1)
    with pytest.raises(DefinitionError, match=r"unknown cell t3\.no_such\.total"):
        parse_text_rules("gov2021", bad, "gov2021.text.toml")
    with pytest.raises(DefinitionError, match="bad pattern"):
        parse_text_rules(
            "gov2021", data.replace(b'key = "\xe5\x9b\xbd\xe5\xae\xb6\xe7\xa7\x98\xe5\xaf\x86"', b'key = "("'), "x"
        )
