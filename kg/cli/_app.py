"""The typer app, shared option types and error handling."""
from __future__ import annotations

import errno
import functools
import os
import sys
from pathlib import Path

import typer
import typer.core

from kg import __version__
from kg.errors import KgError
from kg.printable import printable

__all__ = ["app", "main", "Arg", "Opt", "reports_errors", "err", "open_source", "out_folder", "out_file", "STORE_OPT",
           "GRAPH_ARG"]



_TYPE_WORDS = {"path": "PATH", "int": "INTEGER", "float": "FLOAT", "str": "TEXT", "bool": ""}


def _plain_type(self, ctx=None):
    """What an option takes, as click writes it (PATH, INTEGER, table|csv|json), never a Python type name."""
    if self.metavar is not None:
        return self.metavar
    if getattr(self, "is_flag", False) or getattr(self, "count", False):
        return None
    shown = (self.display_type(ctx) or "").strip("<>")
    many = shown.startswith("list[")
    shown = shown[5:-1] if many else shown
    word = "|".join(_TYPE_WORDS.get(part.lower(), part) for part in shown.split("|")) if shown else ""
    return (word + ("..." if many or self.nargs != 1 else "")) or None


def _plain_name(self) -> str:
    name = self.metavar or self.name.upper()
    return name + ("..." if self.metavar is None and self.nargs != 1 else "")


def _plain_usage(self) -> str:
    name = _plain_name(self)
    return name if self.required else f"[{name}]"


# typer writes Python types (<list[Path]>, <bool>) and {braces} into help; kg's help reads like click's
typer.core.TyperOption.display_type_rich = _plain_type
typer.core.TyperArgument.display_type_rich = lambda self, ctx=None: None  # the NAME says it already
typer.core.TyperArgument._rich_display_name = _plain_name
typer.core.TyperArgument._usage_display_name = _plain_usage

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs from Chinese policy and financial news: extract agencies, places, "
         "enterprises, initiatives, people and figures; export RDF/Turtle; query with SPARQL; view as HTML.\n\n"
         "Where files go: commands that write files write them under ./output unless --out says otherwise "
         "(build: output/graph.ttl, graph.html, build.json; viz: output/view.html; report: output/report/) and "
         "name every file they wrote on stderr; query, stats and export print to stdout (export --out for a "
         "file). Data goes to stdout, messages to stderr; --format chooses the output format of every command "
         "that has several (--format json gives JSON: query, stats, eval).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # click's plain help: paragraphs rewrapped, no type names in metavars
)
Arg = typer.Argument
Opt = typer.Option


def err(message: str) -> None:
    """Write a line to stderr (never stdout, which carries data)."""
    print(message, file=sys.stderr)


def reports_errors(func):
    """Turn KgError (exit code 1, or its ``exit_code``), and a full disk, into one readable line on stderr."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            result = func(*args, **kwargs)
            sys.stdout.flush()  # data on stdout meets a full disk here, not in a traceback at exit
            return result
        except KgError as e:
            code = getattr(e, "exit_code", 1)  # 130: interrupted, which is not an error
            err(f"kg: error: {printable(e)}" if code == 1 else f"kg: {printable(e)}")  # may name an input
            raise typer.Exit(code)
        except OSError as e:
            line = disk_full_line(e)
            if line is None:  # a path kg cannot write or read (--out /proc/x): the path and the reason
                err(f"kg: error: {printable(os_error_line(e))}")
                raise typer.Exit(1)
            _drop_stdout()
            err(f"kg: error: {line}")
            raise typer.Exit(1)
    return wrapper


def os_error_line(error: OSError) -> str:
    """``PATH: reason`` for an error of the file system (``/proc/x/graph.ttl: No such file or directory``)."""
    reason = error.strerror or str(error) or type(error).__name__
    return f"{error.filename}: {reason}" if error.filename is not None else reason


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _writable_place(folder: Path, path: Path, option: str) -> None:
    """``folder``, where ``path`` goes (made when missing), must be in a folder kg may write: else one line."""
    ancestor = _existing_ancestor(folder)
    if not ancestor.is_dir():
        raise typer.BadParameter(f"{ancestor} is a file, so {path} cannot be made in it", param_hint=f"'{option}'")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise KgError(f"{option} {path}: cannot write in {ancestor} (permission denied)")


def out_folder(path: Path, option: str = "--out") -> Path:
    """Check, before any work, that ``path`` can be the output folder: an existing file is a usage error (exit 2),
    a place kg may not write one line (exit 1). What only writing can tell (/proc) is one line then."""
    if path.exists() and not path.is_dir():
        raise typer.BadParameter(f"{path} is a file; give a folder (made if missing)", param_hint=f"'{option}'")
    _writable_place(path, path, option)
    return path


def out_file(path: Path, option: str = "--out") -> Path:
    """Check, before any work, that ``path`` can be the output file (replaced if it exists): a folder is a usage
    error (exit 2), a place kg may not write one line (exit 1)."""
    if path.is_dir():
        raise typer.BadParameter(f"{path} is a folder; give a file name", param_hint=f"'{option}'")
    _writable_place(path.parent, path, option)
    return path


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def disk_full_line(error: OSError) -> str | None:
    """One line for an ``OSError`` that says the disk (or the quota) is full, else None. Oxigraph's own
    errors carry no errno, only RocksDB's text ("IO error: No space left on device: While appending to
    file: /store/000008.log")."""
    text = str(error)
    if error.errno not in _DISK_FULL and "No space left on device" not in text and "Disk quota exceeded" not in text:
        return None
    where = error.filename or next((w for w in text.replace(": ", " ").split() if w.startswith("/")), None)
    what = f"writing {where}" if where else "writing the output"
    return (f"no space left on the device while {what}: free some space and run again (a store keeps "
            "every article committed before)")


def _drop_stdout() -> None:
    """After stdout met a full disk, send what is left of it nowhere (else Python reports it again at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def open_source(graph, store):
    """A graph file or a store folder (exactly one of them), open for reading: see :func:`kg.store.open_source`."""
    from kg.store.source import open_source as open_

    return open_(graph, store)


def _version(value: bool) -> None:
    if value:
        print(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = Opt(False, "--version", callback=_version, is_eager=True, help="Print the version and exit.")):
    """kg: knowledge graphs from Chinese policy and financial news."""


def main() -> None:
    """Run the app; a usage error is one line on stderr (exit 2), like every other error (exit 1)."""
    from typer import _click
    from typer.exceptions import Abort, Exit

    try:
        code = app(standalone_mode=False)  # an Exit raised by a command comes back as its code
    except _click.exceptions.NoArgsIsHelpError as e:
        print(e.ctx.get_help() if e.ctx is not None else "kg --help")
        sys.exit(0)
    except _click.exceptions.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "kg"
        message = " ".join(e.format_message().split())
        err(f"kg: usage error: {printable(message)} (see `{where} --help`)")
        sys.exit(2)
    except Exit as e:
        sys.exit(e.exit_code)
    except Abort:
        err("kg: aborted")
        sys.exit(130)
    except _click.exceptions.ClickException as e:
        err(f"kg: error: {' '.join(e.format_message().split())}")
        sys.exit(e.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


STORE_OPT = Opt(None, "--store", "-s", help="A kg store folder (from `kg build --store`) instead of a graph file.")
GRAPH_ARG = Arg(None, help="A graph file (graph.ttl ...); or use --store.")
