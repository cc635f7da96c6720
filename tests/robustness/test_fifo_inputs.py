"""Class 9 (issue 21): every input is read once — a named pipe (``mkfifo``) or a process
substitution (``<(…)``) as hypothesis, ``--ref``, ``--src``, prose or ``--segments`` gives the
same report as the files. A second open of a pipe would block (no writer is left), so each run
has a time limit and a failure names the input that was not read exactly once."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import CORPORA, ROOT

pytestmark = pytest.mark.slow
NEWS = CORPORA / "news-sample"
SEGMENTS = CORPORA / "segments"


class Feeder:
    """Named pipes, each fed its file's bytes by a thread; ``opened`` counts how many
    times each was opened for reading (each open needs a writer: only the first finds one)."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.threads, self.fed = folder, [], {}
        folder.mkdir(parents=True, exist_ok=True)

    def pipe(self, name: str, source: Path) -> Path:
        fifo = self.folder / name
        os.mkfifo(fifo)
        self.fed[name] = False

        def feed() -> None:
            with open(fifo, "wb") as f:  # blocks until mtaudit opens the pipe
                f.write(source.read_bytes())
            self.fed[name] = True

        thread = threading.Thread(target=feed, daemon=True)
        thread.start()
        self.threads.append(thread)
        return fifo

    def unread(self) -> list[str]:
        for thread in self.threads:
            thread.join(timeout=5)
        return [name for name, fed in self.fed.items() if not fed]


def mtaudit(*args: str | Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mtaudit", "audit", *map(str, args), "-q", "--grammar", "none",
               "--bootstrap", "1", "--format", "csv", "--out", "-"]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"mtaudit blocked on a pipe (opened it twice?): {command}")


def same_report(piped: subprocess.CompletedProcess[str], filed: subprocess.CompletedProcess[str]) -> None:
    assert piped.returncode == 0, piped.stderr
    assert filed.returncode == 0, filed.stderr
    assert piped.stdout == filed.stdout and piped.stdout.count("\n") > 5


@pytest.mark.parametrize("mode", ["prose", "segments"])
def test_hyp_ref_and_src_as_named_pipes(tmp_path: Path, mode: str) -> None:
    if mode == "prose":
        hyp, ref, src = NEWS / "harbour-strike.hyp.txt", NEWS / "harbour-strike.ref.txt", NEWS / "harbour-strike.src.txt"
        extra: list[str] = []
    else:
        hyp, ref, src = SEGMENTS / "hyp.txt", SEGMENTS / "ref.txt", SEGMENTS / "src.txt"
        extra = ["--segments"]
    feeder = Feeder(tmp_path / "pipes")
    names = {"hyp": hyp.name, "ref": "ref-" + ref.name, "src": "src-" + src.name}
    pipes = {side: feeder.pipe(names[side], path) for side, path in (("hyp", hyp), ("ref", ref), ("src", src))}
    piped = mtaudit(pipes["hyp"], "--ref", pipes["ref"], "--src", pipes["src"], *extra)
    assert not feeder.unread(), f"not read: {feeder.unread()}"
    same_report(piped, mtaudit(hyp, "--ref", ref, "--src", src, *extra))


def test_a_scattered_table_as_a_named_pipe(tmp_path: Path) -> None:
    """A table whose documents' rows are apart is read twice (the scan restarts, reading it
    whole): from a pipe, that is the spooled copy."""
    table = tmp_path / "scattered.tsv"
    table.write_text("doc\tseg\thyp\tref\n" + "".join(
        f"{doc}\t{k}\tThe {doc} report {k} was published.\tThe {doc} report {k} came out.\n"
        for k in range(1, 5) for doc in ("alpha", "beta")), encoding="utf-8")
    feeder = Feeder(tmp_path / "pipes")
    piped = mtaudit(feeder.pipe("scattered.tsv", table))
    assert not feeder.unread()
    same_report(piped, mtaudit(table))
    assert piped.stdout.count('"alpha"') == piped.stdout.count('"beta"') == 4


def test_settings_files_as_named_pipes(tmp_path: Path) -> None:
    """The glossary, the waiver file, the config file and the baseline are read once too."""
    waivers = tmp_path / "waivers.json"
    waivers.write_text('{"format": "mtaudit-waivers", "version": 1, "waivers": []}', encoding="utf-8")
    config = tmp_path / "mtaudit.toml"
    config.write_text('select = ["MT1"]\n', encoding="utf-8")
    glossary = CORPORA / "glossary.csv"
    hyp = SEGMENTS / "hyp.txt"
    baseline = tmp_path / "previous" / "summary.json"
    first = subprocess.run([sys.executable, "-m", "mtaudit", "audit", str(hyp), "--segments", "-q", "--grammar",
                            "none", "--bootstrap", "1", "--format", "json", "--out", str(baseline.parent),
                            "--config", str(config), "--glossary", str(glossary)],
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    feeder = Feeder(tmp_path / "pipes")
    piped = mtaudit(hyp, "--segments", "--glossary", feeder.pipe("glossary.csv", glossary),
                    "--waivers", feeder.pipe("waivers.json", waivers), "--config", feeder.pipe("mtaudit.toml", config),
                    "--baseline", feeder.pipe("summary.json", baseline))
    assert not feeder.unread(), f"not read: {feeder.unread()}"
    filed = mtaudit(hyp, "--segments", "--glossary", glossary, "--waivers", waivers, "--config", config,
                    "--baseline", baseline)
    same_report(piped, filed)
    assert "MT2" not in filed.stdout  # the config file's select took effect


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_process_substitution_for_prose_ref_and_src() -> None:
    prefix = NEWS / "harbour-strike"
    bin_dir = Path(sys.executable).parent
    base = f'PATH="{bin_dir}:$PATH" mtaudit audit -q --grammar none --bootstrap 1 --format csv --out -'
    piped = subprocess.run(["bash", "-c", f"{base} <(cat {prefix}.hyp.txt) --ref <(cat {prefix}.ref.txt) "
                                          f"--src <(cat {prefix}.src.txt)"],
                           capture_output=True, text=True, timeout=300, cwd=ROOT)
    filed = subprocess.run(["bash", "-c", f"{base} {prefix}.hyp.txt --ref {prefix}.ref.txt --src {prefix}.src.txt"],
                           capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert piped.returncode == 0, piped.stderr
    # the document is named after the pipe (/dev/fd/63: "63"); everything else is the same
    strip = lambda text: [line.split(",", 1)[1] for line in text.splitlines()]  # noqa: E731
    assert strip(piped.stdout) == strip(filed.stdout) and len(strip(filed.stdout)) > 5
