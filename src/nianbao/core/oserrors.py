"""Operating-system errors in Chinese: the message names the cause by its error number, never the OS's
English text ("Is a directory", "File name too long")."""

from __future__ import annotations

import errno
from typing import Final

_BY_ERRNO: Final = {
    errno.ENOSPC: "磁盘空间不足。请清理磁盘或换一个位置保存。",
    errno.EACCES: "没有权限（文件或文件夹只读，或文件正被其他程序使用）。请关闭占用的程序，或换一个位置。",
    errno.EPERM: "没有权限（文件或文件夹只读，或文件正被其他程序使用）。请关闭占用的程序，或换一个位置。",
    errno.EROFS: "该位置只能读取、不能写入（只读磁盘或共享文件夹）。请换一个位置。",
    errno.ENOENT: "文件或文件夹不存在（可能已被移动、删除，或 U 盘、网络盘已断开）。",
    errno.EISDIR: "同名的文件夹已存在，不是文件。请换一个文件名。",
    errno.ENOTDIR: "路径中的某一部分不是文件夹。",
    errno.ENAMETOOLONG: "文件名或路径过长。请缩短文件名，或换一个层级较浅的文件夹。",
    errno.EEXIST: "同名的文件已存在。",
    errno.EBUSY: "文件正被其他程序使用。请关闭占用的程序后重试。",
    errno.ETXTBSY: "文件正被其他程序使用。请关闭占用的程序后重试。",
    errno.EIO: "读写磁盘时出错（磁盘、U 盘或网络连接可能有问题）。",
    errno.EMFILE: "同时打开的文件过多。请关闭一些程序后重试。",
    errno.EINVAL: "文件名无效（可能含有系统不允许的字符）。请换一个文件名。",
    errno.EXDEV: "无法跨磁盘移动文件。",
    errno.EFBIG: "文件过大。",
}
if hasattr(errno, "EDQUOT"):
    _BY_ERRNO[errno.EDQUOT] = "磁盘配额已用完。请清理文件或换一个位置保存。"

# Windows error numbers that arrive without a matching errno (sharing violation, lock violation, disk full...)
_BY_WINERROR: Final = {
    32: "文件正被其他程序（如 Word、WPS、杀毒软件）使用。请关闭占用的程序后重试。",
    33: "文件的一部分被其他程序锁定。请关闭占用的程序后重试。",
    39: "磁盘空间不足。请清理磁盘或换一个位置保存。",
    112: "磁盘空间不足。请清理磁盘或换一个位置保存。",
    53: "找不到网络路径（网络盘可能已断开）。",
    64: "网络连接已断开。",
    123: "文件名无效（可能含有系统不允许的字符）。请换一个文件名。",
    206: "文件名或路径过长。请缩短文件名，或换一个层级较浅的文件夹。",
}


def describe(exc: OSError) -> str:
    """A Chinese sentence for an OSError."""
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    if isinstance(exc, PermissionError):
        return _BY_ERRNO[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _BY_ERRNO[errno.ENOENT]
    code = exc.errno if exc.errno is not None else winerror
    return f"系统拒绝了这一操作（错误代码 {code}）。" if code is not None else "系统拒绝了这一操作。"
