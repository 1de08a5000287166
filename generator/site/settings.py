"""Every ``EXPLAINER_*`` setting with its default, in one place (as Pelican's ``DEFAULT_CONFIG``).

:func:`apply` runs once per build, at Pelican's ``initialized`` signal: it fills in the defaults,
turns deprecated names into their ``EXPLAINER_`` names (with a warning) and resolves relative paths
against the settings file, as Pelican does for ``PATH`` or ``CACHE_PATH``. Code reads
``settings["EXPLAINER_…"]`` afterwards; :func:`setting` also works on a settings dict that never
went through Pelican (tests, the CLI).
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# The pages of an explainer (templates explainer_<page>.html; a dossier has timeline, actors and quotes)
# and the setting that names each one's URL segment, the {page} of EXPLAINER_URL/EXPLAINER_SAVE_AS.
PAGE_SETTINGS = {page: f"EXPLAINER_{page.upper()}_PAGE"
                 for page in ("overview", "timeline", "actors", "quotes", "article", "method", "embed")}


def _dutch_segments() -> dict[str, str]:
    """Today's URL segments ("tijdlijn", "actoren", …), from the Dutch display data."""
    from ..extraction.language import display_data

    return display_data("nl")["page_segments"]


DEFAULTS: dict[str, object] = {
    # the spaCy pipeline: "default" (the bundled one), "rules" (no statistical model) or an installed
    # pipeline's name or path; the environment variable of the same name overrides it
    "EXPLAINER_SPACY_MODEL": "default",
    # extraction cache and render manifests (relative: against the settings file). May be an fsspec
    # URL ("s3://bucket/explainer", needs the `dask` extra and s3fs) shared by a Dask cluster; the
    # render manifests, which describe the local output folder, then stay in .cache/explainer
    "EXPLAINER_CACHE_PATH": ".cache/explainer",
    # language of the explainer's own labels ("nl" or "en")
    "EXPLAINER_UI_LANG": "nl",
    # stale corrections (content/x.explainer.yaml) are errors, not warnings
    "EXPLAINER_STRICT_CORRECTIONS": False,
    # which articles get an explainer: "supported" (every article in a language the extraction has
    # data for, see supported_languages()), "opt-in" (only those with the metadata `Explainer: yes`),
    # or a list of language codes; an article's `Explainer: yes|no` overrides the first and last
    "EXPLAINER_ARTICLES": "supported",
    # where the article's page is its explainer's overview: "article" (the theme's article.html
    # renders `article.explainer`, as the bundled theme does) or "page" (the explainer writes its own
    # overview page and the article gets a link to it: any theme)
    "EXPLAINER_OVERVIEW": "page",
    # Explainer page URLs, in Pelican's *_URL/*_SAVE_AS style. Fields: {base} (the article's folder,
    # derived from its URL: "2024/05/my-post/" for "2024/05/my-post.html" or ".../my-post/"),
    # {page} (a page's segment, below: "tijdlijn", "actoren", "actoren/<actor id>", "overzicht" …), {slug},
    # {lang}, {date} (a datetime: {date:%Y}). Data files (explainer.json, timeline.json) go to {base}.
    "EXPLAINER_URL": "{base}{page}/",
    "EXPLAINER_SAVE_AS": "{base}{page}/index.html",
    "EXPLAINER_DATA_SAVE_AS": "{base}{name}",
    # The URL segment ({page}) of each page, for an explainer and a dossier alike: EXPLAINER_OVERVIEW_PAGE
    # (the overview when EXPLAINER_OVERVIEW is "page"), EXPLAINER_TIMELINE_PAGE, EXPLAINER_ACTORS_PAGE
    # (an actor's page is below it: "actoren/<actor id>"), EXPLAINER_QUOTES_PAGE, EXPLAINER_ARTICLE_PAGE
    # (the annotated article), EXPLAINER_METHOD_PAGE, EXPLAINER_EMBED_PAGE (the timeline for other sites'
    # <iframe>). Defaults: the Dutch segments of generator/data/nl/display.json, whatever EXPLAINER_UI_LANG
    # is, so a site's URLs never move when its labels change language ("timeline", "actors", … for English).
    **{name: _dutch_segments()[page] for page, name in PAGE_SETTINGS.items()},
    # with EXPLAINER_OVERVIEW = "page": append a link to the explainer to the article's content, so
    # the article page links to its explainer in any theme (themes can print article.explainer_url)
    "EXPLAINER_ARTICLE_LINK": True,
    # where the explainer's CSS is copied to (relative to the output folder)
    "EXPLAINER_STATIC_SAVE_AS": "explainer-static",
    # Markdown would turn wire-copy quotes ``…'' into code spans; the reader keeps them as text
    "EXPLAINER_WIRE_QUOTES": True,
    # dossier slug -> title (else the Dossier: value, prettified)
    "EXPLAINER_DOSSIER_TITLES": {},
    # processes for extraction and rendering; None: the usable cores. The environment variable of
    # the same name overrides it.
    "EXPLAINER_PROCESSES": None,
    # where readers report errors: an e-mail address ("redactie@example.org") or a URL (a form);
    # shown in every explainer's footer and on its method page. "" shows no address.
    "EXPLAINER_CONTACT": "",
    # a Dask scheduler ("tcp://host:8786", or "local[:WORKERS]" for a cluster on this machine) to
    # extract on instead of local processes (the `dask` extra; docs/scaling.md); the environment
    # variable of the same name overrides it
    "EXPLAINER_SCHEDULER": None,
}

# old name -> new name (still read, with a warning)
DEPRECATED = {"DOSSIER_TITLES": "EXPLAINER_DOSSIER_TITLES"}

# settings the environment may override (``EXPLAINER_SPACY_MODEL=rules make html``)
FROM_ENVIRONMENT = ("EXPLAINER_SPACY_MODEL", "EXPLAINER_PROCESSES", "EXPLAINER_STRICT_CORRECTIONS",
                    "EXPLAINER_SCHEDULER")


def page_segments(settings: dict) -> dict[str, str]:
    """{page: its URL segment} under these settings (see :data:`PAGE_SETTINGS`)."""
    return {page: setting(settings, name) for page, name in PAGE_SETTINGS.items()}


def setting(settings: dict, name: str):
    """A setting's value: the environment's (for the few in :data:`FROM_ENVIRONMENT`), the
    settings', else the default."""
    if name in FROM_ENVIRONMENT:
        value = os.environ.get(name, "").strip()
        if value:
            if name == "EXPLAINER_STRICT_CORRECTIONS":
                return value.lower() not in ("0", "false", "no", "off")
            return value
    if name in settings:
        return settings[name]
    for old, new in DEPRECATED.items():
        if new == name and old in settings:
            return settings[old]
    return DEFAULTS[name]




def _settings_folder(settings: dict) -> Path | None:
    """The folder of the settings file Pelican read, if it can be found: Pelican loads it as a
    module (``pelican.settings.load_source``) whose resolved ``PATH`` is the one in ``settings``."""
    path = settings.get("PATH")
    if not path:
        return None
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        value = getattr(module, "PATH", None)
        if not file or not isinstance(value, str) or getattr(module, "__package__", None):
            continue
        folder = Path(file).resolve().parent
        if os.path.abspath(os.path.join(folder, value)) == os.path.abspath(path) and (
                "EXPLAINER_CACHE_PATH" in vars(module) or "PLUGINS" in vars(module)):
            return folder
    return None


def _is_url(location) -> bool:
    from ..extraction.cache import is_url

    return is_url(location)


def local_cache_folder(settings: dict) -> str:
    """Where the render manifests go: ``EXPLAINER_CACHE_PATH`` when it is a local folder, else the
    default folder next to the settings file (a manifest describes this machine's output folder)."""
    cache = setting(settings, "EXPLAINER_CACHE_PATH")
    if not _is_url(cache):
        return str(cache).removeprefix("file://")
    default = str(DEFAULTS["EXPLAINER_CACHE_PATH"])
    folder = _settings_folder(settings)
    return os.path.normpath(os.path.join(folder, default)) if folder is not None else default


def apply(settings: dict) -> dict:
    """Fill in the defaults, rename deprecated settings, resolve relative paths (in place)."""
    for old, new in DEPRECATED.items():
        if old in settings:
            logger.warning("explainer: the setting %s is deprecated; call it %s", old, new)
            settings.setdefault(new, settings.pop(old))
    for name, value in DEFAULTS.items():
        if name not in settings:
            settings[name] = value.copy() if isinstance(value, (dict, list)) else value
    cache = settings["EXPLAINER_CACHE_PATH"]
    if cache and not os.path.isabs(cache) and not _is_url(cache):
        folder = _settings_folder(settings)
        if folder is not None:
            settings["EXPLAINER_CACHE_PATH"] = os.path.normpath(os.path.join(folder, cache))
    if settings["EXPLAINER_OVERVIEW"] not in ("article", "page"):
        from ..errors import ConfigurationError

        raise ConfigurationError(f"EXPLAINER_OVERVIEW: expected 'article' or 'page', got "
                                 f"{settings['EXPLAINER_OVERVIEW']!r}")
    return settings


def extractor(settings: dict, **kwargs):
    """The extraction service a site build uses: ``EXPLAINER_SPACY_MODEL``, ``EXPLAINER_CACHE_PATH``,
    ``EXPLAINER_PROCESSES`` and ``EXPLAINER_SCHEDULER`` (each overridable from the environment). Here,
    not in the service, so the extraction layer never reads a site's settings."""
    from ..extraction.service import Extractor

    return Extractor(model=setting(settings, "EXPLAINER_SPACY_MODEL"), cache=setting(settings, "EXPLAINER_CACHE_PATH"),
                     processes=setting(settings, "EXPLAINER_PROCESSES"),
                     scheduler=setting(settings, "EXPLAINER_SCHEDULER"), **kwargs)
