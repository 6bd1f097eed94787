"""The typer app, shared option types and error handling."""
from __future__ import annotations

import functools
import sys

import typer

from kg import __version__
from kg.errors import KgError

__all__ = ["app", "main", "Arg", "Opt", "reports_errors", "err", "open_source", "STORE_OPT", "GRAPH_ARG"]



app = typer.Typer(
    name="kg",
    help="Build knowledge graphs from Chinese policy and financial news: extract agencies, places, "
         "enterprises, initiatives, people and figures; export RDF/Turtle; query with SPARQL; view as HTML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
Arg = typer.Argument
Opt = typer.Option


def err(message: str) -> None:
    """Write a line to stderr (never stdout, which carries data)."""
    print(message, file=sys.stderr)


def reports_errors(func):
    """Turn KgError into exit code 1 and one readable line on stderr."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KgError as e:
            err(f"kg: error: {e}")
            raise typer.Exit(1)
    return wrapper


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
        err(f"kg: usage error: {message} (see `{where} --help`)")
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
