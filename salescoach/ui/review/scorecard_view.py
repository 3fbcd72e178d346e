"""A call's scorecard for people: plain text that fits one screen, or Markdown to paste.

Both read the `Scorecard` data only (the JSON output), so the three outputs never disagree.
Long quotes are cut with an ellipsis in the text view; Markdown keeps them whole.
"""

from __future__ import annotations

from salescoach.core.review.scorecard_types import ObjectionData, Scorecard, StepData
from salescoach.core.review.transcript import clock

WIDTH = 100
_RESULTS = {"resolved": "resolved", "partly": "partly resolved", "not_resolved": "not resolved"}


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _minutes(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"


def _header(card: Scorecard) -> str:
    timed = "" if card["timed"] else ", times estimated"
    return (
        f"Call review: {card['file']} ({card['format']}, {_minutes(card['duration_seconds'])}"
        f"{timed}; playbook {card['playbook']})"
    )


def _talk_line(card: Scorecard) -> str:
    talk = card["talk"]
    share = talk["rep_share"]
    parts = [f"rep {share:.0%} / buyer {1 - share:.0%}"]
    if talk["longest_monologue"]:
        mono = talk["longest_monologue"]
        parts.append(f"longest monologue {_minutes(mono['seconds'])} at {clock(mono['start'])}")
    return " · ".join(parts)


def _buyer_line(card: Scorecard) -> str:
    stretch = card["talk"]["longest_buyer_stretch"]
    if stretch is None:
        return "never spoke"
    return f"longest stretch {_minutes(stretch['seconds'])} at {clock(stretch['start'])}"


def _questions_line(card: Scorecard) -> str:
    q = card["talk"]["questions"]
    return f"{q['total']} ({q['open']} open, {q['closed']} closed)"


def _step_summary(steps: list[StepData]) -> str:
    touched = [s for s in steps if s["touched"]]
    if not touched:
        return "none of the playbook's checklist items or questions came up"
    return " · ".join(
        f"{s['id']} {sum(i['covered'] for i in s['items'])}/{len(s['items'])}" for s in touched
    )


def _stages(objection: ObjectionData) -> str:
    reply = objection["reply"]
    if reply is None:
        return "no reply before the call ended"
    marks = " ".join(
        f"{s['stage']} {'✓' if s['points'] else '✗'}" for s in reply["stages"] if s["max_points"]
    )
    return f"reply {reply['score']}/{reply['max_score']} at {clock(reply['at'])}: {marks}"


def _result(objection: ObjectionData) -> str:
    text = _RESULTS[objection["result"]]
    if objection["came_back_at"]:
        text += " (came back at " + ", ".join(clock(t) for t in objection["came_back_at"]) + ")"
    return text


def _next_step(card: Scorecard) -> str:
    step = card["next_step"]
    if step is None:
        return "none: no meeting on a day came up"
    said = _cut(step["said"], 60)
    state = "agreed" if step["agreed"] else "proposed, not agreed"
    return f'{state}: {step["when"]} ({clock(step["at"])} {step["speaker"]}: "{said}")'


def text_lines(card: Scorecard) -> list[str]:
    speakers = " · ".join(
        f"{s['name']} ({s['role']}) {_minutes(s['seconds'])}" for s in card["speakers"]
    )
    lines = [
        _header(card),
        f"Speakers    {speakers}",
        f"Talk        {_talk_line(card)}",
        f"Buyer       {_buyer_line(card)}",
        f"Questions   {_questions_line(card)}",
        f"Steps       {_step_summary(card['steps'])}",
    ]
    covered = [i for s in card["steps"] for i in s["items"] if i["covered"]]
    for item in covered[:4]:
        lines.append(f"            ✓ {_cut(item['text'], 70)} ({clock(item['at'] or 0)})")
    if len(covered) > 4:
        lines.append(f"            and {len(covered) - 4} more (see --json)")
    lines.append(f"Objections  {len(card['objections']) or 'none raised'}")
    for objection in card["objections"][:6]:
        said = _cut(objection["said"], 54)
        lines.append(
            f'  {clock(objection["at"])} {objection["family"]:<14} "{said}" {_result(objection)}'
        )
        lines.append(f"           {_stages(objection)}")
    if len(card["objections"]) > 6:
        lines.append(f"  and {len(card['objections']) - 6} more (see --json)")
    competitors = " · ".join(
        f"{c['name'].split('(')[0].strip()} at {clock(c['at'])} ({c['named_by']})"
        for c in card["competitors"]
    )
    lines.append(f"Competitors {competitors or 'none named'}")
    lines.append(f"Next step   {_next_step(card)}")
    lines.append("Practise next")
    for number, pick in enumerate(card["practise"], 1):
        lines.append(f"  {number}. {pick['what']}: {pick['why']}")
        if pick["command"]:
            lines.append(f"     {pick['command']}")
    if not card["practise"]:
        lines.append("  nothing stood out: well done")
    lines += [f"Note: {note}" for note in card["notes"]]
    return [_cut(line, WIDTH) if not line.startswith("  ") else line for line in lines]


def markdown(card: Scorecard) -> str:
    out = [f"# {_header(card)}", ""]
    out += ["| speaker | role | speaking time | lines |", "| --- | --- | ---: | ---: |"]
    out += [
        f"| {s['name']} | {s['role']} | {_minutes(s['seconds'])} | {s['lines']} |"
        for s in card["speakers"]
    ]
    out += ["", "## Talk", "", f"- {_talk_line(card)}", f"- buyer: {_buyer_line(card)}"]
    out.append(f"- questions: {_questions_line(card)}")
    out += ["", "## Playbook steps", ""]
    for step in card["steps"]:
        covered = [i for i in step["items"] if i["covered"]]
        out.append(f"- **{step['title']}**: {len(covered)} of {len(step['items'])} covered")
        out += [f"  - {i['text']} ({clock(i['at'] or 0)})" for i in covered]
    out += ["", "## Objections", ""]
    if not card["objections"]:
        out.append("None raised.")
    for objection in card["objections"]:
        out.append(
            f"- {clock(objection['at'])} **{objection['title']}** ({objection['family']}): "
            f'"{objection["said"]}" — {_result(objection)}; {_stages(objection)}'
        )
        reply = objection["reply"]
        missing = [m for s in reply["stages"] for m in s["missing"]] if reply else []
        if reply and reply["score"] < reply["max_score"]:
            out.append(f"  - cues it could have used: {', '.join(missing[:8])}")
    out += ["", "## Competitors", ""]
    out += [
        f'- {c["name"]} at {clock(c["at"])}, named by the {c["named_by"]}: "{c["said"]}"'
        for c in card["competitors"]
    ] or ["None named."]
    out += ["", "## Next step", "", _next_step(card), "", "## Practise next", ""]
    for number, pick in enumerate(card["practise"], 1):
        command = f" (`{pick['command']}`)" if pick["command"] else ""
        out.append(f"{number}. **{pick['what']}**: {pick['why']}{command}")
    if not card["practise"]:
        out.append("Nothing stood out.")
    if card["notes"]:
        out += ["", *[f"> {note}" for note in card["notes"]]]
    return "\n".join(out) + "\n"
