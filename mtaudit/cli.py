"""The ``mtaudit`` command: a thin layer over the Python API. Exit codes: 0 done, 1 gate
failed, 2 usage or input error."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .config import FORMATS, AuditConfig
from .errors import ConfigError, InputError

EXIT_OK, EXIT_GATE, EXIT_USAGE = 0, 1, 2


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="mtaudit")
def cli() -> None:
    """Find the sentences of a machine-translated batch that read like machine translation."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--ref", type=click.Path(path_type=Path), help="Reference translation of a single hypothesis file.")
@click.option("--src", type=click.Path(path_type=Path), help="Source text of a single hypothesis file.")
@click.option("--segments", is_flag=True, help="Inputs are line-aligned: one segment per line, no sentence splitting.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder [default: reports/<batch>].")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True,
              help="Comma-separated outputs: csv, json, html.")
@click.option("--grammar", type=click.Choice(["harper", "none"]), default="harper", show_default=True,
              help="Grammar engine.")
@click.option("--select", help="Comma-separated code prefixes to run (e.g. MT1,harper:).")
@click.option("--ignore", help="Comma-separated code prefixes to switch off (e.g. MT107,harper:SpellCheck).")
@click.option("--bootstrap", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Bootstrap resamples for corpus confidence intervals (1 = none).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary line.")
def audit(paths: tuple[Path, ...], ref: Path | None, src: Path | None, segments: bool, out: Path | None,
          formats: str, grammar: str, select: str | None, ignore: str | None, bootstrap: int,
          quiet: bool) -> None:
    """Audit PATHS (prose .txt, line files with --segments, .tsv/.csv/.jsonl tables, or
    batch folders of <name>.hyp.txt [+ .ref.txt, .src.txt]) and write reports."""
    from .pipeline import audit as run_audit
    from .report import write_reports

    try:
        config = AuditConfig(select=_codes(select), ignore=_codes(ignore), grammar=grammar,
                             formats=_codes(formats), bootstrap=bootstrap, segments=segments)
        with _progress(quiet) as progress:
            result = run_audit(paths, ref, src, config=config, progress=progress)
    except (InputError, ConfigError) as exc:
        raise _UsageError(str(exc)) from None
    out = out or Path("reports") / result.summary["batch"]
    written = write_reports(result, out, config.formats)
    if not quiet:
        s = result.summary
        click.echo(f"{s['counts']['sentences']} sentences, {s['counts']['flagged']} flagged "
                   f"({s['flagged_rate']:.1%}); wrote {', '.join(str(p) for p in written)}", err=True)
    sys.exit(EXIT_GATE if result.summary["gate"]["status"] == "failed" else EXIT_OK)


@cli.command("checks")
def list_checks() -> None:
    """List every mtaudit check with its code, category, severity and description."""
    from .checks import REGISTRY

    for code, c in sorted(REGISTRY.items()):
        first = c.description.splitlines()[0] if c.description else ""
        state = "" if c.enabled else " (off by default)"
        click.echo(f"{code}  {c.name:<24} {c.severity:<8} {c.category:<28} {first}{state}")


class _UsageError(click.ClickException):
    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(f"mtaudit: error: {self.message}", err=True)


class _progress:
    """A rich progress bar over documents on an interactive terminal, else nothing."""

    def __init__(self, quiet: bool) -> None:
        self._bar = None
        if not quiet and sys.stderr.isatty():
            from rich.progress import Progress
            self._bar = Progress(transient=True)

    def __enter__(self):  # noqa: ANN204
        if self._bar is None:
            return None
        self._bar.start()
        task = self._bar.add_task("auditing documents", total=None)
        return lambda n, total: self._bar.update(task, completed=n, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def main() -> None:
    """Console-script entry point; usage errors exit 2 (click's own errors do too)."""
    cli(prog_name="mtaudit")
