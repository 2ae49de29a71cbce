"""Charts drawn on the server as SVG: nothing loads from the internet."""

from dataclasses import dataclass

from markupsafe import Markup, escape

ROW, LABEL, WIDTH = 22, 240, 320
"""Room on the left for a place's key, such as "Hải Phòng / An Lão"."""


def coverage_bars(groups: list[dict]) -> Markup:
    """A horizontal bar per place: the share of its shelf outlets selling OCOP products."""
    height = ROW * len(groups) + 10
    rows = []
    for index, group in enumerate(groups):
        y = index * ROW + 5
        ratio = group["ratio"] or 0
        rows.append(
            f'<text x="{LABEL - 6}" y="{y + 14}" text-anchor="end">{escape(group["key"])}</text>'
            f'<rect x="{LABEL}" y="{y + 3}" width="{WIDTH}" height="14" class="track"/>'
            f'<rect x="{LABEL}" y="{y + 3}" width="{round(WIDTH * ratio)}" height="14" class="bar"/>'
            f'<text x="{LABEL + WIDTH + 6}" y="{y + 14}">{group["selling"]}/{group["total"]}</text>'
        )
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {LABEL + WIDTH + 60} {height}" '
        f'aria-label="coverage by place">{"".join(rows)}</svg>'
    )


@dataclass(frozen=True)
class LinePoint:
    """One reading of a line chart: its x-axis label, a share from 0 to 1 (None: no reading)
    and the text a pointer or a screen reader gets for it."""

    label: str
    share: float | None
    title: str


LEFT, TOP, PLOT_W, PLOT_H, BOTTOM = 80, 12, 540, 170, 78
"""Room on the left and below for the slanted day labels, which end under their points."""
TICKS = (0, 0.25, 0.5, 0.75, 1)


def share_line(points: list[LinePoint], description: str) -> Markup:
    """A line through the shares at evenly spaced readings, with a 0–100% axis; a reading
    without a share breaks the line rather than dropping to zero."""
    step = PLOT_W / max(len(points) - 1, 1)
    where = [(LEFT + i * step, _y(p.share)) for i, p in enumerate(points)]
    parts = [*_y_axis(), *_x_labels(points, where), *_segments(points, where)]
    parts += [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="point" fill="#1b6e3a">'
        f"<title>{escape(p.title)}</title></circle>"
        for p, (x, y) in zip(points, where, strict=True)
        if p.share is not None
    ]
    return Markup(
        f'<svg class="chart line" role="img" viewBox="0 0 {LEFT + PLOT_W + 24} '
        f'{TOP + PLOT_H + BOTTOM}" aria-label="{escape(description)}">'
        f"<title>{escape(description)}</title>{''.join(parts)}</svg>"
    )


def _y(share: float | None) -> float:
    return TOP + PLOT_H * (1 - (share or 0))


def _y_axis() -> list[str]:
    """Grid lines and percent labels at 0, 25, 50, 75 and 100%."""
    return [
        f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{_y(t):.1f}" y2="{_y(t):.1f}" '
        f'stroke="#ddd"/><text x="{LEFT - 6}" y="{_y(t) + 4:.1f}" text-anchor="end" '
        f'class="tick">{round(t * 100)}%</text>'
        for t in TICKS
    ]


def _x_labels(points: list[LinePoint], where: list[tuple[float, float]]) -> list[str]:
    base = TOP + PLOT_H + 14
    return [
        f'<text x="{x:.1f}" y="{base}" text-anchor="end" class="day" '
        f'transform="rotate(-40 {x:.1f} {base})">{escape(p.label)}</text>'
        for p, (x, _) in zip(points, where, strict=True)
    ]


def _segments(points: list[LinePoint], where: list[tuple[float, float]]) -> list[str]:
    """One polyline per run of consecutive readings that have a share."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point, xy in zip(points, where, strict=True):
        if point.share is None:
            runs.append([])
        else:
            runs[-1].append(xy)
    return [
        '<polyline fill="none" stroke="#1b6e3a" stroke-width="2" class="series" points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in r)
        + '"/>'
        for r in runs
        if r
    ]
