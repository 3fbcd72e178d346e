"""The team report as one self-contained HTML file: the per-rep table and inline SVG charts
(open leads by step, activity per rep, SLA outcomes per rep). No scripts, fonts or images
from anywhere; sized to print on A4."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from salescoach.core.kernel.steps import STEP_TITLES
from salescoach.ui.team.desk_view import rep_name, report_rows, report_title

if TYPE_CHECKING:
    from salescoach.core.team.shapes import TeamReportJSON

_STYLE = """
@page { size: A4; margin: 15mm; }
body { font-family: sans-serif; font-size: 10pt; color: #222; max-width: 180mm; margin: auto; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8mm; }
th, td { border-bottom: 1px solid #ccc; padding: 2px 6px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
dt { font-weight: bold; } dd { margin: 0 0 2mm 4mm; }
figure { margin: 0 0 8mm 0; page-break-inside: avoid; }
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


def _per_rep(data: TeamReportJSON, keys: tuple[str, ...]) -> list[tuple[str, list[float]]]:
    return [(r["rep"], [float(r["figures"][k] or 0) for k in keys]) for r in data["reps"]]


def team_report_html(data: TeamReportJSON) -> str:
    columns = [*data["reps"], data["total"]]
    head = "".join(f"<th>{escape(rep_name(c))}</th>" for c in columns)
    body = "".join(
        f"<tr><td>{escape(label)}</td>" + "".join(f"<td>{escape(v)}</td>" for v in values)
        + "</tr>"
        for label, values in report_rows(data)
    )  # fmt: skip
    steps = data["total"]["pipeline"]
    charts = [
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
    definitions = "".join(
        f"<dt>{escape(f['label'])}</dt><dd>{escape(f['definition'])}</dd>" for f in data["figures"]
    )
    title = escape(report_title(data))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{title}</h1><table><thead><tr><th>Figure</th>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{''.join(charts)}"
        f"<h2>What each figure counts</h2><dl>{definitions}</dl></body></html>\n"
    )
