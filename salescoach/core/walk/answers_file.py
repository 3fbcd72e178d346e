"""The answers file for scripted walks: answers keyed by step id, then question id.

    prospecting:
      fit: true
      size: 120
    presentation:
      objections_raised:
        - {objection: price, said: "too expensive", result: partly}
    closing:
      outcome: next_step
      next_step_date: next tuesday
    follow_up:
      tasks:
        - {task: 2, due: +5d}
        - {task: "Check in", drop: true}

Besides question ids, a step may hold `objections_raised` (objections the buyer raised in that
step: `objection` id, `result` resolved|partly|not_resolved, optional `said`) and `criteria_met`
(exit criteria without a condition that the rep confirms: their 1-based number or their text);
`follow_up.tasks` adjusts the proposed follow-up tasks (`task`: number or title; `drop`, `title`,
`due`), or `tasks: false` drops them all. Every value is checked against its question, and every
problem is reported at once with its line and column; nothing is written when one is found.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.bounded_read import Unreadable, read_limited
from salescoach.core.kernel.dates import parse_date
from salescoach.core.kernel.records import OBJECTION_RESULTS
from salescoach.core.kernel.slotted import Slotted
from salescoach.core.walk.answers import coerce
from salescoach.errors import Problem, UsageError

if TYPE_CHECKING:
    from salescoach.core.kernel.yamlread import YamlDocument
    from salescoach.core.playbook.parts import AnswerValue, Playbook, Step

OBJECTIONS_KEY = "objections_raised"
CRITERIA_KEY = "criteria_met"
TASKS_KEY = "tasks"
MAX_BYTES = 1_000_000


class FileObjection(Slotted):
    __slots__ = ("objection", "result", "said")

    def __init__(self, objection: str, result: str, said: str = "") -> None:
        self.objection = objection
        self.result = result
        self.said = said


class TaskChange(Slotted):
    __slots__ = ("task", "drop", "title", "due")  # noqa: RUF023

    def __init__(
        self,
        task: int | str,
        drop: bool = False,
        title: str | None = None,
        due: date | None = None,
    ) -> None:
        self.task = task  # 1-based position among the proposed tasks, or a task's title
        self.drop = drop
        self.title = title
        self.due = due


class AnswersFile(Slotted):
    __slots__ = (  # noqa: RUF023
        "answers",
        "objections",
        "criteria_met",
        "tasks",
        "drop_all_tasks",
        "name",
    )

    def __init__(
        self,
        answers: dict[str, dict[str, AnswerValue]] | None = None,
        objections: dict[str, list[FileObjection]] | None = None,
        criteria_met: dict[str, list[int]] | None = None,
        tasks: list[TaskChange] | None = None,
        drop_all_tasks: bool = False,
        name: str = "answers",
    ) -> None:
        self.answers: dict[str, dict[str, AnswerValue]] = {} if answers is None else answers
        self.objections: dict[str, list[FileObjection]] = {} if objections is None else objections
        # 1-based numbers
        self.criteria_met: dict[str, list[int]] = {} if criteria_met is None else criteria_met
        self.tasks = tasks  # None: keep the proposed tasks as they are
        self.drop_all_tasks = drop_all_tasks
        self.name = name

    def has_answers_for(self, step_id: str) -> bool:
        return bool(self.answers.get(step_id))


def read_answers_file(path: Path, playbook: Playbook, today: date) -> AnswersFile:
    try:
        raw = read_limited(path, MAX_BYTES)
    except Unreadable as exc:
        raise UsageError(f"cannot read the answers file {path}: {exc.reason}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text") from None
    return parse_answers(text, str(path), playbook, today)


def parse_answers(text: str, name: str, playbook: Playbook, today: date) -> AnswersFile:
    import yaml  # only with an answers file: a walk at a terminal starts without it

    from salescoach.core.kernel.yamlread import YamlReadError, read_yaml

    try:
        document = read_yaml(text, name)
    except YamlReadError as exc:
        raise _problems(name, exc.problems) from None
    except yaml.YAMLError as exc:  # read_yaml lets reader errors on odd characters through
        raise UsageError(f"cannot read the answers file {name}: {exc}") from None
    result = AnswersFile(name=name)
    problems: list[Problem] = []
    data = document.data
    if data is None:
        return result
    if not isinstance(data, dict):
        raise _problems(name, [document.problem((), "expected step ids as keys")])
    steps = {s.id: s for s in playbook.steps}
    for step_id, section in data.items():
        if step_id not in steps:
            problems.append(_unknown(document, (step_id,), "step", step_id, list(steps)))
            continue
        if section is None:
            continue
        if not isinstance(section, dict):
            problems.append(document.problem((step_id,), "expected question ids as keys"))
            continue
        _read_step(document, steps[step_id], section, playbook, today, result, problems)
    if problems:
        raise _problems(name, problems)
    return result


def _read_step(
    doc: YamlDocument,
    step: Step,
    section: dict[str, Any],
    playbook: Playbook,
    today: date,
    result: AnswersFile,
    problems: list[Problem],
) -> None:
    questions = {q.id: q for q in step.questions}
    for key, raw in section.items():
        where = (step.id, key)
        if key in questions and key not in (OBJECTIONS_KEY, CRITERIA_KEY):
            if raw is None:
                continue
            try:
                value = coerce(questions[key], raw, today)
            except ValueError as error:
                problems.append(doc.problem(where, str(error)))
                continue
            result.answers.setdefault(step.id, {})[key] = value
        elif key == OBJECTIONS_KEY:
            found = _objections(doc, where, raw, playbook, problems)
            result.objections[step.id] = found
        elif key == CRITERIA_KEY:
            result.criteria_met[step.id] = _criteria(doc, where, raw, step, problems)
        elif key == TASKS_KEY and step.id == "follow_up":
            if raw is False:
                result.drop_all_tasks = True
            elif raw is not None:
                result.tasks = _tasks(doc, where, raw, today, problems)
        else:
            extra = [OBJECTIONS_KEY, CRITERIA_KEY] + ([TASKS_KEY] if step.id == "follow_up" else [])
            problems.append(_unknown(doc, where, "question", key, [*questions, *extra]))


def _objections(
    doc: YamlDocument, where: tuple[str, str], raw: Any, playbook: Playbook, out: list[Problem]
) -> list[FileObjection]:
    if not isinstance(raw, list):
        out.append(doc.problem(where, "expected a list of {objection, result, said}"))
        return []
    ids = [o.id for o in playbook.objections]
    found = []
    for i, item in enumerate(raw):
        at = (*where, i)
        if not isinstance(item, dict) or set(item) - {"objection", "result", "said"}:
            out.append(doc.problem(at, "expected a mapping with objection, result and said"))
            continue
        objection, result, said = item.get("objection"), item.get("result"), item.get("said")
        if objection not in ids:
            out.append(_unknown(doc, (*at, "objection"), "objection", objection, ids, key=False))
        elif result not in OBJECTION_RESULTS:
            message = f"result is one of {', '.join(OBJECTION_RESULTS)}, not {result!r}"
            out.append(doc.problem((*at, "result") if "result" in item else at, message))
        elif said is not None and not isinstance(said, str):
            out.append(doc.problem((*at, "said"), "`said` is what the buyer said, as text"))
        else:
            found.append(FileObjection(str(objection), str(result), said or ""))
    return found


def _criteria(
    doc: YamlDocument, where: tuple[str, str], raw: Any, step: Step, out: list[Problem]
) -> list[int]:
    items = raw if isinstance(raw, list) else [raw]
    texts = [c.text.lower() for c in step.exit_criteria]
    refs: list[int] = []
    for i, item in enumerate(items):
        at = (*where, i) if isinstance(raw, list) else where
        if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= len(texts):
            index = item - 1
        elif isinstance(item, str) and item.strip().lower() in texts:
            index = texts.index(item.strip().lower())
        else:
            known = "; ".join(f"{n}: {c.text}" for n, c in enumerate(step.exit_criteria, 1))
            out.append(doc.problem(at, f"no exit criterion {item!r} in {step.id} ({known})"))
            continue
        if step.exit_criteria[index].when is not None:
            message = f"{step.exit_criteria[index].text!r} is met by its condition, not confirmed"
            out.append(doc.problem(at, message))
            continue
        refs.append(index + 1)
    return refs


def _tasks(
    doc: YamlDocument, where: tuple[str, str], raw: Any, today: date, out: list[Problem]
) -> list[TaskChange]:
    if not isinstance(raw, list):
        out.append(doc.problem(where, "expected a list of {task, drop, title, due}, or false"))
        return []
    changes = []
    for i, item in enumerate(raw):
        at = (*where, i)
        if not isinstance(item, dict) or set(item) - {"task", "drop", "title", "due"}:
            out.append(doc.problem(at, "expected a mapping with task and drop, title or due"))
            continue
        ref, drop, title, due = item.get("task"), item.get("drop", False), item.get("title"), None
        if isinstance(ref, bool) or not isinstance(ref, int | str) or ref == "":
            out.append(doc.problem(at, "`task` is the task's number (1, 2, ...) or its title"))
            continue
        if not isinstance(drop, bool):
            out.append(doc.problem((*at, "drop"), "`drop` is true or false"))
            continue
        if title is not None and (not isinstance(title, str) or not title.strip()):
            out.append(doc.problem((*at, "title"), "`title` is non-empty text"))
            continue
        if item.get("due") is not None:
            try:
                due = parse_date(str(item["due"]), today)
            except UsageError as error:
                out.append(doc.problem((*at, "due"), error.message))
                continue
        changes.append(TaskChange(ref, drop, title.strip() if title else None, due))
    return changes


def _unknown(
    doc: YamlDocument,
    where: tuple[Any, ...],
    kind: str,
    name: Any,
    known: list[str],
    *,
    key: bool = True,
) -> Problem:
    import difflib  # only for a mistake in the file: a walk starts without it

    close = difflib.get_close_matches(str(name), known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"
    return doc.problem(where, f"unknown {kind} {name!r}{hint}", key=key)


def _problems(name: str, problems: list[Problem]) -> UsageError:
    lines = "\n".join(f"  {p}" for p in problems)
    return UsageError(f"the answers file {name} has problems:\n{lines}")
