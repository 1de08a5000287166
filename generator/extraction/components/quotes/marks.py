"""Finding quoted stretches: quote marks, their pairing, and what is *not* a quote mark.

Dutch and Belgian news use “…”, „…”, "…", ‘…’, '…', «…» and (in wire copy) LaTeX-style ``…''.
Apostrophes ("auto's", "Obama's", "'s avonds", "zo ’n"), inch marks (15'') and the doubled quotes of a
spreadsheet export (Jobs noemde het""het meest geavanceerde…"") are not quote marks. Malformed wire
copy is paired into its natural units: ``A .. ``B'' gives A and B; a stray opening '' is read as ``.

The pass is one left-to-right walk over the marks with at most one open double and one open single
quote; a single quote inside an open double quote is nested and never a quote of its own.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ...model import Block


@dataclass
class QuoteSpan:
    """The content of one pair of marks (``start``/``end``) and the marks around it."""

    start: int
    end: int
    open_start: int
    close_end: int
    closed: bool = True  # False when the closing mark was missing and the unit ended at a boundary


@dataclass
class _Mark:
    start: int
    end: int
    family: str  # "double" | "single"
    role: str  # "open" | "close" | "ambiguous"


_OPENING_BEFORE = set(" \t\n([{–—-:/") | {""}
_WORD = re.compile(r"\w")


def _char(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def _csv_artifacts(text: str) -> tuple[set[int], set[int]]:
    """Outer quotes of spreadsheet-exported lines, and the starts of their doubled inner quotes.

    A line exported from a CSV cell is wrapped in "…" when it contains the separator (;) or a quote,
    and inner quotes are doubled. Only such lines are unwrapped, so a quoted line of speech stays one.
    """
    wrappers: set[int] = set()
    doubled: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if len(stripped) > 2 and stripped[0] == '"' and stripped[-1] == '"':
            inner = stripped[1:-1]
            if ";" in inner or '""' in inner or inner.endswith(" ") or inner.startswith(("``", "“")):
                wrappers.update((offset, offset + len(stripped) - 1))
                for match in re.finditer(r'"+', inner):
                    for k in range(0, len(match.group()) - 1, 2):
                        doubled.add(offset + 1 + match.start() + k)
        offset += len(line) + 1
    return wrappers, doubled


class MarkScanner:
    """Compiled mark patterns for one language's quote-mark inventory."""

    def __init__(self, marks: dict, elisions=frozenset("stn")):
        self.elisions = frozenset(elisions)
        self.double_open = set(marks["double_open"])
        self.double_close = set(marks["double_close"])
        self.double_ambiguous = set(marks["double_ambiguous"])
        self.single_open = set(marks["single_open"])
        self.single_close = set(marks["single_close"])
        self.single_ambiguous = set(marks["single_ambiguous"])
        self.low_pairs = dict(marks.get("low_pairs", {}))  # „ -> “: the closer of a low opening mark
        every = sorted(self.double_open | self.double_close | self.double_ambiguous | self.single_open
                       | self.single_close | self.single_ambiguous, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(m) for m in every))

    def marks(self, text: str) -> list[_Mark]:
        """Every quote-mark candidate with its family and role; apostrophes and inch marks dropped."""
        wrappers, doubled = _csv_artifacts(text) if '"' in text else (set(), set())
        found: list[_Mark] = []
        pos = 0
        pattern = self.pattern
        while True:
            match = pattern.search(text, pos)
            if not match:
                break
            start, end, mark = match.start(), match.end(), match.group()
            pos = end
            if mark == '"':
                if start in wrappers:
                    continue
                if start in doubled:  # "" inside an exported cell stands for one mark
                    pos = end = start + 2
            before, after = _char(text, start - 1), _char(text, end)
            if mark in self.double_open:
                found.append(_Mark(start, end, "double", "open"))
            elif mark in self.double_close:
                if before.isdigit() and not _pending_open(text, found, start, "double"):
                    continue  # 15'' is an inch mark; "sinds 2010”, zegt ze" closes the open quote
                found.append(_Mark(start, end, "double", "close"))
            elif mark in self.double_ambiguous:
                found.append(_Mark(start, end, "double", _context_role(before, after)))
            elif _is_year_elision(text, start, end):
                continue  # de jaren ’90, in '68
            elif mark in self.single_open:
                if _is_elision(text, end, self.elisions):
                    continue  # camera ‘s, ‘t
                found.append(_Mark(start, end, "single", "open"))
            elif mark in self.single_close:
                if before.isalpha() and (after.isalpha() or _is_elision(text, end, self.elisions)):
                    continue  # auto’s
                if _is_elision(text, end, self.elisions) and (before in _OPENING_BEFORE or before in "‘“„«‚\"'"):
                    continue  # zo ’n, ’s avonds, ‘’s Nachts …’
                found.append(_Mark(start, end, "single", "close"))
            else:  # straight '
                if before.isalnum() and (after.isalnum() or after in "-"):
                    continue  # Obama's, rock'n'roll
                if before.isdigit() and not _pending_open(text, found, start, "single"):
                    continue  # 6' is feet; "'Al sinds 2010', zegt ze" closes the open quote
                if _is_elision(text, end, self.elisions):
                    continue  # 's avonds, auto 's
                role = _context_role(before, after)
                found.append(_Mark(start, end, "single", role))
        return found


def _pending_open(text: str, found: list[_Mark], position: int, family: str) -> bool:
    """Whether the last mark of ``family`` before ``position`` in the same paragraph opened a quote: then a
    mark right after a digit closes it, and is no inch or foot mark."""
    last = next((m for m in reversed(found) if m.family == family), None)
    return last is not None and last.role == "open" and "\n\n" not in text[last.end:position]


def _is_year_elision(text: str, start: int, end: int) -> bool:
    """’90 / '68: two digits of a year after an apostrophe, not a quote mark."""
    return (text[start:end] in ("’", "'", "‘") and not _char(text, start - 1).isalnum()
            and text[end:end + 2].isdigit() and not _char(text, end + 2).isalnum())


def _is_elision(text: str, index: int, elisions=frozenset("stn")) -> bool:
    """True when the text at ``index`` is an elided word ('s, 't, 'n, 'm) rather than quoted words."""
    return (_char(text, index) in elisions and not _char(text, index + 1).isalpha()
            and _char(text, index + 1) != "")


def _context_role(before: str, after: str) -> str:
    """Open/close from the neighbours of a straight mark; ambiguous when glued to words on both sides."""
    opens = (before in _OPENING_BEFORE or before in "„“‘«") and (after.isalnum() or after in "`'\"‘“„_…[(.")
    closes = (after == "" or after in " \t\n.,;:!?)]}–—-") and (before not in ("", " ", "\n", "\t")
                                                                   or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "ambiguous"


def _block_ends(text: str, blocks: list[Block]) -> list[int]:
    ends = sorted(b.end for b in blocks) if blocks else []
    if not ends:
        ends = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    return ends + [len(text)]


def find_quote_spans(text: str, blocks: list[Block], scanner: MarkScanner, max_chars: int = 2500) -> list[QuoteSpan]:
    """Pair the marks of ``text`` into quoted stretches, outermost quotes only, in text order."""
    marks = scanner.marks(text)
    block_ends = _block_ends(text, blocks)
    spans: list[QuoteSpan] = []
    double: _Mark | None = None  # the open double quote
    single: _Mark | None = None  # the open single quote (nested when ``double`` is open)

    def block_end_at(position: int) -> int:
        return block_ends[min(bisect_left(block_ends, position), len(block_ends) - 1)]

    def emit(opening: _Mark, end: int, close_end: int, closed: bool = True) -> None:
        start = opening.end
        if not closed:  # without its closing mark a quote is cut at the end of its line
            line_end = text.find("\n", start)
            if 0 <= line_end < end:
                end = close_end = line_end
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or (not closed and text[end - 1] in "'\"`")):
            end -= 1
        if end > start and _WORD.search(text, start, end):
            spans.append(QuoteSpan(start, end, opening.start, close_end, closed))

    def next_double_role(index: int) -> str | None:
        for later in marks[index:]:
            if later.family == "double":
                return later.role
        return None

    for index, mark in enumerate(marks):
        # the open quotes end at a block boundary unless a closing mark is coming first
        if double is not None:
            limit = block_end_at(double.end)
            if mark.start > limit:
                coming = mark.role if mark.family == "double" else next_double_role(index)
                if coming != "close" or mark.start - double.end > max_chars:
                    emit(double, limit, limit, closed=False)
                    double = None
                    single = None
        if single is not None and mark.start > block_end_at(single.end):
            single = None
        if mark.family == "double":
            role = mark.role
            if role == "ambiguous":
                role = "close" if double is not None else "open"
            char = text[mark.start:mark.end]
            if double is not None and role == "open" and scanner.low_pairs.get(text[double.start:double.end]) == char:
                role = "close"  # „…“
            if double is not None and role == "open" and char == '"' and text[double.start:double.end] == '"' \
                    and text[mark.start - 1:mark.start] not in (" ", "\n", ""):
                role = "close"
            if role == "close":
                if double is not None:
                    emit(double, mark.start, mark.end)
                    double = None
                    single = None
                elif _opens_malformed(text, mark, marks, index, block_end_at(mark.end)):
                    double = mark  # ''Ik ben er … doorbraken,''
                continue
            if double is not None:  # ``A .. ``B'': A ends where B opens
                emit(double, mark.start, mark.start, closed=False)
            double, single = mark, None
            continue
        # single family
        role = mark.role
        if single is not None and role == "open" \
                and scanner.low_pairs.get(text[single.start:single.end]) == text[mark.start:mark.end]:
            role = "close"  # ‚…‘
        if single is not None and role in ("close", "ambiguous"):
            if double is None:
                emit(single, mark.start, mark.end)
            single = None
            continue
        if role == "close":
            if double is not None and text[mark.start:mark.end] == "'" and _ends_line(text, mark):
                emit(double, mark.start, mark.end)  # ``… jaarafsluiting.  ' (half a closing mark)
                double = None
            continue
        closer = scanner.low_pairs.get(text[mark.start:mark.end])
        if role in ("open", "ambiguous") and _has_single_closer(text, marks, index, block_end_at(mark.end), closer):
            single = mark
    if double is not None:
        limit = block_end_at(double.end)
        emit(double, limit, limit, closed=False)
    return spans


def _ends_line(text: str, mark: _Mark) -> bool:
    before = text[max(0, mark.start - 4):mark.start].rstrip()
    after = text[mark.end:mark.end + 2]
    return bool(before) and before[-1] in ".!?," and (after == "" or after.startswith("\n"))


def _has_single_closer(text: str, marks: list[_Mark], index: int, limit: int, closer: str | None = None) -> bool:
    """A single opening mark counts only when a closing single mark follows in the same block
    (``closer``: the mark that closes a low opening mark, ‚…‘, though it opens elsewhere)."""
    for later in marks[index + 1:]:
        if later.start > limit:
            return False
        if later.family == "single":
            return later.role in ("close", "ambiguous") or text[later.start:later.end] == closer
    return False


def _opens_malformed(text: str, mark: _Mark, marks: list[_Mark], index: int, limit: int) -> bool:
    """A closing double mark with nothing open opens a quote when another closing mark follows.

    Wire copy writes ``Ik…'' as ''Ik…'' now and then; a stray '' at the end of a line stays stray.
    """
    rest = text[mark.end:limit]
    if not rest.strip(" \t\n'\"`"):
        return False
    for later in marks[index + 1:]:
        if later.family != "double":
            continue
        if later.role == "open" and text[later.start:later.end] != '"':
            return False
        return later.start - mark.end < 2500
    return False
