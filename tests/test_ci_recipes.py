"""The CI recipes in docs/ci run: their shell steps, under ``bash -eo pipefail`` as GitHub
Actions and GitLab run them, on the sample batch — once passing the gate and once failing
it. Both times the Markdown summary and junit.xml are written and shown, and the job's
result is the gate's."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import CORPORA, ROOT

# Each case runs the recipe's shell steps and `mtaudit audit` of the sample batch in a
# subprocess (about 5 s of CPU each): slow. The outputs the recipes rely on (exit 1 on a failed
# gate, gate.md, junit.xml) are tested in-process by tests/test_gate_cli.py.
pytestmark = pytest.mark.slow

RECIPES = ROOT / "docs" / "ci"
INSTALL = "python -m pip install ."  # what the recipes run; the test runs the mtaudit of .venv
FAIL = 'require = ["flagged_rate <= 0.05"]\n'  # the sample batch flags about 27 %


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository holding the sample batch, with .venv's mtaudit on PATH."""
    shutil.copytree(CORPORA / "news-sample", tmp_path / "corpora" / "news-sample")
    return tmp_path


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd,
                          env={**os.environ, **env, "PATH": path}, capture_output=True, text=True, timeout=600)


def github_job(checkout: Path) -> tuple[bool, str, list[Path]]:
    """Run the workflow's steps as Actions would: each ``run`` in its own bash, a step with
    no ``if`` only after success, ``!cancelled()`` whatever came before. Returns the job's
    success, the job summary and the artifact paths uploaded."""
    workflow = yaml.safe_load((RECIPES / "github-actions.yml").read_text(encoding="utf-8"))
    [job] = workflow["jobs"].values()
    env = {k: str(v) for k, v in job.get("env", {}).items()}
    summary = checkout / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    ok, uploads = True, []
    for step in job["steps"]:
        condition = step.get("if", "")
        if not ok and "!cancelled()" not in condition and "always()" not in condition:
            continue
        if "run" in step:
            if step["run"].strip() == INSTALL:
                continue
            run = bash(step["run"], checkout, {**env, "GITHUB_STEP_SUMMARY": str(summary)})
            ok = ok and run.returncode == 0
        elif step["uses"].startswith("actions/upload-artifact"):
            uploads.append(checkout / step["with"]["path"].replace("${{ env.MTAUDIT_OUT }}", env["MTAUDIT_OUT"]))
    return ok, summary.read_text(encoding="utf-8"), uploads


@pytest.mark.parametrize("gate", ["pass", "fail"])
def test_github_actions_recipe(checkout: Path, gate: str) -> None:
    if gate == "fail":
        (checkout / "mtaudit.toml").write_text(FAIL, encoding="utf-8")
    ok, summary, uploads = github_job(checkout)
    assert ok == (gate == "pass")
    out = checkout / "reports" / "mt"
    assert uploads == [out] and (out / "junit.xml").is_file() and (out / "gate.md").is_file()
    assert summary == (out / "gate.md").read_text(encoding="utf-8")
    assert ("✅ passed" if gate == "pass" else "❌ failed") in summary
    assert ("flagged_rate = " in summary) == (gate == "fail")


@pytest.mark.parametrize("gate", ["pass", "fail"])
def test_gitlab_recipe(checkout: Path, gate: str) -> None:
    if gate == "fail":
        (checkout / "mtaudit.toml").write_text(FAIL, encoding="utf-8")
    job = yaml.safe_load((RECIPES / "gitlab-ci.yml").read_text(encoding="utf-8"))["mtaudit"]
    assert job["script"][0] == INSTALL
    env = {k: str(v) for k, v in job["variables"].items()}
    run = bash("\n".join(job["script"][1:]), checkout, env)  # one shell, stopping at the first failure
    assert run.returncode == (0 if gate == "pass" else 1), run.stderr
    assert job["artifacts"]["when"] == "always"
    junit = checkout / job["artifacts"]["reports"]["junit"]
    gate_md = checkout / "reports" / "mt" / "gate.md"
    assert junit.is_file() and gate_md.is_file() and all((checkout / p).exists() for p in job["artifacts"]["paths"])
    assert gate_md.read_text(encoding="utf-8") in run.stdout  # the summary in the job log
