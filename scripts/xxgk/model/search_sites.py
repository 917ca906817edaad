"""联合检索: other xxgk sites whose search indexes the 检索 page searches too.

A city or a province publishes one xxgk site per county or department, each from
its own repository and build; a site lists the others it searches with, and its
检索 page merges their Pagefind indexes in the browser (Pagefind's multisite
search, `assets/xxgk-search.js`):

```yaml
联合检索:
  - 名称: 青山县               # the label of its results and its value under 来源网站
    地址: https://xxgk.qingshan.gov.cn/   # its 网址: the index is at pagefind/ below it
```

Every address is an xxgk site's home, https (a page served over https may not read
an http index; http://localhost and http://127.0.0.1 are allowed for trying it out
on one machine); the other site must let this one read its `pagefind/` folder
(CORS, see README, "Larger platforms").
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from xxgk.model import urls
from xxgk.model.keys import Keys
from xxgk.model.web_addresses import address_problem

SECTION = "联合检索"
SITE_KEYS = Keys("项", {"名称": "name", "地址": "url"})
# Each site's page list is downloaded by the first search that includes it.
MAX_SITES = 20
MAX_NAME = 20
# The 来源网站 value of this site's own results.
HERE = "本站"
# Browsers treat these as secure, so a page served from them may read their http indexes.
LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class SearchSite:
    name: str
    url: str  # the site's home, ending in /

    @property
    def index(self) -> str:
        """Its Pagefind bundle, which the 检索 page merges."""
        return self.url + urls.SEARCH_INDEX

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"


def search_sites_of(value, problem, own_url: str = "") -> tuple[SearchSite, ...]:
    """The sites of 联合检索, each checked; a wrong entry is reported and left out.

    >>> search_sites_of([{"名称": "青山县", "地址": "https://xxgk.qingshan.gov.cn"}], print)
    (SearchSite(name='青山县', url='https://xxgk.qingshan.gov.cn/'),)
    """
    if not isinstance(value, list) or not value:
        problem(SECTION, "应为列表，每项写成 {名称: 网站名称, 地址: https://其他网站的网址/}")
        return ()
    if len(value) > MAX_SITES:
        problem(SECTION, f"最多列 {MAX_SITES} 个网站（现为 {len(value)} 个）：每个网站的索引都要在首次检索时下载")
        return ()
    sites: list[SearchSite] = []
    for index, entry in enumerate(value):
        site = _site(entry, index, problem, own_url)
        if not site:
            continue
        if any(other.name == site.name for other in sites):
            problem(SECTION, f"名称「{site.name}」重复：检索结果靠名称区分来源网站", index, "名称")
        elif any(other.url == site.url for other in sites):
            problem(SECTION, f"地址「{site.url}」重复：每个网站只列一次", index, "地址")
        else:
            sites.append(site)
    return tuple(sites)


def _site(entry, index: int, problem, own_url: str) -> SearchSite | None:
    if not isinstance(entry, dict):
        problem(SECTION, "每项应写成 {名称: 网站名称, 地址: https://其他网站的网址/}", index)
        return None
    for key in entry:
        if key not in SITE_KEYS:
            problem(SECTION, SITE_KEYS.unknown_message(key, named=True), index, key)
    name, url = entry.get("名称"), entry.get("地址")
    wrong = False
    for key, text in (("名称", name), ("地址", url)):
        if not isinstance(text, str) or not text.strip():
            problem(SECTION, f"缺少 {key}" if text is None else f"{key}应为非空文字（现为 {text!r}）", index, key)
            wrong = True
    if wrong:
        return None
    name, url = name.strip(), url.strip()
    if reason := _name_problem(name):
        problem(SECTION, f"名称「{name}」{reason}", index, "名称")
        return None
    if reason := _address_problem(url, own_url):
        problem(SECTION, f"地址「{url}」{reason}", index, "地址")
        return None
    return SearchSite(name, url if url.endswith("/") else url + "/")


def _name_problem(name: str) -> str:
    if name == HERE:
        return "是本站结果的标签：请写对方网站的名称，如 青山县"
    if len(name) > MAX_NAME:
        return f"太长（{len(name)} 个字）：它是检索结果旁的标签，请用不超过 {MAX_NAME} 个字的简称，如 青山县"
    return ""


def _address_problem(url: str, own_url: str) -> str:
    if reason := address_problem(url, relative=False):
        return reason
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" and parts.hostname not in LOOPBACK:
        return "不是 https:// 网址：https 网页不能读取 http 网站的检索索引（本机试用时可写 http://localhost/）"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return "含有 ? 或 #：应为对方网站的首页网址（它 站点.yml 中的 网址），如 https://xxgk.qingshan.gov.cn/"
    if own_url and url.rstrip("/") == own_url.rstrip("/"):
        return "是本站的网址：联合检索只列其他网站"
    return ""
