"""Safetensors weights: a round trip keeps everything; a bad file is refused with the reason."""

import pytest
import torch
from safetensors.torch import save_file

from lenet_core import WeightsError, build_model, load_weights, save_weights
from lenet_core.weights import read_metadata


@pytest.mark.parametrize("arch", ["classic", "modern"])
def test_round_trip(tmp_path, arch):
    model = build_model(arch)
    path = save_weights(model, tmp_path / "m.safetensors", {"test_accuracy": "0.99", "note": "x"})
    loaded, meta = load_weights(path)
    assert meta["arch"] == arch and meta["test_accuracy"] == "0.99" and "date" in meta
    for (k, a), (_, b) in zip(model.state_dict().items(), loaded.state_dict().items(), strict=True):
        assert torch.equal(a, b), k
    assert not loaded.training


def test_refuses_the_wrong_architecture(tmp_path):
    path = save_weights(build_model("classic"), tmp_path / "c.safetensors")
    with pytest.raises(WeightsError, match="holds a 'classic' model, but 'modern' was asked for"):
        load_weights(path, arch="modern")


def test_refuses_a_wrong_shape(tmp_path):
    state = {k: v.clone() for k, v in build_model("modern").state_dict().items()}
    state["F6.weight"] = torch.zeros(84, 100)
    save_file(state, tmp_path / "bad.safetensors", metadata={"arch": "modern"})
    with pytest.raises(
        WeightsError, match=r"F6.weight has shape \(84, 100\), the modern model needs \(84, 120\)"
    ):
        load_weights(tmp_path / "bad.safetensors")


def test_refuses_missing_tensors_and_unknown_arch(tmp_path):
    state = {k: v for k, v in build_model("modern").state_dict().items() if k != "C1.weight"}
    save_file(state, tmp_path / "missing.safetensors", metadata={"arch": "modern"})
    with pytest.raises(WeightsError, match="missing C1.weight"):
        load_weights(tmp_path / "missing.safetensors")
    save_file({"x": torch.zeros(1)}, tmp_path / "anon.safetensors")
    with pytest.raises(WeightsError, match="no known architecture"):
        load_weights(tmp_path / "anon.safetensors")


def test_refuses_non_finite_values(tmp_path):
    state = {k: v.clone() for k, v in build_model("classic").state_dict().items()}
    state["C1.bias"][0] = float("nan")
    save_file(state, tmp_path / "nan.safetensors", metadata={"arch": "classic"})
    with pytest.raises(WeightsError, match="NaN"):
        load_weights(tmp_path / "nan.safetensors")


def test_refuses_pickles_and_garbage(tmp_path):
    torch.save(build_model("modern").state_dict(), tmp_path / "model.pt")  # a pickle: never unpickled
    with pytest.raises(WeightsError, match="not a readable safetensors file"):
        load_weights(tmp_path / "model.pt")
    (tmp_path / "empty.safetensors").write_bytes(b"")
    with pytest.raises(WeightsError):
        read_metadata(tmp_path / "empty.safetensors")
    with pytest.raises(WeightsError, match="no such weights file"):
        load_weights(tmp_path / "nowhere.safetensors")


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    save_weights(build_model("modern"), tmp_path / "m.safetensors")
    save_weights(build_model("modern"), tmp_path / "m.safetensors")
    assert [p.name for p in tmp_path.iterdir()] == ["m.safetensors"]
