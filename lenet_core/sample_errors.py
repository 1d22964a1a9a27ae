"""The sample store's errors, and the translation of SQLite's errors into messages a user can act on."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lenet_core.safe_files import can_create_files_in


class SampleStoreError(Exception):
    """The database cannot be used: locked, damaged, too new, not ours, or closed."""


class SampleNotFoundError(SampleStoreError, KeyError):
    """No sample has the given id."""

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else "sample not found"


def unwritable_message(path: Path) -> str | None:
    """Why the database cannot be written, when the reason is a read-only folder or file."""
    folder = path.parent
    if not can_create_files_in(folder):
        return (
            f"the folder {folder} is read-only, so your samples cannot be stored there. Make it "
            "writable, or start LeNet Digits with --data-dir pointing to a folder you can write to."
        )
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} is read-only, so no sample can be added to it. Make it writable."
    return None


def describe_os_error(exc: OSError) -> str:
    """An OSError from creating the data folder, in words: a read-only one is named as such."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and exc.filename:
        return (
            f"the folder {exc.filename} is read-only, so your samples cannot be stored there. Make it "
            "writable, or start LeNet Digits with --data-dir pointing to a folder you can write to."
        )
    return str(exc)


def damaged_message(path: Path, detail: str) -> str:
    return (
        f"{path} is damaged or is not a LeNet Digits sample database ({detail}). "
        "It was left untouched: move it aside or restore a backup, and a new one will be created."
    )

@contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3's exceptions into SampleStoreError messages a user can act on."""
    try:
        yield
    except sqlite3.Error as exc:
        name = getattr(exc, "sqlite_errorname", "")
        text = str(exc)
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
            raise SampleStoreError(
                f"{path}: the database is locked by another program (is LeNet Digits open "
                "twice?). Close the other program and try again."
            ) from exc
        # SQLite says "unable to open database file" when it cannot create its journal files.
        if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) or "unable to open" in text or (
            "readonly" in text
        ):
            unwritable = unwritable_message(path)
            if unwritable:
                raise SampleStoreError(unwritable) from exc
        # sqlite_errorname is Python 3.11+; the message text covers 3.10.
        if (
            name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
            or "malformed" in text
            or "not a database" in text
        ):
            raise SampleStoreError(damaged_message(path, text)) from exc
        raise SampleStoreError(f"{path}: database error: {text}") from exc
