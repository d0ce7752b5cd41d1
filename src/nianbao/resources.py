"""Packaged runtime data (examples, icons): files beside the modules, as wheels and PyInstaller install them.

(Not importlib.resources: it costs start-up a few ms, and nianbao is never run from a zip.)"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the report modules load with load_example: `nianbao` reads the names below before them
    from nianbao.core.report import Report

EXAMPLES = {"2020-township": "某镇2020年政府信息公开工作年度报告（2019年试行格式，示例）"}
DEFAULT_EXAMPLE = "2020-township"
ASSETS = Path(__file__).resolve().parent / "assets"


def example_bytes(name: str = DEFAULT_EXAMPLE) -> bytes:
    if name not in EXAMPLES:
        raise KeyError(name)
    return (ASSETS / "examples" / f"{name}.nianbao").read_bytes()


def load_example(name: str = DEFAULT_EXAMPLE) -> Report:
    from nianbao.core import storage

    return storage.loads(example_bytes(name), f"{name}.nianbao")


def asset_path(name: str) -> str:
    """Filesystem path of an asset file (icons), for Qt APIs that want a path."""
    return str(ASSETS / name)
