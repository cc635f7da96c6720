"""The ``mtaudit`` command: a thin layer over the Python API.

Exit codes (see ``errors.py``): 0 audit done and gate passed (or no gate), 1 gate failed,
2 usage or input error, 3 internal error, 4 the machine failed (disk full, I/O), 130 interrupted.
"""
from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import sys
import traceback
from pathlib import Path
from typing import Any, Iterator, TextIO

import click
from click.core import ParameterSource

from .config import AuditConfig, find_config_file, load_config_file
from .errors import EXIT_GATE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, ConfigError, InputError, failure
from .execution import BACKENDS, Plan
from .results import GateResult
from .terminal import Bar, audit_table, compare_lines, compare_table

# Options that are also config-file keys (the same names as AuditConfig fields).
_OVERRIDES = ("select", "ignore", "grammar", "formats", "metrics", "bootstrap", "segments", "encoding", "errors",
              "require", "languagetool_url", "glossary", "dictionary", "waivers", "flag_below",
              "src_lang", "tgt_lang", "stdin_name")
# quality_model is a config-file key only (mtaudit calibrate writes the file).
# --flag-below, on audit and compare: a score (see score/scorer.py).
_FLAG_SCORE = click.FloatRange(0, 100, min_open=True)
_FLAG_HELP = "Flag sentences whose score is below SCORE [default: each setting's calibrated line]."


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").split(",") if c.strip())


class _UsageError(click.ClickException):
    """A usage error said in the one line every mtaudit error is said in."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"mtaudit: error: {self.format_message()}", err=True)


class _Failed(_UsageError):
    """Any other failure, in one line with its own exit code (see ``errors.failure``)."""

    def __init__(self, exit_code: int, message: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        prefix = "mtaudit: " if self.exit_code == EXIT_INTERRUPTED else "mtaudit: error: "
        click.echo(prefix + self.format_message(), err=True)


class _Commands(click.Group):
    """click's own usage errors (a missing argument, an unknown option or command, a bad
    value) in one line, not click's usage, hint and error lines; every other exception (a
    full disk, an unwritable --out, a bug, Ctrl-C) one line and its exit code, never 1 (the
    gate's), and no traceback unless ``--debug``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            raise _UsageError(exc.format_message() + where) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the one place every failure is said
            if ctx.params.get("debug"):
                traceback.print_exc()
            if isinstance(exc, BrokenPipeError):  # nothing more can go to stdout: stop writing there
                with contextlib.suppress(OSError, ValueError):
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise _Failed(*failure(exc)) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="mtaudit")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Find the sentences of a machine-translated batch that read like machine translation."""


def _gate_options(func):  # noqa: ANN001, ANN202 - click decorator stack
    for option in reversed([
        click.option("--require", multiple=True, metavar="EXPR",
                     help="Gate requirement, repeatable: 'flagged_rate <= 0.15', 'doc:critical == 0'."),
        click.option("--baseline", type=click.Path(path_type=Path),
                     help="Previous summary.json: fail only on new findings or significant metric drops."),
        click.option("--junit", type=click.Path(path_type=Path), help="Also write JUnit XML here."),
        click.option("--markdown", type=click.Path(path_type=Path), help="Also write a Markdown summary here."),
        click.option("--config", "config_path", type=click.Path(path_type=Path),
                     help="Config file [default: ./mtaudit.toml or [tool.mtaudit] in ./pyproject.toml]."),
    ]):
        func = option(func)
    return func


def _language_options(func):  # noqa: ANN001, ANN202 - click decorator stack
    for option in reversed([
        click.option("--src-lang", metavar="LANG", help="TMX source language [default: its header's]."),
        click.option("--tgt-lang", metavar="LANG", help="TMX target language [default: the other]."),
    ]):
        func = option(func)
    return func


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--ref", type=click.Path(path_type=Path), multiple=True,
              help="Reference; repeat for several.")
@click.option("--src", type=click.Path(path_type=Path), help="Source text of a single hypothesis file.")
@click.option("--segments", is_flag=True, help="One segment per line, no splitting.")
@click.option("--stdin-name", default="stdin", metavar="NAME", help="Name of the stdin document [default: stdin].")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder [default: reports/<batch>].")
@click.option("--format", "formats", default="csv,json,html", show_default=True,
              help="csv, json, html, junit, markdown, sentences, xlsx, xliff.")
@click.option("--grammar", type=click.Choice(["harper", "languagetool", "none"]), default="harper",
              show_default=True, help="Grammar engine.")
@click.option("--metrics", default="chrf,bleu", show_default=True, help="With a reference; add chrfpp, ter.")
@click.option("--languagetool-url", metavar="URL", help="[default: http://127.0.0.1:8081]")
@click.option("--glossary", metavar="CSV", help="Terminology CSV: source, target, forbidden.")
@click.option("--dictionary", metavar="TSV",
              help="Source TAB translations [default zh-en: CC-CEDICT].")
@click.option("--waivers", metavar="JSON", help="Waiver file (exported from report.html): suppress those findings.")
@click.option("--select", help="Codes to run: MT1,harper:")
@click.option("--ignore", help="Codes to switch off: MT107")
@click.option("--bootstrap", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Bootstrap resamples for corpus confidence intervals.")
@click.option("--flag-below", type=_FLAG_SCORE, metavar="SCORE", help=_FLAG_HELP)
@click.option("--encoding", default="utf-8", show_default=True, help="Input encoding; BOMs win.")
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict", show_default=True,
              help="Undecodable bytes: an error, or U+FFFD.")
@_language_options
@_gate_options
@click.option("-j", "--jobs", type=click.IntRange(0), default=0, help="Worker processes [default: 0, all cores].")
@click.option("--backend", type=click.Choice(BACKENDS), default="local", show_default=True,
              help="Run on this machine, or on a Dask cluster.")
@click.option("--engine", "old_backend", type=click.Choice(BACKENDS), hidden=True,
              help="Deprecated name of --backend (removed in the next release).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary table.")
@click.pass_context
def audit(ctx: click.Context, paths: tuple[Path, ...], ref: tuple[Path, ...], src: Path | None,
          out: Path | None, baseline: Path | None, junit: Path | None, markdown: Path | None,
          config_path: Path | None, jobs: int, backend: str, old_backend: str | None, scheduler: str | None, quiet: bool,
          **options: Any) -> None:
    """Audit PATHS: .txt (prose; lines with --segments), .tsv/.csv/.jsonl tables,
    .xlf/.tmx/.po, folders of them; - is stdin."""
    from .api import audit_to_files

    options.update(select=_codes(options["select"]), ignore=_codes(options["ignore"]),
                   formats=_codes(options["formats"]), metrics=_codes(options["metrics"]))
    with _usage_errors():
        config = _stdout_formats(ctx, out, _config(ctx, config_path, options))
        if old_backend is not None:
            click.echo("mtaudit: warning: --engine is deprecated, use --backend (--engine goes in the next release)",
                       err=True)
        plan = Plan(jobs=jobs, backend=old_backend or backend, scheduler=scheduler)
        with Bar(quiet) as bar, _stdout(out) as stream:
            outcome = audit_to_files(list(paths), list(ref), src, config=config, out=None if stream else out,
                                     baseline=baseline, junit=junit, markdown=markdown, progress=bar.task(), plan=plan,
                                     stream=stream)
    if not quiet:
        audit_table(outcome.summary, outcome.written)
    sys.exit(_finish(outcome.summary.gate))


@cli.command()
@click.argument("summary_path", metavar="SUMMARY", required=False, type=click.Path(path_type=Path))
@_gate_options
@click.option("--list", "list_figures", is_flag=True, help="List every figure a requirement can name.")
def gate(summary_path: Path | None, require: tuple[str, ...], baseline: Path | None, junit: Path | None,
         markdown: Path | None, config_path: Path | None, list_figures: bool) -> None:
    """Gate an existing audit: check SUMMARY (a summary.json) against requirements."""
    from .api import figure_names
    from .api import gate as run_gate

    if list_figures:
        for name, description in figure_names():
            click.echo(f"{name:<34} {description}")
        return
    with _usage_errors():
        if summary_path is None:
            raise ConfigError("give a summary.json to gate, or --list")
        settings = _file_settings(config_path)
        requirements = tuple(settings.get("require", ())) + require
        result = run_gate(summary_path, requirements, baseline=baseline, junit=junit, markdown=markdown)
    sys.exit(_finish(result))


@cli.command("compare")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--names", help="System names, comma-separated [default: each input's file or folder name].")
@click.option("--ref", type=click.Path(path_type=Path), multiple=True, help="Reference of the inputs to audit.")
@click.option("--src", type=click.Path(path_type=Path), help="Source text of the inputs to audit.")
@click.option("--segments", is_flag=True, help="Inputs are line files: one segment per line.")
@_language_options
@click.option("--grammar", type=click.Choice(["harper", "languagetool", "none"]), default="harper",
              show_default=True, help="Grammar engine for the inputs to audit.")
@click.option("--bootstrap", type=click.IntRange(2, 100_000), default=1000, show_default=True,
              help="Paired bootstrap resamples.")
@click.option("--flag-below", type=_FLAG_SCORE, metavar="SCORE", help=_FLAG_HELP)
@click.option("--out", type=click.Path(path_type=Path), help="Write the comparison's files here.")
@click.option("--format", "compare_formats", default="csv,json,html", show_default=True,
              help="csv (sentences.csv), json (comparison.json), html (compare.html), xlsx (compare.xlsx).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file for the audits.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary table (the result lines stay).")
@click.pass_context
def compare(ctx: click.Context, inputs: tuple[Path, ...], names: str | None, ref: tuple[Path, ...],
            src: Path | None, out: Path | None, compare_formats: str, config_path: Path | None, quiet: bool,
            **options: Any) -> None:
    """Compare systems: INPUTS are audit folders (sentences.csv + summary.json) or inputs to
    audit, translations of the same sources; the first is the baseline."""
    from .api import compare as run_compare
    from .compare import checked_formats
    from .report.folder import check_outputs

    with _usage_errors():
        formats = checked_formats(_codes(compare_formats))
        settings = _file_settings(config_path)
        for option, value in options.items():
            if ctx.get_parameter_source(option) == ParameterSource.COMMANDLINE or option not in settings:
                settings[option] = value
        config = AuditConfig(**settings)
        check_outputs([out] if out is not None else [])
        with Bar(quiet) as bar:
            result = run_compare(list(inputs), _codes(names) or None, list(ref), src, config, progress=bar.task)
        written = result.write(out, formats) if out is not None else []
    for line in compare_lines(result):
        click.echo(line)
    if not quiet:
        compare_table(result, written)


@cli.command()
@click.option("--mqm", required=True, multiple=True, type=click.Path(path_type=Path),
              help="MQM annotations (TSV: system, doc, seg_id, source, target, reference, mqm); repeatable, a set each.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("quality.json"), show_default=True,
              help="Where to write the fitted models.")
def calibrate(mqm: tuple[Path, ...], out: Path) -> None:
    """Refit the quality score on MQM annotations (held-out figures per set); use it as quality_model in mtaudit.toml."""
    from .api import calibrate as fit_models

    with _usage_errors():
        fits = fit_models(list(mqm), out)
    for setting, fit in fits.items():
        for how, by_set in (("held out", fit.heldout), ("fitted on the other sets", fit.lodo)):
            for name, figures in by_set.items():
                click.echo(f"{setting:<15} {name:<16} {how}: {figures}")
    click.echo(f"wrote {out}", err=True)


@cli.command("checks")
def list_checks() -> None:
    """List every mtaudit check, then the grammar engines' rule families, with code,
    severity, MQM category and description."""
    from .checks import REGISTRY

    from .checks.grammar.harper_engine import KIND_MAP
    from .checks.grammar.languagetool_engine import CATEGORY_MAP

    for code, c in sorted(REGISTRY.items()):
        first = c.description.splitlines()[0] if c.description else ""
        state = "" if c.enabled else " (off by default)"
        click.echo(f"{code}  {c.name:<26} {c.severity:<8} {c.category:<28} {first}{state}")
    click.echo("\nGrammar engine rule families (codes harper:<Rule> and lt:<RULE_ID>; select, ignore or "
               "re-weight them by code):")
    for engine, table, what in (("harper", KIND_MAP, "Harper lints of kind"),
                                ("lt", CATEGORY_MAP, "LanguageTool rules in category or rule")):
        for family, (category, severity, on) in sorted(table.items()):
            state = "" if on else " (off by default)"
            click.echo(f"{engine + ' ' + family:<32} {severity:<8} {category:<28} {what} {family}{state}")


def _config(ctx: click.Context, config_path: Path | None, options: dict[str, Any]) -> AuditConfig:
    """Config file settings, overridden by the options given on the command line;
    requirements from both apply."""
    settings = _file_settings(config_path)
    for option in _OVERRIDES:
        if option == "require":
            settings["require"] = tuple(settings.get("require", ())) + options["require"]
        elif ctx.get_parameter_source(option) == ParameterSource.COMMANDLINE or option not in settings:
            settings[option] = options[option]
    return AuditConfig(**settings)


def _file_settings(path: Path | None) -> dict[str, Any]:
    if path is not None and (not path.exists() or path.is_dir()):  # a pipe (<(…)) is read once, as a file
        raise ConfigError(f"{path}: no such config file")
    found = path or find_config_file(Path.cwd())
    return load_config_file(found) if found else {}


def _finish(gate: GateResult) -> int:
    """Print the gate's reasons in one block; the exit code for its status."""
    if not gate.failed:
        if gate.status == "passed":
            click.echo(f"gate passed: {', '.join(gate.requirements) or 'baseline'}", err=True)
        return EXIT_OK
    click.echo("gate FAILED:", err=True)
    for b in gate.breaches:
        click.echo(f"  - {b.message}", err=True)
    return EXIT_GATE


class _usage_errors:
    """Turn input and configuration errors into one message and exit code 2 (others: ``_Commands``)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, tb: Any) -> None:
        if isinstance(exc, (InputError, ConfigError)):
            raise _UsageError(str(exc)) from None


def _stdout_formats(ctx: click.Context, out: Path | None, config: AuditConfig) -> AuditConfig:
    """``--out -`` writes one report to stdout: the CSV, unless ``--format`` names another."""
    if out is None or str(out) != "-" or ctx.get_parameter_source("formats") == ParameterSource.COMMANDLINE:
        return config
    return dataclasses.replace(config, formats=("csv",))


@contextlib.contextmanager
def _stdout(out: Path | None) -> Iterator[TextIO | None]:
    """For ``--out -``, stdout as UTF-8 text (``newline=""``: the reporter writes its own line
    ends), left open when done; else None."""
    if out is None or str(out) != "-":
        yield None
        return
    sys.stdout.flush()
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="mtaudit")
