"""The training tab's sample store: the user's own handwritten digits in one SQLite file.

Design choices, and why:

* Every ``add``/``relabel``/``delete`` is its own committed transaction in WAL mode with
  ``synchronous=FULL``, so a crash or power cut never loses a sample the user already saw being saved.
* The schema is versioned with ``PRAGMA user_version`` and a list of migrations. A database written by a
  newer app version, one that belongs to another program, or one that is damaged is refused with a clear
  message and never written to: before anything is changed the file is inspected through a read-only
  connection, so the user's data can still be rescued by a newer version or by hand.
* ``relabel`` and ``delete`` are undoable through an in-memory stack. A deleted row is kept whole (same
  id, png, strokes, time) so undo restores exactly what was there; ids are ``AUTOINCREMENT`` so a new
  sample can never take a deleted sample's id and block its restoration.
* Busy timeouts are short: a database locked by another program gives a ``SampleStoreError`` instead of
  freezing the GUI.

A ``SampleStore`` (like the sqlite3 connection inside it) belongs to the thread that opened it; a worker
thread (training, import) should open its own store on the same path, which WAL mode allows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

# Re-exported: the store's values and PNG helpers live in sample_data.
from lenet_core.sample_data import (  # noqa: F401, E501
    Delete,
    Operation,
    Relabel,
    Sample,
    Stroke,
    check_label,
    decode_gray,
    to_png,
)
from lenet_core.sample_errors import (  # noqa: F401 - re-exported
    SampleNotFoundError,
    SampleStoreError,
    damaged_message,
    translate_errors,
    unwritable_message,
)
from lenet_core.sample_transfer import IMAGE_SUFFIXES, ImportReport, export_folder, import_folder  # noqa: F401
from lenet_core.user_data import samples_db_path

SOURCES = ("drawn", "correction", "imported")
APPLICATION_ID = 0x4C654E35  # "LeN5": marks the file as ours (PRAGMA application_id)
UNDO_LIMIT = 200  # deleted samples are held in memory for undo; cap it
DEFAULT_TIMEOUT_S = 3.0

# MIGRATIONS[v] upgrades a database from user_version v to v + 1. Append only; never edit a shipped one.
MIGRATIONS: list[list[str]] = [
    [
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE samples (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            label      INTEGER NOT NULL CHECK (label BETWEEN 0 AND 9),
            png        BLOB    NOT NULL,
            strokes    TEXT    NOT NULL DEFAULT '[]',
            created_at TEXT    NOT NULL,
            source     TEXT    NOT NULL CHECK (source IN ('drawn', 'correction', 'imported'))
        )""",
        "CREATE INDEX samples_by_label_time ON samples (label, created_at)",
        "CREATE INDEX samples_by_time ON samples (created_at)",
    ],
]

_SQLITE_HEADER = b"SQLite format 3\x00"
_COLUMNS = "id, label, png, strokes, created_at, source"


# --------------------------------------------------------------------------------------------- helpers


def _strokes_json(strokes: Sequence[Stroke | Mapping[str, Any]] | None) -> str:
    return json.dumps([Stroke.coerce(s).to_json() for s in (strokes or ())], separators=(",", ":"))


def _parse_strokes(text: str) -> tuple[Stroke, ...]:
    # Strokes are extra information (the PNG is the sample); one unreadable record must not make the
    # sample itself unreadable, so bad JSON yields no strokes instead of an error.
    try:
        return tuple(Stroke.coerce(s) for s in json.loads(text))
    except (ValueError, TypeError):
        return ()


def _row_to_sample(row: tuple[Any, ...]) -> Sample:
    sid, label, png, strokes, created_at, source = row
    return Sample(sid, label, bytes(png), _parse_strokes(strokes), datetime.fromisoformat(created_at), source)


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


# --------------------------------------------------------------------------------------------- store


class SampleStore:
    """The user's samples in one SQLite file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        self.path = Path(path).expanduser()
        self.timeout = timeout
        self._con: sqlite3.Connection | None = None
        self._undo: list[Operation] = []
        self._redo: list[Operation] = []

        if self.path.exists() and self.path.stat().st_size > 0:
            self._inspect_read_only()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SampleStoreError(unwritable_message(self.path) or f"{self.path.parent}: {exc}") from exc
        with self._errors():
            con = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        self._con = con
        try:
            with self._errors():
                version = self._check_schema(con)
                # WAL + FULL: each commit is on disk when commit() returns. If the file system cannot
                # do WAL (some network shares) SQLite keeps its rollback journal, which is durable too.
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA synchronous = FULL")
            for v in range(version, len(MIGRATIONS)):
                with self._write() as c:
                    for statement in MIGRATIONS[v]:
                        c.execute(statement)
                    c.execute(f"PRAGMA user_version = {v + 1}")
        except BaseException:
            self._con = None
            con.close()
            raise

    @classmethod
    def open(cls, path: str | Path | None = None, *, timeout: float = DEFAULT_TIMEOUT_S) -> SampleStore:
        """Open (creating if needed) ``path``, by default ``samples.sqlite3`` in the user data folder."""
        return cls(samples_db_path() if path is None else path, timeout=timeout)

    # ------------------------------------------------------------------ opening, errors, transactions

    def _inspect_read_only(self) -> None:
        """Refuse a file we must not touch, looking at it only through a read-only connection."""
        with open(self.path, "rb") as f:
            header = f.read(len(_SQLITE_HEADER))
        if header != _SQLITE_HEADER:
            raise SampleStoreError(self._damaged_message("it is not an SQLite database"))
        uri = self.path.resolve().as_uri() + "?mode=ro"
        with self._errors():
            con = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None)
        try:
            with self._errors():
                self._check_schema(con)
                problems = [row[0] for row in con.execute("PRAGMA quick_check(5)")]
        finally:
            con.close()
        if problems != ["ok"]:
            raise SampleStoreError(self._damaged_message("; ".join(problems)))

    def _check_schema(self, con: sqlite3.Connection) -> int:
        """The file's schema version, if this code may use the file; else SampleStoreError."""
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id not in (0, APPLICATION_ID) or (version == 0 and tables - {"sqlite_sequence"}):
            raise SampleStoreError(
                f"{self.path} belongs to another program (it is not a LeNet Digits sample database); "
                "it was left untouched. Choose another file or data folder."
            )
        if version > len(MIGRATIONS):
            raise SampleStoreError(
                f"{self.path} was written by a newer version of LeNet Digits (schema version {version}; "
                f"this version understands up to {len(MIGRATIONS)}). It was left untouched: "
                "update LeNet Digits to use it."
            )
        return version

    def _errors(self) -> Any:
        return translate_errors(self.path)

    def _damaged_message(self, detail: str) -> str:
        return damaged_message(self.path, detail)

    @property
    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            raise SampleStoreError(f"the sample store {self.path} is closed")
        return self._con

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction. IMMEDIATE takes the write lock up front, so a locked database fails
        at BEGIN (after the busy timeout) instead of half-way through."""
        con = self._connection
        with self._errors():
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> SampleStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------------ samples

    def add(
        self,
        image: bytes | np.ndarray | Image.Image,
        label: int,
        strokes: Sequence[Stroke | Mapping[str, Any]] | None = None,
        source: str = "drawn",
    ) -> int:
        """Store a sample and commit it at once; returns its id."""
        label = check_label(label)
        if source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, got {source!r}")
        png = to_png(image)
        strokes_text = _strokes_json(strokes)
        with self._write() as con:
            cur = con.execute(
                "INSERT INTO samples (label, png, strokes, created_at, source) VALUES (?, ?, ?, ?, ?)",
                (label, png, strokes_text, _now_iso(), source),
            )
        assert cur.lastrowid is not None  # an INSERT always sets it
        return cur.lastrowid

    def get(self, sample_id: int) -> Sample:
        with self._errors():
            row = self._connection.execute(
                f"SELECT {_COLUMNS} FROM samples WHERE id = ?", (sample_id,)
            ).fetchone()
        if row is None:
            raise SampleNotFoundError(f"no sample with id {sample_id}")
        return _row_to_sample(row)

    def samples(self, label: int | None = None) -> list[Sample]:
        """All samples, or those with ``label``, newest first."""
        query = f"SELECT {_COLUMNS} FROM samples"
        args: tuple[int, ...] = ()
        if label is not None:
            query += " WHERE label = ?"
            args = (check_label(label),)
        with self._errors():
            rows = self._connection.execute(query + " ORDER BY created_at DESC, id DESC", args).fetchall()
        return [_row_to_sample(r) for r in rows]

    def counts(self) -> dict[int, int]:
        """Number of samples per digit, 0-9 all present."""
        result = dict.fromkeys(range(10), 0)
        with self._errors():
            for label, n in self._connection.execute("SELECT label, COUNT(*) FROM samples GROUP BY label"):
                result[label] = n
        return result

    def __len__(self) -> int:
        with self._errors():
            return self._connection.execute("SELECT COUNT(*) FROM samples").fetchone()[0]

    def load_training_images(self) -> tuple[list[np.ndarray], list[int], list[int]]:
        """``(images, labels, skipped_ids)``, oldest first: greyscale uint8 arrays as ``Sample.image()``.

        A sample whose PNG cannot be decoded is left out and its id reported, so one bad row never
        stops training.
        """
        images: list[np.ndarray] = []
        labels: list[int] = []
        skipped: list[int] = []
        with self._errors():
            rows = self._connection.execute("SELECT id, label, png FROM samples ORDER BY id")
            for sid, label, png in rows:
                try:
                    images.append(decode_gray(bytes(png)))
                except Exception:  # PIL raises many types for bad data; report, never stop training
                    skipped.append(sid)
                    continue
                labels.append(label)
        return images, labels, skipped

    # ------------------------------------------------------------------------------ undoable edits

    def relabel(self, sample_id: int, label: int) -> None:
        label = check_label(label)
        old = self.get(sample_id).label
        if old == label:
            return  # nothing changed, so nothing to undo
        op = Relabel(sample_id, old, label)
        self._apply(op, forward=True)
        self._push(self._undo, op)
        self._redo.clear()

    def delete(self, sample_id: int) -> None:
        op = Delete(self.get(sample_id))
        self._apply(op, forward=True)
        self._push(self._undo, op)
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> Operation | None:
        """Revert the latest relabel/delete; returns it, or None if there is nothing to undo."""
        return self._step(self._undo, self._redo, forward=False)

    def redo(self) -> Operation | None:
        """Re-apply the latest undone operation; returns it, or None if there is nothing to redo."""
        return self._step(self._redo, self._undo, forward=True)

    def _step(self, source: list[Operation], target: list[Operation], *, forward: bool) -> Operation | None:
        if not source:
            return None
        op = source[-1]
        try:
            self._apply(op, forward=forward)
        except SampleNotFoundError:
            source.pop()  # the sample vanished (another program?): this step can never succeed
            raise
        # Only now move it: if the database was locked the operation stays put and can be retried.
        self._push(target, source.pop())
        return op

    @staticmethod
    def _push(stack: list[Operation], op: Operation) -> None:
        stack.append(op)
        del stack[:-UNDO_LIMIT]

    def _apply(self, op: Operation, *, forward: bool) -> None:
        with self._write() as con:
            if isinstance(op, Relabel):
                label = op.new_label if forward else op.old_label
                changed = con.execute("UPDATE samples SET label = ? WHERE id = ?", (label, op.sample_id))
                if changed.rowcount == 0:
                    raise SampleNotFoundError(f"no sample with id {op.sample_id}")
            elif forward:  # delete
                if con.execute("DELETE FROM samples WHERE id = ?", (op.sample.id,)).rowcount == 0:
                    raise SampleNotFoundError(f"no sample with id {op.sample.id}")
            else:  # undo delete: put back the very same row
                s = op.sample
                con.execute(
                    f"INSERT INTO samples ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        s.id,
                        s.label,
                        s.png,
                        _strokes_json(s.strokes),
                        s.created_at.isoformat(timespec="microseconds"),
                        s.source,
                    ),
                )

    # ----------------------------------------------------------------------------- import / export

    def import_folder(self, folder: str | Path) -> ImportReport:
        """Add every image in ``folder/<digit>/``; see `sample_transfer.import_folder` (progress, cancel)."""
        return import_folder(self, folder)

    def export_folder(self, folder: str | Path) -> list[Path]:
        """Write every sample to ``folder/<label>/<id>.png`` (never overwriting); returns the files."""
        return export_folder(self, folder).written
