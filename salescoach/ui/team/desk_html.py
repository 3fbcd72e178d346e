"""The team report as one self-contained HTML file: the per-rep table and inline SVG charts
(the funnel by step, open leads by step, activity per rep, SLA outcomes per rep), then the
per-step and per-family tables. No scripts, fonts or images
from anywhere; sized to print on A4."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from salescoach.core.kernel.steps import STEP_TITLES
from salescoach.ui.team.desk_tables import definitions, grids, weakest_lines, weakest_title
from salescoach.ui.team.desk_view import rep_name, report_rows, report_title

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamReportJSON

_STYLE = """
@page { size: A4; margin: 15mm; }
body { font-family: sans-serif; font-size: 10pt; color: #222; max-width: 180mm; margin: auto;
       padding: 0 4mm; }  /* a side margin on a narrow screen; A4 has its own */
@media print { body { padding: 0; } }
table { border-collapse: collapse; width: 100%; margin-bottom: 8mm; }
th, td { border-bottom: 1px solid #ccc; padding: 2px 6px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
dt { font-weight: bold; } dd { margin: 0 0 2mm 4mm; }
figure { margin: 0 0 8mm 0; page-break-inside: avoid; }
svg { max-width: 100%; height: auto; }
h2 { font-size: 11pt; margin: 6mm 0 2mm 0; break-after: avoid; }
table, h2 { page-break-inside: avoid; }
"""
_COLOURS = ("#3b6ea5", "#e08a2c", "#c0392b")
_WIDTH, _ROW, _LABEL = 640, 22, 170


def _bars(title: str, rows: list[tuple[str, list[float]]], legend: tuple[str, ...]) -> str:
    """Horizontal stacked bars, one row per label, scaled to the largest total."""
    largest = max((sum(v) for _, v in rows), default=0) or 1
    height = _ROW * len(rows) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_WIDTH} {height}"><title>{escape(title)}</title>'
    ]
    for i, (label, values) in enumerate(rows):
        y, x = 20 + i * _ROW, float(_LABEL)
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{escape(label)}</text>')
        for j, value in enumerate(values):
            w = (_WIDTH - _LABEL - 60) * value / largest
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="16" '
                f'fill="{_COLOURS[j % 3]}"><title>{escape(legend[j])}: {value:g}</title></rect>'
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}" font-size="12">{sum(values):g}</text>')
    for j, name in enumerate(legend):
        parts.append(
            f'<rect x="{_LABEL + j * 120}" y="{height - 14}" width="10" height="10" '
            f'fill="{_COLOURS[j % 3]}"/><text x="{_LABEL + j * 120 + 14}" y="{height - 5}" '
            f'font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return f"<figure><figcaption>{escape(title)}</figcaption>{''.join(parts)}</figure>"


def _funnel(data: TeamReportJSON) -> str:
    """The team's funnel: one bar per step, centred, as wide as the leads that reached it,
    with the count and the conversion from the step before."""
    steps = data["total"]["funnel"]
    widest = max((s["reached"] for s in steps), default=0) or 1
    room = _WIDTH - _LABEL - 90
    height = _ROW * len(steps) + 10
    title = "Funnel by step (team): leads that reached each step, conversion from the one before"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_WIDTH} {height}"><title>{escape(title)}</title>'
    ]
    for i, step in enumerate(steps):
        y, w = 4 + i * _ROW, room * step["reached"] / widest
        x = _LABEL + (room - w) / 2
        share = "" if step["conversion"] is None else f" ({step['conversion']:.0%})"
        name = STEP_TITLES.get(step["step"], step["step"])
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="12">{escape(name)}</text>'
            f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="16" fill="{_COLOURS[0]}">'
            f"<title>{escape(name)}: {step['reached']}{share}</title></rect>"
            f'<text x="{_LABEL + room + 6}" y="{y + 14}" font-size="12">'
            f"{step['reached']}{share}</text>"
        )
    parts.append("</svg>")
    return f"<figure><figcaption>{escape(title)}</figcaption>{''.join(parts)}</figure>"


def _html_table(head: str, names: list[str], rows: list[tuple[str, list[str]]]) -> str:
    heads = "".join(f"<th>{escape(n)}</th>" for n in names)
    body = "".join(
        f"<tr><td>{escape(label)}</td>" + "".join(f"<td>{escape(v)}</td>" for v in values)
        + "</tr>"
        for label, values in rows
    )  # fmt: skip
    return (
        f"<table><thead><tr><th>{escape(head)}</th>{heads}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _per_rep(data: TeamReportJSON, keys: tuple[str, ...]) -> list[tuple[str, list[float]]]:
    return [(r["rep"], [float(r["figures"][k] or 0) for k in keys]) for r in data["reps"]]


def team_report_html(data: TeamReportJSON) -> str:
    names = [rep_name(c) for c in [*data["reps"], data["total"]]]
    steps = data["total"]["pipeline"]
    charts = [
        _funnel(data),
        _bars(
            "Open leads by step (team)",
            [(STEP_TITLES.get(s, s), [float(n)]) for s, n in steps.items()],
            ("open leads",),
        ),
        _bars(
            "Activity per rep (lead-days)",
            _per_rep(data, ("calls", "meetings", "emails")),
            ("calls", "meetings", "e-mails"),
        ),
        _bars(
            "SLA outcomes per rep (leads)",
            _per_rep(data, ("sla_met", "sla_late", "sla_missed")),
            ("met", "late", "missed"),
        ),
    ]
    tables = "".join(
        f"<h2>{escape(g.title)}</h2>{_html_table(g.head, names, g.rows)}" for g in grids(data)
    )
    weakest = "".join(f"<li>{escape(line)}</li>" for line in weakest_lines(data))
    defined = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(text)}</dd>" for label, text in definitions(data)
    )
    title = escape(report_title(data))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{title}</h1>{_html_table('Figure', names, report_rows(data))}"
        f"{''.join(charts)}{tables}"
        f"<h2>{escape(weakest_title(data))}</h2><ul>{weakest}</ul>"
        f"<h2>What each figure counts</h2><dl>{defined}</dl></body></html>\n"
    )
