"""Where the article's title names an actor: the people a headline names are what the story is about,
so the site ranks them first among the main actors (``Actor.headline_position``).

The title is not part of the Doc's text; it reaches the pipeline as ``doc._.title``.
"""
from __future__ import annotations

import re

from ...model import Actor

_WORD = re.compile(r"\w[\w\-.]*\w|\w")  # "D.C.", "Noord-Korea" stay one word


def title_words(text: str) -> list[str]:
    """The words of a title or a name, case-folded, as the headline match compares them."""
    return _WORD.findall(text.casefold())


def headline_position(actor: Actor, title: str) -> int | None:
    """Where ``title`` names the actor (its name, an alias, a person's surname), in words from its
    start; None when it does not."""
    words = title_words(title)
    names = [actor.name, *actor.aliases]
    if actor.kind == "person":
        names += [actor.name.split()[-1]]
    found = [i for name in names if (parts := title_words(name))
             for i in range(len(words) - len(parts) + 1) if words[i:i + len(parts)] == parts]
    return min(found) if found else None


def mark_headline(actors: list[Actor], title: str | None) -> list[Actor]:
    """Set each actor's ``headline_position`` in ``title`` (None: not named there); returns ``actors``."""
    for actor in actors:
        actor.headline_position = headline_position(actor, title or "")
    return actors
