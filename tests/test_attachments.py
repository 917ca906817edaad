"""An attachment is published only when it is a type a government site publishes and is what its
extension says, under a clean name: nothing a clerk attaches can run as a page of the site.
Every refusal names the file and what to do, in check and build alike, and nothing is written."""

import datetime as dt
import io
import zipfile

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from fpdf import FPDF

from browser import browser, chromium_path, serve
from counties import ROOT
from xxgk.adapters.mkdocs.build import build_site
from xxgk.authoring.cli import main
from xxgk.model.problems import ContentError

DOCUMENT = """---
标题: 测试县人民政府办公室关于政务公开培训材料的通知
索引号: "11239901000012370G/2026-00040"
发布机构: 测试县人民政府办公室
成文日期: 2026-05-06
发布日期: 2026-05-08
信息类别: 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息
主题分类: 综合政务
内容概述: 培训材料
附件: {attachments}{exemptions}
---
培训材料见附件。
"""
SHOWN = "content/县政府办公室/2026/培训.md"
SCRIPT = b"<script>console.log('XSS');window.xss=1</script>"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
PNG = b"\x89PNG\r\n\x1a\n"
ALLOWED_LIST = (
    "PDF、OFD、Word（.doc .docx）、WPS（.wps .et）、Excel（.xls .xlsx）、"
    "文本（.txt .csv）、图片（.png .jpg .jpeg .gif .webp）和 ZIP 压缩包"
)


def zip_of(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def publish(content, attachments: str, files: dict[str, bytes], checked_by_hand: tuple[str, ...] = ()):
    """The document with these attachments; `checked_by_hand` are accepted by the personal-data gate
    (it cannot read the text of .wps or .et files, nor of these stand-ins for real files)."""
    folder = content / "县政府办公室" / "2026"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    exemptions = "".join(f"\n  - {{附件: {name}, 理由: 已人工核对}}" for name in checked_by_hand)
    text = DOCUMENT.format(attachments=attachments, exemptions="\n个人信息豁免:" + exemptions if exemptions else "")
    (folder / "培训.md").write_text(text, encoding="utf-8")


def check():
    return CliRunner().invoke(main, ["check", "--date", "2026-11-27"])


# (附件 as written, the files beside the document, the message after "附件: ")
REFUSED = {
    "html": (
        "[说明.html]",
        {"说明.html": b"<html><body>" + SCRIPT + b"</body></html>"},
        "「说明.html」是网页文件，浏览器打开时会运行其中的脚本，不能作为附件：请另存为 PDF",
    ),
    "htm in capitals": (
        "[说明.HTM]",
        {"说明.HTM": SCRIPT},
        "「说明.HTM」是网页文件，浏览器打开时会运行其中的脚本，不能作为附件：请另存为 PDF",
    ),
    "xhtml": (
        "[a.xhtml]",
        {"a.xhtml": SCRIPT},
        "「a.xhtml」是网页文件，浏览器打开时会运行其中的脚本，不能作为附件：请另存为 PDF",
    ),
    "svg with onload": (
        "[图示.svg]",
        {"图示.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'},
        "「图示.svg」是 SVG 图形，其中可以含有脚本，不能作为附件：请另存为 PNG 图片或 PDF",
    ),
    "svg without script": (
        "[图示.svg]",
        {"图示.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'},
        "「图示.svg」是 SVG 图形，其中可以含有脚本，不能作为附件：请另存为 PNG 图片或 PDF",
    ),
    "javascript": (
        "[a.js]",
        {"a.js": b"alert(1)"},
        "「a.js」是程序或脚本，政府网站不发布程序文件：请删除它；如需公开其中的内容，请另存为 PDF",
    ),
    "executable": (
        "[setup.exe]",
        {"setup.exe": b"MZ\x90\0"},
        "「setup.exe」是程序或脚本，政府网站不发布程序文件：请删除它；如需公开其中的内容，请另存为 PDF",
    ),
    "rar": (
        "[材料.rar]",
        {"材料.rar": b"Rar!\x1a\x07\0"},
        "「材料.rar」是 RAR 压缩包：请改用 ZIP 格式压缩，或直接列出其中的文件",
    ),
    "unknown type": (
        "[说明.rtf]",
        {"说明.rtf": b"{\\rtf1 x}"},
        f"「说明.rtf」的类型 .rtf不在可发布的附件类型中：请另存为 PDF；可发布的类型有 {ALLOWED_LIST}",
    ),
    "no extension": (
        "[说明]",
        {"说明": b"text"},
        f"「说明」的没有扩展名，类型不在可发布的附件类型中：请另存为 PDF；可发布的类型有 {ALLOWED_LIST}",
    ),
    "html saved as pdf": (
        "[预算.pdf]",
        {"预算.pdf": b"<!DOCTYPE html>" + SCRIPT},
        "「预算.pdf」的内容不是 PDF 文件（开头是网页代码），扩展名与内容不符：请用原来的软件另存为 PDF 后再放入",
    ),
    "executable as docx": (
        "[通知.docx]",
        {"通知.docx": b"MZ\x90\0"},
        "「通知.docx」的内容不是 Word 文件（实际是 Windows 程序），扩展名与内容不符：请用原来的软件另存为 Word 后再放入",
    ),
    "pdf as doc": (
        "[通知.doc]",
        {"通知.doc": PDF},
        "「通知.doc」的内容不是 Word 文件（实际是 PDF 文件），扩展名与内容不符：请用原来的软件另存为 Word 后再放入",
    ),
    "rtf as wps": (
        "[通知.wps]",
        {"通知.wps": b"{\\rtf1 x}"},
        "「通知.wps」的内容不是 WPS 文字 文件（实际是 RTF 文档），扩展名与内容不符：请用原来的软件另存为 WPS 文字 后再放入",
    ),
    "html as png": (
        "[图.png]",
        {"图.png": b"<html>" + SCRIPT},
        "「图.png」的内容不是 PNG 图片 文件（开头是网页代码），扩展名与内容不符：请用原来的软件另存为 PNG 图片 后再放入",
    ),
    "riff that is not webp": (
        "[图.webp]",
        {"图.webp": b"RIFF\0\0\0\0WAVEfmt "},
        "「图.webp」的内容不是 WebP 图片 文件（无法识别的内容），扩展名与内容不符：请用原来的软件另存为 WebP 图片 后再放入",
    ),
    "html as txt": (
        "[说明.txt]",
        {"说明.txt": b"\xef\xbb\xbf  <html>" + SCRIPT},
        "「说明.txt」的内容是网页代码，浏览器可能把它当作网页运行：请另存为 PDF，或去掉其中的网页标记",
    ),
    "binary as csv": (
        "[数据.csv]",
        {"数据.csv": OLE},
        "「数据.csv」不是文本文件（实际是旧版 Office 或 WPS 文件，如 .doc、.xls），扩展名与内容不符："
        "请另存为纯文本或改用正确的扩展名",
    ),
    "empty pdf": ("[空.pdf]", {"空.pdf": b""}, "「空.pdf」是空文件：请放入正确的文件"),
    "html in a zip": (
        "[材料.zip]",
        {"材料.zip": zip_of(**{"说明.txt": b"ok", "页面/说明.html": SCRIPT})},
        "「材料.zip」中的「页面/说明.html」是网页文件，浏览器打开时会运行其中的脚本，不能作为附件：请另存为 PDF",
    ),
    "mismatch in a zip": (
        "[材料.zip]",
        {"材料.zip": zip_of(**{"预算.pdf": b"<html>" + SCRIPT})},
        "「材料.zip」中的「预算.pdf」的内容不是 PDF 文件（开头是网页代码），扩展名与内容不符："
        "请用原来的软件另存为 PDF 后再放入",
    ),
    "zip in a zip": (
        "[材料.zip]",
        {"材料.zip": zip_of(**{"内层.zip": zip_of(a=b"x")})},
        "「材料.zip」中的「内层.zip」是压缩包中的压缩包：请把其中的文件直接放进一个压缩包",
    ),
    "zip slip": (
        "[材料.zip]",
        {"材料.zip": zip_of(**{"../../外面.txt": b"x"})},
        "「材料.zip」中的「../../外面.txt」的路径指向压缩包之外：请重新压缩，只放入文件本身",
    ),
    "mac folder in a zip": (
        "[材料.zip]",
        {"材料.zip": zip_of(**{"__MACOSX/._a.pdf": b"\0\5\26\7"})},
        "「材料.zip」中的「__MACOSX/._a.pdf」在以 _ 或 . 开头的「__MACOSX」中，这类文件不发布：请删除后重新压缩",
    ),
    "bidi in a zip": (
        "[材料.zip]",
        {"材料.zip": zip_of(**{"报告\u202efdp.exe": b"MZ"})},
        "「材料.zip」中的压缩包中的文件名「报告<U+202E>fdp.exe」含有改变文字方向的不可见字符 U+202E，"
        "会让名字（如扩展名）显示成另一个样子：请删除它后重新命名",
    ),
    "broken zip": ("[材料.zip]", {"材料.zip": b"PK\x03\x04broken"}, "「材料.zip」已损坏，无法打开：请重新压缩"),
    "too many files in a zip": (
        "[材料.zip]",
        {"材料.zip": zip_of(**{f"{n}.txt": b"x" for n in range(1001)})},
        "「材料.zip」中有 1001 个文件，超过 1000 个：请拆分，或直接列出其中的文件",
    ),
    "right-to-left override": (
        '["报告\\u202efdp.exe"]',
        {"报告\u202efdp.exe": b"MZ"},
        "附件名「报告<U+202E>fdp.exe」含有改变文字方向的不可见字符 U+202E，会让名字（如扩展名）显示成另一个样子："
        "请删除它后重新命名",
    ),
    "left-to-right isolate": (
        '["报告\\u2066.pdf"]',
        {"报告\u2066.pdf": PDF},
        "附件名「报告<U+2066>.pdf」含有改变文字方向的不可见字符 U+2066，会让名字（如扩展名）显示成另一个样子："
        "请删除它后重新命名",
    ),
    "zero-width space": (
        '["会议\\u200b纪要.pdf"]',
        {"会议\u200b纪要.pdf": PDF},
        "附件名「会议<U+200B>纪要.pdf」含有看不见的零宽字符 U+200B：请删除它后重新命名",
    ),
    "byte order mark inside": (
        '["纪要\\ufeff.pdf"]',
        {"纪要\ufeff.pdf": PDF},
        "附件名「纪要<U+FEFF>.pdf」含有看不见的零宽字符 U+FEFF：请删除它后重新命名",
    ),
    "control character": (
        '["纪要\\x07.pdf"]',
        {"纪要\x07.pdf": PDF},
        "附件名「纪要<U+0007>.pdf」含有不可见的控制字符 U+0007，常由复制粘贴带入：请删除它后重新命名",
    ),
    "zero-width in the display name": (
        '[{文件: 纪要.pdf, 名称: "纪要\\u200d"}]',
        {"纪要.pdf": PDF},
        "附件的显示名「纪要<U+200D>」含有看不见的零宽字符 U+200D：请删除它后重新命名",
    ),
    "draft folder": (
        "[../../_草稿/内部.txt]",
        {"../../_草稿/内部.txt": "内部".encode()},
        "「../../_草稿/内部.txt」在以 _ 或 . 开头的「_草稿」中，这样的文件和文件夹不发布（草稿、隐藏文件）："
        "请把要公开的附件放在本文件旁边",
    ),
    "hidden folder": (
        "[.secret/x.txt]",
        {".secret/x.txt": b"secret"},
        "「.secret/x.txt」在以 _ 或 . 开头的「.secret」中，这样的文件和文件夹不发布（草稿、隐藏文件）："
        "请把要公开的附件放在本文件旁边",
    ),
    "draft file": (
        "[_草稿.pdf]",
        {"_草稿.pdf": PDF},
        "「_草稿.pdf」在以 _ 或 . 开头的「_草稿.pdf」中，这样的文件和文件夹不发布（草稿、隐藏文件）："
        "请把要公开的附件放在本文件旁边",
    ),
    "names that differ only by case": (
        "[Report.txt, report.TXT]",
        {"Report.txt": b"a", "report.TXT": b"b"},
        "「report.TXT」与「Report.txt」只有大小写不同，发布后在不区分大小写的服务器和电脑上会互相覆盖：请给其中一个改名",
    ),
    "one name from two folders": (
        "[a.txt, 旧/a.txt]",
        {"a.txt": b"a", "旧/a.txt": b"b"},
        "「a.txt」列出了两次，或与另一个文件夹中的同名文件在网站上占同一个地址：请删除重复的一项或改名",
    ),
}


@pytest.mark.parametrize("attachments, files, message", REFUSED.values(), ids=REFUSED.keys())
def test_each_refused_attachment_is_named_with_what_to_do_and_nothing_is_published(
    content, attachments, files, message
):
    publish(content, attachments, files)
    result = check()
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": 警告: 年报: " not in line]  # reports due
    assert errors == [f"{SHOWN}:10: 附件: {message}", "Error: 发现 1 个错误"]

    site = content.parent / "site"
    with pytest.raises(ContentError):
        build_site(content, site, dt.date(2026, 11, 27))
    assert not site.exists()


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("<script>console.log('XSS');window.xss=1</script>")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "<script>console.log('XSS');window.xss=1</script>"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="<script>console.log('XSS')</script>")
    return bytes(pdf.output())


# One file of each allowed type, each carrying a script that must never run.
ALLOWED = {
    "通知.pdf": make_pdf(),
    "通知.ofd": zip_of(**{"OFD.xml": b"<ofd:OFD/>" + SCRIPT}),
    "通知.docx": make_docx(),
    "通知.doc": OLE + SCRIPT,
    "通知.wps": OLE + SCRIPT,
    "表.xlsx": make_xlsx(),
    "表.xls": OLE + SCRIPT,
    "表.et": OLE + SCRIPT,
    "数据.csv": "名称,数量\n".encode() + SCRIPT + b",1\n",
    "说明.txt": "培训说明\n".encode() + SCRIPT + b"\n",
    "说明UTF16.txt": "\ufeff培训说明\n<script>window.xss=1</script>".encode("utf-16-le"),
    "图.png": PNG + SCRIPT,
    "图.jpg": b"\xff\xd8\xff\xe0" + SCRIPT,
    "图.jpeg": b"\xff\xd8\xff\xdb" + SCRIPT,
    "图.gif": b"GIF89a" + SCRIPT,
    "图.webp": b"RIFF\x20\0\0\0WEBPVP8 " + SCRIPT,
    "材料.zip": zip_of(**{"说明.txt": b"ok", "子目录/通知.pdf": PDF, "图.png": PNG}),
}


def test_every_allowed_type_passes(content):
    publish(content, "[" + ", ".join(ALLOWED) + "]", ALLOWED, checked_by_hand=tuple(ALLOWED))
    result = check()
    assert [line for line in result.stderr.splitlines() if ": 附件: " in line and "警告" not in line] == []
    assert result.exit_code == 0, result.stderr


def test_the_built_site_sends_attachments_as_downloads_that_never_sniff(content):
    publish(content, "[" + ", ".join(ALLOWED) + "]", ALLOWED, checked_by_hand=tuple(ALLOWED))
    build_site(content, content.parent / "site", dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    headers = (content.parent / "site" / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("# Written by xxgk on every build; see its README, Security headers\n/*\n")
    assert "  X-Content-Type-Options: nosniff\n" in headers
    folder = "/doc/11239901000012370G/2026-00040/"
    pdf = folder + "%E9%80%9A%E7%9F%A5.pdf"  # 通知.pdf, as a browser requests it
    assert f"\n{pdf}\n  Content-Disposition: attachment\n  Content-Security-Policy: default-src 'none'; sandbox\n" in (
        headers
    )
    assert headers.count(folder) == len(ALLOWED)
    assert headers.count("Content-Disposition: attachment") == headers.count("\n/doc/")


def test_no_published_attachment_runs_a_script_in_chromium(content):
    """Served as GitHub Pages does, with no headers of ours: the allow-list alone must hold."""
    chromium_path()
    publish(content, "[" + ", ".join(ALLOWED) + "]", ALLOWED, checked_by_hand=tuple(ALLOWED))
    site = content.parent / "site"
    build_site(content, site, dt.date(2026, 11, 27), ROOT / "mkdocs.yml")
    folder = site / "doc" / "11239901000012370G" / "2026-00040"
    assert sorted(p.name for p in folder.iterdir()) == sorted([*ALLOWED, "index.html", "index.json"])
    messages = []
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        page.on("console", lambda message: messages.append(message.text))
        for name in ALLOWED:
            url = f"{base}doc/11239901000012370G/2026-00040/{name}"
            try:
                page.goto(url, wait_until="load")
            except Exception as error:  # a download: nothing was rendered
                assert "Download is starting" in str(error), (name, error)
                continue
            page.wait_for_timeout(100)
            assert page.evaluate("window.xss") is None, name
        page.goto(f"{base}doc/11239901000012370G/2026-00040/")  # the document page still works and links them
        for name in ALLOWED:
            assert page.locator(f'a[href$="{name}"]').count() >= 1, name
    assert [m for m in messages if "XSS" in m] == []
