"""Orders per hour today against the same weekday last week, painted with QPainter (no Qt Charts:
it would add its libraries to the bundle for one small chart)."""

from __future__ import annotations

from ..qt import QColor, QFont, QPainter, QPen, QPointF, QRectF, QSize, Qt, QWidget

TODAY = QColor("#1565c0")
LAST_WEEK = QColor("#9e9e9e")


class HourlyChart(QWidget):
    """Attributes:
        today, last_week: 24 counts each (orders paid in that hour).
        now_hour: the current hour; today's bars stop there.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourlyChart")
        self.today: list[int] = [0] * 24
        self.last_week: list[int] = [0] * 24
        self.now_hour = 23
        self.today_label, self.week_label = self.tr("Today"), self.tr("Same weekday last week")
        self.setMinimumHeight(220)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, 260)

    def set_data(self, today: list[int], last_week: list[int], now_hour: int) -> None:
        self.today, self.last_week, self.now_hour = list(today), list(last_week), now_hour
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: ANN001, N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        left, right, top, bottom = 40.0, 12.0, 28.0, 24.0
        plot = QRectF(left, top, max(10.0, self.width() - left - right), max(10.0, self.height() - top - bottom))
        peak = -(-max(1, *self.today, *self.last_week) // 4) * 4  # a multiple of 4: whole numbers on the scale
        step = plot.width() / 24
        p.setFont(QFont(p.font().family(), 9))
        p.setPen(QPen(QColor("#e0e0e0")))
        for i in range(5):  # grid lines and the count scale
            y = plot.bottom() - plot.height() * i / 4
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QPen(QColor("#616161")))
            p.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       str(peak * i // 4))  # fmt: skip
            p.setPen(QPen(QColor("#e0e0e0")))
        for h in range(24):
            x = plot.left() + h * step
            bar = self.today[h] / peak * plot.height()
            if h <= self.now_hour and bar > 0:
                p.fillRect(QRectF(x + step * 0.15, plot.bottom() - bar, step * 0.7, bar), TODAY)
            if h % 3 == 0:
                p.setPen(QPen(QColor("#616161")))
                p.drawText(QRectF(x - step, plot.bottom() + 4, step * 3, 16), Qt.AlignmentFlag.AlignHCenter, f"{h:02d}")
        pen = QPen(LAST_WEEK, 2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        points = [QPointF(plot.left() + (h + 0.5) * step, plot.bottom() - self.last_week[h] / peak * plot.height())
                  for h in range(24)]  # fmt: skip
        for a, b in zip(points, points[1:], strict=False):
            p.drawLine(a, b)
        self._legend(p, plot)
        p.end()

    def _legend(self, p: QPainter, plot: QRectF) -> None:
        x = plot.left()
        p.fillRect(QRectF(x, 8, 14, 10), TODAY)
        p.setPen(QPen(QColor("#212121")))
        p.drawText(QPointF(x + 18, 18), self.today_label)
        x += 28 + p.fontMetrics().horizontalAdvance(self.today_label)
        pen = QPen(LAST_WEEK, 2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(x, 13), QPointF(x + 14, 13))
        p.setPen(QPen(QColor("#212121")))
        p.drawText(QPointF(x + 18, 18), self.week_label)
