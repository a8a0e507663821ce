"""Where the checked, compiled rule set is kept between runs: bytes by key in the user's cache directory.

The key (made by `engine.ruleset`) is a SHA-256 of the rule and guideline files, their paths and the engine code
that checks and compiles them; this module only stores and finds bytes, and `engine.ruleset` refuses an entry
whose own body hash or key does not match. Every problem here (no home, a read-only or foreign directory, a
file someone else could have written) means "no cache": the rule set is then loaded from its YAML as before.

`MTUS_CACHE_DIR` chooses the directory; set to `off` (or empty) it disables the cache. Otherwise the platform's
user cache directory is used, and where that is not writable a private directory under the system temporary
directory, used only when this user owns it and no one else can write to it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ENV = "MTUS_CACHE_DIR"
_PREFIX, _SUFFIX = "ruleset-", ".json"
#: entries kept: one per rule set and engine version in use (a developer's, CI's, a user's private rules)
KEEP = 8


def _user_cache_dir() -> Path | None:
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home directory (some service accounts)
        home = None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "mtus-engine" / "Cache" if base else None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "mtus-engine" if home else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "mtus-engine"
    return home / ".cache" / "mtus-engine" if home else None


def _private(path: Path) -> bool:
    """Ours and writable by no one else (POSIX); on Windows, the user's own profile directory is trusted."""
    if not hasattr(os, "getuid"):
        return True
    try:
        st = path.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _usable(directory: Path) -> bool:
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return directory.is_dir() and _private(directory) and os.access(directory, os.W_OK | os.X_OK)


def cache_dir() -> Path | None:
    """The directory to use, or None when caching is off or no safe directory can be had."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        if chosen.strip().lower() in ("", "off", "0", "no", "none"):
            return None
        return Path(chosen) if _usable(Path(chosen)) else None
    candidates = [_user_cache_dir()]
    if hasattr(os, "getuid"):
        candidates.append(Path(tempfile.gettempdir()) / f"mtus-engine-{os.getuid()}")
    for candidate in candidates:
        if candidate is not None and _usable(candidate):
            return candidate
    return None


def _entry(directory: Path, key: str) -> Path:
    return directory / f"{_PREFIX}{key}{_SUFFIX}"


def read(key: str) -> bytes | None:
    """The bytes stored under `key`, if there is a safe entry (a regular file of ours no one else can write)."""
    directory = cache_dir()
    if directory is None:
        return None
    path = _entry(directory, key)
    try:
        if path.is_symlink() or not path.is_file() or not _private(path):
            return None
        return path.read_bytes()
    except OSError:
        return None


def write(key: str, data: bytes) -> Path | None:
    """Store `data` under `key` (atomically: readers see the old entry or the whole new one); None when the cache
    is off or the write failed, which is never an error."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o600)
            target = _entry(directory, key)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return None
    _prune(directory)
    return target


def _prune(directory: Path) -> None:
    """Remove all but the `KEEP` most recently written entries."""
    try:
        entries = sorted(directory.glob(f"{_PREFIX}*{_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
