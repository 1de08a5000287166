"""Scoring extracted actors against gold: precision, recall, F1 and kind accuracy.

A gold actor matches at most one extracted actor: they match when any of their names (name or
aliases) are equal, case-insensitively and ignoring a leading article ("het Kremlin" = "Kremlin").
A second extracted actor for an already matched gold actor is a false positive (a missed merge);
an extracted actor that matches only a gold ``actors_optional`` name counts neither way.
"""
from __future__ import annotations

from .gold import GoldPair, prf
from .language import scoring_words


def name_form(text: str, lang: str = "nl") -> str:
    """Comparison form of a name: lowercase, single spaces, no leading article ("de", "het")."""
    text = " ".join(text.replace("’", "'").lower().split())
    return scoring_words(lang).name_article.sub("", text)


def _forms(name: str, aliases, lang: str) -> set[str]:
    return {name_form(n, lang) for n in [name, *(aliases or [])] if n and n.strip()}


def score_document(pair: GoldPair) -> dict:
    """Matches, false positives/negatives and kind errors of one article."""
    gold_actors = pair.gold.get("actors", [])
    lang = pair.extraction.article.lang
    optional = {name_form(n, lang) for n in pair.gold.get("actors_optional", []) or []}
    extracted = pair.extraction.actors
    gold_forms = [_forms(g["name"], g.get("aliases"), lang) for g in gold_actors]
    ext_forms = [_forms(a.name, a.aliases, lang) for a in extracted]
    matched_gold: dict[int, int] = {}
    matched_ext: set[int] = set()
    # first pass: canonical names equal; second: any shared form
    for strict in (True, False):
        for gi, g in enumerate(gold_actors):
            if gi in matched_gold:
                continue
            for ei, a in enumerate(extracted):
                if ei in matched_ext:
                    continue
                hit = name_form(g["name"], lang) == name_form(a.name, lang) if strict else bool(gold_forms[gi] & ext_forms[ei])
                if hit:
                    matched_gold[gi] = ei
                    matched_ext.add(ei)
                    break
    false_positives, neutral = [], []
    for ei, a in enumerate(extracted):
        if ei in matched_ext:
            continue
        duplicate = any(ext_forms[ei] & forms for forms in gold_forms)
        if not duplicate and ext_forms[ei] & optional:
            neutral.append(a.name)
        else:
            false_positives.append(a.name)
    kind_errors = [
        f"{gold_actors[gi]['name']}: {extracted[ei].kind} (gold {gold_actors[gi]['kind']})"
        for gi, ei in matched_gold.items() if extracted[ei].kind != gold_actors[gi]["kind"]
    ]
    tp = len(matched_gold)
    return {
        "docid": str(pair.gold.get("docid")),
        **prf(tp, tp + len(false_positives), len(gold_actors)),
        "kind_correct": tp - len(kind_errors),
        "false_positives": false_positives,
        "false_negatives": [g["name"] for gi, g in enumerate(gold_actors) if gi not in matched_gold],
        "kind_errors": kind_errors,
        "neutral": neutral,
    }


def score(pairs: list[GoldPair]) -> dict:
    """Per-document scores and micro totals over all documents."""
    documents = [score_document(p) for p in pairs]
    tp = sum(d["tp"] for d in documents)
    total = prf(tp, sum(d["predicted"] for d in documents), sum(d["gold"] for d in documents))
    kind_correct = sum(d["kind_correct"] for d in documents)
    total["kind_accuracy"] = kind_correct / tp if tp else 0.0
    total["kind_correct"] = kind_correct
    for d in documents:
        d["kind_accuracy"] = d["kind_correct"] / d["tp"] if d["tp"] else 0.0
    return {"documents": documents, "total": total}


def report(scores: dict) -> str:
    """A text table: one line per document, then the micro totals."""
    header = f"{'document':<24} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6} {'kind':>6}"
    lines = [header, "-" * len(header)]

    def row(name: str, d: dict) -> str:
        return (f"{name:<24} {d['gold']:>5} {d['predicted']:>5} {d['tp']:>4} {d['precision']:>6.3f} "
                f"{d['recall']:>6.3f} {d['f1']:>6.3f} {d['kind_accuracy']:>6.3f}")

    for d in scores["documents"]:
        lines.append(row(d["docid"][:24], d))
    lines.append("-" * len(header))
    lines.append(row("micro total", scores["total"]))
    return "\n".join(lines)
