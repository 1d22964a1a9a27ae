"""The words and the equation of one unit's computation, with its real numbers, in the user's language."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.texts import fill, layer_name
from app.widgets.diagram_layout import MAP_STAGES, UnitRef
from app.widgets.number_grid import format_number as n

if TYPE_CHECKING:
    from lenet_core.explain import Activation, UnitArithmetic


def unit_title(unit: UnitRef) -> str:
    if unit.stage in MAP_STAGES:
        return fill(
            QCoreApplication.translate("Equations", "%1 map %2, row %3, column %4"),
            layer_name(unit.stage),
            unit.index + 1,
            unit.y + 1,
            unit.x + 1,
        )
    if unit.stage == "output":
        return fill(QCoreApplication.translate("Equations", "Output unit of the digit %1"), unit.index)
    return fill(QCoreApplication.translate("Equations", "%1 unit %2"), layer_name(unit.stage), unit.index + 1)


def description(unit: UnitRef, arch: str, step: UnitArithmetic | None) -> str:
    classic = arch == "classic"
    stage = unit.stage
    if stage == "C1" and classic:
        return QCoreApplication.translate(
            "Equations",
            "A convolution: the 5×5 patch of the input under the kernel is multiplied by the kernel "
            "term by term, the products are added up, the bias is added, and the activation squashes "
            "the sum.",
        )
    if stage == "C1":
        return QCoreApplication.translate(
            "Equations",
            "A convolution: the 5×5 patch of the input under the kernel is multiplied by the kernel "
            "term by term and the products are added up; batch norm and the activation (ReLU) follow.",
        )
    if stage == "C3":
        maps = ", ".join(str(m + 1) for m in getattr(step, "source_maps", ()))
        if classic and maps:
            return fill(
                QCoreApplication.translate(
                    "Equations",
                    "A convolution over the S2 maps this map reads by the paper's table (%1): one 5×5 "
                    "kernel per map, all the products added up, plus the bias, then the activation.",
                ),
                maps,
            )
        return QCoreApplication.translate(
            "Equations",
            "A convolution over all six S2 maps: one 5×5 kernel per map, all the products added up, "
            "then batch norm and the activation.",
        )
    if stage == "C5":
        return QCoreApplication.translate(
            "Equations",
            "A convolution over all sixteen S4 maps. S4 is 5×5, so the kernel fits exactly once: every "
            "C5 unit sees the whole drawing.",
        )
    if stage in ("S2", "S4"):
        return (
            QCoreApplication.translate(
                "Equations",
                "Subsampling: the four values of a 2×2 window are added up, multiplied by the map's "
                "trainable coefficient, the bias is added, and the activation squashes the result.",
            )
            if classic
            else QCoreApplication.translate(
                "Equations", "Max pooling: the largest of the four values of a 2×2 window."
            )
        )
    if stage == "F6":
        return QCoreApplication.translate(
            "Equations",
            "A fully connected unit: each of the 120 C5 values times its weight, all added up, plus the "
            "bias, then the activation.",
        )
    if classic:
        return QCoreApplication.translate(
            "Equations",
            "An RBF unit: the squared distance between F6 and the digit's fixed 7×12 prototype. Every "
            "digit is measured this way; the closest one is the answer, and softmax(−distance) gives "
            "the probabilities.",
        )
    return QCoreApplication.translate(
        "Equations",
        "A linear unit: F6 times the digit's weights, plus its bias, gives its score (logit); softmax "
        "turns the ten scores into probabilities, and the largest is the answer.",
    )


def _activation(act: Activation) -> str:
    if act.name == "scaled_tanh":
        return fill(
            QCoreApplication.translate("Equations", "activation: 1.7159 · tanh(2 · %1 / 3) = <b>%2</b>"),
            n(act.input),
            n(act.output),
        )
    return fill(
        QCoreApplication.translate("Equations", "activation (ReLU): max(0, %1) = <b>%2</b>"),
        n(act.input),
        n(act.output),
    )


def equation_html(step: UnitArithmetic, network_value: float | None) -> str:
    from lenet_core.explain import OutputLayer, Subsampling, WeightedSum

    lines: list[str] = []
    if isinstance(step, WeightedSum):
        count = step.products.size
        lines.append(
            fill(
                QCoreApplication.translate("Equations", "sum of the %1 products = %2"),
                count,
                n(step.weighted_sum),
            )
        )
        if step.batch_norm is None:
            lines.append(
                fill(
                    QCoreApplication.translate("Equations", "+ bias %1 = %2"),
                    n(step.bias),
                    n(step.pre_activation),
                )
            )
        else:
            bn = step.batch_norm
            lines.append(
                fill(
                    QCoreApplication.translate(
                        "Equations", "batch norm: (%1 − %2) / √(%3 + %4) · %5 + %6 = %7"
                    ),
                    n(step.pre_activation),
                    n(bn.mean),
                    n(bn.variance),
                    f"{bn.eps:g}",
                    n(bn.gamma),
                    n(bn.beta),
                    n(bn.output),
                )
            )
        lines.append(_activation(step.activation))
    elif isinstance(step, Subsampling):
        if step.mode == "max":
            lines.append(
                fill(
                    QCoreApplication.translate("Equations", "largest of the four = <b>%1</b>"), n(step.value)
                )
            )
        else:
            assert step.window_sum is not None and step.coefficient is not None and step.bias is not None
            assert step.pre_activation is not None and step.activation is not None
            lines.append(
                fill(QCoreApplication.translate("Equations", "sum of the four = %1"), n(step.window_sum))
            )
            lines.append(
                fill(
                    QCoreApplication.translate("Equations", "× coefficient %1 + bias %2 = %3"),
                    n(step.coefficient),
                    n(step.bias),
                    n(step.pre_activation),
                )
            )
            lines.append(_activation(step.activation))
    elif isinstance(step, OutputLayer):
        digit = step.unit.index
        if step.kind == "rbf":
            lines.append(
                fill(
                    QCoreApplication.translate(
                        "Equations", "distance to the prototype of %1 = <b>%2</b> (lower is closer)"
                    ),
                    digit,
                    n(step.value),
                )
            )
        else:
            assert step.bias is not None
            lines.append(
                fill(
                    QCoreApplication.translate("Equations", "sum of the 84 products + bias %1 = <b>%2</b>"),
                    n(step.bias[digit]),
                    n(step.value),
                )
            )
        lines.append(
            fill(
                QCoreApplication.translate("Equations", "probability of %1: %2 · the answer: %3"),
                digit,
                f"{100 * step.probabilities[digit]:.1f} %",
                step.label,
            )
        )
    if network_value is not None:
        lines.append(
            escape(
                fill(
                    QCoreApplication.translate(
                        "Equations", "The network computed %1 for this unit in its forward pass."
                    ),
                    n(network_value),
                )
            )
        )
    return "<br>".join(lines)
