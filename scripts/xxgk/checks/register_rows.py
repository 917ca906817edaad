"""Rules across the rows of the registers beyond the four columns.

市场监管规则和标准: a 状态 its 实施日期 contradicts on the build date is a warning.

Links to documents (重大行政决策事项目录's 意见征集, 决策文件, 政策解读): each 索引号 must be a
document's, an 意见征集 a consultation; a decision 公布 or 执行评估 without its 决策文件 is a
warning.

政务新媒体: the 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号) are applied in
quarterly spot checks, and an account that stops updating is to be merged or
closed (国办发〔2018〕123号); a running account not checked for a quarter is a
warning as of the build date, and so is a 核查日期 still to come.
"""

from __future__ import annotations

import datetime as dt

from xxgk.model.consultations import is_consultation
from xxgk.model.documents import Document
from xxgk.model.problems import Problem
from xxgk.model.register_kinds import DECISIONS, MARKET_RULES, NEW_MEDIA, Register

CHECK_DAYS = 92  # a quarter: the spot checks' rhythm
RUNNING = "运行"
DECIDED = ("公布", "执行评估")
IN_FORCE, NOT_YET = "现行有效", "尚未施行"  # 规则标准状态  # 决策阶段 by which the decision itself is published


def check_register_links(registers: list[Register], documents: list[Document]) -> list[Problem]:
    """Each 索引号 a register names is a document's; the 意见征集 of a decision is a consultation."""
    by_index = {str(document.index_number): document for document in documents}
    problems = []
    for register in registers:
        for row in register.rows:
            for column in (c for c in register.kind.columns if c.relations):
                for number in row.terms(column.name):
                    document = by_index.get(number)
                    if document is None:
                        message = f"「{number}」不是任何文件的索引号：请核对，或先发布这份文件"
                    elif column.name == "意见征集" and not is_consultation(document):
                        message = (
                            f"「{number}」（{document.title}）不是意见征集：它没有征集开始和征集截止，请核对索引号"
                        )
                    else:
                        continue
                    problems.append(Problem(register.path, row.number, column.name, message))
            if register.kind is DECISIONS and row.get("决策阶段") in DECIDED and not row.get("决策文件"):
                problems.append(
                    Problem(
                        register.path,
                        row.number,
                        "决策文件",
                        f"「{row.get('决策事项')}」的决策阶段是 {row.get('决策阶段')}，但没有写决策文件：请写公布的决策文件的索引号",
                        warning=True,
                    )
                )
    return problems


def check_new_media(registers: list[Register], as_of: dt.date) -> list[Problem]:
    problems = []
    for register in (r for r in registers if r.kind is NEW_MEDIA):
        for row in register.rows:
            text = row.get("核查日期")
            if not text:
                continue
            checked = dt.date.fromisoformat(text)
            name = f"「{row.get('账号名称')}」（{row.get('平台')}）"
            if checked > as_of:
                message = f"{name}的核查日期 {checked} 还没有到：请写实际核查的日期"
            elif row.get("状态") == RUNNING and (as_of - checked).days > CHECK_DAYS:
                message = (
                    f"{name}上次核查是 {checked}，已 {(as_of - checked).days} 天：政务新媒体每季度至少核查一次"
                    "是否正常更新、能否打开；核查后更新核查日期，不再更新的账号请关停并把状态改为 关停"
                )
            else:
                continue
            problems.append(Problem(register.path, row.number, "核查日期", message, warning=True))
    return problems


def check_market_rules(registers: list[Register], as_of: dt.date) -> list[Problem]:
    """A rule's 状态 that its 实施日期 contradicts as of the build date: 尚未施行 once in force, or 现行有效 before."""
    problems = []
    for register in (r for r in registers if r.kind is MARKET_RULES):
        for row in register.rows:
            starts, status = row.get("实施日期"), row.get("状态")
            if not starts:
                continue
            starts = dt.date.fromisoformat(starts)
            if status == NOT_YET and starts <= as_of:
                message = f"「{row.get('名称')}」已于 {starts} 实施，状态仍是 {NOT_YET}：请改为 现行有效"
            elif status == IN_FORCE and starts > as_of:
                message = f"「{row.get('名称')}」{starts} 才实施，状态却是 {IN_FORCE}：请改为 {NOT_YET}"
            else:
                continue
            problems.append(Problem(register.path, row.number, "状态", message, warning=True))
    return problems
