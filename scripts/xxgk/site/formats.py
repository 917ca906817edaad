"""What each file format the site offers is, in one Chinese line for the public.

The 开放数据和订阅 page lists them; every other page that names a format (a download
link "XLSX", a feed "Atom", a checksum "SHA-256") shows its Chinese name beside it and
the line as the link's title, so nobody meets a bare English label.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataFormat:
    label: str  # as links name it
    name: str  # what it is, in a few Chinese words shown beside the label
    note: str  # one line: what the data is and how to open it
    anchor: str  # its line on the 开放数据和订阅 page

    @property
    def shown(self) -> str:
        """The label with its Chinese name, as a link shows it.

        >>> FORMATS_BY_LABEL["XLSX"].shown
        'XLSX（Excel 表格）'
        """
        return f"{self.label}（{self.name}）"


FORMATS: tuple[DataFormat, ...] = (
    DataFormat(
        "CSV",
        "逗号分隔的表格",
        "纯文本表格，每行一条记录，各列以逗号分隔，UTF-8 编码；双击即可用 Excel、WPS 表格打开，也便于程序读取。",
        "format-csv",
    ),
    DataFormat(
        "XLSX",
        "Excel 表格",
        "Excel 工作簿，首行是表头，可排序和筛选；用 Excel、WPS 表格或 LibreOffice 打开。",
        "format-xlsx",
    ),
    DataFormat(
        "JSON",
        "供程序读取的数据",
        "结构化的数据文本，字段名为中文，多值字段为列表；浏览器可直接查看，开发者可用任何编程语言读取。",
        "format-json",
    ),
    DataFormat(
        "Atom",
        "订阅源",
        "订阅格式：把它的地址添加到阅读器（手机或电脑上的 RSS 阅读器、邮件软件 Thunderbird 等），有新信息时自动收到。",
        "format-atom",
    ),
    DataFormat(
        "RSS",
        "订阅源",
        "与 Atom 内容相同的另一种订阅格式，几乎所有阅读器都支持；用法同 Atom，二者任选其一。",
        "format-rss",
    ),
    DataFormat(
        ".ics",
        "日历文件",
        "iCalendar 日历文件，记有意见征集的截止日期；导入手机或电脑上的日历（Outlook、苹果日历、谷歌日历等）即可按时提醒。",
        "format-ics",
    ),
    DataFormat(
        "SHA-256",
        "校验值",
        "由文件内容算出的64位十六进制数，文件改动一个字节就完全不同；算出下载文件的校验值与本站公布的一致，即为原件（方法见下文）。",
        "format-sha256",
    ),
    DataFormat(
        "DOCX",
        "Word 文档",
        "Word 文档（如申请表），用 Word、WPS 文字或 LibreOffice 打开、填写和打印。",
        "format-docx",
    ),
    DataFormat(
        "sitemap.xml",
        "供搜索引擎读取的站点地图",
        "列出本站全部页面的地址和发布日期，供搜索引擎收录，读者无需打开。",
        "format-sitemap",
    ),
)
FORMATS_BY_LABEL = {f.label: f for f in FORMATS}
