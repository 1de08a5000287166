"""The Pelican generator for explainers, in Pelican's two phases.

``generate_context`` reads each article, extracts it (through the cache) and attaches the template data
to the article as ``article.explainer``; ``generate_output`` writes the explainer's pages and data
files. Nothing is written in the first phase and nothing is computed in the second.
"""
from __future__ import annotations

import json
import logging
import os
import pickle
from pathlib import Path

from pelican.generators import Generator

from ..cache import ExtractionCache, cache_key, pipeline_version
from ..corrections import correct, export_json
from ..errors import InputError
from ..extraction import configured_processes, extract_many
from ..reading import SLUG_PATTERN, read_article
from . import i18n, prefetch, render_cache
from .timelinejs import timelinejs
from .views import PAGES, LazyExplainer

logger = logging.getLogger(__name__)

last_counts: dict[str, int] = {}  # the last build's {"extracted": n, "cached": m} (tests, logs)
PARALLEL_RENDER_THRESHOLD = 50  # fewer explainers to render than this: one process

DEFAULTS = {
    "EXPLAINER_SPACY_MODEL": "default",
    "EXPLAINER_CACHE_PATH": ".cache/explainer",
    "EXPLAINER_UI_LANG": "nl",
    "EXPLAINER_STRICT_CORRECTIONS": False,
}


def setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def _source_for(article):
    """Our reading of the article file, with Pelican's metadata as the authority for the site."""
    source = read_article(article.source_path)
    if not SLUG_PATTERN.match(article.slug or ""):
        raise InputError(article.source_path, f"invalid slug {article.slug!r}", field="Slug",
                         fix="use lowercase letters, digits and hyphens only")
    source.meta.slug = article.slug
    source.meta.title = article.title
    source.meta.lang = getattr(article, "lang", source.meta.lang)
    date = getattr(article, "date", None)
    source.meta.date = date.date() if date else source.meta.date
    return source


def strict_corrections(settings: dict) -> bool:
    """Stale corrections are errors when the setting or EXPLAINER_STRICT_CORRECTIONS=1 (``--strict``) says so."""
    env = os.environ.get("EXPLAINER_STRICT_CORRECTIONS", "").strip().lower()
    if env:
        return env not in ("0", "false", "no", "off")
    return bool(setting(settings, "EXPLAINER_STRICT_CORRECTIONS"))


def extract_articles(articles, settings: dict) -> list[tuple[object, str]]:
    """(extraction, cache key) for each Pelican article, reusing cached extractions; the pipeline
    loads only if something must be extracted. The key identifies the extraction's content."""
    seen: dict[str, str] = {}
    sources = []
    for article in articles:
        source = _source_for(article)
        if source.meta.slug in seen:
            raise InputError(article.source_path, f"slug {source.meta.slug!r} is already used by "
                             f"{seen[source.meta.slug]}", field="Slug", fix="give each article its own Slug")
        seen[source.meta.slug] = article.source_path
        sources.append(source)
    model = os.environ.get("EXPLAINER_SPACY_MODEL") or setting(settings, "EXPLAINER_SPACY_MODEL")
    prefetched = prefetch.wait()  # the forked child may be writing the entries this build needs
    cache = ExtractionCache(setting(settings, "EXPLAINER_CACHE_PATH"))
    results: dict[int, object] = {}
    missing: list[tuple[int, str]] = []
    by_lang: dict[str, list[int]] = {}
    for index, source in enumerate(sources):
        by_lang.setdefault(source.meta.lang, []).append(index)
    for lang, indexes in sorted(by_lang.items()):
        version = pipeline_version(model, lang)  # cheap, memoised: the pipeline loads only for misses
        todo = []
        for index in indexes:
            key = cache_key(sources[index], version)
            cached = cache.get(key)
            if cached is not None:
                cached.article = sources[index].meta
                results[index] = (cached, key)
            else:
                todo.append((index, key))
        if todo:
            from ..nlp import load_pipeline  # spaCy loads only when something must be extracted

            nlp = load_pipeline(model, lang)
            extractions = extract_many([sources[i] for i, _ in todo], nlp, model=model, lang=lang)
            for (index, key), extraction in zip(todo, extractions):
                cache.put(key, extraction)
                results[index] = (extraction, key)
        missing.extend(todo)
    # articles the prefetching child extracted during this build count as extracted, not cached
    extracted = len(missing) + sum(1 for _, key in results.values() if key in prefetched)
    last_counts.update(extracted=extracted, cached=len(sources) - extracted)
    if sources:
        logger.info("explainer: extracted %d article(s), %d from cache", extracted, len(sources) - extracted)
    return [results[i] for i in range(len(sources))]


class ExplainerGenerator(Generator):
    """Writes every article's explainer: its overview (Pelican's article page, see
    :func:`.plugin.hand_overviews_to_explainer`), timeline, actors, quotes, annotated article, method."""

    def generate_context(self):
        articles = list(self.context.get("articles", []))
        locale = setting(self.settings, "EXPLAINER_UI_LANG")
        siteurl = None if self.settings.get("RELATIVE_URLS") else self.settings.get("SITEURL", "")
        strict = strict_corrections(self.settings)
        self.explainers = []
        self.extraction_keys: dict[int, str] = {}
        for article, (extraction, key) in zip(articles, extract_articles(articles, self.settings)):
            for warning in extraction.warnings:
                logger.warning("%s: %s", article.source_path, warning)
            # the editors' x.explainer.yaml, applied to a copy (the cache keeps the raw extraction)
            corrected = correct(extraction, article.source_path, strict=strict)
            for warning in corrected.warnings:
                logger.warning("%s", warning)
            article.explainer = LazyExplainer(corrected.extraction, locale, siteurl=siteurl)
            article.explainer.corrections = corrected
            self.extraction_keys[id(article.explainer)] = key
            self.explainers.append(article.explainer)
        self.context["explainers"] = self.explainers

    def generate_output(self, writer):
        """Every explainer's pages and data files; an unchanged article's files are reused from the
        live site when :func:`.build.build_site` names it (``EXPLAINER_PREVIOUS_OUTPUT``, see
        :mod:`.render_cache`), so they come out byte-identical without being rendered again."""
        i18n.install(self.env, setting(self.settings, "EXPLAINER_UI_LANG"))
        relative = self.settings.get("RELATIVE_URLS", False)
        previous = self.settings.get("EXPLAINER_PREVIOUS_OUTPUT")
        if not previous or os.path.abspath(previous) == os.path.abspath(self.output_path):
            previous = None  # Pelican run directly (in place): render everything, as before
        else:
            previous = Path(previous)
        cache_folder = setting(self.settings, "EXPLAINER_CACHE_PATH")
        site = render_cache.site_fingerprint(self.settings) if previous else ""
        entries = render_cache.load(cache_folder, previous) if previous and previous.is_dir() else {}
        staging = Path(self.output_path)
        move = self.settings.get("EXPLAINER_REUSE") == "move"
        article_of = {id(getattr(a, "explainer", None)): a for a in self.context["articles"]}
        manifest: dict[str, dict] = {}
        jobs = []
        for explainer in self.explainers:
            article = article_of[id(explainer)]
            key = (render_cache.render_key(site, article, self.extraction_keys[id(explainer)],
                                           explainer.corrections) if previous else "")
            entry = entries.get(article.slug)
            if entry and entry.get("key") == key and render_cache.reuse(entry, article.slug, previous, staging, move):
                manifest[article.slug] = {"key": key, "files": entry["files"]}
            else:
                manifest[article.slug] = {"key": key, "files": None}
                jobs.append((article, explainer))
        for slug, files in self._render_all(writer, jobs, relative):
            manifest[slug]["files"] = files
        reused = len(self.explainers) - len(jobs)
        render_cache.last_counts.update(rendered=len(jobs), reused=reused)
        if previous:
            render_cache.save_pending(cache_folder, previous, manifest)
            logger.info("explainer: rendered the pages of %d explainer(s), reused %d",
                        len(self.explainers) - reused, reused)

    def _render_all(self, writer, jobs: list, relative: bool) -> list[tuple[str, list[str]]]:
        """Render every (article, explainer) job; (slug, files) for each, in order.

        From :data:`PARALLEL_RENDER_THRESHOLD` jobs on, with more than one process allowed
        (``EXPLAINER_PROCESSES``, default: the usable cores), the jobs are shared with forked
        children: each renders its share with the same templates and writer into the same staging
        folder and sends back its file lists (rendering is most of a full build once extraction is
        fast). The pages are the same whoever writes them; only Pelican's ``content_written`` signal
        is not seen by this process for the children's pages (no plugin of this project listens)."""
        processes = min(configured_processes(), len(jobs) // PARALLEL_RENDER_THRESHOLD + 1)
        if processes < 2 or not hasattr(os, "fork"):
            return [(article.slug, self._render(writer, article, explainer, relative)) for article, explainer in jobs]
        shares = [jobs[i::processes] for i in range(processes)]  # interleaved: similar sizes
        children = []
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: render, report, leave without running the parent's exit code
                os.close(read_end)
                try:
                    result = {"done": [(a.slug, self._render(writer, a, e, relative)) for a, e in share]}
                except BaseException as err:  # noqa: BLE001 - reported to the parent, which fails the build
                    result = {"error": f"{type(err).__name__}: {err}"}
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(result, out)
                os._exit(0)
            os.close(write_end)
            children.append((pid, read_end))
        done = [(a.slug, self._render(writer, a, e, relative)) for a, e in shares[0]]
        errors = []
        for pid, read_end in children:
            try:
                with os.fdopen(read_end, "rb") as handle:
                    result = pickle.load(handle)
            except (OSError, EOFError, pickle.UnpicklingError) as err:
                result = {"error": f"a rendering process ended without its result ({err})"}
            os.waitpid(pid, 0)
            if "error" in result:
                errors.append(result["error"])
            else:
                done.extend(result["done"])
        if errors:
            raise RuntimeError(f"rendering explainer pages failed: {errors[0]}")
        order = {article.slug: i for i, (article, _) in enumerate(jobs)}
        return sorted(done, key=lambda item: order[item[0]])

    def _render(self, writer, article, explainer, relative: bool) -> list[str]:
        """Write one explainer's files; returns their paths (relative to the output folder)."""
        # the overview first, exactly as Pelican's ArticlesGenerator would have written it
        files = [article.save_as]
        writer.write_file(article.save_as, self.get_template(article.template), self.context,
                          article=article, category=getattr(article, "category", None),
                          override_output=hasattr(article, "override_save_as"), url=article.url, blog=True,
                          relative_urls=relative)
        base = {"article": article, "explainer": explainer}
        for page in PAGES:
            files.append(explainer.urls.save_as(page))
            writer.write_file(files[-1], self.get_template(f"explainer_{page}"), self.context,
                              relative_urls=relative, page_name=page, url=explainer.urls.page(page), **base)
        template = self.get_template("explainer_actor")
        for view in explainer.actors:
            files.append(explainer.urls.actor_save_as(view.actor.id))
            writer.write_file(files[-1], template, self.context,
                              relative_urls=relative, page_name="actor", actor=view, url=view.url, **base)
        files.append(explainer.urls.data("explainer.json"))
        self._write_text(files[-1], json.dumps(export_json(explainer.corrections), ensure_ascii=False, indent=2) + "\n")
        files.append(explainer.urls.data("timeline.json"))
        self._write_json(files[-1], timelinejs(explainer.extraction, explainer.locale))
        return files

    def _write_json(self, relative_path: str, data: dict) -> None:
        self._write_text(relative_path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")

    def _write_text(self, relative_path: str, text: str) -> None:
        path = os.path.join(self.output_path, relative_path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
