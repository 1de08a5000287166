"""Pelican's Writer, plus reuse of the pages an unchanged explainer wrote in the previous build.

Registered at ``get_writer``, so it writes every page of the site (the ArticlesGenerator's article
page too, which is the explainer's overview with ``EXPLAINER_OVERVIEW = "article"``). A page that
belongs to an explainer whose render key is unchanged (:class:`.explainer_generator.RenderSession`)
is not rendered: the previous build's file is linked into the output (or moved in at the swap) and
``content_written`` is sent for it exactly as Pelican's Writer sends it, with that page's context.
So plugins that listen (sitemap, seo, search, minify) see every page once, reused or rendered.
Without this writer (another plugin's writer won) every page is rendered: slower, same site.

Feeds: an explainer article's page shows the escaped extraction, never the article's own HTML; its
feed entry would carry that HTML raw (``<script>``, ``<iframe>``, ``javascript:`` links, the
``Summary:``). Its content and summary go into feeds sanitised (:func:`..sanitise.clean_html`).
"""
from __future__ import annotations

import json
import os

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from ..sanitise import clean_html

SESSION = "explainer_render_session"  # the context key of this build's RenderSession


class _SanitisedFeedItem:
    """An article as a feed sees it: everything as the article has it, content and summary sanitised."""

    def __init__(self, article):
        self._article = article

    def __getattr__(self, name):
        return getattr(self._article, name)

    def get_content(self, siteurl):
        return clean_html(self._article.get_content(siteurl))

    @property
    def summary(self):
        return clean_html(self._article.summary)


class ExplainerWriter(Writer):
    def _add_item_to_the_feed(self, feed, item):
        if getattr(item, "explainer", None) is not None:
            item = _SanitisedFeedItem(item)
        return super()._add_item_to_the_feed(feed, item)

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        session = context.get(SESSION)
        if session is None or not name or paginated or not session.reuse(name):
            return super().write_file(name, template, context, relative_urls=relative_urls,
                                      paginated=paginated, template_name=template_name,
                                      override_output=override_output, url=url, **kwargs)
        self.send_reused(name, context, relative_urls, override_output, **kwargs)
        return None

    def send_reused(self, name, context, relative_urls=False, override_output=False, **kwargs):
        """The bookkeeping and signal of :meth:`Writer.write_file` for a page that was not rendered."""
        path = sanitised_join(self.output_path, name)
        if path in self._overridden_files or path in self._written_files:
            return
        self._written_files.add(path)
        if override_output:
            self._overridden_files.add(path)
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        signals.content_written.send(path, context=localcontext)


def write_data_file(output_path: str, relative_path: str, data: bytes) -> None:
    """A data file beside the pages (the extraction and timeline JSON, the share image): written as it is,
    like Pelican's static files, without a template or ``content_written`` (it is no page)."""
    path = os.path.join(output_path, relative_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)


def write_json(output_path: str, relative_path: str, data) -> None:
    """The site's one JSON form: UTF-8 unescaped, indented by two, keys in the order given, a final newline."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_data_file(output_path, relative_path, text.encode("utf-8"))
