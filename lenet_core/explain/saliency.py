"""Which pixels made the network decide: saliency maps over the 32x32 input.

Every method explains the same score, a log-odds: for one digit a, log(p(a) / (1 - p(a))), the
evidence for a against all the others; for "3 or 9?", log(p(a) / p(b)), what separates the two,
whatever the other eight do. For the classic model's RBF output log(p(a) / p(b)) is y_b - y_a (the
difference of two penalties), for the modern one the difference of two logits. Log-odds, not the
log-probability: the classic model's probabilities are so peaked that log p(a) rounds to 0 in
float32 for a clear digit, and its map would be blank.

The reference is the empty sheet: an input pixel at the background value carries no ink, so it can
neither be rubbed out (occlusion) nor weigh in a gradient times (input - background). Positive heat
is evidence for the target (over the runner-up, when contrasting); negative heat is evidence against.

- `occlusion`: rub out each 4x4 window (stride 2) and measure how much the score drops, averaged
  over the windows covering a pixel. All rubbed-out copies go through the network as one batch, and
  windows without ink are skipped: rubbing out nothing changes nothing.
- `gradient_x_input`: one backward pass, the first-order estimate of the same rubbing out.
- `integrated_gradients`: the gradient averaged along the path from the empty sheet to the drawing
  (a few steps, one batch); its heat adds up to score(drawing) - score(empty sheet).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

import numpy as np
import torch

from ..models import ClassicLeNet5, ModernLeNet5
from ..preprocess import BACKGROUND_VALUE

Model = ClassicLeNet5 | ModernLeNet5
Method = Literal["occlusion", "gradient_x_input", "integrated_gradients"]
METHODS: tuple[Method, ...] = ("occlusion", "gradient_x_input", "integrated_gradients")
OCCLUSION_PATCH = 4  # a stroke's width and a bit: large enough to remove a piece of a stroke
OCCLUSION_STRIDE = 2
INTEGRATED_GRADIENT_STEPS = 16  # one batch; the classic model's sharp tanh path needs more for exact sums


@dataclass(frozen=True)
class Saliency:
    """A saliency map: `heat` (32, 32) float32 over the network input, signed (> 0: for `target`).

    `versus` is the digit contrasted against (None: the target against all others). `score` is the
    explained log-odds at the drawing: log(p / (1 - p)) of the target, or log(p(target) / p(versus)).
    """

    method: Method
    target: int
    versus: int | None
    heat: np.ndarray
    score: float


def digit_scores(model: Model, output: torch.Tensor) -> torch.Tensor:
    """(B, 10) scores whose softmax is the probabilities: -penalties (classic) or the logits (modern)."""
    return -output if model.output_kind == "rbf_penalties" else output


def explained_score(model: Model, x: torch.Tensor, target: int, versus: int | None = None) -> torch.Tensor:
    """(B,) the log-odds a saliency map explains, for a batch of (B, 1, 32, 32) inputs."""
    s = digit_scores(model, model(x))
    if versus is not None:
        return s[:, target] - s[:, versus]
    others = torch.cat([s[:, :target], s[:, target + 1 :]], dim=1)
    return s[:, target] - torch.logsumexp(others, dim=1)


def top_two(model: Model, image: np.ndarray) -> tuple[int, int]:
    """The model's best and second-best digit for one 32x32 input: the pair "a or b?" asks about."""
    with torch.inference_mode():
        s = digit_scores(model, model(_batch(model, image)))[0]
    best = torch.topk(s, 2).indices.tolist()
    return int(best[0]), int(best[1])


def saliency(
    model: Model,
    image: np.ndarray,
    method: Method = "occlusion",
    target: int | None = None,
    versus: int | None = None,
    steps: int = INTEGRATED_GRADIENT_STEPS,
) -> Saliency:
    """A saliency map of one 32x32 network input (`Prediction.input`); the model must be in eval mode.

    `target` defaults to the digit the model reads. Give `versus` to see what separates the two
    (`contrast` picks the top two for you). `steps` is the path resolution of integrated gradients.
    """
    if model.training:
        raise ValueError("the model is in training mode; saliency explains it reading (eval mode)")
    if method not in METHODS:
        raise ValueError(f"unknown saliency method {method!r}; choose one of {', '.join(METHODS)}")
    if target is None:
        target = top_two(model, image)[0]
    if versus == target:
        raise ValueError("contrasting a digit with itself explains nothing; choose another digit")
    if steps < 1:
        raise ValueError("integrated gradients needs at least one step")
    x = _batch(model, image)
    if method == "occlusion":
        heat, score = _occlusion(model, x, target, versus)
    else:
        heat, score = _gradient(model, x, target, versus, steps if method == "integrated_gradients" else 0)
    return Saliency(method, target, versus, heat.cpu().numpy().astype(np.float32), score)


def contrast(model: Model, image: np.ndarray, method: Method = "occlusion") -> Saliency:
    """What separates the model's top two digits for this input ("3 or 9?")."""
    best, second = top_two(model, image)
    return saliency(model, image, method, target=best, versus=second)


def _batch(model: Model, image: np.ndarray) -> torch.Tensor:
    device = next(model.parameters()).device
    return torch.as_tensor(np.asarray(image, dtype=np.float32)).reshape(1, 1, 32, 32).to(device)


@functools.cache
def _occlusion_windows() -> tuple[torch.Tensor, torch.Tensor]:
    """(W, 32, 32) bool masks of the rubbed-out windows, and (32, 32) how many cover each pixel."""
    size, stride = OCCLUSION_PATCH, OCCLUSION_STRIDE
    starts = range(0, 32 - size + 1, stride)
    masks = torch.zeros(len(starts) ** 2, 32, 32, dtype=torch.bool)
    for i, (top, left) in enumerate((t, s) for t in starts for s in starts):
        masks[i, top : top + size, left : left + size] = True
    return masks, masks.sum(dim=0).float()


def _occlusion(model: Model, x: torch.Tensor, target: int, versus: int | None) -> tuple[torch.Tensor, float]:
    masks, count = _occlusion_windows()
    masks = masks.to(x.device)
    ink = x[0, 0] > BACKGROUND_VALUE + 1e-6
    # Windows holding ink only: rubbing out a blank window leaves the score as it is (drop 0).
    rubbed = masks[(masks & ink).flatten(1).any(dim=1)]
    copies = torch.where(rubbed[:, None], torch.tensor(BACKGROUND_VALUE, device=x.device), x)
    with torch.inference_mode():
        scores = explained_score(model, torch.cat([x, copies]), target, versus)
    drops = (scores[0] - scores[1:]).cpu()
    # Every pixel is covered by 1 to 4 windows; average over all of them (blank ones count as 0).
    total = drops @ rubbed.cpu().flatten(1).float()
    return total.view(32, 32) / count, float(scores[0])


def _gradient(
    model: Model, x: torch.Tensor, target: int, versus: int | None, steps: int
) -> tuple[torch.Tensor, float]:
    baseline = torch.full_like(x, BACKGROUND_VALUE)
    if steps:  # midpoints of `steps` equal slices of the straight path from the empty sheet
        alphas = (torch.arange(steps, dtype=x.dtype, device=x.device) + 0.5) / steps
        path = baseline + alphas.view(-1, 1, 1, 1) * (x - baseline)
    else:
        path = x.clone()
    path.requires_grad_(True)
    scores = explained_score(model, path, target, versus)
    # Gradients with respect to the input only: the model's parameters keep their .grad untouched.
    (grad,) = torch.autograd.grad(scores.sum(), path)
    heat = grad.mean(dim=0)[0] * (x - baseline)[0, 0]
    if steps:
        with torch.inference_mode():
            score = float(explained_score(model, x, target, versus)[0])
    else:
        score = float(scores[0].detach())
    return heat.detach(), score
