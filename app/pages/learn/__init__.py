"""The Learn page: train a fresh LeNet-5 on MNIST and watch it learn."""

from app.pages.learn.page import LearnPage

__all__ = ["LearnPage"]
