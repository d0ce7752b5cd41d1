"""The XML parts of a zip package (.docx, .xlsx), read a megabyte at a time, so their elements can be counted
before a library parses them (a small file can unpack to millions of elements)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

CHUNK = 1_000_000


def xml_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in pieces that each end before a "<" (so no tag is cut in two); nothing for a part that
    cannot be XML (an image: the libraries parse only parts starting with "<"). zipfile never inflates past the
    size the zip declares, which the caller has bounded."""
    with zf.open(info) as part:
        head = part.read(CHUNK)
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return
        rest = b""
        while head:
            data = rest + head
            cut = data.rfind(b"<")  # the tags before the last "<" are whole
            cut = cut if cut > 0 else len(data)
            yield data[:cut]
            rest = data[cut:]
            head = part.read(CHUNK)
        yield rest
