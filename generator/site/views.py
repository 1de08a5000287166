"""Template data for one explainer, computed once from its extraction (pure functions, no I/O).

URLs are relative to the site root; templates prefix them with ``SITEURL``.
"""
from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from ..extraction.language import display_data
from ..extraction.model import Actor, Extraction, KeyFigure, Quote, TimelineEntry
from . import jsonld, svg
from .annotate import annotated_blocks, block_anchor
from .settings import page_segments, setting
from ..formats.dates import format_period, format_publication_date, format_value, sort_key
from ..extraction.components.actors.headline import title_words
from ..extraction.components.figures.rank import shown_figures

# an explainer's pages besides its overview and actors' pages: template explainer_<page>.html each
PAGES = ("timeline", "actors", "quotes", "article", "method")
EMBED_PAGE = "embed"  # the timeline for other sites' <iframe> (no navigation, not in PAGES)

KIND_ORDER = ("person", "organisation", "country", "place", "group")
# how much a mention of each kind says about who the story is about (people and organisations act)
KIND_WEIGHT = {"person": 1.0, "organisation": 1.0, "country": 0.8, "place": 0.5, "group": 0.5}
MAIN_ACTORS = 5


def default_segments() -> dict[str, str]:
    """The pages' URL segments under the default settings (an explainer built outside a site)."""
    return page_segments({})


@dataclass
class ExplainerUrls:
    """Where each page of one explainer lives (relative to the site root), from the
    ``EXPLAINER_URL``/``EXPLAINER_SAVE_AS`` patterns and the pages' URL segments (``segments``: page →
    segment, the ``EXPLAINER_<PAGE>_PAGE`` settings; see :mod:`.settings`). ``base`` is the article's
    folder (derived from its URL, so articles that share a slug on different URLs do not collide);
    the overview is the article's own page (``overview_url``) or its own page (``overview_page``: True)."""

    slug: str
    base: str = ""
    fields: dict = field(default_factory=dict)
    segments: dict = field(default_factory=default_segments)
    url_pattern: str = "{base}{page}/"
    save_pattern: str = "{base}{page}/index.html"
    data_pattern: str = "{base}{name}"
    overview_url: str = ""
    overview_save: str = ""
    overview_page: bool = False

    def __post_init__(self):
        self.base = self.base or f"{self.slug}/"
        if self.overview_page:
            self.overview_url = self.page("overview")
            self.overview_save = self.save_as("overview")
        self.overview_url = self.overview_url or self.base
        self.overview_save = self.overview_save or f"{self.base}index.html"

    def _format(self, pattern: str, **values) -> str:
        return pattern.format(**{"slug": self.slug, **self.fields, "base": self.base, **values})

    @property
    def overview(self) -> str:
        return self.overview_url

    def overview_save_as(self) -> str:
        return self.overview_save

    def page(self, name: str) -> str:
        """The URL of page ``name`` ("timeline", "actors", … : :data:`PAGES`, "overview", "embed")."""
        return self._format(self.url_pattern, page=self.segments[name])

    def save_as(self, name: str) -> str:
        return self._format(self.save_pattern, page=self.segments[name])

    def actor(self, actor_id: str) -> str:
        return self._format(self.url_pattern, page=f"{self.segments['actors']}/{actor_id}")

    def embed(self) -> str:
        """The timeline page for other sites' ``<iframe>``."""
        return self.page(EMBED_PAGE)

    def actor_save_as(self, actor_id: str) -> str:
        return self._format(self.save_pattern, page=f"{self.segments['actors']}/{actor_id}")

    def data(self, name: str) -> str:
        return self._format(self.data_pattern, name=name)

    def relative(self, target: str, source: str) -> str:
        """``target``'s URL relative to the page at URL ``source`` (both site-relative)."""
        folder = source if source.endswith("/") or not source else posixpath.dirname(source)
        path = posixpath.relpath(target or ".", folder or ".")
        return path + "/" if target.endswith("/") and not path.endswith("/") else path


def article_base(url: str) -> str:
    """The folder an article's explainer lives in, from the article's URL: ``2024/05/post/`` for
    ``2024/05/post/``, ``2024/05/post/index.html`` or ``2024/05/post.html``."""
    url = (url or "").split("#")[0].split("?")[0]
    if url.endswith("/"):
        return url
    head, tail = posixpath.split(url)
    stem = tail.rsplit(".", 1)[0] if "." in tail else tail
    if stem == "index":
        return head + "/" if head else ""
    return posixpath.join(head, stem) + "/"


def urls_for(article, settings: dict) -> ExplainerUrls:
    """An article's explainer URLs under the site's settings."""
    page_mode = setting(settings, "EXPLAINER_OVERVIEW") == "page"
    fields = {"lang": getattr(article, "lang", "") or "", "date": getattr(article, "date", None)}
    return ExplainerUrls(
        slug=article.slug, base=article_base(article.url), fields=fields, segments=page_segments(settings),
        url_pattern=setting(settings, "EXPLAINER_URL"), save_pattern=setting(settings, "EXPLAINER_SAVE_AS"),
        data_pattern=setting(settings, "EXPLAINER_DATA_SAVE_AS"),
        overview_url="" if page_mode else article.url, overview_save="" if page_mode else article.save_as,
        overview_page=page_mode)


@dataclass
class ActorView:
    actor: Actor
    url: str
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    related: list[tuple["ActorView", int]] = field(default_factory=list)
    affiliation: "ActorView | str | None" = None
    salience: float = 0.0
    in_headline: int | None = None  # where the headline names the actor (word position)
    role: str = ""  # the role worth showing next to the name ("" for "ambtsgenoot": relative to whom?)

    @property
    def featured(self) -> int:
        return getattr(self.actor, "featured", 0) or 0


@dataclass
class Explainer:
    extraction: Extraction
    urls: ExplainerUrls
    locale: str
    actors: list[ActorView]
    actors_by_id: dict[str, ActorView]
    actors_by_kind: list[tuple[str, list[ActorView]]]
    quotes_by_speaker: list[tuple[ActorView | None, list[Quote]]]
    timeline: list[dict]
    blocks: list[dict]
    lead: str
    published: str
    quotes: list[Quote] = field(default_factory=list)  # what readers see as quotes (:func:`shown_quotes`)
    key_figures: list[KeyFigure] = field(default_factory=list)  # the ones the overview lists
    main_actors: list[ActorView] = field(default_factory=list)
    telling_quotes: list[Quote] = field(default_factory=list)
    network_edges: list[tuple["ActorView", "ActorView", int]] = field(default_factory=list)
    time_axis: Markup = Markup("")
    network_svg: Markup = Markup("")
    quote_bars: Markup = Markup("")
    anchors: frozenset[str] = frozenset()

    @property
    def article(self):
        return self.extraction.article

    def format_date(self, value) -> str:
        """A date (a ``date``, ``datetime`` or ISO text) as the UI writes it."""
        import datetime as dt

        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return value  # "2022-01": as the editors wrote it
        if isinstance(value, dt.datetime):
            value = value.date()
        return format_publication_date(value, self.locale)

    @property
    def date_span(self) -> tuple[dict, dict] | None:
        """The first and the last dated row of the timeline (what period the story covers)."""
        if not self.timeline:
            return None
        last = max(self.timeline, key=lambda r: sort_key(r["entry"].end_date or r["entry"].date))
        return self.timeline[0], last

    @property
    def whole_quotes(self) -> list[Quote]:
        """Quotes a reader can take as one (three words or more, not a headline); fragments apart."""
        return [q for q in self.quotes if not q.fragment]

    def speaker(self, quote: Quote) -> ActorView | None:
        return self.actors_by_id.get(quote.speaker) if quote.speaker else None

    def article_link(self, offset: int) -> str:
        return f"{self.urls.page('article')}#{block_anchor(self.extraction, offset)}"

    def anchor(self, anchor_id: str, offset: int) -> str:
        """``artikel/#q3`` when the annotated article has that anchor, else its paragraph's anchor.

        (A mark that would overlap another one is left out of the article, and so is its id.)
        """
        if anchor_id in self.anchors:
            return f"{self.urls.page('article')}#{anchor_id}"
        return self.article_link(offset)

    def jsonld(self, page: str, siteurl: str, actor: "ActorView | None" = None,
               source_url: str | None = None, metadata: dict | None = None) -> Markup:
        """The page's ``<script type="application/ld+json">`` (see :mod:`.jsonld`); ``metadata``
        (the article's) gives author, publisher and modification date."""
        return jsonld.for_page(self, page, siteurl or "", actor=actor, source_url=source_url, metadata=metadata)


OPENING, CLOSING = "“„«‘‚", "”»’"


def _context(text: str, sentences, start: int, end: int) -> dict:
    """The sentence around a mention, split so the template can highlight the mention; a quote mark
    whose partner lies in the next or previous sentence is left out (no stray ” at the end)."""
    sent_start, sent_end = next(((s, e) for s, e in sentences if s <= start and end <= e), (start, end))
    before, mention, after = text[sent_start:start], text[start:end], text[end:sent_end]
    whole = before + mention + after
    opened = sum(whole.count(c) for c in OPENING)
    closed = sum(whole.count(c) for c in CLOSING)
    if closed > opened and after.rstrip()[-1:] in CLOSING:
        after = after.rstrip()[:-1]
    if opened > closed and before.lstrip()[:1] in OPENING:
        before = before.lstrip()[1:]
    return {"before": before, "mention": mention, "after": after}


def _cooccurrence(extraction: Extraction) -> Counter:
    """How often two actors are mentioned in the same sentence (the actor network's edges)."""
    pairs: Counter = Counter()
    for sent_start, sent_end in extraction.sentences:
        present = sorted({a.id for a in extraction.actors
                          for s, e in a.mentions if sent_start <= s and e <= sent_end})
        for i, first in enumerate(present):
            for second in present[i + 1:]:
                pairs[(first, second)] += 1
    return pairs


def _timeline_rows(extraction: Extraction, locale: str) -> list[dict]:
    """The timeline page's rows; ``vague``: drawn as uncertain (the extraction's ``certain`` and
    ``vague``: an uncertain date, or one the text gives only roughly)."""
    rows = []
    for entry in sorted(extraction.timeline, key=lambda t: (sort_key(t.date), t.start)):
        rows.append({
            "vague": not entry.certain or entry.vague,
            "entry": entry,
            "label": format_period(entry.date, entry.end_date, entry.precision, locale),
            "start_label": format_value(entry.date, entry.precision, locale),
            "end_label": format_value(entry.end_date, entry.precision, locale) if entry.end_date else "",
            "is_period": bool(entry.end_date and entry.end_date != entry.date),
        })
    return rows


def is_shown_quote(quote: Quote) -> bool:
    """Whether readers see ``quote`` as a quote. A subhead in quote marks is an editor's heading that
    borrows someone's words; it is a quote only when the text says whose (the paragraph under it,
    "Naam: …"); unattributed, it stays a heading of the article."""
    return not (quote.headline and quote.speaker is None and not quote.speaker_label)


def shown_quotes(extraction: Extraction) -> list[Quote]:
    """The quotes readers see (:func:`is_shown_quote`), in the order of the text."""
    return sorted((q for q in extraction.quotes if is_shown_quote(q)), key=lambda q: q.start)


TELLING_WORDS = 5  # an overview quote says something on its own


def telling_quotes(extraction: Extraction, limit: int = 3) -> list[Quote]:
    """The overview's quotes: whole quotes (not fragments or headlines) of ``TELLING_WORDS`` or more,
    one per speaker in turn.

    Speakers with more quotes come first; each gives its longest quote of readable length first.
    """
    by_speaker: dict[str | None, list[Quote]] = defaultdict(list)
    for quote in extraction.quotes:
        if not quote.partial and not quote.headline and quote.words >= TELLING_WORDS:
            by_speaker[quote.speaker].append(quote)
    for quotes in by_speaker.values():
        quotes.sort(key=lambda q: (abs(len(q.text) - 160), q.start))
    order = sorted(by_speaker, key=lambda k: (k is None, -len(by_speaker[k]), k or ""))
    chosen: list[Quote] = []
    while len(chosen) < limit and any(by_speaker[k] for k in order):
        for key in order:
            if by_speaker[key] and len(chosen) < limit:
                chosen.append(by_speaker[key].pop(0))
    return chosen


def lead_of(extraction: Extraction) -> str:
    """The article's first paragraph: the overview's lead and the site index's teaser."""
    first = next((b for b in extraction.blocks if b.kind == "paragraph"), None)
    return extraction.text[first.start:first.end] if first else ""


def salience(view: "ActorView", extraction: Extraction, lead_end: int) -> float:
    """How central an actor is to the story: named in the headline (most), in the lead, each
    mention, each quote, weighted by kind (a person or organisation acts; "het Westen" is context)."""
    actor = view.actor
    score = len(actor.mentions) + 2 * len(view.quotes)
    score += 3 * sum(1 for s, _ in actor.mentions if s < lead_end)
    return score * KIND_WEIGHT.get(actor.kind, 0.5)


def _same_entity(first: Actor, second: Actor) -> bool:
    """Two actors the extraction did not merge but a reader takes for one ("Washington" and
    "Washington D.C.", "Blinken" and "Antony Blinken"): one name's words begin or end the other's."""
    places = {"place", "country"}
    if first.kind != second.kind and not {first.kind, second.kind} <= places:
        return False
    a, b = title_words(first.name), title_words(second.name)
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and (long[:len(short)] == short or long[-len(short):] == short)


def main_actors(views: list["ActorView"], limit: int = MAIN_ACTORS) -> list["ActorView"]:
    """The overview's actors: those editors featured (in their order), those the headline names (in
    its order: the story is about them), then by salience; an actor that reads as one already
    chosen is left out."""
    far = 10 ** 6
    ordered = sorted(views, key=lambda v: (not v.featured, v.featured,
                                           far if v.in_headline is None else v.in_headline,
                                           -v.salience, v.actor.name))
    chosen: list[ActorView] = []
    for view in ordered:
        if len(chosen) >= limit and not view.featured:
            break
        if not view.featured and any(_same_entity(view.actor, c.actor) for c in chosen):
            continue
        chosen.append(view)
    return chosen


def shown_role(actor: Actor, lang: str) -> str:
    """The first role that says something on its own ("president", not "ambtsgenoot")."""
    relational = set(display_data(lang).get("relational_roles", ()))
    return next((r for r in actor.roles if r.casefold() not in relational), "")


def _ui_gettext(locale: str):
    from .i18n import translations_for

    return translations_for(locale).gettext


NETWORK_SIZE = 14


def build_explainer(extraction: Extraction, locale: str = "nl", gettext=None,
                    siteurl: str | None = None, urls: ExplainerUrls | None = None) -> Explainer:
    """All template data for one explainer; ``gettext`` (UI language) labels the charts and
    ``siteurl`` makes the annotated article's links absolute (publish builds)."""
    gettext = gettext or _ui_gettext(locale)
    urls = urls or ExplainerUrls(extraction.article.slug)
    views = [ActorView(actor=a, url=urls.actor(a.id)) for a in extraction.actors]
    by_id = {v.actor.id: v for v in views}
    text = extraction.text

    def speaker_name(actor_id):
        return by_id[actor_id].actor.name if actor_id in by_id else ""

    if siteurl is None:  # relative to the annotated article page, <slug>/<article page>/
        def actor_href(actor):
            return urls.relative(urls.actor(actor.id), urls.page("article"))
    else:
        def actor_href(actor):
            return f"{siteurl}/{urls.actor(actor.id)}"
    quotes = shown_quotes(extraction)
    blocks = annotated_blocks(extraction, actor_href, speaker_name, quotes)
    anchors = frozenset(re.findall(r'\sid="([^"]+)"', "".join(str(b["html"]) for b in blocks)))
    anchors |= {b["anchor"] for b in blocks}
    for view in views:
        view.mentions = [
            {**_context(text, extraction.sentences, s, e),
             "anchor": f"m-{view.actor.id}-{i + 1}" if f"m-{view.actor.id}-{i + 1}" in anchors
             else block_anchor(extraction, s)}
            for i, (s, e) in enumerate(view.actor.mentions)
        ]
        affiliation = view.actor.affiliation
        view.affiliation = by_id.get(affiliation, affiliation) if affiliation else None
    grouped: dict[str | None, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker in by_id:
            by_id[quote.speaker].quotes.append(quote)
        grouped[quote.speaker if quote.speaker in by_id else None].append(quote)
    for entry in extraction.timeline:
        for actor_id in entry.actors:
            if actor_id in by_id:
                by_id[actor_id].timeline.append(entry)
    cooccurrence = _cooccurrence(extraction)
    for (first, second), count in cooccurrence.items():
        by_id[first].related.append((by_id[second], count))
        by_id[second].related.append((by_id[first], count))
    lead = next((b for b in extraction.blocks if b.kind == "paragraph"), None)
    for view in views:
        view.related.sort(key=lambda pair: (-pair[1], pair[0].actor.name))
        view.salience = salience(view, extraction, lead.end if lead else 0)
        view.in_headline = view.actor.headline_position
        view.role = shown_role(view.actor, extraction.article.lang or locale)
    by_kind = [(kind, sorted((v for v in views if v.actor.kind == kind),
                             key=lambda v: (-len(v.actor.mentions), v.actor.name)))
               for kind in KIND_ORDER]
    speakers = sorted((k for k in grouped if k), key=lambda k: (-len(grouped[k]), by_id[k].actor.name))
    quotes_by_speaker = [(by_id[k], grouped[k]) for k in speakers]
    if None in grouped:
        quotes_by_speaker.append((None, grouped[None]))
    ranked = sorted(views, key=lambda v: (-len(v.actor.mentions), v.actor.name))
    linked = {a for pair in cooccurrence for a in pair}
    nodes = [v for v in ranked if v.actor.id in linked][:NETWORK_SIZE]
    node_ids = {v.actor.id for v in nodes}
    edges = {pair: count for pair, count in cooccurrence.items() if pair[0] in node_ids and pair[1] in node_ids}
    timeline = _timeline_rows(extraction, locale)
    axis_events = [svg.AxisEvent(row["entry"].id, row["entry"].date, row["entry"].end_date, row["label"],
                                 row["entry"].expression, row["vague"]) for row in timeline]
    unknown = gettext("Speaker unknown")
    bars = [(speaker.actor.name if speaker else unknown, len(quotes)) for speaker, quotes in quotes_by_speaker]
    return Explainer(
        extraction=extraction,
        urls=urls,
        locale=locale,
        actors=ranked,
        actors_by_id=by_id,
        actors_by_kind=[(kind, group) for kind, group in by_kind if group],
        quotes_by_speaker=quotes_by_speaker,
        quotes=quotes,
        timeline=timeline,
        blocks=blocks,
        anchors=anchors,
        lead=lead_of(extraction),
        published=format_publication_date(extraction.article.date, locale),
        key_figures=shown_figures(extraction.figures),
        main_actors=main_actors(views),
        telling_quotes=telling_quotes(extraction),
        network_edges=[(by_id[a], by_id[b], count)
                       for (a, b), count in sorted(edges.items(), key=lambda item: (-item[1], item[0]))],
        time_axis=svg.time_axis(axis_events, gettext, locale=locale, published=extraction.article.date),
        network_svg=svg.network([svg.Node(v.actor.id, v.actor.name, len(v.actor.mentions)) for v in nodes],
                                edges, gettext),
        quote_bars=svg.bar_chart(bars, gettext),
    )


class LazyExplainer:
    """One article's explainer whose full template data (:func:`build_explainer`) is built on first use.

    On a rebuild most articles' pages are reused (:mod:`.render_cache`); the site index only needs
    the title's date, the lead and counts, which come straight from the extraction. Building the
    annotated article and the charts of a thousand unchanged articles would be most of a rebuild's
    time, so that happens only for the articles whose pages are rendered (or a dossier reads).
    """

    def __init__(self, extraction: Extraction, locale: str = "nl", siteurl: str | None = None,
                 urls: ExplainerUrls | None = None):
        self.extraction = extraction
        self.locale = locale
        self.urls = urls or ExplainerUrls(extraction.article.slug)
        self._siteurl = siteurl
        self._built: Explainer | None = None

    @property
    def published(self) -> str:
        return format_publication_date(self.extraction.article.date, self.locale)

    @property
    def lead(self) -> str:
        return lead_of(self.extraction)

    @property
    def quotes(self) -> list[Quote]:
        return shown_quotes(self.extraction)

    @property
    def built(self) -> Explainer:
        if self._built is None:
            self._built = build_explainer(self.extraction, self.locale, siteurl=self._siteurl, urls=self.urls)
        return self._built

    def __getattr__(self, name: str):
        if name.startswith("_"):  # copy/pickle probes: never build for those
            raise AttributeError(name)
        return getattr(self.built, name)


class LazyActor:
    """One actor's view of a :class:`LazyExplainer`, built only when read: an unchanged explainer's
    actor pages are reused, not rendered (:mod:`.render_cache`), and their ``content_written``
    context must not build the whole explainer for 1,000 articles of which one changed."""

    def __init__(self, explainer: LazyExplainer, actor_id: str):
        self._explainer = explainer
        self._actor_id = actor_id

    def __getattr__(self, name: str):
        if name.startswith("_"):  # copy/pickle probes: never build for those
            raise AttributeError(name)
        return getattr(self._explainer.actors_by_id[self._actor_id], name)


class ArticlePage:
    """The article as one of its explainer pages shows it: every attribute of the Pelican article,
    but the page's own ``url``/``save_as`` and no translations. Templates read the article through
    it; plugins that take ``context["article"]`` to be the page (pelican-sitemap reads its ``url``)
    then see the explainer page, not the article it explains, once per page."""

    translations = ()

    def __init__(self, article, url: str, save_as: str):
        self._article = article
        self.url = url
        self.save_as = save_as

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._article, name)
