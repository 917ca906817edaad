"""The `xxgk` command: a thin layer over the core."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

import click

from xxgk.checks.content import check_content, load_content
from xxgk.model.links import external_links
from xxgk.model.mkdocs_yml import docs_dir_of
from xxgk.model.problems import ContentError, errors, sort_problems
from xxgk.model.schema import field_reference
from xxgk.model.units import find_unit, not_in_registry
from xxgk.model.workdays import deadline_note


class Refused(click.ClickException):
    """Nothing was done because the request would overwrite or destroy something."""

    exit_code = 2


CONTENT = click.option(
    "--content",
    "content_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("content"),
    show_default=True,
    help="内容文件夹",
)


def _date(ctx, param, value):
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


CONFIG = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="网站生成配置（其中的 docs_dir）",
)
DATE = click.option(
    "--date",
    "build_date",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="构建日期，所有与日期有关的判断以此为准（默认今天）",
)


@click.group()
@click.version_option(package_name="xxgk")
def main():
    """xxgk: 县级政府信息公开平台生成器。"""


def _report(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _require_folder(content_dir: Path) -> None:
    if not content_dir.is_dir():
        raise click.ClickException(f"{content_dir}: 内容文件夹不存在")


@main.command()
@CONTENT
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="输出文件夹",
)
@DATE
@CONFIG
@click.option("-v", "--verbose", is_flag=True, help="显示 MkDocs 的全部输出")
@click.option(
    "--timings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="把各阶段用时（秒）写入这个 JSON 文件，供 make bench 使用",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".cache/xxgk"),
    show_default=True,
    help="构建缓存文件夹：下次构建只重做有改动的部分（CI 可在两次运行之间保留它）",
)
@click.option("--no-cache", is_flag=True, help="不读也不写构建缓存，一切从头生成")
def build(content_dir, site_dir, build_date, config_file, verbose, timings, cache_dir, no_cache):
    """检查内容并生成网站；有任何错误时不写出任何文件。

    Example: xxgk build --date 2026-11-27
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, once per run
    from xxgk.adapters.mkdocs.build import BuildError, SiteRefused, build_site  # MkDocs is only needed here

    _require_folder(content_dir)
    try:
        content = build_site(
            content_dir, site_dir, build_date, config_file, verbose, timings, None if no_cache else cache_dir
        )
    except SiteRefused as refused:
        raise click.UsageError(str(refused)) from None  # exit code 2, nothing touched
    except ContentError as error:
        _report(error.problems)
        raise click.ClickException(
            f"发现 {len(errors(error.problems))} 个错误，网站未生成，{site_dir} 保持原样"
        ) from None
    except BuildError as error:
        raise click.ClickException(f"生成失败，{site_dir} 保持原样：{error}") from None
    _report(content.problems)
    published = sum(1 for d in content.documents if d.published <= build_date)
    click.echo(f"已生成 {site_dir}：{len(content.units)} 个单位，{published} 份文件（构建日期 {build_date}）")


@main.command()
@CONTENT
@DATE
@CONFIG
@click.option("--links", "list_links", is_flag=True, help="同时列出正文中的外部链接（不访问它们），供人工核对")
def check(content_dir, build_date, config_file, list_links):
    """检查内容，不生成网站：生成网站时会拒绝的，这里都先报告（可用于提交前检查）。

    Example: xxgk check --content content --links
    """
    _require_folder(content_dir)
    docs_dir, setup_problems = docs_dir_of(config_file)
    content = check_content(content_dir, build_date, docs_dir)
    if list_links:
        for document, link in external_links(content.documents):
            click.echo(f"{document.path.as_posix()}:{link.line}: {link.target}")
    problems = sort_problems(setup_problems + content.problems)
    _report(problems)
    if errors(problems):
        raise click.ClickException(f"发现 {len(errors(problems))} 个错误")
    waiting = sum(1 for d in content.documents if d.published > build_date)
    note = f"，其中 {waiting} 份发布日期在 {build_date} 之后，到期发布" if waiting else ""
    click.echo(f"检查通过：{len(content.units)} 个单位，{len(content.documents)} 份文件{note}")


@main.command()
@CONTENT
@click.option("--unit", required=True, help="发布机构：单位名称或统一社会信用代码")
@click.option("--title", required=True, help="标题")
@click.option("--year", type=click.IntRange(1990, 2100), help="索引号的年份（默认今年）")
@DATE
def new(content_dir, unit, title, year, build_date):
    """新建一份文件，自动分配该单位当年的下一个索引号，并打印文件路径。

    Example: xxgk new --unit 松岭县财政局 --title 松岭县2027年县级预算公开说明
    """
    from xxgk.authoring.scaffold import new_document

    _require_folder(content_dir)
    content = load_content(content_dir)
    found = _unit(content, unit)
    path = new_document(content_dir, found, title.strip(), year or build_date.year)
    click.echo(str(path))
    # stderr, so that `$EDITOR $(xxgk new …)` still gets only the path
    click.echo(deadline_note(build_date, assumed=True), err=True)


def _unit(content, unit: str):
    found = find_unit(content.units, unit)
    if found is None:
        raise click.ClickException("--unit: " + not_in_registry(unit, content.units))
    return found


@main.group()
def report():
    """政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。"""


@report.command("new")
@CONTENT
@click.option("--unit", required=True, help="单位名称或统一社会信用代码")
@click.option("--year", type=click.IntRange(2008, 2100), help="报告年度（默认上一年）")
@DATE
def report_new(content_dir, unit, year, build_date):
    """新建一个单位一年的年度报告数据文件并打印其路径：各表行列齐全、数字为 0，
    表二的规章和行政规范性文件按本站文件计算、上年结转取自上年报告；“总体情况”和
    “存在的主要问题及改进情况”按本站统计的政务公开工作情况预填为草稿，核对后删除草稿标记。
    已有的文件不会被覆盖。

    Example: xxgk report new --unit 松岭县教育局 --year 2025
    """
    from xxgk.authoring.report_scaffold import new_report, report_path

    _require_folder(content_dir)
    content = load_content(content_dir)
    found = _unit(content, unit)
    year = year or build_date.year - 1
    try:
        path = new_report(
            content_dir,
            found,
            year,
            build_date,
            content.documents,
            content.reports,
            content.registers,
            content.ledger,
        )
    except FileExistsError:
        raise click.ClickException(f"{report_path(content_dir, found, year)} 已存在，未作改动：请直接编辑它") from None
    click.echo(str(path))


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@CONTENT
@click.option("--unit", required=True, help="发布机构：单位名称或统一社会信用代码")
@click.option("--yes", is_flag=True, help="更新已有文件时不再询问（用于脚本）")
@DATE
def import_documents(files, content_dir, unit, yes, build_date):
    """导入公文（.docx、.doc、.wps、.pdf、.ofd、.txt、.md），为每份写出一个新文件并报告还需填写的字段。

    .pdf 和 .ofd 的原件、.doc 和 .wps 转换成的 .docx 一并作为附件保存；.doc 和 .wps 需要 LibreOffice。

    与已有文件发文字号相同的，视为更正版本：列出改动，确认后更新原文件，保留其索引号和地址。

    Example: xxgk import 关于印发工作要点的通知.docx --unit 松岭县人民政府办公室
    """
    from xxgk.authoring.importer import (
        ImportRefused,
        apply_import,
        describe_changes,
        import_summary,
        plan_import,
    )

    _require_folder(content_dir)
    content = load_content(content_dir)
    found = _unit(content, unit)
    failed = 0
    for source in files:
        try:
            plan = plan_import(source, content, content_dir, found, build_date)
            if plan.existing:
                changes = describe_changes(plan)
                if not changes:
                    click.echo(f"{plan.path} 与 {source.name} 内容相同，未修改")
                    continue
                click.echo(
                    f"{source.name} 的发文字号 {plan.doc.doc_number} 与 {plan.path} 相同，更新将改动：\n{changes}"
                )
                try:
                    confirmed = yes or click.confirm("更新这份文件吗？", default=False)
                except click.Abort:  # no answer: stdin closed, as in a script
                    raise ImportRefused(f"没有得到确认，未修改 {plan.path}：在脚本中请加 --yes") from None
                if not confirmed:
                    click.echo(f"未修改 {plan.path}")
                    continue
            apply_import(plan)
        except ImportRefused as refused:
            click.echo(f"Error: {refused}", err=True)
            failed += 1
            continue
        click.echo(import_summary(plan))
        content = load_content(content_dir)  # the next file gets the next 索引号
    if failed:
        raise click.ClickException(f"{failed} 个文件未导入")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--generator",
    metavar="SPEC",
    help='requirements.txt 中生成器的写法（默认 xxgk==当前版本），如 "xxgk @ git+https://…/xxgk.git@v0.1.0"',
)
@DATE
def init(directory, generator, build_date):
    """新建一个县的网站仓库：示例内容、网站设置、发布流程（GitHub 和 GitLab）和说明。

    DIRECTORY 须不存在或为空；不会覆盖任何文件。示例文件的日期为 --date。

    Example: xxgk init songling-xxgk
    """
    from xxgk.authoring.repository import RepositoryRefused, create_repository, default_generator

    generator = generator or default_generator()
    try:
        written = create_repository(directory, generator, build_date)
    except RepositoryRefused as error:
        raise Refused(str(error)) from None
    click.echo(f"已创建 {directory}：")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"""
下一步：
  1. 按 {directory / "README.md"} 的“第一步”替换 content/ 中的示例：站点.yml、单位.yml 和示例文件；
  2. 在 {directory} 中运行 make check 检查，make serve 预览；
  3. git init 并提交，推送到 GitHub 或 GitLab，按 README.md 的“发布”设置平台，
     再把发布后的网址写进 content/站点.yml 的 网址。
requirements.txt 中的生成器是 {generator}；若 pip 的软件源中没有它，请改写成安装来源，
如 xxgk @ git+https://…/xxgk.git@v0.1.0（或重新运行 xxgk init 并加 --generator）。""")


@main.command()
@click.argument("name", required=False)
@CONTENT
def fields(name, content_dir):
    """打印元数据字段说明（Markdown 表格）和各词表；给出词表名时，列出这个词表的全部可选值。

    词表包括本县 站点.yml 中改动和追加的值。

    Example: xxgk fields 信息类别
    """
    from xxgk.authoring.field_help import UnknownName, vocabulary_listing, vocabulary_overview
    from xxgk.model.config import SiteConfig, load_config

    config = SiteConfig()
    if content_dir.is_dir():
        config, problems = load_config(content_dir)
        _report(problems)  # the values below are those the check would use despite them
    if name is None:
        click.echo(field_reference() + vocabulary_overview(config.vocabularies), nl=False)
        return
    try:
        click.echo(vocabulary_listing(name, config.vocabularies), nl=False)
    except UnknownName as unknown:
        raise click.ClickException(str(unknown)) from None


def run() -> None:
    """The `xxgk` command: `main`, then out without freeing every object one by one, which took
    0.85 s after a 10,000-document build. Every file is written and closed by then; the output
    is flushed here. (Tests call `main`, which returns.)"""
    try:
        main()
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise  # a message: Python prints it
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(done.code or 0)


if __name__ == "__main__":
    run()
