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

import io
import json
import math
import operator
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from lenet_core.user_data import samples_db_path

SOURCES = ("drawn", "correction", "imported")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")
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


class SampleStoreError(Exception):
    """The database cannot be used: locked, damaged, too new, not ours, or closed."""


class SampleNotFoundError(SampleStoreError, KeyError):
    """No sample has the given id."""

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else "sample not found"


@dataclass(frozen=True)
class Stroke:
    """One pen stroke: ``(x, y, pressure)`` points in canvas pixels and the pen width."""

    points: tuple[tuple[float, float, float], ...]
    width: float

    def to_json(self) -> dict[str, Any]:
        return {"width": self.width, "points": [list(p) for p in self.points]}

    @classmethod
    def coerce(cls, value: Stroke | Mapping[str, Any]) -> Stroke:
        """A ``Stroke`` from itself or from ``{"points": [[x, y, p], ...], "width": w}``; else ValueError."""
        if isinstance(value, Stroke):
            return value
        if not isinstance(value, Mapping) or "points" not in value or "width" not in value:
            raise ValueError(
                f"a stroke must be a Stroke or a mapping with 'points' and 'width', got {value!r}"
            )
        points = []
        for p in value["points"]:
            if not isinstance(p, Sequence) or len(p) not in (2, 3):
                raise ValueError(f"a stroke point must be [x, y] or [x, y, pressure], got {p!r}")
            xyp = (float(p[0]), float(p[1]), float(p[2]) if len(p) == 3 else 1.0)
            if not all(math.isfinite(v) for v in xyp):
                raise ValueError(f"a stroke point must be finite numbers, got {p!r}")
            points.append(xyp)
        width = float(value["width"])
        if not (math.isfinite(width) and width > 0):
            raise ValueError(f"a stroke's pen width must be a positive number, got {value['width']!r}")
        return cls(tuple(points), width)


@dataclass(frozen=True)
class Sample:
    id: int
    label: int
    png: bytes
    strokes: tuple[Stroke, ...]
    created_at: datetime  # timezone-aware, UTC
    source: str

    def image(self) -> np.ndarray:
        """The canvas image as a greyscale uint8 array (H, W); transparency is flattened onto white."""
        return decode_gray(self.png)


@dataclass(frozen=True)
class Relabel:
    """Undo record: sample ``sample_id`` went from ``old_label`` to ``new_label``."""

    sample_id: int
    old_label: int
    new_label: int


@dataclass(frozen=True)
class Delete:
    """Undo record: ``sample`` was deleted; the full row is kept so undo restores it with the same id."""

    sample: Sample


Operation = Relabel | Delete


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)  # ids of the new samples
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)

    def summary(self) -> str:
        text = f"imported {len(self.imported)} image(s)"
        if self.skipped:
            text += f", skipped {len(self.skipped)}:\n" + "\n".join(
                f"  {p}: {why}" for p, why in self.skipped
            )
        return text


# --------------------------------------------------------------------------------------------- helpers


def check_label(label: object) -> int:
    """The label as an int in 0-9, else ValueError (bools and non-integers are refused)."""
    try:
        if isinstance(label, bool):
            raise TypeError
        value = operator.index(label)  # accepts int and numpy integers, refuses 3.0 and "3"
    except TypeError:
        raise ValueError(f"label must be an integer digit 0-9, got {label!r}") from None
    if not 0 <= value <= 9:
        raise ValueError(f"label must be a digit 0-9, got {value}")
    return value


def _normalise_mode(im: Image.Image) -> Image.Image:
    """An 8-bit L/LA/RGB/RGBA image, the modes PNG stores losslessly and every reader understands."""
    if im.mode in ("L", "LA", "RGB", "RGBA"):
        return im
    if im.mode == "1":
        return im.convert("L")
    if im.mode.startswith(("I", "F")):  # 16/32-bit or float greyscale: rescale instead of clipping
        a = np.asarray(im, dtype=np.float64)
        if im.mode.startswith("I;16"):
            scale = 257.0
        else:
            scale = max(float(a.max()), 255.0) / 255.0
        return Image.fromarray(np.clip(a / scale, 0, 255).round().astype(np.uint8), "L")
    has_alpha = "A" in im.getbands() or "transparency" in im.info
    return im.convert("RGBA" if has_alpha else "RGB")


def _encode_png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    _normalise_mode(im).save(buf, format="PNG")
    return buf.getvalue()


def _open_image(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()  # decode now, so a truncated file fails here rather than later
    return im


def to_png(image: bytes | bytearray | memoryview | np.ndarray | Image.Image) -> bytes:
    """PNG bytes for a canvas image; ValueError if it is not an image.

    PNG bytes are kept as given; other encoded images are re-encoded as PNG. Arrays may be (H, W),
    (H, W, 1|3|4), uint8 or bool, or float in [0, 1].
    """
    if isinstance(image, (bytes, bytearray, memoryview)):
        data = bytes(image)
        try:
            im = _open_image(data)
        except Exception as exc:  # PIL raises many types (OSError, SyntaxError, ValueError...) for bad data
            raise ValueError(f"image bytes could not be decoded: {exc}") from exc
        return data if im.format == "PNG" else _encode_png(im)
    if isinstance(image, Image.Image):
        return _encode_png(image)
    if isinstance(image, np.ndarray):
        a = image
        if a.ndim == 3 and a.shape[2] == 1:
            a = a[:, :, 0]
        if not (a.ndim == 2 or (a.ndim == 3 and a.shape[2] in (3, 4))) or a.size == 0:
            raise ValueError(f"image array must be (H, W) or (H, W, 1|3|4), got shape {image.shape}")
        if a.dtype == np.bool_:
            a = a.astype(np.uint8) * 255
        elif np.issubdtype(a.dtype, np.floating):
            a = np.clip(np.nan_to_num(a) * 255.0, 0, 255).round().astype(np.uint8)
        elif a.dtype != np.uint8:
            raise ValueError(f"integer image arrays must be uint8, got {a.dtype}")
        return _encode_png(Image.fromarray(np.ascontiguousarray(a)))
    raise ValueError(f"image must be PNG bytes, a numpy array or a PIL image, got {type(image).__name__}")


def decode_gray(png: bytes) -> np.ndarray:
    """Decode image bytes to greyscale uint8 (H, W), flattening transparency onto white paper."""
    im = _normalise_mode(_open_image(png))
    if im.mode in ("LA", "RGBA"):
        paper = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(paper, im.convert("RGBA"))
    return np.asarray(im.convert("L"), dtype=np.uint8).copy()


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


def _write_new_file(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to a file that did not exist before (``stem.png``, else ``stem-1.png``...).

    Exclusive creation ("xb") makes "never overwrite" hold even if another program races us.
    """
    for n in range(10_000):
        path = folder / f"{stem}{suffix}" if n == 0 else folder / f"{stem}-{n}{suffix}"
        try:
            f = open(path, "xb")  # closed below; the partial file is removed on failure
        except FileExistsError:
            continue
        try:
            with f:
                f.write(data)
        except BaseException:
            path.unlink(missing_ok=True)  # our own half-written file, never the user's
            raise
        return path
    raise SampleStoreError(f"could not find a free file name for {folder / stem}{suffix}")


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
        self.path.parent.mkdir(parents=True, exist_ok=True)
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

    def _damaged_message(self, detail: str) -> str:
        return (
            f"{self.path} is damaged or is not a LeNet Digits sample database ({detail}). "
            "It was left untouched: move it aside or restore a backup, and a new one will be created."
        )

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn sqlite3's exceptions into SampleStoreError messages a user can act on."""
        try:
            yield
        except sqlite3.Error as exc:
            name = getattr(exc, "sqlite_errorname", "")
            text = str(exc)
            if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
                raise SampleStoreError(
                    f"{self.path}: the database is locked by another program (is LeNet Digits open "
                    "twice?). Close the other program and try again."
                ) from exc
            # sqlite_errorname is Python 3.11+; the message text covers 3.10.
            if (
                name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
                or "malformed" in text
                or "not a database" in text
            ):
                raise SampleStoreError(self._damaged_message(text)) from exc
            raise SampleStoreError(f"{self.path}: database error: {text}") from exc

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
        return int(cur.lastrowid)

    def get(self, sample_id: int) -> Sample:
        with self._errors():
            row = self._connection.execute(
                f"SELECT {_COLUMNS} FROM samples WHERE id = ?", (sample_id,)
            ).fetchone()
        if row is None:
            raise SampleNotFoundError(f"no sample with id {sample_id}")
        return _row_to_sample(row)

    def list(self, label: int | None = None) -> list[Sample]:
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
        """Add every image in ``folder/<digit>/``; anything else is skipped and reported, never raised.

        Database errors (locked, full disk) still raise SampleStoreError; samples added before that
        are already committed.
        """
        folder = Path(folder)
        report = ImportReport()
        if not folder.is_dir():
            report.skipped.append((folder, "not a folder"))
            return report
        for entry in self._children(folder, report):
            if not entry.is_dir():
                report.skipped.append((entry, "not inside a digit folder 0-9"))
            elif len(entry.name) != 1 or entry.name not in "0123456789":
                report.skipped.append((entry, "folder name is not a digit 0-9"))
            else:
                for file in self._children(entry, report):
                    self._import_file(file, int(entry.name), report)
        return report

    @staticmethod
    def _children(folder: Path, report: ImportReport) -> list[Path]:
        try:
            return sorted(p for p in folder.iterdir() if not p.name.startswith("."))  # skip .DS_Store etc.
        except OSError as exc:
            report.skipped.append((folder, f"cannot read folder: {exc}"))
            return []

    def _import_file(self, file: Path, label: int, report: ImportReport) -> None:
        if file.is_dir():
            report.skipped.append((file, "sub-folders are not searched"))
            return
        if file.suffix.lower() not in IMAGE_SUFFIXES:
            report.skipped.append((file, f"not an image file ({', '.join(IMAGE_SUFFIXES)})"))
            return
        try:
            png = to_png(file.read_bytes())
        except (OSError, ValueError) as exc:
            report.skipped.append((file, f"unreadable image: {exc}"))
            return
        report.imported.append(self.add(png, label, source="imported"))

    def export_folder(self, folder: str | Path) -> list[Path]:
        """Write every sample to ``folder/<label>/<id>.png``; returns the files written.

        Existing files are never overwritten: a taken name becomes ``<id>-1.png``, ``<id>-2.png``...
        """
        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        with self._errors():  # only database errors are translated; OSError from writing stays OSError
            for sid, label, png in self._connection.execute("SELECT id, label, png FROM samples ORDER BY id"):
                target = root / str(label)
                target.mkdir(exist_ok=True)
                written.append(_write_new_file(target, str(sid), ".png", bytes(png)))
        return written
