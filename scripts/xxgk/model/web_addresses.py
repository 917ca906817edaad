"""Every web address and path segment staff write, checked in one place.

`网址`, 页脚链接, 党政机关网站标识's 链接, a 办事指南's 网上办理 and every link in a
body go through `address_problem`; a value that becomes a folder or file name
(a unit's 名称) goes through `segment_problem`. Each returns why the value is
refused, or "" when it is fine, and the caller names the field.

>>> address_problem("https://www.example.gov.cn/"), address_problem("../2025/办法.md")
('', '')
>>> bool(address_problem("JaVaScRiPt:alert(1)")), bool(address_problem("//evil.example/x"))
(True, True)
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A scheme as browsers read it: they drop tabs and line breaks anywhere and spaces around it first.
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Whitespace and invisible characters: browsers skip some of them inside a scheme (java\tscript:),
# and bidirectional or zero-width ones make an address look like another.
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
WEB_SCHEMES = ("http", "https")
# Harmless in a body: they open the mail program or the phone, never a page.
BODY_SCHEMES = WEB_SCHEMES + ("mailto", "tel")


def address_problem(value: str, *, relative: bool = True, schemes: tuple[str, ...] = WEB_SCHEMES) -> str:
    """Why a web address is refused ("" when fine): absolute http(s), or (with relative) a path in the site."""
    expected = "应为 http:// 或 https:// 开头的完整网址" + ("，或本站内的相对地址（如 sitemap/）" if relative else "")
    found = _INVISIBLE.search(value)
    if found:
        return f"含有空白或不可见字符（U+{ord(found.group()):04X}）：{expected}"
    if "\\" in value:
        return f"含有反斜杠 \\（浏览器会把它当作 /，可能指向别的网站）：{expected}"
    if value.startswith("//"):
        return f"以 // 开头，会指向别的网站：{expected}"
    scheme = _SCHEME.match(value)
    if scheme:
        name = scheme[1].lower()
        if name not in schemes:
            return f"使用了不允许的「{scheme[1]}:」：{expected}"
        if name in WEB_SCHEMES:
            parts = urlsplit(value)
            if not parts.hostname or "@" in parts.netloc or not value.lower().startswith(f"{name}://"):
                return f"不是完整的网址（缺少域名，或域名前带有 @）：{expected}"
        return ""
    if not relative:
        return expected
    if ":" in value.split("/", 1)[0]:
        return expected
    return ""


def segment_problem(value: str) -> str:
    """Why a value cannot be one folder or file name ("" when it can).

    >>> segment_problem("松岭县财政局"), bool(segment_problem("../../tmp/x"))
    ('', True)
    """
    if "/" in value or "\\" in value:
        return "不能含有 / 或 \\：它会用作文件夹名"
    if value.strip(" .") == "" or value.startswith(".") or value.endswith((".", " ")):
        return "不能以 . 开头或以 . 或空格结尾：它会用作文件夹名"
    found = _INVISIBLE.search(value.replace(" ", ""))
    if found:
        return f"含有不可见字符（U+{ord(found.group()):04X}）：它会用作文件夹名，请删除该字符"
    if any(c in value for c in ':*?"<>|'):
        return '不能含有 : * ? " < > | 等字符：它会用作文件夹名'
    return ""


def site_path_problem(value: str) -> str:
    """Why a relative address written for every page (a footer link) would leave the site ("" when fine).

    >>> site_path_problem("sitemap/"), bool(site_path_problem("../../x")), site_path_problem("https://a.cn/../")
    ('', True, '')
    """
    if _SCHEME.match(value):
        return ""
    if value.startswith("/"):
        return "是以 / 开头的绝对路径：请写本站内的相对地址（如 sitemap/），或完整的 https:// 网址"
    if ".." in re.split(r"[/?#]", value):
        return "含有 ..，会指向本站以外：请写本站内的相对地址（如 sitemap/），或完整的 https:// 网址"
    return ""
