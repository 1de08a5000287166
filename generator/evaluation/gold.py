"""Gold files and the articles they annotate; running our extraction on them.

A gold document names its article by ``docid``: the seed (``../shared/seed/<docid>.txt``) or a
development article (``../shared/data/meantime-nl-dev/<docid>.md``). Articles are looked up next to
the gold file, so the same command works on held-out gold laid out the same way.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..extraction.model import Extraction
from ..extraction.reading import read_article
from ..extraction.service import Extractor


@dataclass
class GoldPair:
    gold: dict
    extraction: Extraction
    source: Path | None = None  # the article file (figure gold gives offsets into it)


def load_gold(path) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def find_article(docid: str, gold_path: Path, article_dirs: list[Path] | None = None) -> Path:
    """The article file for a gold ``docid``: in the given folders, next to the gold file, else in the
    ``seed/`` and ``data/*/`` folders beside the gold folder (the ``../shared`` layout)."""
    gold_dir = gold_path.resolve().parent
    shared = gold_dir.parent
    candidates = [*(article_dirs or []), gold_dir, shared / "seed", *sorted((shared / "data").glob("*"))]
    for folder in candidates:
        for suffix in (".md", ".txt"):
            path = Path(folder) / f"{docid}{suffix}"
            if path.exists():
                return path
    raise FileNotFoundError(f"{gold_path}: no article file for docid {docid!r}")


def extract_gold(gold_path, model: str = "default", article_dirs=None, cache=None) -> list[GoldPair]:
    """Run the extraction on every article a gold file annotates (dated by the gold ``dct``), through
    the extraction service (``cache``: a folder or URL, None for none)."""
    gold_path = Path(gold_path)
    docs = load_gold(gold_path)
    paths = [find_article(str(d["docid"]), gold_path, article_dirs) for d in docs]
    sources = [read_article(path, date=d.get("dct")) for path, d in zip(paths, docs)]
    extractions = Extractor(model=model, cache=cache).extract(sources)
    return [GoldPair(gold=d, extraction=e, source=path) for d, e, path in zip(docs, extractions, paths)]


def prf(true_positive: int, n_predicted: int, n_gold: int) -> dict:
    """Precision, recall and F1 from counts (0 when undefined)."""
    precision = true_positive / n_predicted if n_predicted else 0.0
    recall = true_positive / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "tp": true_positive, "predicted": n_predicted, "gold": n_gold}
