"""The Recognise page: draw a digit and watch the network read it."""

from app.pages.recognise.page import RecognisePage

__all__ = ["RecognisePage"]
