"""A box that keeps the relayouts of the widget it holds to itself.

When a label's text changes, Qt relays out the label's parent, then that parent's parent, and so on up
to the window, whether or not any size changed; a tab widget on the way repaints everything it holds.
So a header whose words change with every answer while the user draws (the Recognise page's answer,
one line high whatever it says) repainted the whole window after each answer.

The fence holds one widget and lays it over its whole area. It tells the layout around it about a
change only when that layout has a use for it: the smallest or largest size, the size policy, the
preferred height. A change of the preferred width alone (longer words in the same line) stays inside.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class LayoutFence(QWidget):
    def __init__(self, inner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{inner.objectName()}_fence")
        self.inner = inner
        inner.setParent(self)
        self._told = self._constraints()
        self._adopt()

    def _constraints(self) -> tuple[QSize, QSize, QSize, QSizePolicy, int]:
        inner = self.inner
        return (
            inner.minimumSizeHint(),
            inner.minimumSize(),
            inner.maximumSize(),
            inner.sizePolicy(),
            inner.sizeHint().height(),
        )

    def _adopt(self) -> None:
        inner = self.inner
        self.setSizePolicy(inner.sizePolicy())
        self.setMinimumSize(inner.minimumSize())
        self.setMaximumSize(inner.maximumSize())

    # == what the layout around it reads: the inner widget's own figures ===========================
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.inner.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.inner.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return self.inner.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return self.inner.heightForWidth(width)

    # == events ===================================================================================
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self.inner.setGeometry(self.rect())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # The inner widget relaid itself out and asks its parent (this fence, which has no layout)
        # to do the same: pass it on only if the layout around has a use for it.
        if event.type() == QEvent.Type.LayoutRequest:
            constraints = self._constraints()
            if constraints != self._told:
                self._told = constraints
                self._adopt()
                self.updateGeometry()
            self.inner.setGeometry(self.rect())
        return super().event(event)
