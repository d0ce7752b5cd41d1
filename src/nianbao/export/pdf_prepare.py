"""Getting the PDF export ready in the background, so that the clerk's first 导出 PDF is as quick as any other.

A process's first PDF export imports fpdf2 and fontTools (~0.2 s), and the first one on a machine makes the reduced
copy of each font (pdf_font_cache: 0.5-1 s per TrueType font, 5-10 s per Noto/Source Han CFF font). The window
starts ``start()`` once it has been idle for a while after start-up, and again when 导出 PDF is chosen (the file
dialog then hides the wait); an export that comes before the thread is done waits for it, with a message.
"""

from __future__ import annotations

import logging
import threading

from nianbao.export.pdf_font_cache import reduced
from nianbao.export.pdf_fonts import FontSet, FontsMissing, system_fonts

_lock = threading.Lock()
_thread: threading.Thread | None = None


def prepare(fonts: FontSet | None = None) -> None:
    """Import the PDF writer and make the reduced copy of every font an export will use (quick when they exist)."""
    import fpdf  # noqa: F401  (warms the imports the first export would otherwise pay)
    from fontTools import subset  # noqa: F401

    try:
        chosen = fonts if fonts is not None else system_fonts()
    except FontsMissing:
        return  # the export will say so
    for font in dict.fromkeys(chosen.values()):
        reduced(font)


def _prepare_logged() -> None:
    try:
        prepare()
    except Exception:  # a background helper: the export itself reports what goes wrong
        logging.getLogger(__name__).warning("preparing the PDF export failed", exc_info=True)


def start() -> threading.Thread:
    """Prepare in a daemon thread unless that is already running; the thread (join it to wait)."""
    global _thread
    with _lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_prepare_logged, name="nianbao-pdf-prepare", daemon=True)
            _thread.start()
        return _thread
