"""Checks made before anything is written: no article may replace the site's own files, and no
file name may be longer than file systems allow.

The site's own files are the direct templates' pages (``index.html`` …), the theme's static folder,
the search index (``pagefind/``), the dossiers (``dossiers/``), the explainer's CSS and the feeds.
An article whose ``Save_as:``, ``URL:`` or ``Slug:`` would put a page there is refused with one
line naming the file and the field, before extraction (so a long slug fails in a second, not after
the whole extraction with ``ENAMETOOLONG`` naming a staging path).
"""
from __future__ import annotations

import os
import posixpath

from ..errors import InputError
from .settings import setting

NAME_MAX = 255  # bytes in one file name (ext4, xfs, btrfs, APFS, NTFS in UTF-16 units)
PATH_MAX = 4096 - 512  # bytes of a whole path below the output folder, with room for the folder itself


def reserved(settings: dict) -> tuple[set[str], set[str]]:
    """(files, folders) the site writes itself, relative to the output folder."""
    files, folders = set(), {"pagefind", "dossiers"}
    for template in settings.get("DIRECT_TEMPLATES", ["index"]):
        name = settings.get(f"{str(template).upper()}_SAVE_AS", f"{template}.html")
        if name:
            files.add(posixpath.normpath(name))
    folders.add(str(settings.get("THEME_STATIC_DIR") or "theme").strip("/"))
    static = setting(settings, "EXPLAINER_STATIC_SAVE_AS")
    if static:
        folders.add(str(static).strip("/").split("/")[0])
    for name, value in settings.items():  # FEED_ALL_ATOM, CATEGORY_FEED_RSS, TRANSLATION_FEED_ATOM …
        if "FEED" in name and name.endswith(("_ATOM", "_RSS")) and isinstance(value, str) and value:
            if "/" in value.strip("/"):
                folders.add(value.strip("/").split("/")[0])
            elif "{" not in value:
                files.add(posixpath.normpath(value))
    folders.discard("")
    return files, folders


def _field(article) -> str:
    metadata = getattr(article, "metadata", {}) or {}
    if metadata.get("save_as"):
        return "Save_as"
    if metadata.get("url"):
        return "URL"
    return "Slug"


def check_target(article, name: str, site: tuple[set[str], set[str]], field: str | None = None) -> None:
    """Refuse ``name`` (a file an article writes) if it is one of the site's files or folders, or too long."""
    if not name:
        return
    files, folders = site
    path = posixpath.normpath(name.replace(os.sep, "/")).lstrip("/")
    field = field or _field(article)
    if path in files or path.split("/")[0] in folders:
        taken = path if path in files else path.split("/")[0] + "/"
        raise InputError(article.source_path, f"{name!r} would replace the site's own {taken}", field=field,
                         fix="choose another slug or Save_as")
    too_long = [part for part in path.split("/") if len(part.encode("utf-8")) > NAME_MAX]
    if too_long or len(path.encode("utf-8")) > PATH_MAX:
        size = len(too_long[0].encode("utf-8")) if too_long else len(path.encode("utf-8"))
        limit = NAME_MAX if too_long else PATH_MAX
        raise InputError(article.source_path, f"too long for a file name ({size} bytes; at most {limit})",
                         field=field, fix="shorten it")


def refuse_taken(article, name: str, owner) -> None:
    """``name``, a file of ``article``'s explainer, is another article's page."""
    raise InputError(article.source_path, f"its explainer's {name!r} would replace the page of "
                     f"{getattr(owner, 'source_path', owner)}", field=_field(article),
                     fix="choose another slug or URL")


_WRITTEN = "explainer_written"  # context key: save_as -> the item writing it, across both generators


def drop_unsafe(generator, names: tuple[str, ...]) -> None:
    """Pelican's own pages in ``generator``'s lists ``names`` (articles or pages, translations, hidden
    ones) that would take a site file's place, have a name too long, or share their file with
    another item: refused (:mod:`.refusals`) and removed before Pelican lists or writes them. Items
    of one generator sharing a file are all refused (so no file order decides); a page taking an
    article's file is refused, the article (read first, already listed) kept. Runs at
    ``article_generator_pretaxonomy`` and ``page_generator_finalized``."""
    from . import refusals

    site = reserved(generator.settings)
    earlier = generator.context.setdefault(_WRITTEN, {})  # the earlier generator's files
    here: dict[str, object] = {}
    bad: dict[int, object] = {}

    def drop(item, error: InputError) -> None:
        if id(item) not in bad:
            refusals.refuse(error, item.source_path)
            bad[id(item)] = item

    for name in names:
        for item in getattr(generator, name, []):
            target = getattr(item, "save_as", "") or ""
            try:
                check_target(item, target, site)
            except InputError as err:
                drop(item, err)
                continue
            if not target:
                continue
            target = posixpath.normpath(target)
            owner = earlier.get(target) or here.setdefault(target, item)
            if owner is not item:
                for one, other in ((item, owner), (owner, item)):
                    if one is item or target in here:
                        drop(one, InputError(one.source_path, f"its page {target!r} is also {other.source_path}'s",
                                             field=_field(one), fix="give one of them another slug or Save_as"))
    for name in names:
        items = getattr(generator, name, [])
        items[:] = [item for item in items if id(item) not in bad]
        for item in items:
            translations = getattr(item, "translations", None)
            if isinstance(translations, list):
                translations[:] = [other for other in translations if id(other) not in bad]
    earlier.update((target, item) for target, item in here.items() if id(item) not in bad)


def check_dossier(article, dossier_slug: str) -> None:
    """A ``Dossier:`` value becomes the folder ``dossiers/<slug>/``: refuse one too long for a name."""
    if len(dossier_slug.encode("utf-8")) > NAME_MAX:
        raise InputError(article.source_path, f"too long for a file name ({len(dossier_slug.encode())} bytes; "
                         f"at most {NAME_MAX})", field="Dossier", fix="shorten it")
