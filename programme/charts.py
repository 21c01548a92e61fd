"""A small line chart of 0-10 answers over time, worked out here and drawn as SVG by programme/_chart.html.

No JavaScript: the page carries the chart and the same figures as a table."""

from dataclasses import dataclass

WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 30, 12, 10, 30  # room for the 0/5/10 labels and the first and last dates
SCALE = 10


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[Point]
    grid: list[tuple[float, int]]  # (y, the value it marks)
    line: str  # the polyline's points
    left: int
    right: int
    base: float  # the y of the dates under the chart


def y_for(value):
    return round(TOP + (SCALE - value) * (HEIGHT - TOP - BOTTOM) / SCALE, 1)


def line_chart(points):
    """The chart of (when, value) points, oldest first: time runs left to right, 0 at the bottom."""
    first, last = points[0][0].timestamp(), points[-1][0].timestamp()
    span = last - first
    inner = WIDTH - LEFT - RIGHT
    placed = [
        Point(
            round(LEFT + (inner * (when.timestamp() - first) / span if span else 0), 1), y_for(v), v
        )  # one: at its date
        for when, v in points
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=placed,
        grid=[(y_for(value), value) for value in (0, 5, 10)],
        line=" ".join(f"{point.x},{point.y}" for point in placed),
        left=LEFT,
        right=WIDTH - RIGHT,
        base=HEIGHT - 8,
    )
