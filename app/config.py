"""Constants that shape the app's behaviour, in one place so that changing one is a one-line edit.

Nothing here imports the core: `lenet-digits --version` and the window's first paint must not wait
for torch.
"""

from __future__ import annotations

DEFAULT_DEVICE = "auto"
LANGUAGES = ("system", "en", "zh_CN")  # "system" follows the OS locale

# Pen width as a fraction of the canvas side. MNIST strokes are about 2-3 px in a 20 px box; a digit
# drawn over about two thirds of the canvas at 7 % lands in that band (the core corrects the rest).
DEFAULT_PEN_WIDTH = 0.07
PEN_WIDTH_RANGE = (0.01, 0.25)
ERASER_SCALE = 2.5  # the eraser is wider than the pen: erasing should be quick, not precise

# The rasterised canvas handed to the core: fixed, so the result never depends on the window size.
RASTER_SIZE = 280

# Live updates while drawing: at most one request in flight, at most one pending (latest wins), and
# no more often than this, so a fast mouse does not keep a CPU core busy with stale frames.
MIN_UPDATE_INTERVAL_MS = 15

# Torch threads of the inference worker. One LeNet forward pass is far too small to split, and on a
# busy machine two threads wait for each other: measured with a training job running on a 2-core
# machine, p99 latency 19 ms with one thread against 150+ ms with two. (With torch's OpenMP backend
# the setting is per thread, so the rest of the process keeps its own.)
INFERENCE_THREADS = 1

# The problem banner above the Recognise tab's sheet and the Train tab's panels.
MESSAGE_STYLE = "QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0; padding: 6px; }"

ORGANIZATION = "LeNet Digits"
APPLICATION = "lenet-digits"
