"""The bad-article policy: one article that cannot be published never stops the others.

An article is *refused* when Pelican cannot read it ("Could not process", "Skipping …"), when its
pages would take a site file's or another article's place, or when its explainer cannot be made
(extraction failed, a broken corrections file, a name too long for a file). Refusing is logging one
ERROR line naming the file, tagged with :data:`MARK`, and leaving the article out:

- plain ``pelican`` shows the line and publishes the rest, as Pelican itself does for an article it
  cannot read (``pelican --fatal errors`` makes it stop);
- :func:`.build.build_site` publishes the rest and ends with one summary line (exit status 2), or
  with ``strict`` (``explainer build --strict``, ``make publish``) refuses the whole build and keeps
  the previous site.

A refused article's previous explainer pages are not carried over: they describe a text that is no
longer the article's. The previous site keeps them until a build publishes without them.
"""
from __future__ import annotations

import logging
import os

from ..errors import InputError

logger = logging.getLogger(__name__)

MARK = "explainer_refused"  # the LogRecord attribute naming the refused article's file

# Pelican's own messages about an article it leaves out (``generators.py``, ``contents.py``)
_PELICAN_SKIPS = ("Could not process %s", "Skipping %s:")


def refuse(error: InputError | str, path) -> None:
    """Leave the article at ``path`` out of this build, saying why in one line."""
    line = error.line() if isinstance(error, InputError) else str(error)
    logger.error("%s", line, extra={MARK: str(path)})


def refused_file(record: logging.LogRecord, content_path: str = "") -> str | None:
    """The article file an ERROR record refuses, or None if the error is not about one article (then
    the build fails as a whole)."""
    marked = getattr(record, MARK, None)
    if marked:
        return marked
    if isinstance(record.msg, str) and record.msg.startswith(_PELICAN_SKIPS) and record.args:
        path = str(record.args[0])
        if content_path and not os.path.isabs(path):
            path = os.path.normpath(os.path.join(content_path, path))
        return path
    return None


_PUBLISHED = "article(s) refused, the others published: "


def summary(refused: dict[str, list[str]]) -> str:
    """One line for all refused articles: how many, then each file's problems."""
    problems = "; ".join(dict.fromkeys(line for lines in refused.values() for line in lines))
    return f"{len(refused)} {_PUBLISHED}{problems}"


def is_summary(line: str) -> bool:
    """Whether an ``explainer build`` error line is :func:`summary`'s (the site was published)."""
    return _PUBLISHED in line
