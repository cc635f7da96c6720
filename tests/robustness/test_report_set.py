"""One report set (issue 21, class 8): a run stopped at any point leaves the previous set of
reports or the new one, never a mix; every output path is checked before the audit starts.

The kill tests run the CLI in a subprocess whose file-system steps (fsync, rename, link,
the folder swap, removing a folder) are counted from the report folder's commit on; at step
K the process dies on the spot (``os._exit``: no cleanup, like SIGKILL), for every K until the
run gets through."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtaudit.api import audit_to_files
from mtaudit.cli import cli
from mtaudit.config import AuditConfig
from mtaudit.errors import ConfigError
from mtaudit.report import REPORTERS
from mtaudit.report.folder import ReportFolder, recover

OLD = "The port reopened on Monday.\nThe mayor spoke.\n"
NEW = "The harbour closed again on Tuesday.\nNobody came.\nThe the ferry waited.\n"

_DRIVER = """
import json, os, shutil, sys
from pathlib import Path
from mtaudit.cli import main
from mtaudit.report import folder
out, snaps, no_exchange, args = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1", sys.argv[4:]
rmtree = shutil.rmtree

def child(kill_at):
    steps = [0, False]
    def step(f):
        def counted(*a, **k):
            steps[0] += steps[1]
            if steps[0] == kill_at:
                os._exit(137)
            return f(*a, **k)
        return counted
    commit = folder.ReportFolder.commit
    def counting(self):  # steps count from the commit on: the audit before it puts nothing in place
        steps[1] = True
        return commit(self)
    folder.ReportFolder.commit = counting
    if no_exchange:
        folder._exchange = lambda a, b: False
    os.fsync, os.rename, os.link = step(os.fsync), step(os.rename), step(os.link)
    folder._exchange, shutil.rmtree = step(folder._exchange), step(shutil.rmtree)
    sys.argv = ["mtaudit", *args]
    try:
        main()
    except SystemExit as e:
        os._exit(e.code if isinstance(e.code, int) else 1)
    os._exit(0)

warm = [a.replace(str(out), str(snaps / "warm")) for a in args]
sys.argv = ["mtaudit", *warm]
try:  # one whole run first, elsewhere: each child starts with every lazy import done
    main()
except SystemExit:
    pass
kill_at = 1
while True:
    pid = os.fork()  # the imports are done once; each run is a child killed at its step
    if pid == 0:
        child(kill_at)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if out.exists():
        shutil.copytree(out, snaps / str(kill_at))
    (snaps / f"{kill_at}.json").write_text(json.dumps({"code": code, "beside": sorted(os.listdir(out.parent))}))
    folder.recover(out)  # what the next run does first
    (snaps / f"{kill_at}.after.json").write_text(json.dumps(sorted(os.listdir(out.parent))))
    if code != 137:
        break
    kill_at += 1
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def kill_at_every_step(args: list[str], out: Path, snaps: Path, no_exchange: bool = False) -> list[dict]:
    """Run ``mtaudit ARGS`` killed at step 1, 2, … until it gets through; each run's exit
    code, what lay beside ``out`` and the folder after it (``None``: missing), what lay beside
    ``out`` once recovered."""
    snaps.mkdir()
    subprocess.run([sys.executable, "-c", _DRIVER, str(out), str(snaps), "1" if no_exchange else "0", *args],
                   check=True, timeout=600)
    runs = []
    for k in range(1, len(list(snaps.glob("*.after.json"))) + 1):
        info = json.loads((snaps / f"{k}.json").read_text())
        info["folder"] = snapshot(snaps / str(k)) if (snaps / str(k)).exists() else None
        info["after"] = json.loads((snaps / f"{k}.after.json").read_text())
        runs.append(info)
    return runs


def audit_args(hyp: Path, out: Path) -> list[str]:
    return ["audit", str(hyp), "--segments", "--out", str(out), "-q", "--grammar", "none", "--bootstrap", "1",
            "--format", "csv,json,markdown", "--junit", str(out / "junit.xml"), "--require", "sentences <= 2"]


def old_or_new(now: dict[str, bytes], old: dict[str, bytes], new_texts: list[str]) -> str:
    """``now`` is the old set byte for byte, or a set whose every file is the new run's."""
    if now == old:
        return "old"
    assert set(now) == set(old), f"files differ: {sorted(now)} vs {sorted(old)}"
    assert all(now[name] != old[name] for name in now), "a mix of old and new files"
    summary = json.loads(now["summary.json"])
    assert summary["counts"]["sentences"] == len(new_texts)
    assert all(t.encode() in now["sentences.csv"] for t in new_texts)
    return "new"


@pytest.mark.slow
@pytest.mark.parametrize("no_exchange", [False, True], ids=["swap", "two-moves"])
def test_a_run_killed_at_any_step_leaves_the_old_set_or_the_new(tmp_path: Path, no_exchange: bool) -> None:
    hyp, out = tmp_path / "hyp.txt", tmp_path / "report"
    hyp.write_text(OLD, encoding="utf-8")
    assert CliRunner().invoke(cli, audit_args(hyp, out)).exit_code == 0
    old = snapshot(out)
    assert set(old) == {"sentences.csv", "summary.json", "gate.md", "junit.xml"}
    hyp.write_text(NEW, encoding="utf-8")
    runs = kill_at_every_step(audit_args(hyp, out), out, tmp_path / "snaps", no_exchange)
    assert [r["code"] for r in runs] == [137] * (len(runs) - 1) + [1]  # the new run's gate fails: 3 sentences
    seen = []
    for run in runs:
        if run["folder"] is None:  # only between the two moves: the old folder is beside it, put back next start
            assert no_exchange and any(n.startswith(".report.old-") for n in run["beside"])
            seen.append("missing")
        else:
            seen.append(old_or_new(run["folder"], old, NEW.splitlines()))
        assert run["after"] == ["hyp.txt", "report", "snaps"]  # no hidden sibling stays
    assert seen[-1] == "new" and "old" in seen
    assert ("missing" in seen) == no_exchange
    assert old_or_new(snapshot(out), old, NEW.splitlines()) == "new"


@pytest.mark.slow
def test_a_killed_compare_leaves_the_old_set_or_the_new(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "cmp"
    a.write_text(OLD, encoding="utf-8")
    b.write_text("The port opened on Monday.\nThe mayor said nothing.\n", encoding="utf-8")
    args = ["compare", str(a), str(b), "--segments", "--grammar", "none", "--bootstrap", "2", "-q",
            "--out", str(out), "--format", "csv,json"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    old = snapshot(out)
    b.write_text("The port opened on Friday.\nThe mayor said little.\n", encoding="utf-8")
    runs = kill_at_every_step(args, out, tmp_path / "snaps")
    for run in runs:
        now = run["folder"]
        assert now == old or all(now[name] != old[name] for name in old), "a mix of old and new files"
    assert runs[0]["folder"] == old and runs[-1]["code"] == 0
    assert b"Friday" in (out / "sentences.csv").read_bytes()


def test_a_failing_commit_keeps_the_old_set_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    hyp, out = tmp_path / "hyp.txt", tmp_path / "report"
    hyp.write_text(OLD, encoding="utf-8")
    args = ["audit", str(hyp), "--segments", "--out", str(out), "-q", "--grammar", "none", "--bootstrap", "1",
            "--format", "csv,json", "--markdown", str(tmp_path / "gate.md")]
    assert CliRunner().invoke(cli, args).exit_code == 0
    old, old_md = snapshot(out), (tmp_path / "gate.md").read_bytes()

    def failing(staging: Path, real: Path) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr("mtaudit.report.folder._swap_in", failing)
    hyp.write_text(NEW, encoding="utf-8")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert snapshot(out) == old
    assert (tmp_path / "gate.md").read_bytes() == old_md  # written with the set: not before it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gate.md", "hyp.txt", "report"]


def test_files_the_run_does_not_write_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "report"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "todo.txt").write_text("mine", encoding="utf-8")
    (out / "report.html").write_text("earlier run", encoding="utf-8")
    (out / "sentences.csv").write_text("old", encoding="utf-8")
    folder = ReportFolder(out)
    folder.write("sentences.csv", "new")
    folder.write("ci/junit.xml", "<x/>")
    assert folder.commit() == [out / "sentences.csv", out / "ci" / "junit.xml"]
    assert snapshot(out) == {"ci/junit.xml": b"<x/>", "notes/todo.txt": b"mine", "report.html": b"earlier run",
                             "sentences.csv": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_a_symlinked_folder_is_replaced_at_its_target(tmp_path: Path) -> None:
    real, link = tmp_path / "real", tmp_path / "link"
    real.mkdir()
    (real / "summary.json").write_text("{}", encoding="utf-8")
    link.symlink_to(real)
    folder = ReportFolder(link)
    folder.write("summary.json", '{"new": 1}')
    folder.commit()
    assert link.is_symlink() and (real / "summary.json").read_text() == '{"new": 1}'


def test_leftovers_of_a_dead_run_are_cleaned_and_an_old_folder_put_back(tmp_path: Path) -> None:
    dead = 2 ** 22 + 17  # above the default pid_max: no such process
    aside = tmp_path / f".report.old-{dead}-ab12"
    aside.mkdir()
    (aside / "summary.json").write_text("old", encoding="utf-8")
    (tmp_path / f".report.new-{dead}-cd34").mkdir()
    live = tmp_path / f".report.new-{os.getppid()}-ef56"  # a run still going: left alone
    live.mkdir()
    recover(tmp_path / "report")
    assert (tmp_path / "report" / "summary.json").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "report"]


def test_a_failing_reporter_removes_the_new_folder(tmp_path: Path, monkeypatch) -> None:
    hyp, out = tmp_path / "hyp.txt", tmp_path / "report"
    hyp.write_text(OLD, encoding="utf-8")

    def broken(summary):
        raise RuntimeError("render failed")

    monkeypatch.setattr(REPORTERS["json"], "pieces", broken)
    config = AuditConfig(segments=True, grammar="none", bootstrap=1, formats=("csv", "json"))
    with pytest.raises(RuntimeError):
        audit_to_files([hyp], config=config, out=out, markdown=tmp_path / "gate.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hyp.txt"]


@pytest.mark.parametrize("where", ["file-as-out", "parent-read-only", "junit-dir", "markdown-read-only",
                                   "out-is-cwd", "compare-out-file"])
def test_every_output_path_is_checked_before_the_audit(tmp_path: Path, where: str, monkeypatch) -> None:
    hyp = tmp_path / "hyp.txt"
    hyp.write_text(OLD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere but /proc
        if not Path("/proc/self").is_dir():
            pytest.skip("no read-only folder for root")
        locked = Path("/proc")
    out, extra = tmp_path / "out", []
    if where == "file-as-out":
        out = hyp
    elif where == "parent-read-only":
        out = locked / "out"
    elif where == "junit-dir":
        extra = ["--junit", str(tmp_path)]
    elif where == "markdown-read-only":
        extra = ["--markdown", str(locked / "gate.md")]
    elif where == "out-is-cwd":
        monkeypatch.chdir(tmp_path)
        out = Path(".")
    audited = []
    monkeypatch.setattr("mtaudit.pipeline.AuditRun.documents", lambda *a, **k: audited.append(1) or iter(()))
    if where == "compare-out-file":
        monkeypatch.setattr("mtaudit.api.compare", lambda *a, **k: audited.append(1))
        args = ["compare", str(hyp), str(hyp), "--segments", "--out", str(hyp)]
    else:
        args = ["audit", str(hyp), "--segments", "--out", str(out), "-q", *extra]
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.exit_code == 2, result.output
    assert not audited
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("mtaudit: error: "), result.output


def test_a_full_disk_keeps_the_old_set(tmp_path: Path, monkeypatch) -> None:
    hyp, out = tmp_path / "hyp.txt", tmp_path / "report"
    hyp.write_text(OLD, encoding="utf-8")
    config = AuditConfig(segments=True, grammar="none", bootstrap=1, formats=("csv", "json"))
    audit_to_files([hyp], config=config, out=out)
    old = snapshot(out)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("mtaudit.report.folder.os.fsync", full)
    hyp.write_text(NEW, encoding="utf-8")
    with pytest.raises(OSError):
        audit_to_files([hyp], config=config, out=out)
    assert snapshot(out) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hyp.txt", "report"]


def test_the_api_never_replaces_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError):
        ReportFolder(Path("."))
    with pytest.raises(ConfigError):
        ReportFolder(tmp_path.parent)
    assert (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_run_leaves_the_old_set(tmp_path: Path, sig: int) -> None:
    table, out = tmp_path / "batch.csv", tmp_path / "report"

    def write(docs: int, text: str) -> None:
        rows = "".join(f"d{d},{k},{line}\n" for d in range(docs) for k, line in enumerate(text.splitlines(), 1))
        table.write_text("doc,seg,hyp\n" + rows, encoding="utf-8")

    write(2, OLD)
    cmd = [sys.executable, "-m", "mtaudit", "audit", str(table), "--out", str(out), "-q", "-j", "1",
           "--grammar", "none", "--bootstrap", "1", "--format", "csv,json,html"]
    assert subprocess.run(cmd, capture_output=True, timeout=300).returncode == 0
    old = snapshot(out)
    write(20000, NEW)  # documents stream in one by one: the new set is being written long before the end
    err = (tmp_path / "stderr.txt").open("w+")
    # started as from an interactive shell: Ctrl-C on, whatever the test process inherited (a
    # suite run as a background job, `make test &`, starts with SIGINT ignored; the child would
    # inherit that through exec, Python would install no handler, and the run would exit 0)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=_signals_as_from_a_shell)
    deadline = time.monotonic() + 240
    while not any(p.name.startswith(".report.new-") for p in tmp_path.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "the audit ended before it could be interrupted"
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(sig)
    code = proc.wait(timeout=120)
    err.seek(0)
    assert code != 0, f"exit {code} after {sig!r}; stderr: {err.read()[-2000:]!r}"
    err.close()
    (tmp_path / "stderr.txt").unlink()
    assert snapshot(out) == old
    recover(out)  # a SIGTERM'd run leaves its sibling to the next start; Ctrl-C cleans up itself
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch.csv", "report"]


def _signals_as_from_a_shell() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
