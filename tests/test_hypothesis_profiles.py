"""The Hypothesis profiles of conftest.py: CI runs draw the same examples every time and keep no database;
local runs draw new ones and have a database (.hypothesis/) for their failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent

# A property test that records what it was given and the settings it ran under.
TINY = '''\
import json, os
from hypothesis import given, settings, strategies as st

DRAWN = []


@settings(max_examples=25)
@given(st.binary(min_size=8, max_size=8))
def test_draw(value):
    DRAWN.append(value.hex())


def teardown_module():
    with open(os.environ["DRAWN_FILE"], "w") as out:
        json.dump({"drawn": DRAWN, "derandomize": settings.default.derandomize,
                   "database": settings.default.database is not None}, out)
'''


# The variables by which Hypothesis itself recognises a CI system.
CI_VARIABLES = {"CI", "__TOX_ENVIRONMENT_VARIABLE_ORIGINAL_CI", "TF_BUILD", "bamboo.buildKey", "BUILDKITE", "CIRCLECI",
                "CIRRUS_CI", "CODEBUILD_BUILD_ID", "GITHUB_ACTIONS", "GITLAB_CI", "HEROKU_TEST_RUN_ID", "TEAMCITY_VERSION"}


def run_tiny(folder: Path, ci: str | None) -> dict:
    """Run TINY in `folder` under pytest with this suite's conftest.py, CI set to `ci` (None: unset)."""
    folder.mkdir()
    (folder / "test_tiny.py").write_text(TINY, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in CI_VARIABLES}
    env.update(PYTHONPATH=str(TESTS), DRAWN_FILE=str(folder / "drawn.json"))
    if ci is not None:
        env["CI"] = ci
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "conftest", "-p", "no:cacheprovider",
                             "test_tiny.py"], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((folder / "drawn.json").read_text(encoding="utf-8"))


def test_ci_runs_draw_the_same_examples_and_keep_no_database(tmp_path: Path) -> None:
    first, second = run_tiny(tmp_path / "one", "true"), run_tiny(tmp_path / "two", "true")

    assert first["derandomize"] is True and first["database"] is False
    assert len(first["drawn"]) == 25 and len(set(first["drawn"])) > 1
    assert first["drawn"] == second["drawn"]


def test_local_runs_draw_new_examples_and_have_a_database(tmp_path: Path) -> None:
    first, second = run_tiny(tmp_path / "one", None), run_tiny(tmp_path / "two", None)

    assert first["derandomize"] is False and first["database"] is True
    # 25 draws of 8 random bytes: two runs agree on all of them only if the seed is fixed.
    assert first["drawn"] != second["drawn"]
