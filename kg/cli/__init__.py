"""kg's command line: ``kg build``, ``kg query``, ``kg viz``, ``kg eval``, ``kg validate``,
``kg stats``, ``kg remove``, ``kg export``, ``kg serve``, ``kg report``, ``kg fetch``, ``kg train``. One module per command.

Results go to stdout; logs, progress and summaries go to stderr. Any :class:`kg.errors.KgError`
becomes exit code 1 with one line on stderr.
"""
from kg.cli._app import app, main
from kg.cli import build, eval, export, fetch, query, remove, report, serve, stats, train, validate, viz  # noqa: F401,E402  (registers the commands)

__all__ = ["app", "main"]
