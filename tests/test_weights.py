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


def _shipped_state(arch):
    from lenet_core.resources import shipped_weights

    model, _ = load_weights(shipped_weights(arch))
    return {k: v.clone() for k, v in model.state_dict().items()}


def _write(tmp_path, arch, state, name="bad.safetensors"):
    save_file(state, tmp_path / name, metadata={"arch": arch})
    return tmp_path / name


@pytest.mark.parametrize(
    "arch, name, value, message",
    [
        ("classic", "C1.weight", "complex", "complex64 values; weights must be real floating-point"),
        ("modern", "F6.weight", "int", "int32 values; weights must be real floating-point"),
        ("classic", "F6.weight", 3e38, "value of 3e\\+38; a trained LeNet-5 has none beyond"),
        ("modern", "output.bias", -2e5, "value of 2e\\+05"),
        ("modern", "C3_norm.running_var", -1.0, "negative variance"),
        ("modern", "C1_norm.num_batches_tracked", "float", "float32 values where the model counts"),
    ],
)
def test_refuses_weights_that_load_but_cannot_compute(tmp_path, arch, name, value, message):
    state = _shipped_state(arch)
    if value == "complex":
        state[name] = state[name].to(torch.complex64)
    elif value == "int":
        state[name] = state[name].to(torch.int32)
    elif value == "float":
        state[name] = state[name].to(torch.float32)
    else:
        state[name].view(-1)[0] = value
    with pytest.raises(WeightsError, match=f"tensor {name} .*{message}"):
        load_weights(_write(tmp_path, arch, state))


def test_refuses_weights_whose_network_overflows(tmp_path):
    # Every value is finite and below the bound, yet the products overflow float32 inside the network.
    state = _shipped_state("modern")
    for name in ("C1", "C3", "C5", "F6", "output", "C1_norm", "C3_norm", "C5_norm"):
        state[f"{name}.weight"] = torch.full_like(state[f"{name}.weight"], 9e3)
    with pytest.raises(WeightsError, match="computes NaN or infinite outputs"):
        load_weights(_write(tmp_path, "modern", state))


def test_shipped_weights_pass_the_checks():
    from lenet_core.resources import shipped_weights

    for arch in ("classic", "modern"):
        assert load_weights(shipped_weights(arch))[0].arch == arch


@pytest.mark.parametrize("bad", ["complex", "huge", "negative_var"])
def test_lenet_predict_refuses_them_in_one_line(tmp_path, bad, capsys):
    from lenet_core.cli.predict import main

    state = _shipped_state("modern")
    if bad == "complex":
        state["C1.weight"] = state["C1.weight"].to(torch.complex64)
    elif bad == "huge":
        state["F6.weight"][0, 0] = 3e38
    else:
        state["C1_norm.running_var"][0] = -0.5
    image = tmp_path / "seven.png"
    from PIL import Image, ImageDraw

    im = Image.new("L", (280, 280), 255)
    ImageDraw.Draw(im).line([(70, 50), (210, 50), (120, 240)], fill=0, width=18)
    im.save(image)
    code = main([str(image), "--weights", str(_write(tmp_path, "modern", state)), "--device", "cpu"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("lenet-predict: ") and "Traceback" not in err
