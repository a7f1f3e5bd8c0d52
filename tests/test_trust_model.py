"""The CODEOWNERS example follows the trust model: journeys/ is editor input, everything else is reviewed code."""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAINTAINERS, EDITORS = "@intranet/cjm-maintainers", "@intranet/cx-editors"


def owners(rules: list[tuple[str, str]], path: str) -> str | None:
    """The owner CODEOWNERS gives `path`: the last rule that matches (gitignore-style patterns)."""
    owner = None
    for pattern, rule_owner in rules:
        anchored = pattern.startswith("/")
        body = pattern.strip("/")
        candidates = [path] if anchored else [path, *[path.split("/", i)[-1] for i in range(1, path.count("/") + 1)]]
        for candidate in candidates:
            if fnmatch.fnmatch(candidate, body) or (pattern.endswith("/") and candidate.startswith(body + "/")):
                owner = rule_owner
    return owner


def test_codeowners_example_guards_every_file_that_can_run_code():
    lines = (REPO / "examples/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [(line.split()[0], line.split()[1]) for line in lines if line.strip() and not line.startswith("#")]
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    code = ["mkdocs.yml", "content/index.md", "content/assets/extra.js", "overrides/main.html", "hooks/site.py",
            "plugins/cjm_mkdocs/plugin.py", "pyproject.toml", "package-lock.json", ".github/workflows/site.yml",
            ".gitlab-ci.yml", "Makefile", "scripts/setup.sh"]
    for path in [*code, *(p for p in tracked if not p.startswith("journeys/"))]:
        assert owners(rules, path) == MAINTAINERS, path
    for path in ["journeys/maps/kauf.yml", "journeys/departments.yml", *(p for p in tracked if p.startswith("journeys/"))]:
        assert owners(rules, path) == EDITORS, path
