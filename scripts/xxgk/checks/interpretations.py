"""政策解读: 谁发布，谁解读, prepared, approved and published together with the policy (同步部署).

An interpretation names its policy (解读: [索引号]); the pages link both ways
from that one declaration. The checks list the published policies still in
force without an interpretation, and the interpretations published more than
N days after their policy (or before it), as warnings, or as errors where
站点.yml asks for it (政策解读: {期限天数: 3, 级别: 错误}).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from xxgk.model.config import InterpretationRule
from xxgk.model.documents import Document
from xxgk.model.lifecycle import Lifecycle, needs_interpretation
from xxgk.model.problems import Problem


def check_interpretations(documents: list[Document], rule: InterpretationRule, as_of: dt.date) -> list[Problem]:
    warning = not rule.as_error
    by_index = {str(d.index_number): d for d in documents}
    interpreted: dict[str, list[Document]] = defaultdict(list)
    problems = []
    for interpretation in documents:
        for target in interpretation.interprets:
            policy = by_index.get(target)
            if policy is None or policy is interpretation:
                continue  # reported by checks.check_relations
            interpreted[target].append(interpretation)
            line = interpretation.lines.get("解读")
            late = (interpretation.published - policy.published).days
            if late > rule.days:
                problems.append(
                    Problem(
                        interpretation.path,
                        line,
                        "解读",
                        f"发布日期 {interpretation.published} 比所解读的 {policy.path.as_posix()}（发布日期 "
                        f"{policy.published}）晚 {late} 天，超过 {rule.days} 天：政策解读应与政策文件同步发布",
                        warning=warning,
                    )
                )
            elif late < 0:
                problems.append(
                    Problem(
                        interpretation.path,
                        line,
                        "解读",
                        f"发布日期 {interpretation.published} 早于所解读的 {policy.path.as_posix()}（发布日期 "
                        f"{policy.published}）：解读不能先于政策文件公开，请与政策文件同日发布",
                        warning=warning,
                    )
                )
    lifecycle = Lifecycle(documents)
    for policy in documents:
        if (
            needs_interpretation(policy)
            and policy.published <= as_of
            and str(policy.index_number) not in interpreted
            and lifecycle.status(policy, as_of).in_force
        ):
            problems.append(
                Problem(
                    policy.path,
                    policy.lines.get("标题"),
                    None,
                    "这份规范性文件没有政策解读：按“谁发布，谁解读”，请与它同步发布解读，"
                    f'并在解读文件中写 解读: ["{policy.index_number}"]',
                    warning=warning,
                )
            )
    return problems
