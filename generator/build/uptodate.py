"""Is the live site already what this build would make? Then the build has nothing to do.

A rebuild with nothing changed used to run Pelican over every article, hard-link every unchanged
explainer's ~19 files into a staging folder, rescan it for the search index, swap, and delete the old
site's files: ~3× plain Pelican's own rebuild in CPU, nearly all of it to produce the same bytes. The
site is a function of its inputs, so :func:`stamp` fingerprints them cheaply (file metadata, not
contents; no model loaded) before each build; a build whose stamp equals the one recorded with the live site
(taken before that site's build, so an edit made while it ran still counts) stops there (:mod:`.atomic`):

* every setting (as read, after the environment's overrides) and the build's own options (search, strict);
* every file under the content folder ``PATH``, the theme and the site's plugin folders (``PLUGIN_PATHS``):
  path, size, modification time, inode;
* the package's own files (code, language data, locale catalogues, the bundled model), the model's files
  when it lives elsewhere (the extraction cache's ``model_digest``), and the installed distributions'
  names and versions (Pelican, its plugins, spaCy);
* the live site itself: its folder's identity (inode and mtime, as the render manifest uses) and every
  file in it (path, size, mtime, inode), so a site replaced, or a page deleted or edited, is built again.

Anything uncertain builds: no stamp recorded, a stamp that cannot be computed, or Pelican's
``WITH_FUTURE_DATES = False`` (an article dated in the future is published when its time comes, with
no input changing). Articles refused by the recorded build are refused again (same exit status);
warnings are not repeated. The record (the inputs' stamp from before the build, the live site's
fingerprint from after the swap) is written only after the swap, next to the render manifests.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from ..extraction.cache import model_digest
from ..files import write_atomically
from ..site import render_cache
from ..site.settings import FROM_ENVIRONMENT, setting

FORMAT = 2
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Settings that name this build's own folders, not what the site contains.
_OWN_FOLDERS = {"OUTPUT_PATH", "EXPLAINER_PREVIOUS_OUTPUT", "CACHE_PATH"}


def _tree(root, digest) -> None:
    """Path, size, mtime and inode of every file under ``root`` (no contents read)."""
    root = os.path.abspath(root)
    if not os.path.isdir(root):
        digest.update(f"missing:{root}\x00".encode())
        return
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            st = os.stat(path)
            digest.update(f"{os.path.relpath(path, root)}\x00{st.st_size}\x00{st.st_mtime_ns}\x00{st.st_ino}\x01"
                          .encode("utf-8", "surrogateescape"))


def _distributions() -> list[str]:
    """The installed distributions (``name-version.dist-info`` folder names) on ``sys.path``."""
    found = set()
    for entry in sys.path:
        try:
            found.update(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(found)


def stamp(settings: dict, search: bool, strict: bool) -> str | None:
    """The fingerprint of everything a site is made from, or None: build anyway.

    Taken *before* a build runs and recorded with its result: an input edited while Pelican runs
    (an editor saving during a preview build) then differs from the recorded stamp, and the next
    build runs. A stamp taken after the swap would already include that edit and skip it."""
    if not settings.get("WITH_FUTURE_DATES", True):
        return None
    try:
        digest = hashlib.sha256(f"format={FORMAT}\x00search={search}\x00strict={strict}\x00".encode())
        digest.update(render_cache.settings_text(settings, _OWN_FOLDERS).encode("utf-8"))
        digest.update(json.dumps({name: os.environ.get(name) for name in FROM_ENVIRONMENT}, sort_keys=True).encode())
        digest.update("\x00".join(_distributions()).encode())
        model = str(setting(settings, "EXPLAINER_SPACY_MODEL"))
        if model not in ("default", "rules"):  # the bundled model's files are under PACKAGE_DIR
            digest.update(model_digest(model).encode())
        # the content, the theme, a site's own plugins (PLUGIN_PATHS: Pelican made them absolute), our package
        for root in (settings.get("PATH"), settings.get("THEME"), *(settings.get("PLUGIN_PATHS") or ()),
                     PACKAGE_DIR):
            _tree(root or "", digest)
    except (OSError, ValueError, TypeError):
        return None
    return digest.hexdigest()


def _live(output: Path) -> str | None:
    """The fingerprint of the live site itself (its folder's identity and every file in it)."""
    try:
        digest = hashlib.sha256(json.dumps(render_cache._identity(output)).encode())
        _tree(output, digest)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _path(cache_folder, output: Path) -> Path:
    name = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:16]
    return Path(cache_folder) / f"site-stamp-{name}.stamp"  # JSON; not *.json: not an extraction entry


def recorded(cache_folder, output: Path, current: str | None) -> dict[str, list[str]] | None:
    """The refused articles of the build that made the live site, if it was built from inputs with
    the stamp ``current`` and the site is still as that build left it; else None."""
    if current is None or not Path(output).is_dir():
        return None
    try:
        data = json.loads(_path(cache_folder, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(data, dict) or data.get("format") != FORMAT or data.get("stamp") != current
            or not isinstance(data.get("refused"), dict)):
        return None
    live = _live(output)
    if live is None or data.get("site") != live:
        return None
    return data["refused"]


def record(cache_folder, output: Path, current: str | None, refused: dict[str, list[str]]) -> None:
    """After the swap: the inputs' stamp taken before the build, and the site now live."""
    forget(cache_folder, output)
    live = _live(output)
    if current is None or live is None:
        return
    try:
        write_atomically(_path(cache_folder, output), json.dumps(
            {"format": FORMAT, "stamp": current, "site": live, "refused": refused}, sort_keys=True).encode("utf-8"))
    except OSError:
        pass  # the next build simply builds


def forget(cache_folder, output: Path) -> None:
    """No stamp for ``output`` (before a build changes it: a crash must not leave a stale one)."""
    try:
        _path(cache_folder, output).unlink()
    except OSError:
        pass
