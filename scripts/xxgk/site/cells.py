"""The HTML of a register's cells: line breaks kept, phone numbers dialable, blanks as a dash."""

from __future__ import annotations

import re

from markupsafe import escape

from xxgk.model.register_kinds import RegisterKind, RegisterRow

_PHONE_SEPARATORS = re.compile(r"([、，,;；/]\s*)")


def text_html(value: str) -> str:
    return str(escape(value)).replace("\n", "<br>")


def cell_html(row: RegisterRow, name: str, kind: RegisterKind) -> str:
    value = row.get(name)
    spec = next(c for c in kind.columns if c.name == name)
    if spec.web_address and value:  # checked at load: an absolute http(s) address
        return f'<a href="{escape(value)}">{escape(value)}</a>'
    if spec.phone and value:
        return "".join(
            f'<a href="tel:{escape(_dialable(part))}">{escape(part)}</a>' if _dialable(part) else str(escape(part))
            for part in _PHONE_SEPARATORS.split(value)
        )
    return text_html(value) if value else "—"


def _dialable(phone: str) -> str:
    """
    >>> _dialable("0469-5821301转8001")
    '0469-5821301'
    """
    return "".join(c for c in phone.split("转")[0] if c.isdigit() or c in "-+")
