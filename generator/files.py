"""Files: writing one so that readers never see half of it (a temporary file beside it, then a rename), and
the digest of a folder's files (what the extraction cache and the render cache key on)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one rename; raises OSError (and leaves no temporary file behind)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:16]}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def digest_tree(root: Path, digest, suffixes: set[str] | None = None, *, skip: tuple[str, ...] = (),
                top_only: bool = False) -> None:
    """Feed ``digest`` (a hashlib object) the files below ``root``: each relative path, its bytes, in path
    order, so equal trees give equal digests on every machine. ``suffixes``: only files with these
    endings; ``skip``: relative folders or files left out ("models", "extraction/service.py");
    ``top_only``: the files directly in ``root``. A missing ``root`` is itself part of the digest."""
    root = Path(root)
    if not root.is_dir():
        digest.update(f"missing:{root}".encode())
        return
    skipped = [tuple(s.split("/")) for s in skip]
    for path in sorted(root.glob("*") if top_only else root.rglob("*")):
        relative = path.relative_to(root)
        if any(relative.parts[:len(parts)] == parts for parts in skipped):
            continue
        if "__pycache__" in relative.parts or not path.is_file():
            continue
        if suffixes is not None and path.suffix not in suffixes:
            continue
        digest.update(str(relative).encode())
        digest.update(b"\x00")
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\x01")
