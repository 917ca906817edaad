"""Every permanent address of the site, and the breadcrumb entries that lead to them.

Addresses are directory style, relative to the site root ("" is the home page),
and never change once published: a document's follows its 索引号, a unit's its
统一社会信用代码, a column's or category's the code in the vocabulary. Like
Material's `*_url_format` options, each kind of page has one function or
constant here, and nothing else in the package spells an address out.

>>> category("a20-1")
'xxgk/fdzdgknr/lb/a20-1/'
>>> page_number("xxgk/fdzdgknr/lb/a20-1/", 2)
'xxgk/fdzdgknr/lb/a20-1/2/'
"""

from __future__ import annotations

HOME = ""
ROOT_COLUMN = "xxgk/"  # 政府信息公开, the column the four first-level columns sit in
FDZDGKNR_CODE = "fdzdgknr"  # 法定主动公开内容's code in the 栏目 vocabulary
UNITS = "dw/"
SEARCH = "search/"
SITEMAP = "sitemap/"
CATALOGUES = "ml/"  # 文件库和清单
LIBRARY = "gfxwj/"  # 规范性文件库
DIRECTORY = "jgzn/"  # 机构职能目录
COMPILATIONS = "zdhb/"  # 制度文件汇编, one page per unit below it
REPORTS = "nb/"  # 政府信息公开年报 in the national format
CONSULTATIONS = "yjzj/"  # 意见征集
FEEDBACK = CONSULTATIONS + "fkb/"  # the 意见反馈表
APPLICATION = "ysqgk/"  # 依申请公开
APPLICATION_FORM = APPLICATION + "sqb/"  # the 申请表
DATA = "data/"  # 开放数据和订阅
RESPONSES = "jdhy/"  # 解读回应: the columns of document_kinds.RESPONSE_KINDS
INTERPRETATIONS = RESPONSES + "zcjd/"  # 政策解读, then one listing per 解读形式 below it
CONCERNS = RESPONSES + "hygq/"  # 回应关切, then one listing per 关切来源
BRIEFINGS = RESPONSES + "xwfbh/"  # 新闻发布会
PROPOSALS = RESPONSES + "jyta/"  # 建议提案办理结果, then one listing per 建议提案类别
SPECIALS = "ztzl/"  # 专题专栏: the 专题 站点.yml declares, one page each
PICTURES = "tj/"  # below a document: the phone-sized copies of its 图解 (site/outputs/pictures.py)
DOCUMENTS = "doc/"
DOCUMENT_DATA = "index.json"  # each document's metadata, beside its page
OVERSIGHT = ROOT_COLUMN + "gzqk/"  # 政务公开工作情况, below 政府信息公开 but none of its four columns
LEDGER = OVERSIGHT + "rwtz/"  # 任务台账: every plan's tasks, by unit and by status
HEADERS = "_headers"  # response headers for hosts that read the file (Netlify, Cloudflare Pages)
SEARCH_INDEX = "pagefind/"  # the index Pagefind writes, and the rules of the page's tokeniser
ADMIN = "admin/"  # the web editor for staff (Decap CMS); linked from no public page

# Breadcrumb entries (title, address) of the pages many others sit below.
HOME_CRUMB = ("首页", HOME)
ROOT_CRUMB = ("政府信息公开", ROOT_COLUMN)
UNITS_CRUMB = ("部门和乡镇", UNITS)
CATALOGUES_CRUMB = ("文件库和清单", CATALOGUES)
OVERSIGHT_CRUMB = ("政务公开工作情况", OVERSIGHT)
LEDGER_CRUMB = ("任务台账", LEDGER)

# The top-level names below the site root that the generator writes (pages, downloads, the
# search index, the site's mark): a file of docs/ under one of them would collide.
GENERATED_ROOTS = frozenset(
    name.rstrip("/")
    for name in (
        "index.md",
        "index.html",
        ROOT_COLUMN,
        DOCUMENTS,
        UNITS,
        CATALOGUES,
        REPORTS,
        LIBRARY,
        DIRECTORY,
        "qzqd/",
        "bzml/",
        "bszn/",
        "zwxmt/",
        "zdjc/",
        "ggqsy/",
        "scjg/",
        COMPILATIONS,
        CONSULTATIONS,
        RESPONSES,
        SPECIALS,
        APPLICATION,
        SEARCH,
        SITEMAP,
        DATA,
        "atom.xml",
        "rss.xml",
        "sitemap.xml",
        "robots.txt",
        SEARCH_INDEX,
        ".xxgk-site",
        HEADERS,
        ADMIN,
    )
)


def document(prefix: str, year: int, serial: int) -> str:
    """A document's address, from its 索引号: doc/<前段码>/<年份-流水号>/."""
    return f"{DOCUMENTS}{prefix}/{year:04d}-{serial:05d}/"


def document_data(document_url: str) -> str:
    """A document's metadata (JSON) as the open data holds it, beside its page."""
    return file_in(document_url, DOCUMENT_DATA)


def report(unit_code: str, year: int) -> str:
    """An annual report's address: one report per unit and year."""
    return f"{REPORTS}{unit_code}/{year}/"


def unit(code: str) -> str:
    return f"{UNITS}{code}/"


def unit_column(unit_code: str, column_code: str) -> str:
    """A column of a unit's own 政府信息公开 section."""
    return f"{unit(unit_code)}{column_code}/"


def unit_reports(unit_code: str) -> str:
    return f"{unit(unit_code)}{REPORTS}"


def column(code: str) -> str:
    """One of the four first-level columns below 政府信息公开."""
    return f"{ROOT_COLUMN}{code}/"


def category(code: str, base: str = ROOT_COLUMN + FDZDGKNR_CODE + "/") -> str:
    """A 信息类别's listing below a 法定主动公开内容 column (the county's, or `base` for a unit's)."""
    return f"{base}lb/{code}/"


def year(base: str, number: int) -> str:
    return f"{base}nf/{number}/"


def topic(base: str, code: str) -> str:
    return f"{base}zt/{code}/"


def page_number(base: str, number: int) -> str:
    """The n-th page of a listing: the listing itself, then base/2/, base/3/ …"""
    return base if number == 1 else f"{base}{number}/"


def register(kind_code: str, unit_code: str | None = None) -> str:
    return f"{kind_code}/{unit_code}/" if unit_code else f"{kind_code}/"


def register_file(kind_code: str, unit_code: str, name: str) -> str:
    """A picture a unit's register names (a QR code), below the register's page, as the clerk named it."""
    return f"{kind_code}/{unit_code}/{name}"


def service_guide(kind_code: str, unit_code: str, key: str) -> str:
    return f"{kind_code}/{unit_code}/{key}/"


def unit_below(base: str, unit_code: str) -> str:
    """A unit's share of a county-wide listing (a library's documents of one unit)."""
    return f"{base}{UNITS}{unit_code}/"


def compilation(unit_code: str) -> str:
    return f"{COMPILATIONS}{unit_code}/"


def progress(base: str) -> str:
    """完成情况: which units have published a register (or 制度文件汇编) below `base`, and which not.

    >>> progress(register("qzqd"))
    'qzqd/wcqk/'
    """
    return f"{base}wcqk/"


def library(code: str) -> str:
    return f"{LIBRARY}{code}/"


def interpretation_form(form_code: str) -> str:
    """The interpretations of one 解读形式 (文字, 图解, 访谈), by the code of the vocabulary."""
    return f"{INTERPRETATIONS}{form_code}/"


def special(code: str) -> str:
    """A 专题's page, by the 代码 站点.yml gives it."""
    return f"{SPECIALS}{code}/"


def proposal_type(type_code: str) -> str:
    """The replies to 人大代表建议 or to 政协提案, by the code of the vocabulary."""
    return f"{PROPOSALS}{type_code}/"


def concern_source(source_code: str) -> str:
    """The responses to concerns from one 关切来源 (12345热线 …), by the code of the vocabulary."""
    return f"{CONCERNS}{source_code}/"


def picture(document_url: str, name: str) -> str:
    """A copy of a 图解 image the build made for phones and modern browsers, below its document."""
    return f"{document_url}{PICTURES}{name}"


def oversight_unit(unit_code: str) -> str:
    """A unit's 政务公开工作情况."""
    return f"{OVERSIGHT}{UNITS}{unit_code}/"


def plan_ledger(document_url: str) -> str:
    """A plan's task ledger, named like the plan document's page: rwtz/<前段码>/<年份-流水号>/."""
    return LEDGER + document_url.removeprefix(DOCUMENTS)


def ledger_unit(unit_code: str) -> str:
    """The tasks a unit leads or shares, across the plans."""
    return f"{LEDGER}{UNITS}{unit_code}/"


def ledger_status(code: str) -> str:
    """The tasks in one status (已完成, 进行中 … 逾期), across the plans."""
    return f"{LEDGER}zt/{code}/"


def file_in(page: str, name: str) -> str:
    """A download or feed that lives beside a page."""
    return page + name
