"""The reader for each format staff are handed: `read_source` picks it by extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from xxgk.authoring.readers.blocks import ImportRefused, Source
from xxgk.authoring.readers.legacy import read_legacy
from xxgk.authoring.readers.ofd import read_ofd
from xxgk.authoring.readers.pdf import read_pdf
from xxgk.authoring.readers.text import read_text
from xxgk.authoring.readers.word import read_word

_READERS: dict[str, Callable[[Path], Source]] = {
    ".docx": read_word,
    ".pdf": read_pdf,
    ".ofd": read_ofd,
    ".doc": read_legacy,
    ".wps": read_legacy,
    ".txt": read_text,
    ".md": read_text,
}
SUPPORTED = tuple(_READERS)


def read_source(path: Path) -> Source:
    """The blocks of a file staff were handed; ImportRefused with the reason when it cannot be read."""
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise ImportRefused(
            f"{path}: 不能导入 {suffix or '无扩展名'} 文件：只能导入 {'、'.join(SUPPORTED)}；"
            f"其他格式请先在 Word 或 WPS 中另存为 .docx"
        )
    return reader(path)
