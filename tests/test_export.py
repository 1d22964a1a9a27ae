"""`lenet-export`: the ONNX file gives the same probabilities as torch, for both models, and refuses
bad input with one line."""

import copy
import os
import shutil
import subprocess
import sys

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch

from lenet_core.cli.export import main
from lenet_core.data import preprocess_many
from lenet_core.preprocess import to_network_input
from lenet_core.reading_views import VIEWS, with_shifted_views
from lenet_core.recognizer import Recognizer
from lenet_core.resources import shipped_weights
from lenet_core.shipped_data import TEST_SAMPLE, load
from lenet_core.weights import load_weights, save_weights


@pytest.fixture(scope="module")
def test_digits() -> np.ndarray:
    """The 1,000 shipped MNIST test digits, preprocessed: (N, 1, 32, 32) float32, the graph's input."""
    ink, kept = preprocess_many(load(TEST_SAMPLE).images)
    assert len(kept) == 1000
    return to_network_input(ink)[:, None].astype(np.float32)


def torch_probabilities(
    model, x: np.ndarray, temperature: float = 1.0, views: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """The probabilities as the app computes them (the mean over `views` views), and the raw output
    of the input itself."""
    with torch.no_grad():
        output = model(with_shifted_views(torch.from_numpy(x), views))
    scores = (-output if model.arch == "classic" else output).reshape(views, len(x), 10).mean(dim=0)
    return torch.softmax(scores / temperature, dim=1).numpy(), output[: len(x)].numpy()


def float64_probabilities(model, x: np.ndarray, temperature: float, views: int = 1) -> np.ndarray:
    exact = copy.deepcopy(model).double()
    with torch.no_grad():
        output = exact(with_shifted_views(torch.from_numpy(x).double(), views))
    scores = (-output if model.arch == "classic" else output).reshape(views, len(x), 10).mean(dim=0)
    return torch.softmax(scores / temperature, dim=1).numpy()


def session(path) -> ort.InferenceSession:
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


@pytest.mark.parametrize("arch", ["classic", "modern"])
def test_onnxruntime_gives_torchs_probabilities_on_1000_test_digits(arch, test_digits, tmp_path, capsys):
    out = tmp_path / f"{arch}.onnx"
    assert main(["--arch", arch, "--out", str(out), "--raw-output"]) == 0
    assert f"{arch} LeNet-5" in capsys.readouterr().out
    model, _ = load_weights(shipped_weights(arch))
    calibration = Recognizer.load(arch, device="cpu").calibration  # the app's
    temperature, views = calibration.temperature, calibration.views
    assert views == VIEWS  # the shipped models read the input and its shifted copies
    expected, raw = torch_probabilities(model, test_digits, temperature, views)
    reader = session(out)
    assert [i.name for i in reader.get_inputs()] == ["input"]
    assert reader.get_inputs()[0].shape[0] == "batch"  # any batch size
    raw_name = "rbf_penalties" if arch == "classic" else "logits"
    probabilities, raw_onnx = reader.run(["probabilities", raw_name], {"input": test_digits})
    assert probabilities.shape == (1000, 10)
    difference = np.abs(probabilities - expected)
    # Within 1e-5, or within torch's own float32 error where that is larger: on a close call of the
    # classic model (penalties near 35 to 100, where float32 steps are 4e-6 to 8e-6) torch itself
    # moves by more than 1e-5 from the exact (float64) probabilities, and no float32 graph can do better.
    own_error = np.abs(expected - float64_probabilities(model, test_digits, temperature, views))
    print(f"{arch}: onnxruntime vs torch {difference.max():.2e}, torch vs float64 {own_error.max():.2e}")
    assert np.all(difference <= np.maximum(1e-5, 1.5 * own_error.max()))
    assert np.mean(difference <= 1e-5) >= 0.999
    np.testing.assert_allclose(raw_onnx, raw, rtol=1e-5, atol=1e-4)
    labels = load(TEST_SAMPLE).labels
    assert (probabilities.argmax(1) == labels).mean() > 0.98  # and it reads the digits
    (single,) = reader.run(["probabilities"], {"input": test_digits[:1]})
    np.testing.assert_allclose(single, expected[:1], atol=1e-5, rtol=0)
    props = {p.key: p.value for p in onnx.load(str(out)).metadata_props}
    assert props["arch"] == arch and float(props["temperature"]) == temperature
    assert int(props["views"]) == views
    assert "(N, 1, 32, 32)" in props["input"] and props["weights.arch"] == arch


def test_the_calibration_temperature_is_in_the_graph(test_digits, tmp_path):
    model, meta = load_weights(shipped_weights("modern"))
    calibrated = {**meta, "calibration_temperature": "1.7"}
    weights = save_weights(model, tmp_path / "calibrated.safetensors", calibrated)
    out = tmp_path / "calibrated.onnx"
    assert main(["--weights", str(weights), "--out", str(out)]) == 0
    reader = session(out)
    assert [o.name for o in reader.get_outputs()] == ["probabilities"]
    (probabilities,) = reader.run(None, {"input": test_digits[:200]})
    expected, _ = torch_probabilities(model, test_digits[:200], temperature=1.7, views=VIEWS)
    np.testing.assert_allclose(probabilities, expected, atol=1e-5, rtol=0)
    uncalibrated, _ = torch_probabilities(
        model, test_digits[:200], float(meta["calibration_temperature"]), views=VIEWS
    )
    assert np.abs(probabilities - uncalibrated).max() > 1e-3  # the temperature changed them
    assert float({p.key: p.value for p in onnx.load(str(out)).metadata_props}["temperature"]) == 1.7


def test_weights_calibrated_on_the_input_alone_export_one_view(test_digits, tmp_path):
    model, meta = load_weights(shipped_weights("modern"))
    weights = save_weights(model, tmp_path / "one.safetensors", {**meta, "calibration_views": "1"})
    out = tmp_path / "one.onnx"
    assert main(["--weights", str(weights), "--out", str(out)]) == 0
    (probabilities,) = session(out).run(None, {"input": test_digits[:200]})
    temperature = float(meta["calibration_temperature"])
    one_view, _ = torch_probabilities(model, test_digits[:200], temperature)
    np.testing.assert_allclose(probabilities, one_view, atol=1e-5, rtol=0)
    five_views, _ = torch_probabilities(model, test_digits[:200], temperature, views=VIEWS)
    assert np.abs(probabilities - five_views).max() > 1e-3
    assert {p.key: p.value for p in onnx.load(str(out)).metadata_props}["views"] == "1"


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("lenet-export: ")
    return lines[0]


def test_an_unreadable_weights_file_is_refused(tmp_path, capsys):
    bad = tmp_path / "broken.safetensors"
    bad.write_bytes(b"not weights at all")
    out = tmp_path / "model.onnx"
    assert main(["--weights", str(bad), "--out", str(out)]) == 2
    assert "not a readable safetensors file" in one_line_error(capsys)
    assert main(["--weights", str(tmp_path / "missing.safetensors"), "--out", str(out)]) == 2
    assert "no such weights file" in one_line_error(capsys)
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]  # no debris left behind


def test_a_bad_temperature_is_read_as_the_app_reads_it(tmp_path, capsys):
    """A temperature that is not a positive number is replaced by the default, in the app and in the file."""
    model, meta = load_weights(shipped_weights("classic"))
    weights = save_weights(model, tmp_path / "odd.safetensors", {**meta, "calibration_temperature": "-2"})
    out = tmp_path / "m.onnx"
    assert main(["--weights", str(weights), "--out", str(out)]) == 0
    used = Recognizer.load("classic", weights=weights, device="cpu").calibration.temperature
    props = {p.key: p.value for p in onnx.load(str(out)).metadata_props}
    assert used == 8.0 and float(props["temperature"]) == used


def test_an_existing_file_is_never_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "mine.onnx"
    out.write_bytes(b"something the user made")
    assert main(["--arch", "classic", "--out", str(out)]) == 2
    assert "exists; pass --force" in one_line_error(capsys)
    assert out.read_bytes() == b"something the user made"
    assert main(["--arch", "classic", "--out", str(out), "--force"]) == 0
    assert onnx.load(str(out)).graph.output[0].name == "probabilities"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.onnx"]


def test_an_unwritable_folder_is_refused(tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("a file, not a folder")
    assert main(["--arch", "modern", "--out", str(a_file / "model.onnx")]) == 2
    assert "not a folder" in one_line_error(capsys)
    assert main(["--arch", "modern", "--out", str(tmp_path)]) == 2
    assert "is a folder" in one_line_error(capsys)
    if os.geteuid() == 0:
        return  # root writes into read-only folders; the permission case needs an ordinary user
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        assert main(["--arch", "modern", "--out", str(locked / "model.onnx")]) == 2
        assert "cannot write in" in one_line_error(capsys)
    finally:
        locked.chmod(0o700)


def test_console_script_runs(tmp_path):
    script = shutil.which("lenet-export") or shutil.which(
        "lenet-export", path=os.path.dirname(sys.executable)
    )
    assert script, "lenet-export is not installed: pip install -e '.[test]'"
    out = tmp_path / "m.onnx"
    result = subprocess.run([script, "--arch", "modern", "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 200_000  # 61,848 float32 parameters
