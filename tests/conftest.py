"""Shared test setup: offscreen Qt, a small torch thread pool, and paths to the optional full data set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must know before any QApplication exists that there is no screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import torch  # noqa: E402

torch.set_num_threads(2)

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_MNIST = REPO_ROOT.parent / "shared" / "data" / "mnist"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_mnist() -> Path:
    """The full MNIST IDX files beside the checkout; tests that need them skip with a reason otherwise."""
    if not (SHARED_MNIST / "t10k-images-idx3-ubyte.gz").exists():
        pytest.skip(f"full MNIST not found at {SHARED_MNIST} (only present beside a development checkout)")
    return SHARED_MNIST
