"""Rules across the rows of the registers beyond the four columns.

政务新媒体: the 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号) are applied in
quarterly spot checks, and an account that stops updating is to be merged or
closed (国办发〔2018〕123号); a running account not checked for a quarter is a
warning as of the build date, and so is a 核查日期 still to come.
"""

from __future__ import annotations

import datetime as dt

from xxgk.model.problems import Problem
from xxgk.model.register_kinds import NEW_MEDIA, Register

CHECK_DAYS = 92  # a quarter: the spot checks' rhythm
RUNNING = "运行"


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
