"""Scoring the timeline against gold dates: expression P/R/F1 (span overlap) and value accuracy/F1.

Every mention the extraction placed on the timeline is scored: each entry's ``sources`` (or its own
start/end when it lists none), all carrying the entry's date and end date. A gold expression is located
in ``extraction.text`` with ``str.find`` (word-bounded occurrences, longest expressions first, in order);
predicted and gold spans match one-to-one when they overlap. Gold ``dates_optional`` expressions count
neither way; the dateline opening the body is never gold.

Value: a matched prediction is correct when its date equals the gold value and, if the gold has an
end_value, its end date equals that too. Value precision = correct / predicted, recall = correct / gold.
"""
from __future__ import annotations

import re

from .gold import prf


def _occurrences(text: str, expression: str) -> list[tuple[int, int]]:
    if not expression:
        return []
    found = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(expression) + r"(?!\w)", text)]
    if not found:
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(expression), text)]
    if not found:
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(expression), text, re.IGNORECASE)]
    return found


def locate_gold(text: str, dates: list[dict]) -> list[tuple[dict, tuple[int, int] | None]]:
    """Each gold date with its span in the text (None when it cannot be found)."""
    order = sorted(range(len(dates)), key=lambda i: (-len(dates[i].get("expression", "")), i))
    taken: list[tuple[int, int]] = []
    spans: dict[int, tuple[int, int] | None] = {}
    for i in order:
        spans[i] = None
        for span in _occurrences(text, dates[i].get("expression", "")):
            if not any(s < span[1] and span[0] < e for s, e in taken):
                spans[i] = span
                taken.append(span)
                break
    return [(dates[i], spans[i]) for i in range(len(dates))]


def predicted_mentions(extraction) -> list[dict]:
    mentions = []
    for entry in extraction.timeline:
        for start, end in (entry.sources or [(entry.start, entry.end)]):
            mentions.append({"start": start, "end": end, "text": extraction.text[start:end],
                             "value": entry.date, "end_value": entry.end_date})
    mentions.sort(key=lambda m: m["start"])
    return mentions


def score_document(gold: dict, extraction) -> dict:
    text = extraction.text
    located = locate_gold(text, gold.get("dates", []))
    optional = [span for expression in gold.get("dates_optional", []) for span in _occurrences(text, expression)]
    predictions = predicted_mentions(extraction)
    gold_free = [(g, span) for g, span in located]
    matched_gold: set[int] = set()
    pairs, false_positives, ignored = [], [], 0
    for pred in predictions:
        best = None
        for index, (g, span) in enumerate(gold_free):
            if index in matched_gold or span is None:
                continue
            if span[0] < pred["end"] and pred["start"] < span[1]:
                best = index
                break
        if best is not None:
            matched_gold.add(best)
            pairs.append((pred, gold_free[best][0]))
        elif any(s < pred["end"] and pred["start"] < e for s, e in optional):
            ignored += 1
        else:
            false_positives.append(pred)
    misses = [g for index, (g, _span) in enumerate(gold_free) if index not in matched_gold]
    wrong = []
    correct = 0
    for pred, g in pairs:
        ok = pred["value"] == g.get("value") and (not g.get("end_value") or pred["end_value"] == g["end_value"])
        if ok:
            correct += 1
        else:
            wrong.append((pred, g))
    return {
        "docid": gold.get("docid"), "tp": len(pairs), "predicted": len(predictions) - ignored,
        "gold": len(located), "value_correct": correct, "false_positives": false_positives,
        "misses": misses, "wrong_values": wrong,
    }


def score(pairs) -> dict:
    """Scores for a list of :class:`~generator.evaluation.gold.GoldPair`."""
    documents = [score_document(p.gold, p.extraction) for p in pairs]
    tp = sum(d["tp"] for d in documents)
    predicted = sum(d["predicted"] for d in documents)
    gold = sum(d["gold"] for d in documents)
    correct = sum(d["value_correct"] for d in documents)
    value = prf(correct, predicted, gold)
    value["accuracy"] = correct / tp if tp else 0.0
    return {"expression": prf(tp, predicted, gold), "value": value, "documents": documents}


def _fmt(pred: dict) -> str:
    end = f"..{pred['end_value']}" if pred.get("end_value") else ""
    return f"{pred['text']!r}={pred['value']}{end}"


def report(scores: dict) -> str:
    lines = []
    for doc in scores["documents"]:
        if not (doc["false_positives"] or doc["misses"] or doc["wrong_values"]):
            continue
        lines.append(f"{doc['docid']}: tp {doc['tp']} predicted {doc['predicted']} gold {doc['gold']} "
                     f"values {doc['value_correct']}/{doc['tp']}")
        for pred in doc["false_positives"]:
            lines.append(f"    false date   {_fmt(pred)}")
        for g in doc["misses"]:
            end = f"..{g['end_value']}" if g.get("end_value") else ""
            lines.append(f"    missed       {g.get('expression')!r}={g.get('value')}{end}")
        for pred, g in doc["wrong_values"]:
            end = f"..{g['end_value']}" if g.get("end_value") else ""
            lines.append(f"    wrong value  {_fmt(pred)} (gold {g.get('expression')!r}={g.get('value')}{end})")
    e, v = scores["expression"], scores["value"]
    lines.append(f"expressions: P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f} "
                 f"(tp {e['tp']}, predicted {e['predicted']}, gold {e['gold']})")
    lines.append(f"values:      P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} "
                 f"accuracy {v['accuracy']:.3f} (correct {v['tp']})")
    return "\n".join(lines)
