"""Writing output files atomically: a failed write leaves the previous files untouched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_files_atomically(files: Mapping[Path, str | bytes]) -> None:
    """Write every file to a temporary sibling first, then move them all into place.

    If writing any file fails, no target is touched and the temporaries are removed.
    """
    for target in files:  # refuse up front what could only fail half-way
        if target.is_dir():
            raise IsADirectoryError(21, "is a folder", str(target))
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
