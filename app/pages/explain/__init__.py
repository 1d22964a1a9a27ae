"""How LeNet-5 reads the sheet, as views beside it: the network layer by layer (hover a unit for what
feeds it and what it sees of the drawing, click it for its arithmetic), saliency, the RBF prototypes,
the filter banks, and classic and modern side by side. The Recognise page shows them."""

from app.pages.explain.panel import ExplainPanel

__all__ = ["ExplainPanel"]
