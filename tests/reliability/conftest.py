"""Reliability proofs: a fast subset in every run; NIANBAO_RELIABILITY_FULL=1 (.ci/run) runs the full counts."""

from __future__ import annotations

import os

import pytest

FULL = os.environ.get("NIANBAO_RELIABILITY_FULL") == "1"


def scale(fast: int, full: int) -> int:
    return full if FULL else fast


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/reliability" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.reliability)
