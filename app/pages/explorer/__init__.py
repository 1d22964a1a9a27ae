"""The Explore page: the model's answers on the test digits and the user's samples, its confusion
matrix, the digits behind each cell, and what a fine-tune fixed and broke."""

from app.pages.explorer.page import ExplorerPage

__all__ = ["ExplorerPage"]
