"""Export to ONNX from the model manager: the file gives the app's probabilities, replacing a file
takes the save dialog's confirmation, and a failure is said in one sentence."""

import numpy as np
import onnxruntime as ort
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.dialog_driver import enter_path, press
from lenet_core.data import preprocess_many
from lenet_core.preprocess import to_network_input
from lenet_core.recognizer import Recognizer
from lenet_core.shipped_data import TEST_SAMPLE, load
from tests.app_support import answering, make_window


@pytest.fixture
def window(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.show_page("train")
    return window


def onnx_probabilities(path, images) -> np.ndarray:
    ink, _ = preprocess_many(images)
    x = to_network_input(ink)[:, None].astype(np.float32)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(["probabilities"], {"input": x})[0]


def export_with_the_dialog(qtbot, manager, key, *steps):
    manager.select(key)
    with answering(*steps) as dialogs:
        QTest.mouseClick(manager.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not manager.exporter.is_running(), timeout=60000)
    qtbot.wait(50)  # the queued "finished" signal
    return dialogs


def test_a_shipped_and_a_kept_model_export_with_the_apps_probabilities(qtbot, window, tmp_path):
    manager = window.training.models
    digits = load(TEST_SAMPLE).images[:40]
    notes = []
    window.training.status.connect(notes.append)
    shipped_key = window.session.model_id()
    target = tmp_path / "out" / "shipped"  # no suffix typed: ".onnx" is added
    target.parent.mkdir()
    export_with_the_dialog(qtbot, manager, shipped_key, enter_path(target))
    written = target.with_name("shipped.onnx")
    assert written.is_file() and notes and str(written) in notes[-1]
    expected = np.stack([p.probabilities for p in window.session.recognizer().predict_batch(digits)])
    assert np.abs(onnx_probabilities(written, digits) - expected).max() < 1e-5

    entry = window.session.library.save(window.session.recognizer().to("cpu").model, "my copy")
    window.session.reload_models()
    kept = tmp_path / "out" / "kept.onnx"
    export_with_the_dialog(qtbot, manager, entry.id, enter_path(kept))
    as_kept = Recognizer.load(entry.arch, weights=entry.path, device="cpu")  # the app's reading of it
    expected = np.stack([p.probabilities for p in as_kept.predict_batch(digits)])
    assert np.abs(onnx_probabilities(kept, digits) - expected).max() < 1e-5


def test_an_existing_file_is_replaced_only_after_the_dialog_asked(qtbot, window, tmp_path):
    manager = window.training.models
    target = tmp_path / "model.onnx"
    target.write_bytes(b"something the user made")
    dialogs = export_with_the_dialog(qtbot, manager, window.session.model_id(), enter_path(target),
                                     press(QMessageBox.StandardButton.Yes))
    assert len(dialogs.answered) == 2  # the save dialog, then its "replace it?" question
    assert target.read_bytes() != b"something the user made"
    assert onnx_probabilities(target, load(TEST_SAMPLE).images[:3]).shape == (3, 10)


def test_a_failed_export_says_why_and_writes_nothing(qtbot, window, tmp_path):
    manager = window.training.models
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    problems = []
    manager.problem.connect(problems.append)
    manager.select(window.session.model_id())
    assert manager.export_button.isEnabled()
    assert manager.export(window.session.model_id(), blocker / "model.onnx")
    assert not manager.export_button.isEnabled()  # one export at a time
    qtbot.waitUntil(lambda: bool(problems), timeout=60000)
    assert problems[0].startswith("Could not export") and "it is a file, not a folder" in problems[0]
    assert manager.export_button.isEnabled() and blocker.read_text() == "not a folder"
    assert "Could not export" in window.training.message_text()
