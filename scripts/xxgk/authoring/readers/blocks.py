"""What every reader returns: a document's paragraphs, tables and images in reading order.

Each format has its own reader (text.py, word.py, pdf.py, ofd.py, legacy.py);
officialdoc.py reads the national format's elements from these blocks, whatever
file they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportRefused(Exception):
    """A file that must not or cannot be imported; the message says why."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    raw: bool = False  # Markdown the clerk wrote (.md input): read like the rest, but not escaped

    @property
    def block_markup(self) -> bool:
        """A Markdown heading, table, image or other block: kept as it is and never read as an element."""
        return self.raw and ("\n" in self.text or self.text.lstrip().startswith(("#", "|", "![", "- ", "* ", ">")))


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    filename: str  # saved beside the new document
    name: str


Block = Paragraph | Table | Image


@dataclass
class SavedFile:
    filename: str  # below the document's folder
    name: str  # shown to readers
    data: bytes


@dataclass
class Source:
    blocks: list[Block]
    files: list[SavedFile] = field(default_factory=list)  # images and embedded files, named without prefix
    notes: list[str] = field(default_factory=list)
    original: SavedFile | None = None  # the file itself, kept as an attachment where it is the authentic layout
    read_as: str = ""  # how the text was read, for the report ("PDF 文字层，2 页")
