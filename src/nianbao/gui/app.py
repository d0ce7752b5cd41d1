"""Composition root of the window (placeholder until the editing window lands)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run(
    file: str | None = None, example: str | None = None, smoke: str | None = None, qt_args: Sequence[str] = ()
) -> int:
    print("年报助手的编辑窗口尚在开发中。现在可以使用命令行：nianbao --help", file=sys.stderr)
    return 0
