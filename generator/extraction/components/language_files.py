"""A component's word lists as spaCy keeps a component's data: read in ``initialize()``, saved by
``to_disk`` and read back by ``from_disk`` (the pattern of spaCy's ``span_ruler``).

The one source of truth is ``generator/data/<lang>/``: ``initialize()`` reads a component's files
from there (the language is ``nlp.lang`` unless the caller names another). A pipeline saved with
``nlp.to_disk`` keeps a byte copy of exactly those files in the component's folder, so
``spacy.load(folder)`` needs neither ``initialize()`` nor the project's data folder. The shipped
model's copy is written by ``training/train.py --stages components`` (``make model``);
``tests/test_pipes.py`` fails when it differs from ``generator/data/<lang>/``.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import srsly

from ..language import language_dir
from .extensions import register_extensions

CONFIG_FILE = "cfg"  # in the component's folder: which language the copied files are


class LanguageFilesComponent:
    """Base of a component whose data is some files of its language's ``data/<lang>/`` folder."""

    def __init__(self, nlp, name: str):
        register_extensions()
        self.name = name
        self.lang = nlp.lang if nlp is not None else None
        self.data_dir: Path | None = None  # the folder the word lists were read from (None: from bytes)
        self.files: dict[str, bytes] = {}  # their bytes by relative path: what to_disk/to_bytes write

    # -- what a component defines ------------------------------------------------------------------
    def data_files(self, folder: Path) -> list[str]:
        """The component's files and folders, relative to a language folder (or a saved copy of it)."""
        raise NotImplementedError

    def read(self, folder: Path, lang: str) -> None:
        """Parse the word lists under ``folder`` (files named by :meth:`data_files`)."""
        raise NotImplementedError

    # -- spaCy's protocol --------------------------------------------------------------------------
    def initialize(self, get_examples=None, *, nlp=None, lang: str | None = None) -> None:
        """Read the word lists from ``generator/data/<lang>/`` (``lang``: default ``nlp.lang``)."""
        code = lang or (nlp.lang if nlp is not None else self.lang)
        folder = language_dir(code)
        self._load(folder, folder.name)

    def to_disk(self, path, *, exclude=()) -> None:
        """A byte copy of the component's files (and its language) in ``path``."""
        self.require_data()
        path = Path(path)
        if path.exists():
            shutil.rmtree(path)  # the component's own folder: no file of an older copy stays behind
        _write_files(path, self.files)
        (path / CONFIG_FILE).write_text(json.dumps({"lang": self.lang}, sort_keys=True) + "\n", encoding="utf-8")

    def from_disk(self, path, *, exclude=()):
        """Read the word lists a saved pipeline carries (written by :meth:`to_disk`)."""
        path = Path(path)
        lang = json.loads((path / CONFIG_FILE).read_text(encoding="utf-8"))["lang"]
        self._load(path, lang)
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        self.require_data()
        return srsly.msgpack_dumps({"lang": self.lang, "files": self.files})

    def from_bytes(self, data: bytes, *, exclude=()):
        """The files of :meth:`to_bytes`, parsed from a temporary folder (the readers read folders)."""
        content = srsly.msgpack_loads(data)
        with tempfile.TemporaryDirectory() as folder:
            _write_files(Path(folder), content["files"])
            self._load(Path(folder), content["lang"])
        self.data_dir = None  # gone with the temporary folder
        return self

    def require_data(self) -> None:
        """A component used before its word lists were read: say what to do instead of failing later."""
        if not self.files:
            raise ValueError(f"{self.name}: no word lists yet; call nlp.initialize() (or the component's "
                             "initialize(nlp=nlp)) after add_pipe, or load a saved pipeline")

    def _load(self, folder: Path, lang: str) -> None:
        self.lang = lang
        self.read(folder, lang)
        self.files = {relative.as_posix(): (folder / relative).read_bytes()
                      for name in self.data_files(folder) for relative in _files_under(folder, name)}
        self.data_dir = folder


def _files_under(folder: Path, name: str) -> list[Path]:
    """``name`` (a file, or a folder's files), relative to ``folder``, sorted."""
    path = folder / name
    found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [p.relative_to(folder) for p in found]


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
