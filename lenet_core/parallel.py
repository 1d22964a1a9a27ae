"""Image-by-image work shared out to the machine's cores, in worker processes.

Preprocessing MNIST and drawing training images are plain Python and numpy, one small image at a time:
threads would wait on each other for the interpreter, so the work goes to processes instead. They are
started with "spawn" on every platform: the same behaviour everywhere, and safe beside the threads torch
has already started (a forked copy of those can deadlock). A frozen app needs
`multiprocessing.freeze_support()` first thing in its entry point, which the bundle's has.

The caller cuts the work into shards whose number does not depend on the machine, so the result is the
same with one worker or sixteen. When worker processes cannot be started at all (a locked-down system),
the shards run here, one after another: slower, never wrong.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

ENV_VAR = "LENET_DIGITS_WORKERS"
# Each worker is a Python with numpy and its share of the images (about 60 MB), and the jobs here are
# tens of thousands of small images: past 8 workers, starting more costs about what it saves.
MAX_AUTO_WORKERS = 8
T = TypeVar("T")


def worker_count() -> int:
    """Processes to use: the cores this process may run on (at most `MAX_AUTO_WORKERS`), or
    `$LENET_DIGITS_WORKERS`."""
    try:
        wanted = int(os.environ.get(ENV_VAR, "0"))
    except ValueError:
        wanted = 0
    if wanted > 0:
        return wanted
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, MAX_AUTO_WORKERS))


def map_shards(
    work: Callable[..., T], shards: Sequence[tuple[Any, ...]], workers: int | None = None,
    on_shard_done: Callable[[int], None] | None = None, fallback: bool = True,
) -> list[T]:
    """`[work(*shard) for shard in shards]`, computed on up to `workers` processes, in order.

    `work` must be a module-level function (worker processes import it by name). `on_shard_done(i)`
    is called here, in the calling thread, as each shard's result arrives. With `fallback=False`, a
    failure to run worker processes raises (`BrokenProcessPool` or `OSError`) instead.
    """
    workers = min(worker_count() if workers is None else workers, len(shards))
    if workers > 1:
        try:
            return _in_processes(work, shards, workers, on_shard_done)
        except (BrokenProcessPool, OSError):
            if not fallback:
                raise
            # no worker processes here: do it all in this one
    results = []
    for i, shard in enumerate(shards):
        results.append(work(*shard))
        if on_shard_done:
            on_shard_done(i)
    return results


def _in_processes(work: Callable[..., T], shards: Sequence[tuple[Any, ...]], workers: int,
                  on_shard_done: Callable[[int], None] | None) -> list[T]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        futures = [pool.submit(work, *shard) for shard in shards]
        results = []
        for i, future in enumerate(futures):
            results.append(future.result())
            if on_shard_done:
                on_shard_done(i)
        return results
    finally:
        # On an error or an interrupt, shards not yet started are dropped rather than waited for.
        pool.shutdown(wait=True, cancel_futures=True)
