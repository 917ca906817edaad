"""Rules across the rows of the registers beyond the four columns.

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
from xxgk.model.register_kinds import DECISIONS, NEW_MEDIA, Register

CHECK_DAYS = 92  # a quarter: the spot checks' rhythm
RUNNING = "运行"
DECIDED = ("公布", "执行评估")  # 决策阶段 by which the decision itself is published


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
