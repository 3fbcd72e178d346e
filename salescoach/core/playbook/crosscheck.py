"""Checks across a playbook that no single field can make: order, references, uniqueness."""

from __future__ import annotations

from collections.abc import Iterable

from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.kernel.yamlread import Path
from salescoach.core.playbook.model import Condition, Playbook

Finding = tuple[Path, str]


def cross_check(playbook: Playbook) -> list[Finding]:
    findings: list[Finding] = []
    findings += _steps(playbook)
    findings += _questions(playbook)
    findings += _unique(playbook)
    objection_ids = {o.id for o in playbook.objections}
    for i, step in enumerate(playbook.steps):
        for j, oid in enumerate(step.likely_objections):
            if oid not in objection_ids:
                findings.append((("steps", i, "likely_objections", j), f"no objection {oid!r}"))
    findings += _scenarios(playbook)
    return findings


def _steps(playbook: Playbook) -> list[Finding]:
    ids = [s.id for s in playbook.steps]
    missing = [s for s in STEP_IDS if s not in ids]
    if missing:
        return [(("steps",), f"missing steps: {', '.join(missing)} (all seven are needed)")]
    for i, (got, want) in enumerate(zip(ids, STEP_IDS, strict=False)):
        if got != want:
            return [(("steps", i, "id"), f"step {got!r} is out of order: expected {want!r} here")]
    return []


def _questions(playbook: Playbook) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for i, step in enumerate(playbook.steps):
        for j, question in enumerate(step.questions):
            where: Path = ("steps", i, "questions", j)
            if question.when:
                findings += _condition_refs(question.when, seen, (*where, "when"))
            if question.id in seen:
                findings.append(((*where, "id"), f"question id {question.id!r} is used twice"))
            seen.add(question.id)
        for k, criterion in enumerate(step.exit_criteria):
            for key in ("when", "applies"):
                if condition := getattr(criterion, key):
                    findings += _condition_refs(
                        condition, seen, ("steps", i, "exit_criteria", k, key)
                    )
    return findings


def _condition_refs(condition: Condition, earlier: set[str], where: Path) -> list[Finding]:
    return [
        (where, f"the condition names question {name!r}, which is not asked before this point")
        for name in condition.questions()
        if name not in earlier
    ]


def _unique(playbook: Playbook) -> list[Finding]:
    findings: list[Finding] = []
    sections: dict[str, Iterable[str]] = {
        "objections": (o.id for o in playbook.objections),
        "cadences": (c.id for c in playbook.cadences),
        "scenarios": (s.id for s in playbook.scenarios),
        "battlecards": (b.id for b in playbook.battlecards),
        "personas": (p.id for p in playbook.personas),
    }
    for section, ids in sections.items():
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                findings.append(((section, i, "id"), f"id {item_id!r} is used twice"))
            seen.add(item_id)
    return findings


def _scenarios(playbook: Playbook) -> list[Finding]:
    findings: list[Finding] = []
    personas = {p.id for p in playbook.personas}
    for i, scenario in enumerate(playbook.scenarios):
        turns = {t.id for t in scenario.turns}
        follows = {t.id: t.follows for t in scenario.turns}  # the replies a buyer line answers
        if scenario.start not in turns:
            findings.append((("scenarios", i, "start"), f"no turn {scenario.start!r}"))
        if scenario.persona and scenario.persona not in personas:
            findings.append((("scenarios", i, "persona"), f"no persona {scenario.persona!r}"))
        for j, turn in enumerate(scenario.turns):
            for k, reply in enumerate(turn.replies):
                if reply.next and reply.next not in turns:
                    where: Path = ("scenarios", i, "turns", j, "replies", k, "next")
                    findings.append((where, f"no turn {reply.next!r}"))
                elif reply.next and (wanted := follows[reply.next]) and reply.intent not in wanted:
                    where = ("scenarios", i, "turns", j, "replies", k, "intent")
                    said = f"intent {reply.intent!r}" if reply.intent else "no intent"
                    findings.append(
                        (where, f"{said}, but turn {reply.next!r} follows {', '.join(wanted)}")
                    )
    return findings
