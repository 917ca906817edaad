"""Hostile and broken input: never a traceback, never a half-built or unsafe site."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.checks.content import load_content
from xxgk.model.documents import load_document

FIXTURE = Path(__file__).parent / "fixtures" / "county"
FIELD_NAMES = [
    "标题",
    "索引号",
    "发布机构",
    "成文日期",
    "发布日期",
    "信息类别",
    "主题分类",
    "发文字号",
    "附件",
    "相关文件",
    "主题词",
    "有效性",
    "未知字段",
]
scalars = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates().map(str),
    st.just("../../etc/passwd"),
    st.just("11239901000012370G/2026-00001"),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=5), scalars, max_size=2))


def yaml_line(key, value) -> str:
    import json

    return f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}"


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(FIXTURE, folder)
    return folder


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    front=st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=8),
    raw_front=st.text(max_size=80),
    body=st.text(max_size=200),
    use_raw=st.booleans(),
)
def test_any_front_matter_and_body_load_or_are_reported(county, front, raw_front, body, use_raw):
    text = raw_front if use_raw else "\n".join(yaml_line(k, v) for k, v in front.items())
    path = county / "生成" / "文件.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"---\n{text}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    loaded = load_content(county)
    document, problems = load_document(path, county, loaded.units, loaded.config.vocabularies)
    errors = [p for p in problems if not p.warning]
    assert (document is None) == bool(errors)
    assert all(str(p).startswith("content/生成/文件.md") or str(p).startswith(str(path)) for p in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_bytes_load_or_are_reported(county, raw):
    path = county / "生成" / "字节.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    loaded = load_content(county)
    document, problems = load_document(path, county, loaded.units, loaded.config.vocabularies)
    assert document is None and problems


XSS_BODY = """
<script>alert('body')</script>

<a href=javascript:alert('link')>点此</a>

<iframe src="https://evil.example/"></iframe>

<form action="https://evil.example/"><input name="x"></form>

## 小标题<img src=x onerror="alert('heading')">

<div onmouseover="alert('div')">悬停</div>

| 项目 | 金额 |
| --- | ---: |
| 保留的表格 | 12 |

![保留的图片](图.png)
"""


def dangerous_markup(html: str) -> list[str]:
    """Elements and attributes that would run or send something: parsed, so escaped text does not count."""
    from html.parser import HTMLParser

    found = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("iframe", "object", "embed"):
                found.append(tag)
            if tag == "form" and dict(attrs).get("action", "").startswith("http"):
                found.append("form to " + dict(attrs)["action"])
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    found.append(f"{tag} {name}={value}")

        def handle_data(self, data):
            if "alert(" in data and self.lasttag == "script":
                found.append("script " + data.strip()[:40])

    Finder().feed(html)
    return found


def test_scripts_and_handlers_from_any_field_never_reach_the_site(tmp_path):
    from xxgk.adapters.mkdocs.build import build_site

    shutil.copytree(FIXTURE, tmp_path / "content")
    config = tmp_path / "content" / "站点.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "网站名称: 测试县人民政府信息公开", "网站名称: 测试县<script>alert('site')</script>"
        ),
        encoding="utf-8",
    )
    registry = tmp_path / "content" / "单位.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        .replace("职能: 执行县人民代表大会的决议", "职能: <script>alert('unit')</script>执行县人民代表大会的决议")
        .replace("办公地址: 测试县人民大街1号", '办公地址: "<b onclick=alert(1)>人民大街1号</b>"'),
        encoding="utf-8",
    )
    (tmp_path / "content" / "县政府办公室" / "2026" / "图.png").write_bytes(b"\x89PNG\r\n")
    plan = tmp_path / "content" / "县政府办公室" / "2026" / "工作要点.md"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "标题: 测试县人民政府办公室关于印发测试县2026年政务公开工作要点的通知",
        "标题: \"<script>alert('title')</script>工作要点\"",
    )
    text = text.replace(
        "主题词: 政务公开 工作要点",
        "主题词: ['\"><svg onload=alert(1)>']\n"
        "内容概述: \"<img src=x onerror=alert('summary')>\"\n"
        '发文机关: "<iframe src=javascript:alert(1)>"',
    )
    text = text.replace("名称: 任务分解表}", "名称: \"<script>alert('file')</script>\"}")
    text = text.replace("附件: [{", "附件: [图.png, {")
    plan.write_text(text.split("\n---\n")[0] + "\n---\n" + XSS_BODY, encoding="utf-8")

    build_site(
        tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), Path(__file__).parent.parent / "mkdocs.yml"
    )

    for page in (tmp_path / "site").rglob("*.html"):
        assert dangerous_markup(page.read_text(encoding="utf-8")) == [], page.relative_to(tmp_path)
    page = (tmp_path / "site/doc/11239901000012370G/2026-00001/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('title')&lt;/script&gt;工作要点" in page  # shown as text, not run
    assert '<td style="text-align:right">12</td>' in page and 'alt="保留的图片"' in page  # Markdown still renders
    assert "悬停" in page and "点此" in page


def test_an_interrupted_build_leaves_the_previous_site_unchanged(tmp_path, monkeypatch):
    from xxgk.adapters.mkdocs.build import build_site
    from xxgk.site.sections import documents

    root = Path(__file__).parent.parent / "mkdocs.yml"
    shutil.copytree(FIXTURE, tmp_path / "content")
    build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), root)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    rendered = []
    original = documents.render_document

    def failing(site, out, document, *mentions):
        rendered.append(document)
        if len(rendered) == 3:
            raise OSError("disk full")  # a failure in the middle of rendering
        return original(site, out, document, *mentions)

    monkeypatch.setattr(documents, "render_document", failing)
    with pytest.raises(OSError):
        build_site(tmp_path / "content", tmp_path / "site", dt.date(2026, 11, 27), root)
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_two_builds_of_the_same_content_are_identical(tmp_path):
    from xxgk.adapters.mkdocs.build import build_site

    root = Path(__file__).parent.parent / "mkdocs.yml"
    shutil.copytree(FIXTURE, tmp_path / "content")
    sites = []
    for name in ("one", "two"):
        build_site(tmp_path / "content", tmp_path / name, dt.date(2026, 11, 27), root)
        sites.append(
            {
                p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                for p in (tmp_path / name).rglob("*")
                if p.is_file()
            }
        )
    one, two = sites
    assert one.keys() == two.keys() and len(one) > 50
    assert [name for name in one if one[name] != two[name]] == []
