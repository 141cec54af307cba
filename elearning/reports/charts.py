"""Accessible bar charts drawn on the server as SVG, always shown beside their data table."""

from dataclasses import dataclass, field

from .suppression import HIDDEN_TEXT

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 220
CHART_WIDTH = 640


@dataclass
class Bar:
    label: str
    value: float | None  # None when suppressed
    display: str
    x: int = 0
    y: int = 0
    width: int = 0


@dataclass
class BarChart:
    """A horizontal bar chart. ``caption`` says what it shows in one sentence."""

    id: str
    title: str
    caption: str
    unit: str = ""
    bars: list[Bar] = field(default_factory=list)
    max_value: float = 0

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + GAP) + GAP

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def width(self) -> int:
        return CHART_WIDTH


def bar_chart(
    *, id: str, title: str, caption: str, data: list[tuple[str, float | None]], unit: str = ""
) -> BarChart:
    """Lay out bars for ``data`` (label, value). A None value is drawn as 'suppressed'."""
    values = [v for _, v in data if v is not None]
    top = max(values) if values else 0
    chart = BarChart(id=id, title=title, caption=caption, unit=unit, max_value=top)
    span = CHART_WIDTH - LABEL_WIDTH - 70
    for index, (label, value) in enumerate(data):
        if value is None:
            display = HIDDEN_TEXT
            width = 0
        else:
            display = f"{value:g}{unit}"
            width = int(span * value / top) if top else 0
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                display=display,
                x=LABEL_WIDTH,
                y=GAP + index * (BAR_HEIGHT + GAP),
                width=max(width, 1 if value else 0),
            )
        )
    return chart
