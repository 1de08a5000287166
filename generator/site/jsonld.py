"""schema.org JSON-LD for each page type, as a safe ``<script type="application/ld+json">`` block.

NewsArticle (overview), Event per timeline entry in an ItemList (timeline), Quotation with the
speaker as creator (quotes), Person / Organization / Country / Place (actors). ``json.dumps`` output
is made safe inside a script element: ``</`` becomes ``<\\/`` and ``<!--`` becomes ``\\u003c!--``.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from ..extraction.model import Actor

SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "country": "Country", "place": "Place",
                "group": "Organization"}


def dumps_for_script(data) -> str:
    """JSON that cannot end its ``<script>`` element or open an HTML comment."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # Every "<" and ">" as a JSON escape: no "</script", "<!--" or "<script" can reach the HTML parser.
    return (text.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _prune(data):
    """Leave out keys whose value is None (URLs are only given when the site URL is absolute)."""
    if isinstance(data, dict):
        return {k: _prune(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_prune(v) for v in data]
    return data


def script(data) -> Markup:
    return Markup(f'<script type="application/ld+json">{dumps_for_script(_prune(data))}</script>')


def join_url(siteurl: str, path: str, fragment: str = "") -> str | None:
    """An absolute URL, or None on a relative build (a root-relative path would resolve wrongly)."""
    return f"{siteurl.rstrip('/')}/{path}{fragment}" if siteurl else None


def actor_thing(actor: Actor, url: str | None = None, affiliation: str | None = None) -> dict:
    data = {"@type": SCHEMA_TYPES.get(actor.kind, "Thing"), "name": actor.name}
    if actor.aliases:
        data["alternateName"] = list(actor.aliases)
    if actor.roles and actor.kind == "person":
        data["jobTitle"] = ", ".join(actor.roles)
    if actor.roles and actor.kind != "person":
        data["description"] = ", ".join(actor.roles)
    if affiliation and actor.kind == "person":
        data["affiliation"] = {"@type": "Organization", "name": affiliation}
    if url:
        data["url"] = url
    return data


def news_article(explainer, siteurl: str, source_url: str | None = None) -> dict:
    meta = explainer.article
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "inLanguage": meta.lang,
        "url": join_url(siteurl, explainer.urls.overview),
        "isBasedOn": source_url or join_url(siteurl, explainer.urls.page("article"))
        or f"{explainer.urls.segments['article']}/",
        "mentions": [actor_thing(v.actor, join_url(siteurl, v.url)) for v in explainer.actors],
    }
    if meta.date:
        data["datePublished"] = meta.date.isoformat()
    if explainer.lead:
        data["description"] = explainer.lead
    return data


def timeline_list(explainer, siteurl: str) -> dict:
    items = []
    for position, row in enumerate(explainer.timeline, start=1):
        entry = row["entry"]
        event = {"@type": "Event", "name": entry.summary or entry.expression, "startDate": entry.date,
                 "description": f"{row['label']}: {entry.summary}",
                 "url": join_url(siteurl, explainer.urls.page("article"), f"#{entry.id}")}
        if entry.end_date:
            event["endDate"] = entry.end_date
        actors = [explainer.actors_by_id[a].actor for a in entry.actors if a in explainer.actors_by_id]
        if actors:
            event["about"] = [actor_thing(a) for a in actors]
        items.append({"@type": "ListItem", "position": position, "item": event})
    return {"@context": "https://schema.org", "@type": "ItemList", "name": explainer.article.title,
            "numberOfItems": len(items), "itemListElement": items}


def quotations(explainer, siteurl: str) -> dict:
    graph = []
    for quote in explainer.quotes:
        item = {"@type": "Quotation", "text": quote.text,
                "url": join_url(siteurl, explainer.urls.page("article"), f"#{quote.id}"),
                "isPartOf": {"@type": "NewsArticle", "headline": explainer.article.title}}
        speaker = explainer.speaker(quote)
        if speaker:
            item["creator"] = actor_thing(speaker.actor, join_url(siteurl, speaker.url))
        graph.append(item)
    return {"@context": "https://schema.org", "@graph": graph}


def actor_page(view, siteurl: str) -> dict:
    affiliation = view.affiliation
    name = affiliation.actor.name if hasattr(affiliation, "actor") else affiliation
    kind = affiliation.actor.kind if hasattr(affiliation, "actor") else None
    data = actor_thing(view.actor, join_url(siteurl, view.url), name if kind != "country" else None)
    if kind == "country" and view.actor.kind == "person":
        data["nationality"] = {"@type": "Country", "name": name}
    data["@context"] = "https://schema.org"
    return data


def actor_index(explainer, siteurl: str) -> dict:
    return {"@context": "https://schema.org", "@type": "ItemList", "name": explainer.article.title,
            "itemListElement": [{"@type": "ListItem", "position": i,
                                 "item": actor_thing(v.actor, join_url(siteurl, v.url))}
                                for i, v in enumerate(explainer.actors, start=1)]}


def provenance(data: dict, metadata: dict | None) -> dict:
    """The article's ``Author:``, ``Publisher:`` and ``Modified:`` metadata as NewsArticle fields."""
    metadata = metadata or {}
    authors = metadata.get("authors") or ([metadata["author"]] if metadata.get("author") else [])
    if authors:
        data["author"] = [{"@type": "Person", "name": str(a)} for a in authors]
    if metadata.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": str(metadata["publisher"])}
    modified = metadata.get("modified")
    if modified is not None and hasattr(modified, "date"):
        data["dateModified"] = modified.date().isoformat()
    return data


def for_page(explainer, page: str, siteurl: str, actor=None, source_url: str | None = None,
             metadata: dict | None = None) -> Markup:
    """The JSON-LD block for one page of an explainer (empty for pages without structured data)."""
    absolute = siteurl if siteurl.startswith(("http://", "https://")) else ""
    if page == "overview":
        return script(provenance(news_article(explainer, absolute, source_url), metadata))
    if page == "timeline":
        return script(timeline_list(explainer, absolute))
    if page == "quotes":
        return script(quotations(explainer, absolute))
    if page == "actor" and actor is not None:
        return script(actor_page(actor, absolute))
    if page == "actors":
        return script(actor_index(explainer, absolute))
    return Markup("")
