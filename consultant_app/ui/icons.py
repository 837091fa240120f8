"""Crisp icons from the Lucide SVG set shipped in ``resources/icons``, tinted to the palette."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from consultant_app.paths import resources_dir

ICONS = resources_dir() / "icons"  # resolved once: the window draws a few dozen icons as it starts


@lru_cache(maxsize=256)
def icon(name: str, color: str = "#5F6B7A", size: int = 20) -> QIcon:
    """The named icon drawn in ``color``; a missing icon gives an empty icon, never an error."""
    path = ICONS / f"{name}.svg"
    if not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(QSize(size * scale, size * scale))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size * scale, size * scale))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        result.addPixmap(pixmap)
    return result
