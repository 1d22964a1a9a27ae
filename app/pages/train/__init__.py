"""The Train page: collect labelled samples by drawing them, manage them, fine-tune the model on them."""

from app.pages.train.training_tab import TrainPage

__all__ = ["TrainPage"]
