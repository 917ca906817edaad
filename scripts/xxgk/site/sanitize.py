"""Making what staff wrote safe to publish: an allow-list of HTML, applied to
document pages after Markdown has rendered them.

Markdown lets raw HTML through, and a body pasted from elsewhere can carry
scripts, event handlers, `javascript:` links, iframes or forms. Front-matter
values are escaped by the templates; this cleans the rendered page body with
nh3 (ammonia), keeping what Markdown and our templates produce.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "blockquote",
    "br",
    "button",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "u",
    "ul",
    "video",
    "wbr",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "aria-label", "aria-current", "aria-hidden", "role"},
    "a": {"href", "download", "type", "rel", "hreflang"},
    # A wide table's scrolling box must take keyboard focus (the annual reports' tables, axe's
    # scrollable-region-focusable).
    "div": {"tabindex"},
    # The pages' own buttons (print, 字号, the breadcrumb's 展开), which xxgk-public.js works. Outside a
    # form a button does nothing, and none of these attributes runs code: one written by staff is inert.
    "button": {"aria-controls", "aria-expanded", "data-xxgk-print", "data-xxgk-zoom-step", "data-xxgk-trail"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes"},
    # A 图解's phone-sized copies, and the recordings of interviews (played by the browser itself).
    "source": {"srcset", "sizes", "type", "media"},
    "audio": {"src", "controls", "preload"},
    "video": {"src", "controls", "preload", "playsinline", "poster", "width", "height"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "td": {"colspan", "rowspan", "style"},
    "time": {"datetime"},
    "ol": {"start", "type"},
    "col": {"span"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> str:
    """
    >>> clean_html('<p onclick="x()">文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p>')
    '<p>文<a>链接</a></p>'
    >>> clean_html('<table><tbody><tr><td style="text-align: right; background: url(x)">1</td></tr></tbody></table>')
    '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'
    >>> clean_html('<iframe src="x"></iframe><form action="x"><input name="a"></form><img src="x" onerror="alert(1)">')
    '<img src="x">'
    >>> clean_html('<button type="submit" formaction="https://x" onclick="f()" data-xxgk-print>打印</button>')
    '<button data-xxgk-print="" type="button">打印</button>'
    """
    return _CLEANER.clean(html)


# Built once: nh3.clean converts the allow-lists anew on every call, a quarter of its time per page.
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
    set_tag_attribute_values={"button": {"type": "button"}},  # never a submit button
)
