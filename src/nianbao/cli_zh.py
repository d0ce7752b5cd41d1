"""argparse speaking Chinese: the usage line, section titles, -h/--help and the common error messages.

argparse prints its own words (usage:, positional arguments, options, show this help message and exit) in English;
a clerk reads `nianbao --help` in Chinese only. Arguments go into groups titled here, the help option is added here,
and error() words argparse's usual messages in Chinese.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

_ERRORS = (
    (re.compile(r"the following arguments are required: (.*)"), "缺少参数：{0}"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"), "参数 {0} 的值 {1} 无效（可选：{2}）"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个值"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.*)"), "参数 {0} 的值 {2} 无效"),
)


def chinese_error(message: str) -> str:
    for pattern, text in _ERRORS:
        m = pattern.fullmatch(message)
        if m:
            return text.format(*m.groups())
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """ArgumentParser whose help and usage errors are Chinese; sub-command parsers are made of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # the Chinese -h/--help is added below
        self._zh_groups: tuple[Any, Any] | None = None  # (arguments, options) groups
        super().__init__(*args, **kwargs)
        self._zh_groups = (self.add_argument_group("参数"), self.add_argument_group("选项"))
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if self._zh_groups is None:
            return super().add_argument(*args, **kwargs)
        optional = bool(args) and args[0][:1] in self.prefix_chars
        action: argparse.Action = self._zh_groups[1 if optional else 0].add_argument(*args, **kwargs)
        return action

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", "子命令")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
