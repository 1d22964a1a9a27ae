"""The self-test's checks of the core as the app ships it: recognition with both models, a short
fine-tuning, and work shared out to worker processes (which a frozen app must be able to start)."""

from __future__ import annotations

from typing import Any

from app.self_test_support import require

MNIST_SLICE = 50
MIN_MNIST_ACCURACY = 0.9  # both models make about 1 % errors on MNIST; 50 digits leave room
MIN_GLYPHS_CORRECT = 9  # of 10 clean synthetic glyphs (all 10 are read correctly today)


def check_recognition() -> dict[str, Any]:
    import numpy as np

    from lenet_core import Recognizer, synthetic
    from lenet_core.shipped_data import TEST_SAMPLE, load

    digits = load(TEST_SAMPLE)  # checks the file's SHA-256 as well
    images, labels = list(digits.images[:MNIST_SLICE]), digits.labels[:MNIST_SLICE]
    glyphs = [synthetic.render(synthetic.strokes(d, synthetic.styles(d)[0])) for d in range(10)]
    out = {}
    for arch in ("classic", "modern"):
        recognizer = Recognizer.load(arch, device="cpu")
        require(recognizer.metadata.get("untrained") != "true", f"{arch}: shipped weights not found")
        mnist = np.array([p.label for p in recognizer.predict_batch(images, activations=False)])
        accuracy = float((mnist == labels).mean())
        read = [p.label for p in recognizer.predict_batch(glyphs, activations=False)]
        correct = sum(int(r == d) for d, r in enumerate(read))
        require(
            accuracy >= MIN_MNIST_ACCURACY,
            f"{arch}: MNIST accuracy {accuracy:.2f} < {MIN_MNIST_ACCURACY}",
        )
        require(correct >= MIN_GLYPHS_CORRECT, f"{arch}: synthetic digits read as {read}")
        out[arch] = {"mnist_accuracy": accuracy, "mnist_digits": len(images), "glyphs_correct": correct}
    return out

def check_fine_tuning() -> dict[str, Any]:
    import math

    from lenet_core import Recognizer
    from lenet_core.finetune import FineTuneConfig, fine_tune
    from lenet_core.shipped_data import TEST_SAMPLE, load

    digits = load(TEST_SAMPLE)
    images, labels = list(digits.images[-20:]), [int(v) for v in digits.labels[-20:]]
    config = FineTuneConfig(epochs=1, min_epoch_draws=64, batch_size=32, augment=True, device="cpu")
    result = fine_tune(Recognizer.load("modern", device="cpu"), images, labels, config)
    losses = [getattr(h, "loss", None) for h in result.history]
    require(result.history, "fine-tuning ran no step")
    require(all(v is None or math.isfinite(v) for v in losses), f"non-finite loss: {losses}")
    require(result.mnist_after >= 0.9, f"MNIST accuracy after fine-tuning {result.mnist_after:.3f}")
    return {
        "history_points": len(result.history),
        "mnist_before": round(result.mnist_before, 4),
        "mnist_after": round(result.mnist_after, 4),
        "elapsed_s": round(result.elapsed_s, 2),
    }


def check_worker_processes() -> dict[str, Any]:
    """Digits preprocessed in two worker processes, as the Learn page's first run and `lenet-train` do,
    come back exactly as preprocessed here (in a bundle, the workers are the app itself, started
    through `multiprocessing.freeze_support`)."""
    import numpy as np

    from lenet_core import mnist_cache, parallel
    from lenet_core.shipped_data import TEST_SAMPLE, load

    images = load(TEST_SAMPLE).images[:40]
    shards = [(images[:20],), (images[20:],)]
    together = parallel.map_shards(mnist_cache.preprocess_shard, shards, workers=2, fallback=False)
    alone = [mnist_cache.preprocess_shard(*shard) for shard in shards]
    for (ink, kept), (want_ink, want_kept) in zip(together, alone, strict=True):
        require(np.array_equal(ink, want_ink) and np.array_equal(kept, want_kept),
                "digits preprocessed in a worker process differ from those preprocessed here")
    return {"workers": 2, "digits": len(images)}
