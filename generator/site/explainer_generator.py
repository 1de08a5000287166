"""The Pelican generator for explainers, in Pelican's two phases.

``generate_context`` chooses the articles that get an explainer (:func:`.articles.choose`), extracts
each from what Pelican read (:func:`.articles.source_of`, through the cache) and attaches the template
data to the article as ``article.explainer``; ``generate_output`` writes the explainer's pages through
the writer Pelican gives it, and its data files. Nothing is written in the first phase and nothing is
computed in the second. The article's own page is Pelican's: with ``EXPLAINER_OVERVIEW = "article"``
the theme's ``article.html`` renders it as the overview, else the explainer writes an overview page
and the article's content links to it.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican.generators import Generator

from ..editorial.corrections import correct, export_json
from ..dossier.dossiers import dossier_slug
from ..errors import InputError
from . import articles as reading, guard, i18n, refusals, render_cache
from .settings import extractor as settings_extractor, local_cache_folder, setting
from .share import SHARE_IMAGE, card_key, card_png, explainer_card, site_card
from ..formats.timelinejs import timelinejs
from .views import EMBED_PAGE, PAGES, ArticlePage, LazyActor, LazyExplainer, urls_for
from .writer import SESSION, write_data_file, write_json

logger = logging.getLogger(__name__)

last_counts: dict[str, int] = {}  # the last build's {"extracted": n, "cached": m} (tests, logs)


def strict_corrections(settings: dict) -> bool:
    """Stale corrections are errors when the setting or EXPLAINER_STRICT_CORRECTIONS=1 (``--strict``) says so."""
    return bool(setting(settings, "EXPLAINER_STRICT_CORRECTIONS"))


def extract_sources(sources: list, settings: dict) -> list[tuple[object, str] | None]:
    """(extraction, cache key) for each article source, through the extraction service (cache, local
    processes or Dask); the pipeline loads only if something must be extracted. An article that
    cannot be extracted is None, and refused (:mod:`.refusals`) naming the file."""
    extractor = settings_extractor(settings)
    results = extractor.run(sources)
    counts = extractor.counts
    last_counts.clear()
    last_counts.update(extracted=counts["extracted"], cached=counts["cached"])
    if sources:
        logger.info("explainer: extracted %d article(s), %d from cache", counts["extracted"], counts["cached"])
    for item in results:
        if item.error is not None:
            refusals.refuse(item.line(), item.source.meta.source_path)
    return [None if item.error is not None else (item.extraction, item.key) for item in results]


class _Overview:
    """Stands in ``context["generated_content"]`` for an explainer's overview, so the article's
    content can link to it with Pelican's own ``{filename}`` syntax (relative or absolute URLs, in
    the article page, index pages and feeds alike)."""

    def __init__(self, url: str):
        self.url = url


def _candidates(context: dict) -> list:
    """The site's articles and their translations (each translation is a page of its own)."""
    seen, found = set(), []
    for article in context.get("articles", []):
        for item in [article, *getattr(article, "translations", [])]:
            if id(item) not in seen:
                seen.add(id(item))
                found.append(item)
    return found


class RenderSession:
    """This build's reuse of unchanged explainers' files (see :mod:`.render_cache`): which of the
    files it is asked to write can come from the previous build instead. Decided on first use, when
    every generator has its context (the render key includes the dossier an article belongs to)."""

    def __init__(self, settings: dict, output_path: str):
        previous = settings.get("EXPLAINER_PREVIOUS_OUTPUT")
        if previous and os.path.abspath(previous) == os.path.abspath(output_path):
            previous = None  # Pelican run in place: nothing to reuse from
        self.previous = Path(previous) if previous else None
        self.staging = Path(output_path)
        self.settings = settings
        self.cache_folder = local_cache_folder(settings)
        self.items: list[tuple[object, object, str]] = []  # (article, explainer, extraction key)
        self._reusable: dict[str, str] | None = None  # file -> base of an explainer that is reused
        self.manifest: dict[str, dict] = {}
        self._cards: dict[str, str] = {}  # base -> the card key of its share image in the previous build
        self.kept: set[str] = set()  # bases whose files the adopted spare already holds in staging
        self.folders: set[str] = set()  # folders already made in staging (render_cache.link)

    def files_of(self, explainer) -> list[str]:
        """Every file one explainer writes, in writing order."""
        urls = explainer.urls
        files = [urls.overview_save_as()] + [urls.save_as(page) for page in PAGES]
        files += [urls.actor_save_as(actor.id) for actor in explainer.extraction.actors]
        files.append(urls.save_as(EMBED_PAGE))
        return files + [urls.data("explainer.json"), urls.data("timeline.json"), urls.data(SHARE_IMAGE)]

    def plan(self) -> dict[str, str]:
        """Decide, once, where each explainer's files come from: kept in staging (the adopted spare
        holds them with the same key), linked from the live site, or rendered. Run when every
        generator has its context and before anything is written (``all_generators_finalized``):
        the spare's files that are not kept are deleted here, so no page is ever written into a
        file staging shares with the live site."""
        if self._reusable is not None:
            return self._reusable
        self._reusable = {}
        if self.previous is None:
            return self._reusable
        spare = dict(render_cache.adopted())
        site = render_cache.site_fingerprint(self.settings)
        entries = render_cache.load(self.cache_folder, self.previous) if self.previous.is_dir() else {}
        for article, explainer, extraction_key in self.items:
            key = render_cache.render_key(site, article, extraction_key, explainer.corrections)
            base = explainer.urls.base
            files = self.files_of(explainer)
            held = spare.pop(base, None)
            if held and held.get("key") == key and held.get("files") == files:
                self.kept.add(base)
                self.manifest[base] = {"key": key, "files": files, "reused": True, "card": held.get("card")}
                self._reusable.update((name, base) for name in files)
                continue
            if held:
                render_cache.remove_files(self.staging, held["files"])
            entry = entries.get(base)
            card = entry.get("card") if entry else None
            if entry and entry.get("files") == files and render_cache.reusable(entry, key, self.previous):
                self.manifest[base] = {"key": key, "files": files, "reused": True, "card": card}
                self._reusable.update((name, base) for name in files)
            else:
                self.manifest[base] = {"key": key, "files": files, "reused": False, "card": None}
                previous_files = entry.get("files") if entry else None
                if isinstance(card, str) and isinstance(previous_files, list) \
                        and explainer.urls.data(SHARE_IMAGE) in previous_files:  # its image, by the same name
                    self._cards[base] = card
        for held in spare.values():  # explainers no longer in the site, or at another URL
            render_cache.remove_files(self.staging, held["files"])
        return self._reusable

    def reuse(self, name: str) -> bool:
        """Bring file ``name`` over from the previous build if its explainer is unchanged (nothing
        to do when the adopted spare already holds it)."""
        base = self.plan().get(name)
        if base is None:
            return False
        return base in self.kept or render_cache.link(self.previous, self.staging, name, self.folders)

    def reuse_card(self, name: str, base: str, card: str) -> bool:
        """Bring share image ``name`` of a re-rendered explainer over from the previous build if its
        card is the same (:func:`.share.card_key`); the new manifest records the card either way."""
        if self.previous is None:
            return False
        self.plan()
        self.manifest[base]["card"] = card
        return self._cards.get(base) == card and render_cache.link(self.previous, self.staging, name, self.folders)

    def finish(self) -> None:
        reused = sum(1 for entry in self.manifest.values() if entry["reused"])
        render_cache.last_counts.update(rendered=len(self.items) - reused, reused=reused)
        if self.previous is not None:
            articles = {base: {"key": e["key"], "files": e["files"], "card": e["card"]}
                        for base, e in self.manifest.items()}
            render_cache.save_pending(self.cache_folder, self.previous, articles)
            logger.info("explainer: rendered the pages of %d explainer(s), reused %d",
                        len(self.items) - reused, reused)


class ExplainerGenerator(Generator):
    """Chooses, extracts and writes the explainers (see the module's docstring)."""

    def generate_context(self):
        candidates = _candidates(self.context)
        # Pelican's own pages were checked when read (plugin.refuse_unsafe_*); an explainer's files
        # may take neither a site file's place nor another article's page. An article whose
        # explainer cannot be made is refused (:mod:`.refusals`): the others are still published.
        written = [*candidates, *self.context.get("hidden_articles", []),
                   *self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        site = guard.reserved(self.settings)
        owners = {getattr(item, "save_as", "") or "": item for item in written}
        chosen = reading.choose(candidates, self.settings)
        sources, kept = [], []
        for article in chosen:
            dossier = reading.plain(getattr(article, "dossier", None) or (article.metadata or {}).get("dossier"))
            try:
                if dossier:
                    guard.check_dossier(article, dossier_slug(dossier))
                source = reading.source_of(article)
            except InputError as err:
                refusals.refuse(err, article.source_path)
                continue
            if not source.text.strip():
                logger.warning("explainer: %s: no article text left once code, tables and footnotes "
                               "are left out; no explainer", article.source_path)
                continue
            sources.append(source)
            kept.append(article)
        locale = setting(self.settings, "EXPLAINER_UI_LANG")
        siteurl = None if self.settings.get("RELATIVE_URLS") else self.settings.get("SITEURL", "")
        strict = strict_corrections(self.settings)
        link = (setting(self.settings, "EXPLAINER_OVERVIEW") == "page"
                and setting(self.settings, "EXPLAINER_ARTICLE_LINK"))
        self.session = RenderSession(self.settings, self.output_path)
        self.context[SESSION] = self.session
        self.explainers = []
        for article, extracted in zip(kept, extract_sources(sources, self.settings)):
            if extracted is None:
                continue
            extraction, key = extracted
            for warning in extraction.warnings:
                logger.warning("%s: %s", article.source_path, warning)
            try:
                # the editors' x.explainer.yaml, applied to a copy (the cache keeps the raw extraction)
                corrected = correct(extraction, article.source_path, strict=strict)
                urls = urls_for(article, self.settings)
                self._check_files(article, urls, corrected.extraction, site, owners)
            except InputError as err:
                refusals.refuse(err, article.source_path)
                continue
            for warning in corrected.warnings:
                logger.warning("%s", warning)
            article.explainer = LazyExplainer(corrected.extraction, locale, siteurl=siteurl, urls=urls)
            article.explainer.corrections = corrected
            article.explainer_url = urls.overview
            if link:
                self._link_article(article, urls.overview)
            self.session.items.append((article, article.explainer, key))
            self.explainers.append(article.explainer)
        self.context["explainers"] = self.explainers

    @staticmethod
    def _check_files(article, urls, extraction, site, owners: dict) -> None:
        """The explainer's own files: not the site's, not another article's page, not too long."""
        files = [urls.overview_save_as(), *(urls.save_as(page) for page in PAGES),
                 *(urls.actor_save_as(actor.id) for actor in extraction.actors),
                 urls.data("explainer.json"), urls.data("timeline.json")]
        for name in files:
            guard.check_target(article, name, site)
            owner = owners.get(name)
            if owner is not None and owner is not article:
                guard.refuse_taken(article, name, owner)

    def _link_article(self, article, overview_url: str) -> None:
        """Append a link to the explainer to the article's content (so it shows in any theme)."""
        from markupsafe import escape

        key = f"{article.relative_source_path}.explainer"  # no such file: only this link finds it
        self.context.setdefault("generated_content", {})[key] = _Overview(overview_url)
        label = i18n.translations_for(setting(self.settings, "EXPLAINER_UI_LANG")).gettext(
            "Explainer: timeline, actors and quotes")
        article._content = (article._content or "") + (
            f'\n<p class="explainer-link"><a href="{{filename}}/{key}">{escape(label)}</a></p>')
        # Pelican memoises each article's content per site URL; a plugin may have asked already
        cache = getattr(article.get_content, "cache", {})
        for memo in [k for k in cache if k and k[0] is article]:
            del cache[memo]

    def generate_output(self, writer):
        """Every explainer's pages and data files; the files of an unchanged explainer come from the
        previous build (:class:`RenderSession`, through the writer) when :func:`.build.build_site`
        names it, byte-identical without being rendered again."""
        i18n.install(self.env, setting(self.settings, "EXPLAINER_UI_LANG"))
        self._copy_static()
        relative = self.settings.get("RELATIVE_URLS", False)
        page_mode = setting(self.settings, "EXPLAINER_OVERVIEW") == "page"
        for article, explainer, _ in self.session.items:
            self._render(writer, article, explainer, relative, page_mode)
        self.session.finish()
        if self.explainers:  # the site index's og:image (the index itself is Pelican's page)
            locale = setting(self.settings, "EXPLAINER_UI_LANG")
            write_data_file(self.output_path, SHARE_IMAGE, site_card(
                self.settings.get("SITENAME", ""), self.explainers, len(self.context.get("dossiers") or []),
                i18n.translations_for(locale).ngettext, self.session.cache_folder))

    def _copy_static(self) -> None:
        """The explainer's CSS, for themes other than the bundled one (whose base.html links its own)."""
        from pelican.utils import copy

        target = setting(self.settings, "EXPLAINER_STATIC_SAVE_AS")
        if target:
            source = Path(__file__).resolve().parent.parent / "static"
            copy(str(source), os.path.join(self.output_path, target))

    def _write(self, writer, name, template, article, url, **kwargs) -> None:
        writer.write_file(name, self.get_template(template), self.context, url=url,
                          article=ArticlePage(article, url, name), **kwargs)

    def _render(self, writer, article, explainer, relative: bool, page_mode: bool) -> None:
        """Write one explainer's files (through ``writer``, which may reuse them)."""
        urls = explainer.urls
        base = {"article": article, "explainer": explainer, "relative_urls": relative}  # article: see ArticlePage
        if page_mode:
            self._write(writer, urls.overview_save_as(), "explainer_overview", page_name="overview",
                        url=urls.overview, **base)
        for page in PAGES:
            self._write(writer, urls.save_as(page), f"explainer_{page}", page_name=page, url=urls.page(page), **base)
        for view in explainer.extraction.actors:  # LazyActor: a reused page does not build the explainer
            self._write(writer, urls.actor_save_as(view.id), "explainer_actor", page_name="actor",
                        actor=LazyActor(explainer, view.id), url=urls.actor(view.id), **base)
        self._write(writer, urls.save_as(EMBED_PAGE), "explainer_embed", page_name="embed", url=urls.embed(),
                    **base)
        data = urls.data("explainer.json")
        if not self.session.reuse(data):
            write_json(self.output_path, data, export_json(explainer.corrections))
        data = urls.data("timeline.json")
        if not self.session.reuse(data):
            write_json(self.output_path, data, timelinejs(explainer.extraction, explainer.locale))
        image = urls.data(SHARE_IMAGE)
        if not self.session.reuse(image):
            card = explainer_card(explainer, self.settings.get("SITENAME", ""),
                                  i18n.translations_for(explainer.locale).ngettext)
            if not self.session.reuse_card(image, urls.base, card_key(card)):
                write_data_file(self.output_path, image, card_png(card))

