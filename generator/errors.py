"""User-facing errors: one line that names the file, the field and what to do."""
from __future__ import annotations


class ExplainerError(Exception):
    """Base class for errors the user can fix; the CLI prints them without a traceback."""


class InputError(ExplainerError):
    """An article (or its corrections file) that cannot be used as it is."""

    def __init__(self, path, problem: str, field: str | None = None, fix: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.field = field
        self.fix = fix
        super().__init__(self.line())

    def line(self) -> str:
        where = f"{self.path}: {self.field}: " if self.field else f"{self.path}: "
        tail = f" ({self.fix})" if self.fix else ""
        return f"{where}{self.problem}{tail}"


class ConfigurationError(ExplainerError):
    """A setting (pelicanconf.py, CLI flag or environment) names something that is not there."""
