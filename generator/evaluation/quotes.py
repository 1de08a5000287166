"""Scoring extracted quotes against gold: quote P/R/F1 by word overlap, and speaker accuracy.

**Overlap.** Both texts become lists of word tokens (``\\w+``, lowercased, so punctuation and quote
marks do not count); overlap = |common tokens, as a multiset| / max(|gold tokens|, |predicted tokens|).
A prediction that covers the gold quote and nothing else scores 1.0; one that swallows twice the
words (two quotes glued together) scores at most 0.5. This is the Gender Gap Tracker measure.

**Matching.** Every (gold, predicted) pair in a document with overlap ≥ the threshold is a candidate;
candidates are taken greedily by best overlap, each gold and each prediction at most once. Quote P/R/F1
are micro-averaged over all documents, at the given threshold (default 0.8) and at 0.3.

**Speakers** (over the quotes matched at the main threshold). A predicted speaker is an actor id; we
compare the actor's name and aliases with the gold speaker string, after lowercasing and dropping a
leading article (de/het/een/'t). Correct when

- gold is null and the prediction is None;
- a name or alias equals the gold string, or (when the gold string is a name, all words capitalised
  but particles) its last word equals the gold string's last word ("Obama" for "Barack Obama");
- the gold string is a phrase for an unnamed or collective speaker ("een woordvoerder van Boeing",
  "de vicepresident sales van GM", "Ron Gettelfinger en Gerald Bantom"), the predicted actor is a person,
  organisation or group, and one of its names occurs in the phrase as whole words: the quote went to
  the organisation the spokesperson speaks for, or to one of the named speakers. A place or country
  named in the phrase ("politici in Washington") does not count.

- the gold string is a phrase for an unnamed speaker, the prediction has no actor but a
  ``speaker_label``, and the two phrases are the same after lowercasing and dropping a leading article,
  or one continues the other ("een woordvoerder" for "een woordvoerder van de politie").

Anything else (including None against a non-null gold) is wrong.

**Errors by kind** (what is left to fix): *missed* — a gold quote no prediction overlaps even at 0.3;
*spurious* — a prediction that overlaps no gold quote at 0.3; *boundary* — a gold quote found only at
0.3 (cut short or glued to its neighbour); *wrong speaker* — matched, another (or a spurious) speaker;
*null speaker* — matched, gold names a speaker and we gave none.
"""
from __future__ import annotations

import re
from collections import Counter

from .gold import GoldPair, prf
from .language import scoring_words

_WORD = re.compile(r"\w+")
_SPEAKER_KINDS = ("person", "organisation", "group")


def words(text: str) -> list[str]:
    """Lowercased word tokens without punctuation: the unit of the overlap measure."""
    return _WORD.findall(text.lower())


def overlap(gold_text: str, predicted_text: str) -> float:
    """|common words| / max(|gold words|, |predicted words|), in [0, 1]."""
    gold_words, predicted_words = words(gold_text), words(predicted_text)
    longest = max(len(gold_words), len(predicted_words))
    if not longest:
        return 0.0
    return sum((Counter(gold_words) & Counter(predicted_words)).values()) / longest


def match_quotes(gold: list[dict], predicted: list, threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, predicted index, overlap) pairs, greedy by best overlap."""
    candidates = []
    for g, gold_quote in enumerate(gold):
        for p, quote in enumerate(predicted):
            score = overlap(gold_quote["text"], quote.text)
            if score >= threshold and score > 0:
                candidates.append((score, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold, used_pred, pairs = set(), set(), []
    for score, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p, score))
    return sorted(pairs)


def _normal(name: str, lang: str) -> str:
    name = " ".join(name.lower().split())
    for article in scoring_words(lang).speaker_articles:
        if name.startswith(article):
            return name[len(article):]
    return name


def speaker_correct(gold_speaker: str | None, actor, label: str | None = None, lang: str = "nl") -> bool:
    """The rule in the module docstring; ``actor`` is a :class:`~generator.extraction.model.Actor` or None,
    ``label`` the quote's ``speaker_label``, ``lang`` the article's language."""
    if actor is None and label and gold_speaker:
        gold, mine = _normal(gold_speaker, lang), _normal(label, lang)
        return bool(mine) and (gold == mine or gold.startswith(mine + " ") or mine.startswith(gold + " "))
    if gold_speaker is None or actor is None:
        return gold_speaker is None and actor is None
    gold = _normal(gold_speaker, lang)
    names = [_normal(n, lang) for n in [actor.name, *actor.aliases] if n and n.strip()]
    name_like = all(w[:1].isupper() or w in scoring_words(lang).speaker_name_particles for w in gold_speaker.split())
    gold_last = gold.split()[-1] if gold.split() and name_like else ""
    for name in names:
        if name == gold or (name.split() and len(gold_last) > 1 and name.split()[-1] == gold_last):
            return True
    if actor.kind in _SPEAKER_KINDS and len(gold.split()) > 1:
        for name in names:
            if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", gold):
                return True
    return False


def score(pairs: list[GoldPair], min_overlap: float = 0.8) -> dict:
    """Quote P/R/F1 at ``min_overlap`` and at 0.3, speaker accuracy, and per-document details."""
    totals = {min_overlap: [0, 0, 0], 0.3: [0, 0, 0]}
    speaker_right = speaker_total = 0
    documents = []
    for pair in pairs:
        gold = pair.gold.get("quotes", [])
        predicted = sorted(pair.extraction.quotes, key=lambda q: q.start)
        actors = {a.id: a for a in pair.extraction.actors}
        row = {"docid": str(pair.gold.get("docid")), "gold": len(gold), "predicted": len(predicted)}
        for threshold in totals:
            matched = match_quotes(gold, predicted, threshold)
            totals[threshold][0] += len(matched)
            totals[threshold][1] += len(predicted)
            totals[threshold][2] += len(gold)
            if threshold == min_overlap:
                row["tp"] = len(matched)
                matched_gold = {g for g, _, _ in matched}
                matched_pred = {p for _, p, _ in matched}
                row["missed"] = [gold[g]["text"] for g in range(len(gold)) if g not in matched_gold]
                row["spurious"] = [predicted[p].text for p in range(len(predicted)) if p not in matched_pred]
                row["speaker_errors"] = []
                row["errors"] = Counter()
                loose = match_quotes(gold, predicted, 0.3) if threshold > 0.3 else matched
                loose_gold = {g for g, _, _ in loose}
                loose_pred = {p for _, p, _ in loose}
                row["errors"]["missed"] = sum(1 for g in range(len(gold)) if g not in loose_gold)
                row["errors"]["spurious"] = sum(1 for p in range(len(predicted)) if p not in loose_pred)
                row["errors"]["boundary"] = sum(1 for g in loose_gold if g not in matched_gold)
                for g, p, _ in matched:
                    actor = actors.get(predicted[p].speaker) if predicted[p].speaker else None
                    speaker_total += 1
                    if speaker_correct(gold[g].get("speaker"), actor, getattr(predicted[p], "speaker_label", None),
                                       pair.extraction.article.lang):
                        speaker_right += 1
                    else:
                        kind = "null speaker" if actor is None and gold[g].get("speaker") else "wrong speaker"
                        row["errors"][kind] += 1
                        row["speaker_errors"].append(
                            (gold[g]["text"], gold[g].get("speaker"),
                             actor.name if actor else getattr(predicted[p], "speaker_label", None)))
        documents.append(row)
    return {
        "threshold": min_overlap,
        "quotes": prf(*totals[min_overlap]),
        "quotes_0.3": prf(*totals[0.3]),
        "speaker_accuracy": speaker_right / speaker_total if speaker_total else 0.0,
        "speaker_right": speaker_right,
        "speaker_total": speaker_total,
        "documents": documents,
        "errors": sum((row["errors"] for row in documents), Counter()),
    }


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def report(scores: dict) -> str:
    """Rows for documents with errors, then micro totals."""
    lines = []
    for row in scores["documents"]:
        if not (row["missed"] or row["spurious"] or row["speaker_errors"]):
            continue
        lines.append(f"{row['docid']}: gold {row['gold']} predicted {row['predicted']} matched {row['tp']}")
        lines.extend(f"  missed   {_short(t)!r}" for t in row["missed"])
        lines.extend(f"  spurious {_short(t)!r}" for t in row["spurious"])
        lines.extend(f"  speaker  {_short(t, 50)!r}: gold {g!r}, predicted {p!r}"
                     for t, g, p in row["speaker_errors"])
    for key, label in (("quotes", f"≥{scores['threshold']}"), ("quotes_0.3", "≥0.3")):
        s = scores[key]
        lines.append(f"quotes {label:5} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                     f"(tp {s['tp']}, predicted {s['predicted']}, gold {s['gold']})")
    lines.append(f"speaker accuracy {scores['speaker_accuracy']:.3f} "
                 f"({scores['speaker_right']}/{scores['speaker_total']} matched quotes)")
    lines.append(error_table(scores))
    return "\n".join(lines)


ERROR_KINDS = ("missed", "spurious", "boundary", "wrong speaker", "null speaker")


def error_table(scores: dict) -> str:
    """The remaining errors by kind, one row each (see the module docstring)."""
    errors = scores.get("errors", Counter())
    rows = ["errors by kind:"] + [f"  {kind:14} {errors.get(kind, 0):4}" for kind in ERROR_KINDS]
    return "\n".join(rows)


def summary(name: str, scores: dict) -> str:
    """One line per gold set: quote P/R/F1 at the main threshold and speaker accuracy."""
    s = scores["quotes"]
    return (f"{name}: quotes F1 {s['f1']:.3f} (P {s['precision']:.3f} R {s['recall']:.3f}, "
            f"{s['tp']}/{s['gold']} gold), speaker accuracy {scores['speaker_accuracy']:.3f} "
            f"({scores['speaker_right']}/{scores['speaker_total']})")
