"""LeNet Digits' core: models, preprocessing, data, training and the recognizer. Never imports Qt.

The names below that need torch (models, recognizer, weights) are imported on first use, so that a
program which only needs the core's light parts (where the user's files live, the sample store, the
model library's index) starts without loading torch: the desktop app shows its window first and lets
its worker thread load torch meanwhile.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Light (numpy and Pillow only), and `preprocess` names both a submodule and its function: imported
# eagerly so that `lenet_core.preprocess` is always the function, as it has always been.
from .images import ImageError, load_image
from .preprocess import preprocess, to_network_input

if TYPE_CHECKING:
    from .models import ARCHITECTURES, C3_TABLE, DEFAULT_ARCH, STAGES, build_model, describe_layers
    from .recognizer import Prediction, Recognizer, resolve_device
    from .weights import WeightsError, load_weights, save_weights

__version__ = "0.1.0"

_LAZY = {
    **dict.fromkeys(
        ("ARCHITECTURES", "C3_TABLE", "DEFAULT_ARCH", "STAGES", "build_model", "describe_layers"), ".models"
    ),
    **dict.fromkeys(("Prediction", "Recognizer", "resolve_device"), ".recognizer"),
    **dict.fromkeys(("WeightsError", "load_weights", "save_weights"), ".weights"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


__all__ = [
    "ARCHITECTURES",
    "C3_TABLE",
    "DEFAULT_ARCH",
    "STAGES",
    "ImageError",
    "Prediction",
    "Recognizer",
    "WeightsError",
    "build_model",
    "describe_layers",
    "load_image",
    "load_weights",
    "preprocess",
    "resolve_device",
    "save_weights",
    "to_network_input",
]
