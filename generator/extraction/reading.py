"""Reading articles: Markdown with a Pelican metadata header, or plain text.

The extraction works on the *plain text* of the body. We derive it ourselves, line by line, instead
of rendering Markdown to HTML: every offset then indexes text the reader can see, wire-copy quote
marks such as ``…'' are not turned into code spans, and HTML written in the article stays inert text
that the site escapes.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .model import ArticleMeta, Block

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)


MAX_SLUG = 200  # characters; a file name may have 255 bytes, and ".json" or a page folder is added


def check_language(lang: str, path) -> str:
    """The language code, case-insensitively (``NL`` is ``nl``); one the extraction has data for."""
    from .language import supported_languages

    code = str(lang).strip().lower()
    supported = supported_languages()
    if code not in supported:
        raise InputError(path, f"no extraction data for language {lang!r} (supported: {', '.join(supported)})",
                         field="Lang", fix="set Lang: to a supported language, or leave the article out")
    return code


@dataclass
class ArticleSource:
    """An article as read from disk: metadata, the plain text of its body and its blocks."""

    meta: ArticleMeta
    text: str
    blocks: list[Block]
    metadata: dict[str, str]


def slugify(value: str) -> str:
    """ASCII slug for ids and URLs ("Oekraïne" → "oekraine"); empty when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def decode_bytes(raw: bytes, path) -> str:
    """UTF-8 (with or without BOM) only: guessing another encoding could silently alter quotes."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at position {err.start})",
            field="encoding",
            fix="save the file as UTF-8, e.g. iconv -f windows-1252 -t utf-8",
        ) from None


def split_header(source: str) -> tuple[dict[str, str], str]:
    """Split a Pelican Markdown header (``Key: value`` lines up to the first blank line) from the body."""
    lines = source.split("\n")
    metadata: dict[str, str] = {}
    index = 0
    while index < len(lines):
        match = _HEADER_LINE.match(lines[index].rstrip("\r"))
        if not match:
            break
        metadata[match.group(1).lower()] = match.group(2).strip()
        index += 1
    if not metadata:
        return {}, source
    if index < len(lines) and lines[index].strip():
        # "Key: value" followed by text: this was a sentence such as "Lavrov: ...", not a header.
        return {}, source
    return metadata, "\n".join(lines[index:])


def _clean_inline(line: str) -> str:
    """Markdown inline markup to its visible text: links keep their words, emphasis loses its stars,
    HTML tags written in the article disappear (their words stay)."""
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", _HTML_TAG.sub("", line)))


def body_to_plain_text(body: str) -> tuple[str, list[Block]]:
    """Plain text of a Markdown body: blocks joined by a blank line, headings without their hashes."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = _SCRIPT_OR_STYLE.sub("", body)  # code is not article text
    parts: list[tuple[str, str]] = []
    for raw_block in re.split(r"\n[ \t]*\n", body):
        lines = [line for line in raw_block.split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            continue
        heading = _HEADING.match(lines[0]) if len(lines) == 1 else None
        if heading:
            kind, content = "heading", _clean_inline(heading.group(2))
        else:
            kind, content = "paragraph", "\n".join(_clean_inline(line.rstrip()) for line in lines)
        if not content.strip():
            continue
        parts.append((kind, content))
    return join_blocks(parts)


def join_blocks(parts: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """The article's plain text, its blocks (kind, text) joined by a blank line, with their offsets:
    the one shape of text every reader (Markdown files, Pelican's HTML) hands to the extraction."""
    pieces: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, text in parts:
        if pieces:
            offset += 2
        blocks.append(Block(kind, offset, offset + len(text)))
        pieces.append(text)
        offset += len(text)
    return "\n\n".join(pieces), blocks


def parse_date(value: str, path) -> dt.date:
    """The article's publication date from ``YYYY-MM-DD`` (a time after it is allowed and ignored)."""
    match = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$", value or "")
    try:
        if not match:
            raise ValueError
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise InputError(path, f"invalid date {value!r}", field="Date",
                         fix="write it as YYYY-MM-DD, e.g. 2022-01-28") from None


def read_article(path, date: str | None = None, lang: str | None = None) -> ArticleSource:
    """Read one ``.md`` or ``.txt`` article; raise :class:`InputError` naming the file and the field."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an article file") from None
    except OSError as err:
        raise InputError(path, f"cannot be read ({err.strerror})") from None
    source = decode_bytes(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    metadata, body = split_header(source) if path.suffix.lower() != ".txt" else ({}, source)
    text, blocks = body_to_plain_text(body)
    if not text.strip():
        problem = "has metadata but no article text" if metadata else "is empty"
        raise InputError(path, problem, field="body", fix="write the article text below the metadata")

    slug = metadata.get("slug") or slugify(metadata.get("title", "")) or slugify(path.stem)
    if not SLUG_PATTERN.match(slug):
        raise InputError(path, f"invalid slug {slug!r}", field="Slug",
                         fix="use lowercase letters, digits and hyphens only, e.g. poetin-macron")
    if len(slug) > MAX_SLUG:  # it names files (extract --out, the site's folders)
        raise InputError(path, f"too long ({len(slug)} characters; at most {MAX_SLUG})", field="Slug",
                         fix="shorten it")
    dossier = metadata.get("dossier") or None
    if dossier and len(slugify(dossier)) > MAX_SLUG:
        raise InputError(path, f"too long ({len(dossier)} characters)", field="Dossier", fix="shorten it")
    language = check_language(lang or metadata.get("lang") or "nl", path)
    date_value = date if date is not None else metadata.get("date")
    meta = ArticleMeta(
        slug=slug,
        title=metadata.get("title") or path.stem,
        date=parse_date(date_value, path) if date_value else None,
        lang=language,
        dossier=dossier,
        source_path=str(path),
    )
    return ArticleSource(meta=meta, text=text, blocks=blocks, metadata=metadata)
