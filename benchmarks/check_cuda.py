"""The CUDA path, checked on a machine with an NVIDIA GPU (the tests never need one).

    python benchmarks/check_cuda.py

For both shipped models: the answers on the 1,000 shipped MNIST test digits on the GPU against the CPU
(labels, statuses and the largest probability difference), the time per batch on each; a short
fine-tune and a short training run from scratch on the GPU (the model's parameters must be on it and
its loss finite). Prints one line per check and exits non-zero if any fails.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import torch

from lenet_core import Recognizer
from lenet_core.data import preprocess_many
from lenet_core.finetune import FineTuneConfig, fine_tune
from lenet_core.shipped_data import REPLAY, TEST_SAMPLE, load
from lenet_core.train_config import TrainConfig
from lenet_core.training_run import TrainingRun


def main() -> int:
    if not torch.cuda.is_available():
        print("no CUDA device: nothing to check")
        return 0
    print(f"torch {torch.__version__}, {torch.cuda.get_device_name(0)}")
    failures = 0
    digits = load(TEST_SAMPLE)
    for arch in ("modern", "classic"):
        answers = {}
        for device in ("cpu", "cuda"):
            rec = Recognizer.load(arch, device=device)
            rec.predict_batch(digits.images[:50], activations=False)  # warm-up
            start = time.perf_counter()
            answers[device] = rec.predict_batch(digits.images, activations=False)
            print(f"{arch} on {device}: 1,000 digits in {time.perf_counter() - start:.3f} s")
        pairs = list(zip(answers["cpu"], answers["cuda"], strict=True))
        same_label = sum(a.label == b.label for a, b in pairs)
        same_status = sum(a.status == b.status for a, b in pairs)
        gap = max(float(np.abs(a.probabilities - b.probabilities).max())
                  for a, b in pairs if a.probabilities is not None and b.probabilities is not None)
        ok = same_label == len(digits.labels) and same_status >= len(digits.labels) - 1 and gap < 1e-3
        failures += not ok
        print(f"{arch}: same label {same_label}/1000, same status {same_status}/1000, "
              f"largest probability difference {gap:.2e}: {'ok' if ok else 'FAILED'}")

        rec = Recognizer.load(arch, device="cuda")
        images = list(digits.images[:40])
        start = time.perf_counter()
        result = fine_tune(rec, images, list(digits.labels[:40]), FineTuneConfig(epochs=2, device="cuda"))
        on_gpu = all(p.is_cuda for p in result.model.parameters())
        ok = on_gpu and bool(result.history) and bool(np.isfinite(result.history[-1].loss))
        failures += not ok
        print(f"{arch}: fine-tune on cuda in {time.perf_counter() - start:.2f} s, MNIST "
              f"{result.mnist_before:.1%} -> {result.mnist_after:.1%}: {'ok' if ok else 'FAILED'}")

    replay = load(REPLAY)
    ink, kept = preprocess_many(replay.images)
    run = TrainingRun(ink, replay.labels[kept], TrainConfig(arch="modern", epochs=1, batch_size=128),
                      device="cuda")
    losses = [run.step().loss for _ in range(run.total_steps)]
    on_gpu = all(p.is_cuda for p in run.model.parameters())
    ok = on_gpu and bool(np.isfinite(losses).all()) and losses[-1] < losses[0]
    failures += not ok
    print(f"training from scratch on cuda: {run.total_steps} steps, loss {losses[0]:.3f} -> "
          f"{losses[-1]:.3f}: {'ok' if ok else 'FAILED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
