"""On-disk extraction cache keyed by content, so unchanged articles skip the NLP on rebuild.

The key hashes everything the result depends on: the article's text, blocks, title, date, language
and slug, and the *pipeline version* (:func:`pipeline_version`: the spaCy model's files, our code and
data files under ``generator/``, the spaCy version and the extraction settings). Changing any of those
gives new keys; an unchanged article under an unchanged pipeline keeps its key.

An entry file is one header line (JSON: format, key, sha256 and length of the payload) followed by the
payload (the extraction's JSON). It is written to a temporary file and renamed into place, so readers
never see half an entry; a truncated, garbled, foreign or unreadable entry fails the check and is
treated as a miss (recomputed and overwritten), never trusted.

The folder may also be an fsspec URL (``s3://bucket/explainer``, ``gs://…``, ``memory://…``: a cache
shared by the machines of a Dask cluster, see ``docs/scaling.md``). Entries there have the same format
and checks; an object store's whole-object PUT is the atomic write, other file systems get a temporary
object moved into place. A local path (or ``file://``) never imports fsspec.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
from functools import lru_cache
from pathlib import Path

from ..files import digest_tree, write_atomically
from .model import Extraction
from .reading import ArticleSource

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_PATH = PACKAGE_DIR / "models" / "nl_explainer"
ENTRY_FORMAT = 2
_CODE_SUFFIXES = {".py", ".json", ".txt", ".tsv", ".yaml", ".yml", ".cfg", ".jsonl"}
# Not inputs of the extraction: the model (hashed separately), the site layer, evaluation, the CLI.
# service.py only decides where an article is extracted (serial, processes, Dask) and cached.
_NOT_EXTRACTION = ("models", "site", "build", "formats", "evaluation", "cli.py", "__main__.py",
                   "extraction/service.py")


def cache_key(source: ArticleSource, fingerprint: str) -> str:
    """The entry key of one article under one pipeline version (see :func:`pipeline_version`)."""
    parts = [fingerprint, source.meta.slug, source.meta.title, str(source.meta.date), source.meta.lang,
             json.dumps([(b.kind, b.start, b.end) for b in source.blocks]), source.text]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Our extraction code, rules and data under ``generator/`` (not the site layer): once per process."""
    digest = hashlib.sha256()
    digest_tree(PACKAGE_DIR, digest, _CODE_SUFFIXES, skip=_NOT_EXTRACTION)
    return digest.hexdigest()


@lru_cache(maxsize=16)
def model_digest(model: str) -> str:
    """What the base pipeline is made of, without loading it: the files of the model folder/package.

    Mirrors :func:`generator.extraction.nlp._base_pipeline`'s resolution: ``rules`` is a blank pipeline,
    ``default`` is ours if it is installed (else blank), anything else is a path or a package name.
    """
    model = model or "default"
    folder: Path | None = None
    if model == "rules":
        return "blank"
    if model == "default":
        if not DEFAULT_MODEL_PATH.exists():
            return "blank"
        folder = DEFAULT_MODEL_PATH
    elif Path(model).exists():
        folder = Path(model)
    else:
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return f"unresolved:{model}"  # loading it will fail with a ConfigurationError
        folder = Path(list(spec.submodule_search_locations)[0])
    digest = hashlib.sha256(f"{model}\x00".encode())
    digest_tree(folder.resolve(), digest)
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _pipeline_version(model: str, lang: str, settings: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:  # pragma: no cover
        spacy_version = "?"
    parts = [f"format={ENTRY_FORMAT}", f"lang={lang}", f"spacy={spacy_version}", f"model={model or 'default'}",
             f"model-files={model_digest(model)}", f"code={code_digest()}", f"settings={settings}"]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def pipeline_version(model: str, lang: str, settings: dict | None = None) -> str:
    """The cache's version of the pipeline, computed once per process and without loading spaCy.

    It changes with the model name and its files, our code and data under ``generator/`` (rules,
    lexicons, component code), the spaCy version, the language and any extraction ``settings``.
    Call :func:`clear_versions` after editing files in a long-lived process.
    """
    return _pipeline_version(model or "default", lang, json.dumps(settings or {}, sort_keys=True, default=str))


def clear_versions() -> None:
    """Forget the memoised digests (tests, or a long-running process whose files changed)."""
    code_digest.cache_clear()
    model_digest.cache_clear()
    _pipeline_version.cache_clear()


def is_url(location) -> bool:
    """Whether a cache location is an fsspec URL (``s3://…``) rather than a local path."""
    return "://" in str(location) and not str(location).startswith("file://")


# Object stores write a whole object in one PUT (readers see the old object or the new one, never
# half of it); other fsspec file systems need a temporary object and a move.
_WHOLE_OBJECT_PUT = {"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "memory", "oss", "r2"}


class ExtractionCache:
    """``folder/<key[:2]>/<key>.json`` entries; ``get`` returns None for anything it cannot trust.

    ``folder`` is a local path or an fsspec URL (see the module's docstring).
    """

    def __init__(self, folder):
        folder = str(folder)
        self.url = folder if is_url(folder) else None
        self.folder = Path(folder.removeprefix("file://")) if self.url is None else None
        self._fs = None
        self.rejected = 0  # entries found but not trusted (corrupt, partial, foreign)

    def __repr__(self) -> str:
        return f"ExtractionCache({self.url or str(self.folder)!r})"

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _remote(self, key: str) -> tuple[object, str]:
        if self._fs is None:
            try:
                import fsspec
            except ImportError:
                from ..errors import ConfigurationError

                raise ConfigurationError(f"EXPLAINER_CACHE_PATH / --cache: {self.url} needs fsspec "
                                         "(pip install 'pelican-explainer[dask]', and e.g. s3fs for s3://)") from None
            self._fs, self._root = fsspec.core.url_to_fs(self.url)
        return self._fs, f"{self._root.rstrip('/')}/{key[:2]}/{key}.json"

    def contains(self, key: str) -> bool:
        """Whether an entry exists (not whether it can be trusted: that is :meth:`get`'s job)."""
        if self.url is not None:
            fs, path = self._remote(key)
            return fs.isfile(path)
        return self._path(key).is_file()

    def _read(self, key: str) -> bytes | None:
        try:
            if self.url is not None:
                fs, path = self._remote(key)
                return fs.cat_file(path)
            return self._path(key).read_bytes()
        except (OSError, FileNotFoundError):
            return None

    def get(self, key: str) -> Extraction | None:
        raw = self._read(key)
        if raw is None:
            return None
        try:
            header_line, _, payload = raw.partition(b"\n")
            header = json.loads(header_line)
            if (header.get("format") != ENTRY_FORMAT or header.get("key") != key
                    or header.get("length") != len(payload)
                    or header.get("sha256") != hashlib.sha256(payload).hexdigest()):
                raise ValueError("header does not match the payload")
            extraction = Extraction.from_json(json.loads(payload))
        except Exception as err:  # noqa: BLE001 - whatever is wrong with an entry, it is not trusted
            self.rejected += 1
            logger.debug("explainer: cache entry %s rejected (%s); recomputing", key, err)
            return None
        return extraction

    def put(self, key: str, extraction: Extraction) -> None:
        payload = json.dumps(extraction.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = json.dumps({"format": ENTRY_FORMAT, "key": key, "length": len(payload),
                             "sha256": hashlib.sha256(payload).hexdigest()}).encode()
        where = self.url or self._path(key)
        try:
            if self.url is not None:
                self._put_remote(key, header + b"\n" + payload)
            else:
                write_atomically(self._path(key), header + b"\n" + payload)
        except OSError as err:  # a cache that cannot be written costs time on the next build, nothing else
            logger.warning("explainer: could not write cache entry %s (%s)", where, err)

    def _put_remote(self, key: str, data: bytes) -> None:
        import uuid

        fs, path = self._remote(key)
        protocols = {fs.protocol} if isinstance(fs.protocol, str) else set(fs.protocol)
        if protocols & _WHOLE_OBJECT_PUT:
            fs.pipe_file(path, data)
            return
        fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        tmp = f"{path}.{uuid.uuid4().hex}.tmp"
        fs.pipe_file(tmp, data)
        try:
            fs.mv(tmp, path)
        except BaseException:
            try:
                fs.rm(tmp)
            except OSError:
                pass
            raise
