"""Packaged runtime data (examples, icons) read through importlib.resources."""

from __future__ import annotations

from importlib import resources

from nianbao.core import storage
from nianbao.core.report import Report

EXAMPLES = {"2020-township": "某镇2020年政府信息公开工作年度报告（2019年试行格式，示例）"}
DEFAULT_EXAMPLE = "2020-township"


def example_bytes(name: str = DEFAULT_EXAMPLE) -> bytes:
    if name not in EXAMPLES:
        raise KeyError(name)
    return resources.files("nianbao.assets.examples").joinpath(f"{name}.nianbao").read_bytes()


def load_example(name: str = DEFAULT_EXAMPLE) -> Report:
    return storage.loads(example_bytes(name), f"{name}.nianbao")


def asset_path(name: str) -> str:
    """Filesystem path of an asset file (icons), for Qt APIs that want a path."""
    return str(resources.files("nianbao.assets").joinpath(name))
