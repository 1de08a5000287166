"""On-disk extraction cache keyed by content, so unchanged articles skip the NLP on rebuild.

The key hashes everything the result depends on: the article's text, date, language and slug, and the
pipeline fingerprint (model, our rules, data and code). An entry is written atomically and carries its
own key and a checksum; a corrupt, partial or foreign entry is ignored and recomputed.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .model import Extraction
from .reading import ArticleSource


def cache_key(source: ArticleSource, fingerprint: str) -> str:
    parts = [fingerprint, source.meta.slug, source.meta.title, str(source.meta.date), source.meta.lang,
             json.dumps([(b.kind, b.start, b.end) for b in source.blocks]), source.text]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class ExtractionCache:
    def __init__(self, folder):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Extraction | None:
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            payload = json.dumps(entry["extraction"], sort_keys=True, ensure_ascii=False)
            if entry.get("key") != key or entry.get("sha256") != hashlib.sha256(payload.encode()).hexdigest():
                return None
            return Extraction.from_json(entry["extraction"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, extraction: Extraction) -> None:
        data = extraction.to_json()
        payload = json.dumps(data, sort_keys=True, ensure_ascii=False)
        entry = {"key": key, "sha256": hashlib.sha256(payload.encode()).hexdigest(), "extraction": data}
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(entry, out, ensure_ascii=False)
        os.replace(tmp, path)
