"""Write bcryptprimitives.dll for a Wine 8 test prefix (smoke-wine.sh only; never shipped).

cryptography's _rust.pyd (needed by pdfminer, so by the published-PDF import) imports ProcessPrng from
bcryptprimitives.dll, which Windows has had in System32 since Windows 8 but Wine 8 lacks: under Wine the import
fails with "DLL load failed while importing _rust". This writes a data-only 64-bit DLL whose one export forwards
ProcessPrng to advapi32.SystemFunction036 (RtlGenRandom: same arguments, fills the buffer with random bytes), so
the frozen app's PDF import can be exercised under Wine. Usage: python wine_bcryptprimitives.py OUT.dll
"""

import struct
import sys

RVA = 0x1000  # the one section (.edata)
FILE_ALIGN = 0x200


def export_section() -> bytes:
    names = [b"bcryptprimitives.dll\0", b"ProcessPrng\0", b"advapi32.SystemFunction036\0"]
    strings_at = RVA + 40 + 4 + 4 + 4  # directory, address table, name table, ordinal table (+2 pad)
    dll_name, func_name, forward = strings_at, strings_at + len(names[0]), strings_at + len(names[0]) + len(names[1])
    directory = struct.pack("<IIHHIIIIIII", 0, 0, 0, 0, dll_name, 1, 1, 1, RVA + 40, RVA + 44, RVA + 48)
    # an export whose address lies inside the export directory is a forwarder string ("dll.function")
    return directory + struct.pack("<IIHH", forward, func_name, 0, 0) + b"".join(names)


def dll() -> bytes:
    section = export_section()
    dos = b"MZ" + b"\0" * 58 + struct.pack("<I", 0x40)
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 0xF0, 0x2022)  # AMD64, executable, large-address, DLL
    # fmt: off
    opt = struct.pack(
        "<HBBIIIII" "QIIHHHHHHIIIIHH" "QQQQII",
        0x20B, 14, 0, 0, FILE_ALIGN, 0, 0, RVA,  # PE32+, no code, no entry point
        0x180000000, 0x1000, FILE_ALIGN, 6, 0, 0, 0, 6, 0, 0, 0x2000, FILE_ALIGN, 0, 2, 0,
        0x100000, 0x1000, 0x100000, 0x1000, 0, 16,
    )
    # fmt: on
    directories = struct.pack("<II", RVA, len(section)) + b"\0" * 8 * 15
    header = struct.pack("<8sIIIIIIHHI", b".edata", len(section), RVA, FILE_ALIGN, FILE_ALIGN, 0, 0, 0, 0, 0x40000040)
    head = dos + b"PE\0\0" + coff + opt + directories + header
    assert len(opt) + len(directories) == 0xF0 and len(head) <= FILE_ALIGN and len(section) <= FILE_ALIGN
    return head.ljust(FILE_ALIGN, b"\0") + section.ljust(FILE_ALIGN, b"\0")


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(dll())
