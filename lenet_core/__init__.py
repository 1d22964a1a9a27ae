"""LeNet Digits' core: models, preprocessing, data, training and the recognizer. Never imports Qt."""

from .images import ImageError, load_image
from .models import ARCHITECTURES, C3_TABLE, DEFAULT_ARCH, STAGES, build_model, describe_layers
from .preprocess import preprocess, to_network_input
from .recognizer import Prediction, Recognizer, resolve_device
from .weights import WeightsError, load_weights, save_weights

__version__ = "0.1.0"

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
