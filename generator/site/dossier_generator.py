"""The Pelican generator for dossiers: the articles that share a ``Dossier:`` value, read together.

It runs after :class:`~.explainer_generator.ExplainerGenerator` (``plugin.add_generator`` returns it
second, and plugin generators' ``generate_context`` run in that order). ``generate_context`` groups the
articles' explainers by dossier, resolves actors across them (:mod:`generator.dossier.dossiers`), attaches
``article.dossier_view`` to each member article and sets ``context["dossiers"]``; ``generate_output``
writes ``dossiers/<slug>/`` (overview, timeline, actors, an actor's page, quotes, under the pages' URL
segments; timeline.json, dossier.json, share.png) and the list ``dossiers/``.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

from pelican.generators import Generator

from ..dossier.model import Dossier, DossierActor, DossierEvent, DossierQuote
from ..dossier.dossiers import build_dossiers, dossier_json
from ..dossier.timeline import dossier_timelinejs
from . import i18n
from .annotate import block_anchor
from ..formats.dates import format_period, format_value
from .settings import local_cache_folder, page_segments, setting
from .share import SHARE_IMAGE, dossier_card
from .views import KIND_ORDER, default_segments, is_shown_quote
from .writer import write_data_file, write_json

logger = logging.getLogger(__name__)

DOSSIER_PAGES = ("timeline", "actors", "quotes")  # template dossier_<page>.html each
_ID = re.compile(r'id="([^"]+)"')


@dataclass
class DossierUrls:
    """Where each page of one dossier lives (relative to the site root); ``segments``: page → URL segment,
    as for an explainer (the ``EXPLAINER_<PAGE>_PAGE`` settings)."""

    slug: str
    segments: dict = field(default_factory=default_segments)

    @property
    def overview(self) -> str:
        return f"dossiers/{self.slug}/"

    def page(self, name: str) -> str:
        return f"dossiers/{self.slug}/{self.segments[name]}/"

    def save_as(self, name: str | None = None) -> str:
        return f"dossiers/{self.slug}/{self.segments[name] + '/' if name else ''}index.html"

    def actor(self, actor_id: str) -> str:
        return f"dossiers/{self.slug}/{self.segments['actors']}/{actor_id}/"

    def actor_save_as(self, actor_id: str) -> str:
        return f"dossiers/{self.slug}/{self.segments['actors']}/{actor_id}/index.html"

    def data(self, name: str) -> str:
        return f"dossiers/{self.slug}/{name}"


@dataclass
class DossierActorView:
    actor: DossierActor
    url: str
    mentions_by_article: list[tuple[object, list[dict]]] = field(default_factory=list)  # (article, mentions)
    quotes: list[DossierQuote] = field(default_factory=list)
    timeline: list[DossierEvent] = field(default_factory=list)

    @property
    def articles(self) -> list:
        return [article for article, _ in self.mentions_by_article]


@dataclass
class DossierView:
    dossier: Dossier
    urls: DossierUrls
    articles: list  # Pelican articles, oldest first
    actors: list[DossierActorView]
    actors_by_id: dict[str, DossierActorView]
    actors_by_kind: list[tuple[str, list[DossierActorView]]]
    quotes_by_speaker: list[tuple[DossierActorView | None, list[DossierQuote]]]
    quotes: list[DossierQuote]  # what readers see as quotes (views.is_shown_quote)
    timeline: list[dict]
    recurring: list[DossierActorView]  # actors named in more than one article
    anchors: dict[str, set] = field(default_factory=dict)  # article slug → ids on its artikel page

    @property
    def slug(self) -> str:
        return self.dossier.slug

    @property
    def title(self) -> str:
        return self.dossier.title

    @property
    def url(self) -> str:
        return self.urls.overview

    def article(self, slug: str):
        return next((a for a in self.articles if a.slug == slug), None)

    def speaker(self, quote: DossierQuote) -> DossierActorView | None:
        return self.actors_by_id.get(quote.speaker) if quote.speaker else None

    def link(self, article: str, anchor: str, offset: int) -> str:
        """``<slug>/<article page>/#<anchor>``; the paragraph (``#p3``) when the annotated text left the mark out."""
        if anchor not in self.anchors.get(article, ()):
            extraction = next(e for e in self.dossier.extractions if e.article.slug == article)
            anchor = block_anchor(extraction, offset)
        page = self.article(article)
        folder = page.explainer.urls.page("article") if page is not None \
            else f"{article}/{self.urls.segments['article']}/"
        return f"{folder}#{anchor}"

    def quote_link(self, quote: DossierQuote) -> str:
        """The quote in its article's annotated text (``<slug>/<article page>/#q3``)."""
        return self.link(quote.article, quote.quote.id, quote.quote.start)

    def event_link(self, source: dict) -> str:
        return self.link(source["article"], source["id"], source["start"])


def _context(extraction, start: int, end: int) -> dict:
    sent_start, sent_end = next(((s, e) for s, e in extraction.sentences if s <= start and end <= e), (start, end))
    text = extraction.text
    return {"before": text[sent_start:start], "mention": text[start:end], "after": text[end:sent_end]}


def build_dossier_view(dossier: Dossier, articles: list, locale: str = "nl",
                       segments: dict | None = None) -> DossierView:
    """Template data for one dossier; ``articles`` are its Pelican articles (with ``.explainer``);
    ``segments``: the pages' URL segments (:func:`.settings.page_segments`; default: the defaults')."""
    urls = DossierUrls(dossier.slug, segments) if segments else DossierUrls(dossier.slug)
    by_slug = {a.slug: a for a in articles}
    ordered = [by_slug[slug] for slug in dossier.articles if slug in by_slug]
    extraction_of = {e.article.slug: e for e in dossier.extractions}
    views = [DossierActorView(actor=a, url=urls.actor(a.id)) for a in dossier.actors]
    anchors = {slug: set(_ID.findall("".join(str(b["html"]) for b in article.explainer.blocks)))
               for slug, article in by_slug.items() if getattr(article, "explainer", None)}
    by_id = {v.actor.id: v for v in views}
    for view in views:
        grouped: dict[str, list[dict]] = defaultdict(list)
        for mention in view.actor.mentions:
            extraction = extraction_of[mention.article]
            grouped[mention.article].append({
                **_context(extraction, mention.start, mention.end),
                "anchor": f"m-{mention.local_id}-{mention.index}",
                "article": mention.article,
                "start": mention.start,
            })
        view.mentions_by_article = [(by_slug[slug], grouped[slug]) for slug in dossier.articles
                                    if slug in grouped and slug in by_slug]
    speakers: dict[str | None, list[DossierQuote]] = defaultdict(list)
    shown = [quote for quote in dossier.quotes if is_shown_quote(quote.quote)]  # not unattributed subheads
    for quote in shown:
        if quote.speaker in by_id:
            by_id[quote.speaker].quotes.append(quote)
        speakers[quote.speaker if quote.speaker in by_id else None].append(quote)
    order = sorted((k for k in speakers if k), key=lambda k: (-len(speakers[k]), by_id[k].actor.name))
    quotes_by_speaker = [(by_id[k], speakers[k]) for k in order]
    if None in speakers:
        quotes_by_speaker.append((None, speakers[None]))
    rows = []
    for event in dossier.timeline:
        for actor_id in event.actors:
            if actor_id in by_id:
                by_id[actor_id].timeline.append(event)
        rows.append({
            "entry": event,
            "label": format_period(event.date, event.end_date, event.precision, locale),
            "start_label": format_value(event.date, event.precision, locale),
            "end_label": format_value(event.end_date, event.precision, locale) if event.end_date else "",
            "is_period": bool(event.end_date and event.end_date != event.date),
            "sources": [(by_slug.get(s["article"]), s) for s in event.sources],
        })
    ranked = sorted(views, key=lambda v: (-len(v.actor.articles), -len(v.actor.mentions), v.actor.name))
    by_kind = [(kind, [v for v in ranked if v.actor.kind == kind]) for kind in KIND_ORDER]
    result = DossierView(
        dossier=dossier, urls=urls, articles=ordered, actors=ranked, actors_by_id=by_id,
        actors_by_kind=[(kind, group) for kind, group in by_kind if group],
        quotes_by_speaker=quotes_by_speaker, quotes=shown, timeline=rows,
        recurring=[v for v in ranked if len(v.actor.articles) > 1], anchors=anchors,
    )
    for view in views:
        for _, mentions in view.mentions_by_article:
            for mention in mentions:
                mention["url"] = result.link(mention["article"], mention["anchor"], mention["start"])
    return result


def _dossier_value(article) -> str | None:
    value = getattr(article, "dossier", None) or getattr(article, "metadata", {}).get("dossier")
    if not value:
        explainer = getattr(article, "explainer", None)
        value = explainer.extraction.article.dossier if explainer else None
    return str(value).strip() if value and str(value).strip() else None


class DossierGenerator(Generator):
    """Writes one dossier per ``Dossier:`` value, from the explainers ExplainerGenerator attached."""

    def generate_context(self):
        locale = setting(self.settings, "EXPLAINER_UI_LANG")
        articles = [a for a in self.context.get("articles", []) if getattr(a, "explainer", None)]
        items = [(_dossier_value(a), a.explainer.extraction) for a in articles]
        dossiers = build_dossiers(items, setting(self.settings, "EXPLAINER_DOSSIER_TITLES") or {})
        by_slug = {a.slug: a for a in articles}
        self.dossiers = []
        for dossier in dossiers:
            for conflict in dossier.conflicts:
                names = ", ".join(f"{c['name']} ({c['article']})" for c in conflict["actors"])
                logger.warning("dossier %s: %s: %s", dossier.slug, conflict["message"], names)
            view = build_dossier_view(dossier, [by_slug[s] for s in dossier.articles if s in by_slug], locale,
                                      page_segments(self.settings))
            for article in view.articles:
                article.dossier_view = view
            self.dossiers.append(view)
        self.dossiers.sort(key=lambda v: v.title.lower())
        self.context["dossiers"] = self.dossiers

    def generate_output(self, writer):
        i18n.install(self.env, setting(self.settings, "EXPLAINER_UI_LANG"))
        relative = self.settings.get("RELATIVE_URLS", False)
        locale = setting(self.settings, "EXPLAINER_UI_LANG")
        if self.dossiers:
            writer.write_file("dossiers/index.html", self.get_template("dossier_list"), self.context,
                              relative_urls=relative, page_name="dossiers", url="dossiers/")
        for view in self.dossiers:
            base = {"dossier": view}
            writer.write_file(view.urls.save_as(), self.get_template("dossier_overview"), self.context,
                              relative_urls=relative, page_name="overview", url=view.urls.overview, **base)
            for page in DOSSIER_PAGES:
                writer.write_file(view.urls.save_as(page), self.get_template(f"dossier_{page}"), self.context,
                                  relative_urls=relative, page_name=page, url=view.urls.page(page), **base)
            template = self.get_template("dossier_actor")
            for actor in view.actors:
                writer.write_file(view.urls.actor_save_as(actor.actor.id), template, self.context,
                                  relative_urls=relative, page_name="actor", actor=actor, url=actor.url, **base)
            write_json(self.output_path, view.urls.data("dossier.json"), dossier_json(view.dossier))
            write_json(self.output_path, view.urls.data("timeline.json"), dossier_timelinejs(view.dossier, locale))
            write_data_file(self.output_path, view.urls.data(SHARE_IMAGE), dossier_card(
                view, self.settings.get("SITENAME", ""), i18n.translations_for(locale).ngettext,
                local_cache_folder(self.settings)))

