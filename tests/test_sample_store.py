"""The training tab's sample store: CRUD, undo, import/export, and what happens when things go wrong."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from datetime import timezone
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lenet_core import sample_store
from lenet_core.sample_store import (
    Delete,
    Relabel,
    SampleNotFoundError,
    SampleStore,
    SampleStoreError,
    Stroke,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
STROKES = [{"points": [[1, 2, 0.5], [3.5, 4, 1.0]], "width": 12}, {"points": [[5, 6]], "width": 8.5}]


def digit_image(seed: int, size: int = 28) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (size, size), dtype=np.uint8)


def png_bytes(array: np.ndarray, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format=fmt)
    return buf.getvalue()


def python_child(code: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "samples.sqlite3"


@pytest.fixture
def store(db: Path):
    with SampleStore(db, timeout=0.3) as s:
        yield s


# ----------------------------------------------------------------------------------------- basics


def test_add_and_get_round_trip(store: SampleStore):
    arr = digit_image(1)
    a = store.add(arr, 3, strokes=STROKES)
    b = store.add(Image.fromarray(arr).convert("RGBA"), 4, source="correction")
    c = store.add(png_bytes(arr), 5, source="imported")
    d = store.add(png_bytes(arr, "BMP"), np.int64(6))  # other encodings are re-encoded as PNG

    s = store.get(a)
    assert (s.id, s.label, s.source) == (a, 3, "drawn")
    assert s.png.startswith(b"\x89PNG")
    np.testing.assert_array_equal(s.image(), arr)
    assert s.strokes == (
        Stroke(((1.0, 2.0, 0.5), (3.5, 4.0, 1.0)), 12.0),
        Stroke(((5.0, 6.0, 1.0),), 8.5),  # a missing pressure defaults to 1
    )
    assert s.created_at.tzinfo is not None and s.created_at.utcoffset() == timezone.utc.utcoffset(None)

    assert store.get(b).source == "correction"
    np.testing.assert_array_equal(store.get(b).image(), arr)
    assert store.get(c).png == png_bytes(arr)  # PNG bytes are stored exactly as given
    assert store.get(c).strokes == ()
    np.testing.assert_array_equal(store.get(d).image(), arr)
    assert store.get(d).png.startswith(b"\x89PNG")


def test_float_and_bool_arrays_and_transparency(store: SampleStore):
    np.testing.assert_array_equal(store.get(store.add(np.eye(4), 1)).image(), np.eye(4, dtype=np.uint8) * 255)
    np.testing.assert_array_equal(store.get(store.add(np.eye(4) > 0, 1)).image(), np.eye(4) * 255)
    ink = np.zeros((4, 4, 4), np.uint8)  # black ink on a transparent canvas reads as black on white
    ink[1, 1] = (0, 0, 0, 255)
    expected = np.full((4, 4), 255, np.uint8)
    expected[1, 1] = 0
    np.testing.assert_array_equal(store.get(store.add(ink, 1)).image(), expected)


@pytest.mark.parametrize("label", [-1, 10, 3.0, "3", True, None])
def test_bad_label_is_refused(store: SampleStore, label: object):
    with pytest.raises(ValueError, match="0-9"):
        store.add(digit_image(0), label)  # type: ignore[arg-type]
    sid = store.add(digit_image(0), 2)
    with pytest.raises(ValueError, match="0-9"):
        store.relabel(sid, label)  # type: ignore[arg-type]
    assert store.get(sid).label == 2 and len(store) == 1


def test_bad_inputs_are_refused(store: SampleStore):
    with pytest.raises(ValueError, match="source"):
        store.add(digit_image(0), 1, source="scribbled")
    with pytest.raises(ValueError, match="decoded"):
        store.add(b"not an image", 1)
    with pytest.raises(ValueError, match="shape"):
        store.add(np.zeros((2, 2, 2), np.uint8), 1)
    with pytest.raises(ValueError, match="stroke"):
        store.add(digit_image(0), 1, strokes=[{"points": [[1, 2, 3, 4]], "width": 1}])
    with pytest.raises(ValueError, match="width"):
        store.add(digit_image(0), 1, strokes=[{"points": [[1, 2]], "width": 0}])
    assert len(store) == 0


def test_list_filter_and_counts(store: SampleStore):
    assert store.counts() == dict.fromkeys(range(10), 0)
    ids = [store.add(digit_image(i), label) for i, label in enumerate([3, 1, 3, 9, 3])]
    assert [s.id for s in store.samples()] == ids[::-1]  # newest first
    assert [s.id for s in store.samples(label=3)] == [ids[4], ids[2], ids[0]]
    assert store.samples(label=0) == []
    assert store.counts() == {0: 0, 1: 1, 2: 0, 3: 3, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 1}


def test_samples_persist_across_reopen(db: Path):
    with SampleStore(db) as s:
        sid = s.add(digit_image(7), 7, strokes=STROKES)
    with SampleStore.open(db) as s:
        assert s.get(sid).label == 7
        np.testing.assert_array_equal(s.get(sid).image(), digit_image(7))
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA user_version").fetchone()[0] == len(sample_store.MIGRATIONS)
    finally:
        con.close()


def test_default_location_is_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LENET_DIGITS_DATA_DIR", str(tmp_path / "userdata"))
    with SampleStore.open() as s:
        s.add(digit_image(0), 0)
    assert (tmp_path / "userdata" / "samples.sqlite3").is_file()


def test_closed_store_refuses_use(db: Path):
    s = SampleStore(db)
    s.close()
    s.close()  # closing twice is harmless
    with pytest.raises(SampleStoreError, match="closed"):
        s.add(digit_image(0), 1)


# ----------------------------------------------------------------------------------- undo / redo


def test_relabel_delete_undo_redo(store: SampleStore):
    a = store.add(digit_image(1), 1, strokes=STROKES)
    b = store.add(digit_image(2), 2)
    original_a = store.get(a)
    assert store.undo() is None and store.redo() is None and not store.can_undo

    store.relabel(a, 7)
    assert store.get(a).label == 7
    store.delete(a)
    with pytest.raises(SampleNotFoundError):
        store.get(a)
    assert store.counts()[7] == 0

    undone = store.undo()
    assert isinstance(undone, Delete) and undone.sample.id == a
    restored = store.get(a)  # same id, same image, strokes and time
    assert restored == original_a.__class__(**{**original_a.__dict__, "label": 7})
    assert [s.id for s in store.samples()] == [b, a]

    assert store.undo() == Relabel(a, 1, 7)
    assert store.get(a) == original_a
    assert not store.can_undo and store.can_redo

    assert store.redo() == Relabel(a, 1, 7)
    assert store.get(a).label == 7
    assert isinstance(store.redo(), Delete)
    assert len(store) == 1 and store.redo() is None

    store.undo()  # restore a, then a new edit clears the redo stack
    store.relabel(b, 5)
    assert not store.can_redo
    store.relabel(b, 5)  # no change: nothing to undo
    assert store.undo() == Relabel(b, 2, 5)
    assert store.get(b).label == 2


def test_deleted_id_is_never_reused(store: SampleStore):
    a = store.add(digit_image(1), 1)
    store.delete(a)  # a was the newest row
    b = store.add(digit_image(2), 2)
    assert b != a
    assert isinstance(store.undo(), Delete)
    assert {s.id for s in store.samples()} == {a, b}


def test_missing_ids(store: SampleStore):
    with pytest.raises(KeyError, match="no sample with id 42"):
        store.get(42)
    with pytest.raises(SampleNotFoundError):
        store.relabel(42, 1)
    with pytest.raises(SampleNotFoundError):
        store.delete(42)
    assert not store.can_undo


# --------------------------------------------------------------------------------- import / export


def test_import_folder_reports_what_it_skips(store: SampleStore, tmp_path: Path):
    root = tmp_path / "digits"
    for d in ("3", "7", "x", "12", "5/sub"):
        (root / d).mkdir(parents=True)
    Image.fromarray(digit_image(1)).save(root / "3" / "a.png")
    Image.fromarray(digit_image(2)).save(root / "3" / "b.JPG", format="JPEG")
    Image.fromarray(digit_image(3)).convert("P").save(root / "7" / "c.bmp")
    Image.fromarray(digit_image(4)).save(root / "7" / "d.gif")
    Image.fromarray(digit_image(5)).save(root / "x" / "e.png")
    Image.fromarray(digit_image(6)).save(root / "12" / "f.png")
    (root / "7" / "broken.png").write_bytes(b"this is not a png")
    (root / "7" / "truncated.png").write_bytes(png_bytes(digit_image(7))[:200])
    (root / "7" / "empty.jpg").write_bytes(b"")
    (root / "7" / "notes.txt").write_text("hello")
    (root / "7" / ".DS_Store").write_bytes(b"\0\0")
    (root / "readme.txt").write_text("top-level file")

    report = store.import_folder(root)

    assert len(report.imported) == 4
    assert sorted(store.get(i).label for i in report.imported) == [3, 3, 7, 7]
    assert {store.get(i).source for i in report.imported} == {"imported"}
    np.testing.assert_array_equal(store.get(report.imported[0]).image(), digit_image(1))
    skipped = {p.relative_to(root).as_posix(): why for p, why in report.skipped}
    assert set(skipped) == {
        "7/broken.png",
        "7/truncated.png",
        "7/empty.jpg",
        "7/notes.txt",
        "x",
        "12",
        "5/sub",
        "readme.txt",
    }
    assert "unreadable" in skipped["7/broken.png"] and "unreadable" in skipped["7/truncated.png"]
    assert "digit" in skipped["x"] and "digit" in skipped["12"]
    assert "4 image(s)" in report.summary() and "broken.png" in report.summary()

    missing = store.import_folder(tmp_path / "nowhere")
    assert missing.imported == [] and missing.skipped[0][1] == "not a folder"


def test_export_never_overwrites(store: SampleStore, tmp_path: Path):
    a = store.add(digit_image(1), 1)
    b = store.add(digit_image(2), 8)
    out = tmp_path / "export"
    (out / "1").mkdir(parents=True)
    users_file = out / "1" / f"{a}.png"
    users_file.write_bytes(b"the user's own file")

    written = store.export_folder(out)

    assert users_file.read_bytes() == b"the user's own file"
    assert [p.relative_to(out).as_posix() for p in written] == [f"1/{a}-1.png", f"8/{b}.png"]
    assert written[0].read_bytes() == store.get(a).png
    again = store.export_folder(out)  # a second export picks fresh names too
    assert [p.name for p in again] == [f"{a}-2.png", f"{b}-1.png"]
    assert written[1].read_bytes() == store.get(b).png

    with SampleStore(tmp_path / "other.sqlite3") as other:  # the export layout imports back
        report = other.import_folder(out)
        assert other.counts()[1] == 2 and other.counts()[8] == 2
        assert [p.name for p, _ in report.skipped] == [f"{a}.png"]  # the user's non-image file


# ------------------------------------------------------------------------------ faults and safety


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_future_schema_is_refused_and_untouched(db: Path):
    with SampleStore(db) as s:
        s.add(digit_image(1), 1)
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = db.read_bytes()

    with pytest.raises(SampleStoreError, match="newer version.*schema version 99"):
        SampleStore(db)
    assert db.read_bytes() == before


def test_foreign_database_is_refused_and_untouched(db: Path):
    db.parent.mkdir(parents=True)
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE accounts (name TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(SampleStoreError, match="another program"):
        SampleStore(db)
    assert db.read_bytes() == before


def test_older_schema_is_migrated(db: Path, monkeypatch: pytest.MonkeyPatch):
    with SampleStore(db) as s:
        sid = s.add(digit_image(1), 4)
    extra = ["ALTER TABLE samples ADD COLUMN note TEXT NOT NULL DEFAULT ''"]
    monkeypatch.setattr(sample_store, "MIGRATIONS", [*sample_store.MIGRATIONS, extra])
    with SampleStore(db) as s:
        assert s.get(sid).label == 4
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 2
        assert con.execute("SELECT note FROM samples").fetchall() == [("",)]
    finally:
        con.close()


def test_not_sqlite_file_is_refused_and_untouched(db: Path):
    db.parent.mkdir(parents=True)
    db.write_text("my shopping list\n" * 100)
    before = snapshot(db.parent)
    with pytest.raises(SampleStoreError, match="not an SQLite database.*left untouched"):
        SampleStore(db)
    assert snapshot(db.parent) == before


def test_malformed_database_is_refused_and_untouched(db: Path):
    with SampleStore(db) as s:
        for i in range(40):
            s.add(digit_image(i), i % 10)
    data = bytearray(db.read_bytes())
    data[4096 : 4 * 4096] = np.random.default_rng(0).integers(0, 256, 3 * 4096, dtype=np.uint8).tobytes()
    db.write_bytes(bytes(data))
    with pytest.raises(SampleStoreError, match="damaged"):
        SampleStore(db)
    assert db.read_bytes() == bytes(data)

    db.write_bytes(bytes(data[: 6 * 4096 + 100]))  # a truncated copy
    with pytest.raises(SampleStoreError, match="damaged"):
        SampleStore(db)
    assert db.read_bytes() == bytes(data[: 6 * 4096 + 100])


def test_undecodable_sample_is_skipped_for_training(db: Path):
    with SampleStore(db) as s:
        good = s.add(digit_image(1), 1)
        bad = s.add(digit_image(2), 2)
        later = s.add(digit_image(3), 3)
    con = sqlite3.connect(db)  # damage one row behind the store's back
    con.execute("UPDATE samples SET png = ? WHERE id = ?", (b"\x89PNG garbage", bad))
    con.commit()
    con.close()
    with SampleStore(db) as s:
        images, labels, skipped = s.load_training_images()
        assert skipped == [bad]
        assert labels == [1, 3]
        np.testing.assert_array_equal(images[0], digit_image(1))
        np.testing.assert_array_equal(images[1], digit_image(3))
        assert {x.id for x in s.samples()} == {good, bad, later}  # still listed, so the user can delete it


LOCKER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":  # nobody else may even read
    con.execute("PRAGMA locking_mode = EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
else:  # a writer that never finishes
    con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE samples SET label = label")
print("locked", flush=True)
sys.stdin.read()
"""


def hold_lock(db: Path, mode: str) -> subprocess.Popen[str]:
    child = python_child(LOCKER, str(db), mode)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked", child.stderr
    return child


def release(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.close()
    child.wait(timeout=10)


def test_locked_database_fails_fast(db: Path):
    with SampleStore(db) as s:
        sid = s.add(digit_image(1), 1)

    child = hold_lock(db, "exclusive")
    try:
        start = time.monotonic()
        with pytest.raises(SampleStoreError, match="locked by another program"):
            SampleStore(db, timeout=0.3)
        assert time.monotonic() - start < 3
    finally:
        release(child)

    with SampleStore(db, timeout=0.3) as s:
        child = hold_lock(db, "write")
        try:
            start = time.monotonic()
            with pytest.raises(SampleStoreError, match="locked by another program"):
                s.add(digit_image(2), 2)
            with pytest.raises(SampleStoreError, match="locked"):
                s.delete(sid)
            assert time.monotonic() - start < 3
            assert not s.can_undo  # the failed delete left nothing to undo
        finally:
            release(child)
        s.add(digit_image(2), 2)  # works again once the other program is gone
        assert len(s) == 2


CRASHER = """
import sys
import numpy as np
from lenet_core.sample_store import SampleStore
store = SampleStore(sys.argv[1])
i = 0
while True:
    image = np.full((28, 28), i % 256, np.uint8)
    print(store.add(image, i % 10, strokes=[{"points": [[i, i, 0.5]], "width": 3}]), flush=True)
    i += 1
"""


def test_crash_loses_no_committed_sample(db: Path):
    with SampleStore(db) as s:
        s.add(digit_image(0), 0)  # an existing sample must survive too
    child = python_child(CRASHER, str(db))
    assert child.stdout is not None
    reported = []
    try:
        while len(reported) < 40:
            line = child.stdout.readline()
            assert line, f"child died early: {child.stderr.read() if child.stderr else ''}"
            reported.append(int(line))
    finally:
        child.kill()  # SIGKILL on POSIX: no cleanup, no atexit, mid-transaction
        child.wait(timeout=10)
    reported += [int(line) for line in child.stdout.read().split()]

    with SampleStore(db) as s:
        stored = {x.id: x for x in s.samples()}
        assert set(reported) <= set(stored)
        assert len(stored) >= len(reported) + 1
        for n, sid in enumerate(reported):  # each committed sample is whole
            assert stored[sid].label == n % 10
            assert stored[sid].image()[0, 0] == n % 256
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


# ------------------------------------------------------------------- special files, progress, cancel


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_in_the_import_folder_is_skipped_not_waited_on(store: SampleStore, tmp_path: Path):
    import threading

    root = tmp_path / "digits"
    (root / "4").mkdir(parents=True)
    Image.fromarray(digit_image(1)).save(root / "4" / "a.png")
    os.mkfifo(root / "4" / "pipe.png")  # opening it for reading would wait for a writer forever
    outcome: list[object] = []

    def run() -> None:
        with SampleStore(store.path) as own:  # the worker thread's own connection, as in the app
            outcome.append(own.import_folder(root))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # release the hung reader before failing
        with open(root / "4" / "pipe.png", "wb"):
            pass
        pytest.fail("import_folder hangs on a FIFO")
    (report,) = outcome
    assert len(report.imported) == 1
    (path, why), = report.skipped
    assert path.name == "pipe.png" and "not a regular file" in why and "pipe" in why


def test_import_and_export_report_progress_and_can_be_cancelled(store: SampleStore, tmp_path: Path):
    from lenet_core.sample_transfer import export_folder, import_folder

    root = tmp_path / "digits"
    (root / "2").mkdir(parents=True)
    for n in range(6):
        Image.fromarray(digit_image(n)).save(root / "2" / f"{n}.png")
    seen: list[tuple[int, int]] = []
    report = import_folder(store, root, progress=lambda done, total: seen.append((done, total)))
    assert len(report.imported) == 6 and not report.cancelled
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)

    asked = []

    def cancel_after_three() -> bool:
        asked.append(1)
        return len(asked) > 3

    again = import_folder(store, root, should_cancel=cancel_after_three)
    assert again.cancelled and len(again.imported) == 3  # what was imported before stays
    assert "cancelled" in again.summary()
    assert store.counts()[2] == 9

    out = tmp_path / "out"
    asked.clear()
    partial = export_folder(store, out, should_cancel=cancel_after_three)
    assert partial.cancelled and len(partial.written) == 3
    full = export_folder(store, out, progress=lambda done, total: seen.append((done, total)))
    assert len(full.written) == 9 and seen[-1] == (9, 9)
    assert not list(out.rglob("*.tmp")), "no temporary file is left behind"


def test_a_regular_file_check_refuses_devices(tmp_path: Path):
    from lenet_core.sample_transfer import NotRegularFileError, read_regular_file

    if os.path.exists("/dev/zero"):
        with pytest.raises(NotRegularFileError, match="device"):
            read_regular_file(Path("/dev/zero"))  # would read for ever
    (tmp_path / "f.png").write_bytes(b"abc")
    assert read_regular_file(tmp_path / "f.png") == b"abc"


READ_ONLY_SCRIPT = """
import sys
from lenet_core.sample_store import SampleStore, SampleStoreError
try:
    SampleStore(sys.argv[1])
except SampleStoreError as exc:
    print(exc)
else:
    print("opened")
"""


def run_on_read_only_folder(folder: Path, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a child process that cannot write in `folder`.

    Not root: the folder's permissions do it. Root ignores permissions, so the child then runs in its
    own mount namespace where `folder` is a read-only bind mount (a real read-only file system).
    """
    import shutil

    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    command = [sys.executable, "-c", code, *args]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("running as root without unshare(1): no way to make a folder read-only")
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    result = subprocess.run([unshare, "-m", "sh", "-c", script, "sh", str(folder), *command],
                            capture_output=True, text=True, env=env, timeout=60)
    if "mount" in result.stderr and result.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {result.stderr.strip()[:200]}")
    return result


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file systems")
@pytest.mark.parametrize("existing", [False, True], ids=["new-database", "existing-database"])
def test_a_read_only_folder_is_named_in_the_message(tmp_path: Path, existing: bool):
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "samples.sqlite3"
    if existing:
        with SampleStore(db) as s:
            s.add(digit_image(1), 1)
    try:
        result = run_on_read_only_folder(folder, READ_ONLY_SCRIPT, str(db))
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr[-2000:]
    message = result.stdout.strip()
    assert f"the folder {folder} is read-only" in message, message
    assert "unable to open database file" not in message
