"""How LeNet-5 reads a digit, as numbers a view can draw: the core of the app's explain views.

Everything here works on the model and one forward pass's activations (`Prediction.activations`),
never imports Qt, and returns small dataclasses of floats and numpy arrays:

- `units`: address a unit (`Unit`), its receptive field in the input (`receptive_field`), the maps
  or units that feed it (`connections`; classic C3 follows the paper's table), kernel positions
  for animating a sweep (`sweep_positions`);
- `drawing`: input boxes and maps back on the user's drawing (with `preprocess_placed`'s placement);
- `arithmetic`: one unit's computation with the real numbers (`unit_arithmetic`);
- `rbf`: the classic RBF prototypes beside the drawing's F6 (`rbf_comparison`);
- `filters`: the C1 kernels and the C3 kernel grid (`filter_banks`);
- `saliency`: occlusion and gradient maps, and "a or b?" contrasts (`saliency`, `contrast`);
- `layer_facts`: shape, parameters, connections and formula of each layer (`layer_facts`).

A typical view, for a unit the user clicked:

    pred = recognizer.predict(drawing)
    unit = Unit("C3", 4, y=2, x=7)
    step = unit_arithmetic(recognizer.model, pred.activations, unit)   # step.products, step.value...
    box = receptive_field(unit)                                        # in the 32x32 input
    _, placement = preprocess_placed(drawing)
    on_canvas = input_box_on_drawing(box, placement)                   # in the drawing's pixels
"""

from ..preprocess import Placement, preprocess_placed
from .arithmetic import (
    Activation,
    BatchNorm,
    OutputLayer,
    Subsampling,
    UnitArithmetic,
    WeightedSum,
    stage_activations,
    unit_arithmetic,
)
from .drawing import DrawingBox, drawing_point_in_input, input_box_on_drawing, input_map_on_drawing
from .filters import FilterBanks, filter_banks
from .layer_facts import LayerFacts, layer_facts
from .rbf import RbfComparison, as_bitmap, output_patterns, prototypes, rbf_comparison
from .saliency import METHODS, Saliency, contrast, saliency, top_two
from .units import STAGE_SHAPES, Box, Connections, Unit, connections, receptive_field, sweep_positions

__all__ = [
    "METHODS",
    "STAGE_SHAPES",
    "Activation",
    "BatchNorm",
    "Box",
    "Connections",
    "DrawingBox",
    "FilterBanks",
    "LayerFacts",
    "OutputLayer",
    "Placement",
    "RbfComparison",
    "Saliency",
    "Subsampling",
    "Unit",
    "UnitArithmetic",
    "WeightedSum",
    "as_bitmap",
    "connections",
    "contrast",
    "drawing_point_in_input",
    "filter_banks",
    "input_box_on_drawing",
    "input_map_on_drawing",
    "layer_facts",
    "output_patterns",
    "preprocess_placed",
    "prototypes",
    "rbf_comparison",
    "receptive_field",
    "saliency",
    "stage_activations",
    "sweep_positions",
    "top_two",
    "unit_arithmetic",
]
