"""generator/files.py: atomic writes and the digest of a folder (what the caches key on)."""
from __future__ import annotations

import hashlib

from pelican.plugins.explainer.files import digest_tree, write_atomically


def _digest(root, **options) -> str:
    digest = hashlib.sha256()
    digest_tree(root, digest, **options)
    return digest.hexdigest()


def _tree(root, files: dict[str, str]):
    for name, text in files.items():
        write_atomically(root / name, text.encode())
    return root


def test_equal_trees_give_equal_digests_and_a_changed_byte_changes_it(tmp_path):
    first = _tree(tmp_path / "a", {"x.py": "een", "sub/y.json": "twee"})
    second = _tree(tmp_path / "b", {"sub/y.json": "twee", "x.py": "een"})
    assert _digest(first) == _digest(second)
    write_atomically(second / "sub" / "y.json", b"drie")
    assert _digest(first) != _digest(second)


def test_a_renamed_file_changes_the_digest(tmp_path):
    assert _digest(_tree(tmp_path / "a", {"x.py": "een"})) != _digest(_tree(tmp_path / "b", {"z.py": "een"}))


def test_skipped_folders_other_suffixes_and_subfolders_under_top_only_leave_it_alone(tmp_path):
    root = _tree(tmp_path / "a", {"x.py": "een", "models/m.py": "twee", "site/s.py": "drie"})
    before = {"skip": _digest(root, skip=("models", "site/s.py")), "py": _digest(root, suffixes={".py"}),
              "top": _digest(root, top_only=True)}
    _tree(root, {"models/m.py": "anders", "site/s.py": "anders", "notes.txt": "nieuw"})
    after = {"skip": _digest(root, skip=("models", "site/s.py", "notes.txt")), "py": _digest(root, suffixes={".py"}),
             "top": _digest(root, top_only=True, suffixes={".py"})}
    assert after["skip"] == before["skip"]
    assert after["top"] == before["top"]
    assert after["py"] != before["py"]  # models/m.py is a .py file below the root


def test_a_missing_folder_has_a_digest_of_its_own(tmp_path):
    assert _digest(tmp_path / "missing") != _digest(tmp_path)
