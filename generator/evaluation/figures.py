"""Scoring key figures (``Extraction.figures``, the ``explainer_figures`` pipe) against a figures gold: span P/R/F1 and value P/R/F1.

The gold (``benchmarks/gold/*.figures.json``, guide in ``benchmarks/gold/FIGURES.md``) stores no article
text, only offsets into the article file and normalised values, so it may sit in the repository while the
articles stay in ``../shared``. A gold figure is located in ``extraction.text`` as the same-numbered
occurrence of the file's text between its offsets, counted after the header.

Every figure the extraction has in the body is scored (not only the five a page shows: those are
``shown``); a figure only the headline has is not, as the gold annotates the body. Predicted and gold
spans match one-to-one when they overlap; gold marked ``optional`` (a judgement call: a bare index level,
a small written count, a conversion in brackets) counts neither way.

Value: a matched figure is correct when its kind agrees (money, percent, or a quantity: count or
measure) and its value equals the gold value, or for a gold range (``end_value``) its lower and upper
values equal the gold's, within 0.1 %.
"""
from __future__ import annotations

import math
from pathlib import Path

from ..extraction.components.figures.rank import shown_figures
from .gold import prf

CLASS = {"money": "money", "percent": "percent"}  # every other kind is a quantity


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-3)


def locate_gold(file_text: str, text: str, figures: list[dict]) -> list[tuple[dict, tuple[int, int] | None]]:
    """Each gold figure with its span in ``text`` (None when it cannot be found there)."""
    body_start = file_text.find("\n\n") + 2 if "\n\n" in file_text else 0
    located = []
    for figure in figures:
        surface = file_text[figure["start"]:figure["end"]]
        nth = file_text.count(surface, body_start, figure["start"]) if surface else -1
        pos = -1
        for _ in range(nth + 1):
            pos = text.find(surface, pos + 1)
            if pos < 0:
                break
        located.append((figure, (pos, pos + len(surface)) if surface and pos >= 0 else None))
    return located


def value_correct(predicted, gold: dict) -> bool:
    if CLASS.get(predicted.kind, "quantity") != CLASS.get(gold.get("kind"), "quantity"):
        return False
    if gold.get("end_value") is not None:
        return _same(predicted.low, gold["value"]) and _same(predicted.value, gold["end_value"])
    return predicted.low is None and _same(predicted.value, gold["value"])


def score_document(gold: dict, extraction, file_text: str) -> dict:
    located = locate_gold(file_text, extraction.text, gold.get("figures", []))
    predicted = [f for f in extraction.figures if f.start >= 0]
    shown = {(f.start, f.end) for f in shown_figures(extraction.figures) if f.start >= 0}
    matched: set[int] = set()
    pairs, false_figures, ignored, shown_good, shown_scored = [], [], 0, 0, 0
    for figure in predicted:
        hit = next((i for i, (g, span) in enumerate(located)
                    if i not in matched and span and span[0] < figure.end and figure.start < span[1]), None)
        is_shown = (figure.start, figure.end) in shown
        if hit is not None and located[hit][0].get("optional"):
            matched.add(hit)
            ignored += 1
            continue
        shown_scored += is_shown
        if hit is None:
            false_figures.append(figure)
            continue
        matched.add(hit)
        pairs.append((figure, located[hit][0]))
        shown_good += is_shown
    required = [(i, g, span) for i, (g, span) in enumerate(located) if not g.get("optional")]
    misses = [(g, span) for i, g, span in required if i not in matched]
    wrong = [(f, g) for f, g in pairs if not value_correct(f, g)]
    return {"docid": gold.get("docid"), "tp": len(pairs), "predicted": len(predicted) - ignored,
            "gold": len(required), "value_correct": len(pairs) - len(wrong), "false_figures": false_figures,
            "misses": misses, "wrong_values": wrong, "text": extraction.text,
            "shown": shown_scored, "shown_correct": shown_good}


def score(pairs) -> dict:
    """Scores for the :class:`~generator.evaluation.gold.GoldPair` whose gold annotates figures."""
    documents = [score_document(p.gold, p.extraction, Path(p.source).read_text(encoding="utf-8"))
                 for p in pairs if "figures" in p.gold and p.source is not None]
    total = {key: sum(d[key] for d in documents)
             for key in ("tp", "predicted", "gold", "value_correct", "shown", "shown_correct")}
    value = prf(total["value_correct"], total["predicted"], total["gold"])
    return {"span": prf(total["tp"], total["predicted"], total["gold"]), "value": value,
            "shown": {"precision": total["shown_correct"] / total["shown"] if total["shown"] else 0.0,
                      "correct": total["shown_correct"], "shown": total["shown"]},
            "documents": documents}


def _fmt(figure) -> str:
    value = f"{figure.low:g}..{figure.value:g}" if figure.low is not None else f"{figure.value:g}"
    return f"{figure.text!r}={value} ({figure.kind})"


def _gold(gold: dict, text: str, span) -> str:
    value = f"{gold['value']:g}" + (f"..{gold['end_value']:g}" if gold.get("end_value") is not None else "")
    where = repr(text[span[0]:span[1]]) if span else f"(not found; file offsets {gold['start']}-{gold['end']})"
    return f"{where}={value} {gold.get('unit', '')} ({gold.get('kind')})"


def report(scores: dict) -> str:
    lines = []
    for doc in scores["documents"]:
        if not (doc["false_figures"] or doc["misses"] or doc["wrong_values"]):
            continue
        lines.append(f"{doc['docid']}: tp {doc['tp']} predicted {doc['predicted']} gold {doc['gold']} "
                     f"values {doc['value_correct']}/{doc['tp']}")
        lines.extend(f"    false figure  {_fmt(f)}" for f in doc["false_figures"])
        lines.extend(f"    missed        {_gold(g, doc['text'], span)}" for g, span in doc["misses"])
        lines.extend(f"    wrong value   {_fmt(f)} (gold {g['value']:g}"
                     + (f"..{g['end_value']:g}" if g.get("end_value") is not None else "") + f" {g.get('kind')})"
                     for f, g in doc["wrong_values"])
    s, v, shown = scores["span"], scores["value"], scores["shown"]
    lines.append(f"figures: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                 f"(tp {s['tp']}, predicted {s['predicted']}, gold {s['gold']})")
    lines.append(f"values:  P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (correct {v['tp']})")
    lines.append(f"shown (the five a page lists): {shown['correct']}/{shown['shown']} are gold figures "
                 f"(precision {shown['precision']:.3f})")
    return "\n".join(lines)
