"""The command line: new, check, dump, and the window entry without a window."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factories import filled_report, run_cli
from nianbao.core import storage


def test_new_then_check_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "r.nianbao"
    code, out, _ = run_cli(capsys, "new", "--year", "2026", "--issuer", "某某镇人民政府", "-o", str(out_file))
    assert code == 0 and "已创建" in out
    report = storage.load(out_file)
    assert (report.format_id, report.meta.year, report.meta.issuer) == ("gov2021", 2026, "某某镇人民政府")
    code, out, _ = run_cli(capsys, "check", str(out_file))
    assert code == 0 and "勾稽关系无误，尚有 7 处未填写" in out  # a new report breaks no rule but is empty
    code, _, err = run_cli(capsys, "new", "--year", "2026", "--issuer", "x", "-o", str(out_file))
    assert code == 2 and "已存在" in err


def test_new_with_old_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "r.nianbao"
    assert run_cli(capsys, "new", "--year", "2020", "--issuer", "x", "-o", str(out_file))[0] == 0
    assert storage.load(out_file).format_id == "gov2019"
    code, _, err = run_cli(
        capsys, "new", "--year", "2022", "--issuer", "x", "--format", "gov2019", "-o", str(tmp_path / "b.nianbao")
    )
    assert code == 0 and "通常使用" in err


def test_check_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = filled_report()
    report.values["t3.forward.natural"] = 40
    path = tmp_path / "bad.nianbao"
    storage.save(report, path)
    code, out, _ = run_cli(capsys, "check", str(path), "--json")
    assert code == 1
    findings = json.loads(out)
    (f,) = [f for f in findings if f["rule"] == "R3.1:natural"]
    assert set(f) >= {"rule", "severity", "table", "row", "column", "cells", "expected", "actual", "message"}
    assert f["severity"] == "error" and f["row"] == "四、结转下年度继续办理" and f["column"] == "自然人"
    assert f["table"] == "三、收到和处理政府信息公开申请情况" and f["actual"] == 40 and f["expected"] == 1
    code, out, _ = run_cli(capsys, "check", str(path))
    assert code == 1 and "[错误]" in out and "处错误" in out


def test_check_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.nianbao"
    path.write_text("not json", "utf-8")
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 2 and out == "" and "不是年报助手的项目文件" in err
    code, _, err = run_cli(capsys, "check", str(tmp_path / "missing.nianbao"))
    assert code == 2 and "找不到文件" in err
    code, _, err = run_cli(capsys, "check")
    assert code == 2 and "请指定项目文件" in err


def test_check_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "check", "--example")
    assert code == 0 and "勾稽关系全部通过" in out


def test_dump_lists_every_cell(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "dump", "--example", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["cells"]) == 198
    cell = next(c for c in data["cells"] if c["cell"] == "t2.normative.made")
    assert cell == {
        "table": "二、主动公开政府信息情况",
        "row": "规范性文件",
        "column": "本年新制作数量",
        "cell": "t2.normative.made",
        "value": 35,
        "unit": "",
        "computed": False,
    }
    assert data["narrative"]["六、其他需要报告的事项"] == "无"
    code, out, _ = run_cli(capsys, "dump", "--example")
    assert code == 0 and "规范性文件 | 本年新制作数量 | t2.normative.made = 35" in out
    assert "2020年以来，我镇" in out


def test_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "formats")
    assert code == 0 and "gov2021" in out and "gov2019" in out


def test_console_script_runs_in_a_subprocess(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", "check", "--example", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0 and json.loads(proc.stdout) == []


def test_qt_options_with_values_are_not_taken_for_the_file() -> None:
    from nianbao.cli import split_qt_args

    own, qt = split_qt_args(["报告.nianbao", "-platform", "offscreen", "--smoke", "o.json", "-style", "fusion"])
    assert own == ["报告.nianbao", "--smoke", "o.json"]
    assert qt == ["-platform", "offscreen", "-style", "fusion"]


def test_the_command_list_is_what_the_help_lists(capsys: pytest.CaptureFixture[str]) -> None:
    """main() tells a command from a file by its own list, without building the parser (which loads the report
    modules); the list must be the sub-commands `nianbao --help` shows."""
    from nianbao import cli

    with pytest.raises(SystemExit) as done:
        run_cli(capsys, "--help")
    out = capsys.readouterr().out
    section = out.split("子命令:\n")[1].split("\n\n")[0]  # up to the blank line before 退出码
    assert done.value.code == 0 and set(re.findall(r"^ {4}([a-z]+)\b", section, re.MULTILINE)) == set(cli.COMMANDS)


def test_internal_error_exits_3_never_1(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao import paths
    from nianbao.core import checking

    def broken(*args: object) -> list[object]:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(checking, "check", broken)
    code, _out, err = run_cli(capsys, "check", "--example")
    assert code == 3 and "内部错误" in err and "Traceback" not in err
    logs = list((paths.data_dir() / "logs").glob("error-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError: bug" in logs[0].read_text("utf-8")


@pytest.mark.parametrize(
    "content",
    [b'{"nianbao": 1, "format": "gov2021", "values": {"t2.fees.amount": 1e999999999}}', b"[" * 100000],
    ids=["exponent", "deep-nesting"],
)
def test_hostile_file_exits_2_quickly(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes) -> None:
    import time

    path = tmp_path / "x.nianbao"
    path.write_bytes(content)
    start = time.perf_counter()
    code, _out, err = run_cli(capsys, "check", str(path))
    assert code == 2 and err.startswith("错误：") and time.perf_counter() - start < 0.5


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    from nianbao.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "3 = 内部错误" in capsys.readouterr().out
