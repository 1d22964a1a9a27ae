"""README's ONNX examples run as written: the bash line makes the file, the Python blocks read a digit
with it and print the app's answer."""

import re
import runpy
import shlex
from pathlib import Path

import numpy as np
from PIL import Image

from lenet_core.cli.export import main as lenet_export
from lenet_core.recognizer import Recognizer
from lenet_core.shipped_data import TEST_SAMPLE, load

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "### Use the model in another program (ONNX)"


def section_blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start)
    body = text[start:end if end >= 0 else None]
    return re.findall(rf"```{language}\n(.*?)```", body, flags=re.S)


def test_the_readmes_onnx_examples_run_and_give_the_apps_answer(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    digit = load(TEST_SAMPLE).images[0]  # MNIST: white ink on black, 28x28
    Image.fromarray(digit).save("mnist_digit.png")
    Image.fromarray(255 - digit).resize((140, 140)).save("my_digit.png")  # as drawn: dark ink on paper
    (commands,) = section_blocks("bash")
    first = shlex.split(commands.splitlines()[0].split("#")[0])
    assert first[0] == "lenet-export"
    assert lenet_export(first[1:]) == 0
    capsys.readouterr()
    python_blocks = section_blocks("python")
    assert len(python_blocks) == 2
    expected = Recognizer.load("classic", device="cpu").predict(digit)
    for block in python_blocks:
        script = tmp_path / "example.py"
        script.write_text(block)
        runpy.run_path(str(script), run_name="__main__")
        printed = capsys.readouterr().out.split()
        assert int(printed[printed.index("->") + 1 if "->" in printed else printed.index("digit") + 1]) == (
            expected.label
        )
        assert abs(float(printed[-1]) - float(np.max(expected.probabilities))) < 1e-3
