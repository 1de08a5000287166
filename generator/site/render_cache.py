"""Reusing the rendered pages of unchanged articles between builds.

Each article's explainer files (the overview ``<slug>/index.html``, ``<slug>/tijdlijn/index.html`` …,
``<slug>/<actors page>/<id>/index.html``, ``explainer.json``, ``timeline.json``) depend only on:

* the article's corrected extraction (its extraction cache key, which covers the text, metadata and
  pipeline version, plus the corrections file) and the Pelican metadata the templates print (title,
  date, lang, url, metadata …);
* what the pages show of other articles: the dossier link (the dossier's slug, title and size);
* the site: a fingerprint of the theme folder, of ``generator/`` code and locale catalogues (the
  site layer and the modules it renders from), of Pelican/Jinja versions and of the settings.

:func:`render_key` hashes all of that. A manifest per output folder (in ``EXPLAINER_CACHE_PATH``,
``render-manifest-<hash of the output path>.manifest``, JSON) maps each slug to its key and the
files written for it. On a rebuild (:mod:`.build` passes the live site as
``EXPLAINER_PREVIOUS_OUTPUT``), an article whose key is unchanged and whose previous files all exist
is not rendered. Its files are already in staging, or come from the live site:

* **the spare** (:func:`adopt_spare`): the site *before* the live one is not deleted after a swap
  but kept in the cache folder (``site-spare-<hash of the output path>/``, same file system as the
  output, so it moves by rename) with the manifest it had when it was live. The next build renames
  it into place as its staging folder, deletes everything in it but the files of explainers the
  manifest lists (:func:`_prune`), then (:meth:`.RenderSession.plan`, before any page is written)
  keeps the explainers whose key is unchanged as they are and deletes the others' files. A
  rebuild that changes one article then neither creates ~16 folders and ~19 links per unchanged
  explainer in staging nor deletes them from the old site afterwards; at N = 1,000 those directory
  operations were most of a one-article rebuild's CPU. A build with no previous site (the first)
  seeds the spare with hard links of its explainers' files (:func:`seed_spare`), so its first
  rebuild is cheap too;
* **links**: an unchanged explainer that the spare does not hold (no spare, or it changed in the
  build before) has each file hard-linked (copied if linking fails) from the live site into
  staging; the live site is not touched.

Nothing is ever written into a file that staging shares with the live site: everything but the
kept explainers' files is deleted before Pelican writes, and a kept file is never written.
Anything else is rendered, and the result is byte-identical to a build from scratch.

The search index's unchanged shards (``pagefind/<n>/``, see :mod:`.search`) are moved in from the
live site the same way, one rename each, at the swap.

The manifest is trusted only for the very folder it was written for: it records the inode and mtime
of the output folder after the swap, and a different identity (another build swapped in, the folder
was replaced or changed at its top level) means it is ignored; so is any entry whose files are gone.
Pelican run directly (not through :func:`.build.build_site`) renders everything, as before. The new
manifest is kept in memory and only written once the new site is in place (:func:`commit_pending`),
so a failed build never leaves a manifest that describes a site that does not exist.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from functools import lru_cache
from pathlib import Path

from ..files import digest_tree, write_atomically

logger = logging.getLogger(__name__)

FORMAT = 3  # 3: entries keyed by the explainer's folder (its base), not the slug
SITE_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = SITE_DIR.parent
# Settings that do not change what an explainer page contains.
_IGNORED_SETTINGS = {"OUTPUT_PATH", "EXPLAINER_PREVIOUS_OUTPUT", "PATH", "EXPLAINER_CACHE_PATH",
                     "EXPLAINER_SPACY_MODEL", "EXPLAINER_STRICT_CORRECTIONS", "CACHE_PATH",
                     "DELETE_OUTPUT_DIRECTORY", "WRITE_SELECTED", "PLUGIN_PATHS", "PLUGINS",
                     "LOG_FILTER", "BIND", "PORT"}

_pending: list[tuple[Path, dict]] = []  # manifests written by this run's generator, not yet committed
_moves: list[tuple[Path, Path, str]] = []  # (live site, staging, folder) to move in at the swap
_adopted: dict[str, dict] = {}  # base -> manifest entry of the explainers the adopted spare holds (adopt_spare)
last_counts: dict[str, int] = {}  # the last generate_output's {"rendered": n, "reused": m} (tests, logs)


@lru_cache(maxsize=8)
def _code_fingerprint(theme: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(f"render-format={FORMAT}\x00".encode())
    for package in ("pelican", "jinja2", "markupsafe", "babel"):
        try:
            digest.update(f"{package}={version(package)}\x00".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?\x00".encode())
    digest_tree(Path(theme), digest)                   # templates and static files
    digest_tree(SITE_DIR, digest)                      # site code, locale catalogues
    digest_tree(PACKAGE_DIR / "templates", digest)     # the explainer's own templates …
    digest_tree(PACKAGE_DIR / "static", digest)        # … and its CSS
    digest_tree(PACKAGE_DIR, digest, {".py"}, top_only=True)  # errors, sanitise …
    digest_tree(PACKAGE_DIR / "extraction", digest, {".py"}, top_only=True)  # model, figures …
    for layer in ("editorial", "dossier", "formats", "build"):  # corrections, dossiers, dates …
        digest_tree(PACKAGE_DIR / layer, digest, {".py"})
    return digest.hexdigest()


def clear() -> None:
    """Forget the memoised code fingerprint (a long-lived process whose files changed)."""
    _code_fingerprint.cache_clear()


def begin(settings: dict) -> None:
    """A build starts: fingerprint the theme and code as they are now, before Pelican reads a
    template. Taken later, a template saved after Pelican loaded it would be in the key of pages
    rendered with the old one, and the next build would reuse them."""
    clear()
    _code_fingerprint(_theme(settings))


def _theme(settings: dict) -> str:
    return str(Path(settings.get("THEME", "")).resolve()) if settings.get("THEME") else ""


def _stable(value):
    """A JSON-able, run-independent stand-in for a settings value (no memory addresses)."""
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_stable(v)) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    if name:
        return f"{getattr(value, '__module__', '')}.{name}"
    text = repr(value)
    return text if " at 0x" not in text else type(value).__qualname__


def settings_text(settings: dict, ignored=frozenset()) -> str:
    """The settings as stable JSON text (for fingerprints), without the ``ignored`` names."""
    relevant = {k: _stable(v) for k, v in settings.items() if k.isupper() and k not in ignored}
    return json.dumps(relevant, sort_keys=True, ensure_ascii=False, default=str)


def site_fingerprint(settings: dict) -> str:
    """Theme, code and every setting that could change an explainer page."""
    text = settings_text(settings, _IGNORED_SETTINGS)
    return hashlib.sha256((_code_fingerprint(_theme(settings)) + "\x00" + text).encode("utf-8")).hexdigest()


def render_key(site: str, article, extraction_key: str, corrections=None) -> str:
    """The key of one article's files. ``extraction_key`` (the extraction cache's key: the article's
    text, metadata and the pipeline version) stands for the raw extraction and ``corrections`` (the
    :class:`~generator.editorial.corrections.Result` applied to it) for the editors' changes: hashing the
    corrections file itself is much cheaper than serialising every corrected extraction again."""
    dossier = getattr(article, "dossier_view", None)
    meta = {
        "slug": article.slug, "title": article.title, "lang": getattr(article, "lang", None),
        "date": article.date.isoformat() if getattr(article, "date", None) else None,
        "url": article.url, "save_as": article.save_as, "template": getattr(article, "template", None),
        "metadata": _stable(getattr(article, "metadata", {})),
        "dossier": [dossier.slug, dossier.title, len(dossier.articles), dossier.urls.overview] if dossier else None,
    }
    path = getattr(corrections, "path", None)
    try:
        edits = hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else "none"
    except OSError:
        edits = "unreadable"  # never matches a previous key: render
    applied = [a.to_json() for a in getattr(corrections, "applied", [])] if corrections else []
    parts = [site, json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str), extraction_key, edits,
             json.dumps(applied, sort_keys=True, ensure_ascii=False, default=str)]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def manifest_path(cache_folder, output: Path) -> Path:
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
    return Path(cache_folder) / f"render-manifest-{name}.manifest"  # JSON; not *.json: not an extraction entry


def _identity(folder: Path) -> list[int]:
    """The output folder's inode and mtime: a different folder (another build swapped in, a copy,
    an edit at its top level) gets a different identity, and its manifest is not trusted."""
    st = os.stat(folder)
    return [st.st_ino, st.st_mtime_ns]


def load(cache_folder, previous: Path) -> dict:
    """The previous build's entries (slug → {"key", "files"}), or {} when they cannot be trusted."""
    path = manifest_path(cache_folder, previous)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or not isinstance(data.get("articles"), dict):
            return {}
        if data.get("output_identity") != _identity(previous):
            return {}
    except (OSError, ValueError):
        return {}
    return data["articles"]


def _safe(files) -> bool:
    return bool(files) and all(isinstance(f, str) and f and not f.startswith("/") and "\\" not in f
                               and ".." not in f.split("/") and "." not in f.split("/") for f in files)


def reusable(entry: dict | None, key: str, previous: Path) -> bool:
    """Whether a manifest entry serves this build: same key, and every file it names still exists."""
    if not entry or entry.get("key") != key:
        return False
    files = entry.get("files") or []
    return _safe(files) and all(os.path.isfile(previous / f) for f in files)


def link(previous, staging, name: str, folders: set[str] | None = None) -> bool:
    """Hard-link (or copy) one previous file into ``staging``; False if that failed.

    Called once per reused file (~19 per explainer, so ~19,000 times at N = 1,000 on a no-change
    rebuild): plain strings rather than pathlib objects, and ``folders`` (the folders already made
    in staging, kept by the caller across calls) saves a ``mkdir`` that would only fail with EEXIST."""
    source, target = os.path.join(previous, name), os.path.join(staging, name)
    parent = os.path.dirname(target)
    try:
        if folders is None or parent not in folders:
            os.makedirs(parent, exist_ok=True)
            if folders is not None:
                folders.add(parent)
        try:
            os.link(source, target)
        except FileExistsError:
            return False
        except OSError as err:
            if isinstance(err, FileNotFoundError):
                raise
            shutil.copyfile(source, target)  # another file system, or links not supported
    except OSError:
        return False
    return True


def plan_move(previous: Path, staging: Path, folder: str) -> None:
    """Bring ``folder`` (an unchanged search shard, ``pagefind/<n>``) in from the live site at the swap
    (:func:`move_planned`)."""
    _moves.append((previous, staging, folder))


def spare_path(cache_folder, output: Path) -> Path | None:
    """Where the site before the live one waits for the next build: in the local cache folder when
    that is on the output's file system (it moves by rename), else None (no spare)."""
    folder = Path(cache_folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.stat(folder).st_dev != os.stat(Path(output).resolve().parent).st_dev:
            return None
    except OSError:
        return None
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
    return folder / f"site-spare-{name}"


def _prune(root: Path, keep: set[str]) -> set[str]:
    """Delete everything under ``root`` but the files named in ``keep`` (relative paths); returns
    those of them that exist. A folder that holds none of them goes in one ``rmtree``, without
    looking at its files; a folder left empty is removed."""
    holders = {""}
    for name in keep:
        parts = name.split("/")[:-1]
        holders.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    found: set[str] = set()

    def walk(relative: str) -> bool:  # True when the folder still holds something
        path = os.path.join(root, relative)
        held = False
        with os.scandir(path) as entries:
            for entry in list(entries):
                name = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    if name in holders and walk(name):
                        held = True
                    else:
                        shutil.rmtree(entry.path)
                elif name in keep:
                    found.add(name)
                    held = True
                else:
                    os.unlink(entry.path)
        return held

    walk("")
    return found


def adopt_spare(cache_folder, output: Path, staging: Path) -> int:
    """Make the spare of ``output`` this build's ``staging`` folder (which must not exist), pruned to
    the explainers its manifest lists (they are :func:`adopted`); returns how many. A spare whose
    manifest is missing or describes another folder is deleted: staging then starts empty."""
    _adopted.clear()
    spare = spare_path(cache_folder, output)
    if spare is None or not spare.is_dir():
        return 0
    entries = load(cache_folder, spare)
    manifest_path(cache_folder, spare).unlink(missing_ok=True)  # it is about to describe nothing
    entries = {base: entry for base, entry in entries.items() if isinstance(entry, dict) and _safe(entry.get("files"))}
    try:
        if entries:
            os.rename(spare, staging)
            present = _prune(staging, {name for entry in entries.values() for name in entry["files"]})
    except OSError:
        entries = {}
    if not entries:
        shutil.rmtree(spare, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
        return 0
    _adopted.update({base: entry for base, entry in entries.items() if all(f in present for f in entry["files"])})
    return len(_adopted)


def adopted() -> dict[str, dict]:
    """The explainers the adopted spare holds in staging (base -> its manifest entry when it was live)."""
    return _adopted


def remove_files(staging: Path, files: list[str]) -> None:
    """Delete an adopted explainer's ``files`` from staging (it changed, or is gone), and the folders
    they leave empty."""
    folders = set()
    for name in files:
        try:
            os.unlink(os.path.join(staging, name))
        except FileNotFoundError:
            pass
        parent = os.path.dirname(name)
        while parent:
            folders.add(parent)
            parent = os.path.dirname(parent)
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        try:
            os.rmdir(os.path.join(staging, folder))
        except OSError:
            pass  # not empty: something else lives there


def keep_spare(cache_folder, old_site: Path, entries: dict, output: Path) -> None:
    """After the swap: the site that was live until now (at ``old_site``, with its manifest's
    ``entries``) becomes the spare of ``output``; without a spare location, or nothing in it to
    keep, it is deleted."""
    spare = spare_path(cache_folder, output) if entries else None
    if spare is not None:
        shutil.rmtree(spare, ignore_errors=True)
        try:
            os.rename(old_site, spare)
        except OSError:
            spare = None
    if spare is None:
        shutil.rmtree(old_site, ignore_errors=True)
        return
    _record_spare(cache_folder, spare, entries)


def _record_spare(cache_folder, spare: Path, entries: dict) -> None:
    """The spare's manifest: its explainers, trusted only while the folder keeps this identity."""
    _write(manifest_path(cache_folder, spare), {"format": FORMAT, "output": str(spare), "output_identity":
                                                _identity(spare), "articles": entries})


def seed_spare(cache_folder, output: Path, entries: dict) -> None:
    """After a build that had no previous site: a spare of hard links to its explainers' files, so the
    first rebuild finds them in place as every later one does (~2 % of a full build's CPU)."""
    spare = spare_path(cache_folder, output) if entries else None
    if spare is None:
        return
    shutil.rmtree(spare, ignore_errors=True)
    folders: set[str] = set()
    kept = {}
    for base, entry in entries.items():
        if _safe(entry.get("files")) and all(link(output, spare, name, folders) for name in entry["files"]):
            kept[base] = entry
    if kept:
        _record_spare(cache_folder, spare, kept)
    else:
        shutil.rmtree(spare, ignore_errors=True)


def save_pending(cache_folder, output: Path, articles: dict) -> None:
    """Keep the new manifest for ``output`` aside until :func:`commit_pending` (after the swap)."""
    path = manifest_path(cache_folder, output)
    _pending.append((path, {"format": FORMAT, "output": str(Path(output).resolve()), "output_identity": None,
                            "articles": articles}))


def _write(path: Path, data: dict) -> None:
    try:
        write_atomically(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except OSError as err:  # the next build renders everything again, nothing worse
        logger.warning("explainer: could not write the render manifest %s (%s)", path, err)


def commit_pending(output: Path) -> None:
    """The new site is in place at ``output``: its manifests become the ones the next build trusts."""
    identity = _identity(Path(output))
    while _pending:
        path, data = _pending.pop(0)
        data["output_identity"] = identity
        _write(path, data)


def move_planned() -> int:
    """Move the planned folders from the live site into staging, one rename each, just before the
    swap. The live site lacks them only between this call and the swap (a crash there is healed by
    the next build, which indexes those shards again). Returns the moves made."""
    count = 0
    while _moves:
        previous, staging, folder = _moves.pop(0)
        source, target = previous / folder, staging / folder
        if target.exists() or not source.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(source, target)
        except OSError:
            shutil.copytree(source, target, dirs_exist_ok=True)
        count += 1
    return count


def pending_entries() -> dict:
    """The explainers of the manifest this build will commit (base -> entry), {} if none."""
    return dict(_pending[-1][1]["articles"]) if _pending else {}


def discard_pending() -> None:
    _pending.clear()
    _moves.clear()
    _adopted.clear()
