"""The web editor's repository, as 站点.yml declares it under 网页编辑器.

The editor at /admin/ (Decap CMS) saves each change as a branch and a merge request of
the county's repository on GitHub or GitLab; these say which repository, which branch
the site is published from and, where the platform is not the public one or needs a
login service, where to reach it:

```yaml
网页编辑器:
  平台: github              # github or gitlab
  仓库: songling/xxgk       # owner/name (GitLab: group/subgroup/name)
  分支: main                # default main
  登录地址: https://oauth.songling.gov.cn   # GitHub: the OAuth service; GitLab: the GitLab server
  接口地址: https://git.songling.gov.cn/api/v4  # self-hosted GitLab or GitHub Enterprise only
  应用ID: 0123abcd…         # GitLab: the OAuth application's ID (PKCE login, no server needed)
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xxgk.model.keys import Keys
from xxgk.model.web_addresses import address_problem

EDITOR_KEYS = Keys(
    "项",
    {
        "平台": "platform",
        "仓库": "repository",
        "分支": "branch",
        "登录地址": "login_url",
        "接口地址": "api_url",
        "应用ID": "app_id",
    },
)
PLATFORMS = ("github", "gitlab")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")
# A git branch name without the forms git refuses (.., @{, a leading -, a trailing / or .lock).
_BRANCH = re.compile(r"(?!-)(?!.*\.\.)(?!.*@\{)[A-Za-z0-9_./-]+(?<!/)(?<!\.lock)")
_APP_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")


@dataclass(frozen=True)
class EditorSettings:
    platform: str  # github or gitlab: Decap CMS's backend
    repository: str  # owner/name
    branch: str = "main"
    login_url: str = ""  # Decap's base_url
    api_url: str = ""  # Decap's api_root
    app_id: str = ""  # GitLab's OAuth application, for the PKCE login

    @property
    def origins(self) -> tuple[str, ...]:
        """The web origins the editor talks to besides the site: the platform's API and login service."""
        default_api = {"github": "https://api.github.com", "gitlab": "https://gitlab.com"}[self.platform]
        found = []
        for address in (self.api_url or default_api, self.login_url):
            if address:
                scheme, _, rest = address.partition("://")
                found.append(f"{scheme}://{rest.split('/', 1)[0]}")
        return tuple(dict.fromkeys(found))


def editor_settings_of(value, problem) -> EditorSettings | None:
    """The settings of 网页编辑器, or None with a problem for each wrong value."""
    section = "网页编辑器"
    if not isinstance(value, dict):
        problem(section, "应写成 平台: github（或 gitlab）、仓库: 所有者/仓库名 等几行")
        return None
    for key in value:
        if key not in EDITOR_KEYS:
            problem(section, EDITOR_KEYS.unknown_message(key, named=True), key)
    texts = {}
    for key, attr in EDITOR_KEYS.labels():
        if key not in value:
            continue
        text = value[key]
        if not isinstance(text, str) or not text.strip():
            problem(section, f"{key}应为非空文字（现为 {text!r}）", key)
            continue
        texts[attr] = text.strip()
    wrong = False

    def refuse(key: str, message: str) -> None:
        nonlocal wrong
        wrong = True
        problem(section, message, key)

    platform = texts.get("platform", "")
    if platform.lower() not in PLATFORMS:
        refuse(
            "平台", f"平台应为 github 或 gitlab（现为 {platform!r}）" if platform else "缺少 平台：写 github 或 gitlab"
        )
    repository = texts.get("repository", "")
    if not _REPOSITORY.fullmatch(repository) or ".." in repository:
        refuse(
            "仓库",
            f"仓库「{repository}」应写成 所有者/仓库名，如 songling/xxgk"
            if repository
            else "缺少 仓库：写 所有者/仓库名",
        )
    branch = texts.get("branch", "main")
    if not _BRANCH.fullmatch(branch):
        refuse("分支", f"分支「{branch}」不是有效的分支名：应写成如 main")
    for key, attr in (("登录地址", "login_url"), ("接口地址", "api_url")):
        address = texts.get(attr, "")
        if address and (reason := address_problem(address, relative=False)):
            refuse(key, f"{key}「{address}」{reason}")
    if "app_id" in texts and not _APP_ID.fullmatch(texts["app_id"]):
        refuse("应用ID", f"应用ID「{texts['app_id']}」应为平台给出的字母数字串")
    if "app_id" in texts and platform.lower() == "github":
        refuse("应用ID", "应用ID 只用于 gitlab：GitHub 的登录通过 登录地址 的 OAuth 服务")
    if wrong or not repository:
        return None
    return EditorSettings(
        platform.lower(),
        repository,
        branch,
        texts.get("login_url", "").rstrip("/"),
        texts.get("api_url", "").rstrip("/"),
        texts.get("app_id", ""),
    )
