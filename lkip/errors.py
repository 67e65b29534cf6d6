"""The one error hierarchy of lkip, each kind mapped to a process exit code.

Library code raises these; the CLI turns one into a single stderr line and its
exit code. Errors from other libraries are translated inside the adapter that
calls them, chained with ``from``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ``lkip`` command."""

    OK = 0
    FILES_FAILED = 1  # the batch ran, but at least one file failed
    USAGE = 2
    BAD_INPUT = 3
    PARSE = 4
    SCHEMA = 5
    CONFIG = 6
    MISSING_DEPENDENCY = 7
    BUSY = 8
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM
    SOFTWARE = 70


class LkipError(Exception):
    """Base class of every error lkip raises on purpose.

    Attributes:
        exit_code: The exit code the CLI returns for this error.
    """

    exit_code: ExitCode = ExitCode.SOFTWARE


class UsageError(LkipError):
    """An option has a value that cannot work (e.g. an output folder that does not exist)."""

    exit_code = ExitCode.USAGE


class BadInputError(LkipError):
    """An input file cannot be used: missing, empty, corrupt, encrypted, wrong type."""

    exit_code = ExitCode.BAD_INPUT


class ParseError(LkipError):
    """An input was read but its content could not be understood."""

    exit_code = ExitCode.PARSE


class SchemaError(LkipError):
    """The database cannot be used: not lkip's, another schema version, unreadable, or not writable."""

    exit_code = ExitCode.SCHEMA


class ConfigError(LkipError):
    """A setting, option or catalogue file is invalid."""

    exit_code = ExitCode.CONFIG


class MissingDependencyError(LkipError):
    """An optional dependency (Tesseract, Ray, ...) is needed but not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class DatabaseBusyError(LkipError):
    """The DuckDB file is held by another process."""

    exit_code = ExitCode.BUSY


class TerminatedError(LkipError):
    """The process was asked to stop (SIGTERM); the report being written was finished or rolled back."""

    exit_code = ExitCode.TERMINATED


class FileTimeoutError(LkipError):
    """Extraction of one file exceeded the per-file time limit."""

    exit_code = ExitCode.PARSE
