"""`lenet-predict` and `lenet-train` as a user runs them."""

import json
import subprocess
import sys

import pytest
import torch
from PIL import Image

from lenet_core.cli import predict as predict_cli
from lenet_core.cli import train as train_cli
from lenet_core.shipped_data import TEST_SAMPLE, load
from lenet_core.weights import load_weights, save_weights


@pytest.fixture()
def images(tmp_path):
    digits = load(TEST_SAMPLE)
    paths = []
    for i in range(3):
        path = tmp_path / f"digit{i}_{digits.labels[i]}.png"
        Image.fromarray(255 - digits.images[i]).save(path)  # dark ink on white, like a scan
        paths.append(path)
    blank = tmp_path / "blank.png"
    Image.new("L", (100, 100), 255).save(blank)
    return paths, blank, digits.labels[:3]


def test_predict_json(images, capsys):
    paths, blank, labels = images
    assert predict_cli.main([*map(str, paths), str(blank), "--json", "--device", "cpu"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["label"] for line in lines] == [*map(int, labels), None]
    assert lines[-1]["probabilities"] is None
    assert sum(lines[0]["probabilities"]) == pytest.approx(1, abs=1e-4)
    assert lines[0]["path"] == str(paths[0])


def test_predict_text_and_bad_files(images, tmp_path, capsys):
    paths, blank, labels = images
    (tmp_path / "notes.txt").write_text("hello")
    code = predict_cli.main(
        [
            str(paths[0]),
            str(tmp_path / "notes.txt"),
            str(tmp_path / "gone.png"),
            str(blank),
            "--arch",
            "classic",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 1  # some files failed
    assert f"{paths[0]}: {labels[0]} (" in out and f"{blank}: no digit" in out  # the others still answered
    assert "notes.txt: not an image" in err and "gone.png: no such file" in err


def test_predict_bad_weights(tmp_path, images, capsys):
    (tmp_path / "w.safetensors").write_bytes(b"junk")
    assert predict_cli.main([str(images[0][0]), "--weights", str(tmp_path / "w.safetensors")]) == 2
    assert "not a readable safetensors file" in capsys.readouterr().err


def test_predict_console_script_runs(images):
    paths, _, labels = images
    out = subprocess.run(
        [sys.executable, "-m", "lenet_core.cli.predict", str(paths[1])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0 and f": {labels[1]} (" in out.stdout


def write_idx_folder(folder, images, labels):
    from tests.test_mnist import write_split

    write_split(folder, images, labels, split="train")
    write_split(folder, images, labels, split="test")


def test_train_small_run_writes_weights(tmp_path, capsys):
    digits = load(TEST_SAMPLE)
    write_idx_folder(tmp_path, digits.images[:256], digits.labels[:256])
    out = tmp_path / "w.safetensors"
    code = train_cli.main(
        [
            "--arch",
            "classic",
            "--data",
            str(tmp_path),
            "--out",
            str(out),
            "--epochs",
            "1",
            "--device",
            "cpu",
            "--seed",
            "3",
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "epoch 1/1" in err and "loss" in err and "test accuracy" in err
    model, meta = load_weights(out)
    # 10% of a small set is held out to fit the calibration on.
    assert meta["arch"] == "classic" and meta["train_images"] == "231"
    assert float(meta["calibration_temperature"]) > 0
    assert meta["training_command"].startswith("lenet-train --arch classic")
    assert len(meta["data_sha256"]) == 64
    # Never silently overwritten.
    assert train_cli.main(["--data", str(tmp_path), "--out", str(out), "--epochs", "1"]) == 2
    assert "exists" in capsys.readouterr().err

    # --calibrate-only refits the calibration in place and keeps the weights and how they were made.
    meta["calibration_temperature"] = "99.0"
    save_weights(model, out, meta)
    recalibrate = ["--arch", "classic", "--data", str(tmp_path), "--out", str(out), "--calibrate-only"]
    assert train_cli.main([*recalibrate, "--device", "cpu"]) == 0
    assert "rewrote" in capsys.readouterr().err
    refitted, new_meta = load_weights(out)
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), refitted.state_dict().values(),
                                                  strict=True))
    assert float(new_meta["calibration_temperature"]) < 99.0
    assert new_meta["training_command"] == meta["training_command"]
    assert new_meta["calibration_command"].startswith("lenet-train --arch classic")
    assert 0 <= float(new_meta["test_answered_right"]) <= float(new_meta["test_accuracy"]) <= 1


def test_train_reports_bad_data(tmp_path, capsys):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"\x00\x00\x08\x01" + b"\x00" * 8)
    code = train_cli.main(["--data", str(tmp_path), "--out", str(tmp_path / "w.safetensors")])
    assert code == 2
    assert "magic number" in capsys.readouterr().err


def test_predict_says_not_a_digit_and_unsure(images, tmp_path, capsys):
    from lenet_core import Recognizer, save_weights, synthetic
    from lenet_core.calibration import Calibration

    line = tmp_path / "line.png"
    Image.fromarray(synthetic.render([[(40.0, 140.0), (240.0, 140.0)]], width=19.6)).save(line)
    assert predict_cli.main([str(line), "--device", "cpu"]) == 0
    assert capsys.readouterr().out.strip() == f"{line}: not a digit"

    # The same model with an "unsure" level no answer reaches: every answer is a close call.
    rec = Recognizer.load("modern", device="cpu")
    unsure = Calibration(1.0, 1e9, 1.0).to_metadata()
    weights = save_weights(rec.model, tmp_path / "unsure.safetensors", unsure)
    paths, _, labels = images
    assert predict_cli.main([str(paths[0]), "--weights", str(weights)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"{paths[0]}: {labels[0]} or ") and "? (" in out and out.endswith("%)")
    assert predict_cli.main([str(paths[0]), "--weights", str(weights), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["status"] == "unsure" and record["label"] == int(labels[0])
    assert record["alternatives"] and record["alternatives"][0]["label"] != record["label"]


@pytest.mark.parametrize(
    ("flag", "value", "says"),
    [
        ("--epochs", "0", "--epochs: must be at least 1, got 0"),
        ("--batch-size", "0", "--batch-size: must be at least 1, got 0"),
        ("--lr", "nan", "--lr: must be a positive number, got nan"),
        ("--lr", "-1", "--lr: must be a positive number, got -1"),
        ("--limit", "-5", "--limit: must be at least 1, got -5"),
        ("--epochs", "two", "--epochs: expected a whole number, got 'two'"),
        ("--realistic", "inf", "--realistic: must be between 0 and 10, got inf"),
    ],
)
def test_train_refuses_bad_settings_in_one_line(tmp_path, capsys, flag, value, says):
    with pytest.raises(SystemExit) as exit_info:
        train_cli.main(["--data", str(tmp_path), "--out", str(tmp_path / "w.safetensors"), flag, value])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == f"lenet-train: argument {says}"  # one line, no usage dump, no traceback


def test_train_refuses_a_data_set_without_usable_images(tmp_path, capsys):
    import numpy as np

    write_idx_folder(tmp_path, np.zeros((50, 28, 28), np.uint8), np.zeros(50, np.uint8))
    out = tmp_path / "w.safetensors"
    code = train_cli.main(["--data", str(tmp_path), "--out", str(out), "--epochs", "1"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"lenet-train: no usable training images in {tmp_path}: every image is blank"
    assert not (tmp_path / "w.safetensors").exists()
