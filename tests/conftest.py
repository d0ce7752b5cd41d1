"""Keep every test away from the real user data and cache folders."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

# collection already loads the formats (parametrize): their cache must not land in the real user cache folder
_CACHE_DIR = os.environ.setdefault("NIANBAO_CACHE_DIR", tempfile.mkdtemp(prefix="nianbao-test-cache-"))


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.path.basename(_CACHE_DIR).startswith("nianbao-test-cache-"):
        shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path_factory.mktemp("usercache")))
