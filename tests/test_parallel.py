"""Work shared out to worker processes gives exactly what one process gives, in order, and still gets
done when no worker process can start."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

from lenet_core import mnist_cache, parallel, train_data
from lenet_core.data import preprocess_many
from lenet_core.shipped_data import REPLAY, load


@pytest.fixture(scope="module")
def digits():
    replay = load(REPLAY)
    return replay.images[:120], replay.labels[:120]


def test_preprocessing_in_two_processes_matches_one(digits):
    images, _ = digits
    shards = [(images[:50],), (images[50:90],), (images[90:],)]
    seen: list[int] = []
    fixed = parallel.map_shards(mnist_cache.preprocess_shard, shards, workers=2, on_shard_done=seen.append)
    assert seen == [0, 1, 2]
    ink, kept = preprocess_many(list(images))
    np.testing.assert_array_equal(np.concatenate([f[0] for f in fixed]), mnist_cache.to_fixed(ink))
    starts = (0, 50, 90)
    indices = [f[1] + s for f, s in zip(fixed, starts, strict=True)]
    np.testing.assert_array_equal(np.concatenate(indices), kept)


def test_training_data_drawn_in_two_processes_matches_one(digits):
    images, labels = digits
    shards = [(images[:60], labels[:60], 30, 12, 5), (images[60:], labels[60:], 30, 12, 6)]
    together = parallel.map_shards(train_data._draw_shard, shards, workers=2)
    alone = [train_data._draw_shard(*shard) for shard in shards]
    for got, want in zip(together, alone, strict=True):
        for part_got, part_want in zip(got, want, strict=True):
            np.testing.assert_array_equal(part_got.ink, part_want.ink)
            np.testing.assert_array_equal(part_got.labels, part_want.labels)
    mnist_part, real_part, negative_part = together[0]
    assert len(mnist_part.labels) == 60 and len(real_part.labels) == 30 and set(negative_part.labels) == {-1}


def test_without_worker_processes_the_work_is_done_here(digits, monkeypatch):
    def cannot_start(*_args, **_kwargs):
        raise BrokenProcessPool("no processes on this system")

    monkeypatch.setattr(parallel, "_in_processes", cannot_start)
    images, _ = digits
    seen: list[int] = []
    fixed = parallel.map_shards(mnist_cache.preprocess_shard, [(images[:10],), (images[10:20],)],
                                workers=2, on_shard_done=seen.append)
    assert seen == [0, 1] and [len(f[0]) for f in fixed] == [10, 10]
    with pytest.raises(BrokenProcessPool):  # what the self-test asks for: processes, or a failure
        parallel.map_shards(mnist_cache.preprocess_shard, [(images[:10],), (images[10:20],)], workers=2,
                            fallback=False)


def test_an_error_in_the_work_reaches_the_caller():
    broken = np.full((1, 28, 28), np.nan, dtype=np.float32)
    with pytest.raises(ValueError, match="NaN"):
        parallel.map_shards(mnist_cache.preprocess_shard, [(broken,), (broken,)], workers=2)


def test_worker_count_follows_the_environment(monkeypatch):
    monkeypatch.setenv(parallel.ENV_VAR, "3")
    assert parallel.worker_count() == 3
    monkeypatch.setenv(parallel.ENV_VAR, "many")
    assert parallel.worker_count() >= 1
