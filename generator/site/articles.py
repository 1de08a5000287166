"""Which articles get an explainer, and what the extraction reads of them: what Pelican read.

The text comes from the HTML Pelican's reader produced for the article (so every metadata form,
Markdown extension, ``{filename}`` link or typogrify setting of the site is handled as the site
shows it), turned into plain text and blocks by :func:`html_to_text`: code, tables, footnotes and
scripts are not article text and are dropped; headings, paragraphs, list items and quotes become
blocks. Every offset of the extraction indexes that plain text.

Markdown would turn wire-copy quotes (two backticks … two apostrophes) into code spans; the reader
at :func:`wire_quote_reader` escapes them first, so they stay text (``EXPLAINER_WIRE_QUOTES``).
"""
from __future__ import annotations

import html
import logging
import re
from functools import lru_cache
from html.parser import HTMLParser

from ..extraction.model import ArticleMeta, Block
from ..extraction.language import display_data, supported_languages
from ..extraction.reading import ArticleSource, join_blocks
from ..sanitise import strip_controls
from .settings import setting

logger = logging.getLogger(__name__)

_BLOCKS = {"p": "paragraph", "li": "paragraph", "dt": "paragraph", "dd": "paragraph",
           "blockquote": "paragraph", "figcaption": "paragraph", "div": "paragraph",
           "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
           "h6": "heading"}
_SKIPPED = {"pre", "code", "table", "script", "style", "template", "svg", "math", "noscript", "kbd", "samp"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}
_FOOTNOTES = re.compile(r"(^|\s)(footnotes?|footnote-ref|footnote-backref)(\s|$)")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text)
        self.kinds: list[str] = []  # open block elements
        self.buffer: list[str] = []
        self.skip_depth = 0
        self.skip_tag: list[str] = []

    def _flush(self, kind: str | None = None):
        text = "".join(self.buffer)
        self.buffer = []
        text = strip_controls(text.replace("\xa0", " ").replace("\u200b", ""))  # NUL is not text
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append((kind or (self.kinds[-1] if self.kinds else "paragraph"), text))

    def handle_starttag(self, tag, attrs):
        if self.skip_depth:
            if tag not in _VOID:
                self.skip_tag.append(tag)
                self.skip_depth += 1
            return
        attributes = dict(attrs)
        footnote = (_FOOTNOTES.search(attributes.get("class") or "")
                    or (tag == "sup" and (attributes.get("id") or "").startswith("fnref")))
        if tag in _SKIPPED or footnote:
            if tag not in _VOID:
                self.skip_tag.append(tag)
                self.skip_depth = 1
            return
        if tag == "br":
            self.buffer.append("\n")
        elif tag in _BLOCKS:
            self._flush()
            self.kinds.append(_BLOCKS[tag])

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self.skip_depth:
            self.buffer.append("\n")

    def handle_endtag(self, tag):
        if self.skip_depth:
            if self.skip_tag and self.skip_tag[-1] == tag:
                self.skip_tag.pop()
                self.skip_depth -= 1
            return
        if tag in _BLOCKS:
            self._flush()
            if tag in _BLOCKS and self.kinds:
                self.kinds.pop()

    def handle_data(self, data):
        if not self.skip_depth:
            self.buffer.append(data)

    def close(self):
        super().close()
        self._flush()


def html_to_text(content: str) -> tuple[str, list[Block]]:
    """Plain text of an article's HTML and its blocks (joined by a blank line)."""
    parser = _TextParser()
    parser.feed(content or "")
    parser.close()
    return join_blocks(parser.blocks)


def plain(value) -> str:
    """A metadata value (maybe typogrified HTML) as plain text."""
    text = re.sub(r"<[^>]*>", "", str(value or ""))
    return " ".join(strip_controls(html.unescape(text)).replace("\xa0", " ").split())


def source_of(article) -> ArticleSource:
    """The extraction's input for one Pelican article: Pelican's metadata and the text of the HTML
    its reader produced (``article._content``: before the site's URLs are filled in)."""
    text, blocks = html_to_text(getattr(article, "_content", None) or "")
    date = getattr(article, "date", None)
    metadata = getattr(article, "metadata", {}) or {}
    dossier = getattr(article, "dossier", None) or metadata.get("dossier")
    meta = ArticleMeta(
        slug=article.slug,
        title=plain(getattr(article, "title", "")) or article.slug,
        date=date.date() if date else None,
        lang=article_lang(article),
        dossier=plain(dossier) or None,
        source_path=str(article.source_path),
    )
    return ArticleSource(meta=meta, text=text, blocks=blocks,
                         metadata={k: str(v) for k, v in metadata.items() if isinstance(v, str)})


def article_lang(article) -> str:
    """The article's language code, case-insensitively (``Lang: NL`` is Dutch)."""
    return str(getattr(article, "lang", None) or "nl").strip().lower()


_YES, _NO = ("yes", "true", "on", "1"), ("no", "false", "off", "0")  # as Pelican and YAML write them


def _flag(value) -> bool | None:
    """A yes/no header value: the codes above or the words of any supported language (``header_yes``,
    ``header_no`` in ``data/<lang>/display.json``), whatever the article's language."""
    if value is None:
        return None
    text = plain(value).lower()
    yes, no = _header_words()
    if text in _YES or text in yes:
        return True
    if text in _NO or text in no:
        return False
    return None


@lru_cache(maxsize=None)
def _header_words() -> tuple[frozenset[str], frozenset[str]]:
    """The yes and the no words of every supported language (editors' header words, not article text)."""
    codes = supported_languages()
    return (frozenset(w.lower() for code in codes for w in display_data(code).get("header_yes", ())),
            frozenset(w.lower() for code in codes for w in display_data(code).get("header_no", ())))


def choose(articles, settings: dict) -> list:
    """The articles that get an explainer (``EXPLAINER_ARTICLES`` and each article's ``Explainer:``
    metadata). An article in a language the extraction has no data for is skipped with an INFO
    line (one per article that asked for an explainer, one for the rest), never an error."""
    mode = setting(settings, "EXPLAINER_ARTICLES")
    supported = set(supported_languages())
    if isinstance(mode, (list, tuple, set, frozenset)):
        wanted_langs, opt_in = {str(x).lower() for x in mode}, False
    elif mode == "opt-in":
        wanted_langs, opt_in = supported, True
    elif mode in ("supported", "all", None):
        wanted_langs, opt_in = supported, False
    else:
        from ..errors import ConfigurationError

        raise ConfigurationError(f"EXPLAINER_ARTICLES: expected 'supported', 'opt-in' or a list of "
                                 f"language codes, got {mode!r}")
    chosen, unsupported = [], []
    for article in articles:
        flag = _flag((getattr(article, "metadata", {}) or {}).get("explainer"))
        lang = article_lang(article)
        if flag is False:
            continue
        if flag is None and (opt_in or lang not in wanted_langs):
            if lang not in supported and not opt_in:
                unsupported.append(article)
            continue
        if lang not in supported:  # asked for (Explainer: yes, EXPLAINER_ARTICLES): one warning line
            logger.warning("explainer: %s: Lang: no explainer, the extraction has no data for language %r "
                           "(supported: %s)", article.source_path, lang, ", ".join(sorted(supported)))
            continue
        chosen.append(article)
    if unsupported:
        langs = sorted({article_lang(a) for a in unsupported})
        logger.info("explainer: %d article(s) in %s without an explainer (supported languages: %s)",
                    len(unsupported), ", ".join(langs), ", ".join(sorted(supported)))
    return chosen


_WIRE_QUOTE = re.compile(r"``(?=[^`\s])([^`\n]*(?:\n(?![ \t]*\n)[^`\n]*)*?)''")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")


def escape_wire_quotes(text: str) -> str:
    """``Zo gaat het niet,'' zei ze. → backslash-escaped backticks, outside fenced code."""
    out, chunk, fence = [], [], None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            out.append(_WIRE_QUOTE.sub(r"\\`\\`\1''", "\n".join(chunk)) if chunk else None)
            chunk, fence = [], match.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if match and match.group(1) == fence:
                fence = None
        else:
            chunk.append(line)
    if chunk:
        out.append(_WIRE_QUOTE.sub(r"\\`\\`\1''", "\n".join(chunk)))
    return "\n".join(part for part in out if part is not None)


def wire_quote_reader(markdown_reader_class):
    """A subclass of Pelican's Markdown reader that keeps wire-copy quotes as text."""
    from pelican.utils import pelican_open

    class WireQuoteMarkdownReader(markdown_reader_class):
        def read(self, source_path):
            from markdown import Markdown

            self._source_path = source_path
            self._md = Markdown(**self.settings["MARKDOWN"])
            with pelican_open(source_path) as text:
                content = self._md.convert(escape_wire_quotes(text))
            metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
            return content, metadata

    return WireQuoteMarkdownReader
