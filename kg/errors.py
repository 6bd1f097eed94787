"""Named errors. The CLI turns any KgError into exit code 1 and one line on stderr."""

__all__ = ["KgError", "InputError", "QueryError", "GraphFileError", "BaseIriError", "Interrupted", "SchedulerError"]


class KgError(Exception):
    """Base class of every error kg reports to the user."""


class InputError(KgError):
    """An input path or file that cannot be read as an article."""


class NothingBuilt(InputError):
    """No input yielded a document; ``skipped`` lists why, file by file."""

    def __init__(self, message: str, skipped: list = ()):
        super().__init__(message)
        self.skipped = list(skipped)


class QueryError(KgError):
    """A SPARQL query that cannot be found, parsed or run."""


class GraphFileError(KgError):
    """A graph file that does not exist or does not parse."""


class BaseIriError(KgError):
    """A base IRI kg cannot mint IRIs under (not absolute, not ending in ``/`` or ``#``, or not an IRI)."""


class SchedulerError(KgError):
    """A Dask scheduler (``kg build --dask``) that cannot be reached."""


class Interrupted(KgError):
    """A build stopped by Ctrl-C; the message says what was kept and how to go on. Exit status 130."""

    exit_code = 130
