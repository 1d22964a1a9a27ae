"""The app's state without widgets: the model in use, the sheet and its answer, the user's samples."""

from app.session.recognition import RecognitionSession
from app.session.samples import SampleError, SampleShelf
from app.session.sheet import Drawing, OpenedFile, PastedImage, Sheet, SheetImage

__all__ = [
    "Drawing",
    "OpenedFile",
    "PastedImage",
    "RecognitionSession",
    "SampleError",
    "SampleShelf",
    "Sheet",
    "SheetImage",
]
