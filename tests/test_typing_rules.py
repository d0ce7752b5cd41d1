"""The tests are type-checked like the code (mypy --strict in `dev.py test`); typing is not switched off."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SILENCED = "type: ignore" + "[no-untyped-def]"  # split so this file does not name itself


def test_no_function_silences_the_untyped_definition_check() -> None:
    """A fixture parameter is typed (QtBot, WindowFactory, FakeServices, Path, pytest.MonkeyPatch...), not ignored."""
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("src", "tests", "benchmarks", "tools")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SILENCED in line
    ]
    assert found == []
