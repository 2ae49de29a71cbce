"""Charts drawn on the server as SVG: nothing loads from the internet."""

from markupsafe import Markup, escape

ROW, LABEL, WIDTH = 22, 150, 320


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
