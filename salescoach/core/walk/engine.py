"""The guided walk's engine: a lead taken through the playbook's steps, one question at a time.

The engine owns the order of things and nothing else. It asks an `Answerer` (a terminal, an
answers file, a test) for every answer and decision, and hands every fact to a `Recorder` (the
store, or nothing in practice mode) the moment it is settled, with the state to save beside it:

- each step: goal and checklist shown, its questions asked (conditional ones only when their
  condition holds), objections in the objections step, exit criteria checked, then recorded;
- between steps the rep may log an objection or a note, go on, or stop (the walk stays open);
- closing gives the outcome; follow-up proposes the cadence's tasks for it, which the rep edits;
- every answer saves the state, so an interrupted walk resumes at the question it stopped on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from salescoach.core.kernel.safe_text import neutralise
from salescoach.core.kernel.slotted import Slotted
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.planning.followup import outcome_of, propose_tasks
from salescoach.core.playbook.families import picks_family
from salescoach.core.walk.answers import fit_default, holds
from salescoach.core.walk.protocol import (
    CONTACT_STEPS,
    Answerer,
    Between,
    Marker,
    Recorder,
    StepView,
    Unmet,
)
from salescoach.core.walk.state import (
    CriterionCheck,
    NoteRecord,
    ObjectionRecord,
    StepRecord,
    TaskRecord,
    WalkState,
    phases_of,
)

if TYPE_CHECKING:
    from salescoach.core.objections.matcher import MatchResult
    from salescoach.core.playbook.parts import AnswerValue, Playbook, Question, Step


class Walk(Slotted):
    __slots__ = (  # noqa: RUF023
        "playbook",
        "state",
        "answerer",
        "recorder",
        "today",
        "lead_label",
        "lead_answers",
        "prior_outcome",
        "existing_task_keys",
        "rerank",
    )

    def __init__(
        self,
        playbook: Playbook,
        state: WalkState,
        answerer: Answerer,
        recorder: Recorder,
        today: date,
        lead_label: str,
        lead_answers: Mapping[str, Any] | None = None,
        prior_outcome: dict[str, Any] | None = None,
        existing_task_keys: frozenset[str] = frozenset(),
        rerank: Callable[[MatchResult], MatchResult] | None = None,
    ) -> None:
        self.playbook = playbook
        self.state = state
        self.answerer = answerer
        self.recorder = recorder
        self.today = today
        self.lead_label = lead_label
        # field -> value
        self.lead_answers: Mapping[str, Any] = {} if lead_answers is None else lead_answers
        self.prior_outcome = prior_outcome  # recorded before this walk began
        self.existing_task_keys = existing_task_keys
        self.rerank = rerank  # semantic, for undecided lines

    def run(self, *, resumed: bool = False) -> WalkState:
        """Walk until the last step is recorded or the rep stops; returns the state."""
        while not self.state.finished:
            step = self.playbook.step(self.state.step_id)
            self.answerer.show_step(self._view(step, resumed))
            resumed = False
            if not self._work_through(step):
                return self.state
            if self.state.finished or not self._between(step):
                return self.state
        return self.state

    # -- context -------------------------------------------------------------------------

    def context(self) -> dict[str, Any]:
        """Answers by question id: what the lead already had, overlaid with this walk's."""
        known = {
            q.id: self.lead_answers[q.field]
            for _, q in self.playbook.questions()
            if q.field in self.lead_answers
        }
        known.update(self.state.answers)
        return known

    def next_question(self, step: Step) -> Question | None:
        done = set(self.state.answers) | set(self.state.skipped)
        context = self.context()
        for question in step.questions:
            if question.id in done:
                continue
            if question.when is None or holds(question.when, context):
                return question
        return None

    def default_for(self, question: Question) -> AnswerValue | None:
        """What the question offers first: the answer being redone, the family this walk
        matched (for a question picking one), the lead's answer, the playbook's default."""
        for value in (
            self.state.defaults.get(question.id),
            self._matched_family(question),
            self.lead_answers.get(question.field),
            question.default,
        ):
            fitted = fit_default(question, value, self.today)
            if fitted is not None:
                return fitted
        return None

    def _matched_family(self, question: Question) -> str | None:
        """For a question picking a family: the first family raised in this walk that is not
        resolved, else the first raised (the main objection is usually the one still open)."""
        if not picks_family(question, [o.id for o in self.playbook.objections]):
            return None
        raised = [o for o in self.state.objections if o.objection]
        still_open = [o for o in raised if o.result != "resolved"]
        return next((o.objection for o in still_open or raised), None)

    def _view(self, step: Step, resumed: bool) -> StepView:
        likely = [o for oid in step.likely_objections if (o := self.playbook.objection(oid))]
        given = [
            (q, self.state.answers[q.id]) for q in step.questions if q.id in self.state.answers
        ]
        return StepView(
            step=step,
            number=STEP_IDS.index(step.id) + 1,
            likely=likely,
            contact=step.id in CONTACT_STEPS,
            resumed=resumed,
            given=given,
        )

    # -- one step ------------------------------------------------------------------------

    def _work_through(self, step: Step) -> bool:
        """Run the step's remaining phases; False when the rep stopped inside it."""
        while True:
            phase = self.state.phase
            if phase == "tasks":
                self._tasks(step)  # moves the phase on itself, saved with the tasks
                continue
            if phase == "questions":
                if not self._wants_questions(step):
                    return False
                self._questions(step)
            elif phase == "objections":
                while (said := self.answerer.buyer_said(step)) is not None:
                    self._handle_objection(step, said)
            else:
                decision, checks = self._criteria(step)
                if decision is Unmet.STOP:
                    return False
                if decision is Unmet.REDO:
                    self._redo(step)
                    continue
                self._finish(step, checks, skipped=decision is Unmet.MOVE_ON)
                return True
            self._next_phase(step)

    def _next_phase(self, step: Step) -> None:
        phases = phases_of(step.id)
        self.state.phase = phases[phases.index(self.state.phase) + 1]
        self.recorder.progress(self.state)

    def _wants_questions(self, step: Step) -> bool:
        """Follow-up questions are about what happened after the call: ask before asking them."""
        if step.id != "follow_up" or self.next_question(step) is None:
            return True
        asked = {q.id for q in step.questions} & (set(self.state.answers) | set(self.state.skipped))
        return bool(asked) or self.answerer.follow_up_now(step)

    def _questions(self, step: Step) -> None:
        while (question := self.next_question(step)) is not None:
            derived = self._from_objections(step, question)
            if derived is not None:
                value: AnswerValue | Marker = self.answerer.from_objections(step, question, derived)
            else:
                value = self.answerer.ask(step, question, self.default_for(question))
            if value is Marker.OBJECTION:
                self._raise_objection(step)
                continue
            if value is Marker.SKIP:
                self.state.skipped.append(question.id)
            else:
                self.state.answers[question.id] = value
            self.state.defaults.pop(question.id, None)
            self.recorder.progress(self.state)

    def _from_objections(self, step: Step, question: Question) -> AnswerValue | None:
        """What the objections just logged in this step already answer, so the rep is not
        asked for the buyer's words twice, or whether a concern marked not resolved was. When
        the step named a main family that was raised earlier in the walk but not here, its
        objections answer instead: the buyer's words and the doubt are that concern's."""
        if question.from_objections is None:
            return None
        logged = [o for o in self.state.objections if o.step == step.id]
        main = self._main_family(step)
        if main is not None and main not in {o.objection for o in logged}:
            logged = [o for o in self.state.objections if o.objection == main]
        if not logged:
            return None
        if question.from_objections == "words":
            return " / ".join(o.said for o in logged)
        return all(o.result == "resolved" for o in logged)

    def _main_family(self, step: Step) -> str | None:
        """The family this step's family-picking question was answered with, if any."""
        families = [o.id for o in self.playbook.objections]
        for question in step.questions:
            answer = self.state.answers.get(question.id)
            if isinstance(answer, str) and picks_family(question, families):
                return answer
        return None

    def _criteria(self, step: Step) -> tuple[Unmet | None, list[CriterionCheck]]:
        manual = [i for i, c in enumerate(step.exit_criteria) if c.when is None]
        if manual and step.id not in self.state.confirmed:
            picked = self.answerer.confirm_criteria(step, [step.exit_criteria[i] for i in manual])
            self.state.confirmed[step.id] = [manual[j] for j in picked if 0 <= j < len(manual)]
            self.recorder.progress(self.state)
        context = self.context()
        confirmed = self.state.confirmed.get(step.id, [])
        checks = []
        for index, criterion in enumerate(step.exit_criteria):
            if criterion.applies is not None and not holds(criterion.applies, context):
                checks.append(CriterionCheck(criterion.text, False, "condition", applies=False))
            elif criterion.when is not None:
                checks.append(
                    CriterionCheck(criterion.text, holds(criterion.when, context), "condition")
                )
            else:
                met = index in confirmed
                checks.append(
                    CriterionCheck(criterion.text, met, "confirmed" if met else "not_confirmed")
                )
        unmet = [c for c in checks if c.missed]
        if not unmet:
            return None, checks
        return self.answerer.unmet_criteria(step, unmet), checks

    def _redo(self, step: Step) -> None:
        ids = {q.id for q in step.questions}
        for qid in ids & set(self.state.answers):
            self.state.defaults[qid] = self.state.answers.pop(qid)
        self.state.skipped = [q for q in self.state.skipped if q not in ids]
        self.state.confirmed.pop(step.id, None)
        phases = phases_of(step.id)
        self.state.phase = "questions" if "questions" in phases else phases[0]
        self.recorder.progress(self.state)

    def _finish(self, step: Step, checks: list[CriterionCheck], *, skipped: bool) -> None:
        context = self.context()
        answers = {
            q.id: self.state.answers[q.id]
            for q in step.questions
            if q.id in self.state.answers and (q.when is None or holds(q.when, context))
        }
        record = StepRecord(step.id, answers, checks, skipped)
        self.state.steps.append(record)
        if step.id == "closing":
            self.state.outcome = outcome_of(answers, self.today) or self.state.outcome
        self.state.position += 1
        if self.state.position >= len(self.state.plan):
            self.state.status, self.state.phase = "finished", "done"
        else:
            self.state.phase = phases_of(self.state.step_id)[0]
        self.recorder.step_finished(self.state, record)
        self.answerer.recorded(step, record)

    # -- between steps, objections, tasks -------------------------------------------------

    def _between(self, done: Step) -> bool:
        upcoming = self.playbook.step(self.state.step_id)
        while True:
            choice = self.answerer.between_steps(done, upcoming)
            if choice is Between.NEXT:
                return True
            if choice is Between.STOP:
                return False
            if choice is Between.OBJECTION:
                self._raise_objection(done)
            elif (text := self.answerer.note(done)) and text.strip():
                # Typed mid-call: what the prompt let through is cleaned, not refused.
                record = NoteRecord(done.id, neutralise(text.strip(), multiline=True))
                self.state.notes.append(record)
                self.recorder.note(self.state, record)

    def _raise_objection(self, step: Step) -> None:
        said = self.answerer.buyer_said(step)
        if said is not None:
            self._handle_objection(step, said)

    def _handle_objection(self, step: Step, said: str) -> None:
        # Imported at the first objection: the matcher is no part of the walk's start.
        from salescoach.core.objections.suggest import rank_objections

        families, suggested = rank_objections(self.playbook, said, step, rerank=self.rerank)
        picked = self.answerer.pick_objection(step, said, families, suggested)
        result = self.answerer.objection_result(step, picked)
        record = ObjectionRecord(step.id, picked.id if picked else None, said.strip(), result)
        self.state.objections.append(record)
        self.recorder.objection(self.state, record)

    def _tasks(self, step: Step) -> None:
        outcome = self.state.outcome or self.prior_outcome
        proposed = (
            propose_tasks(self.playbook, outcome, self.lead_label, self.today) if outcome else []
        )
        already = [t for t in proposed if t.dedupe_key in self.existing_task_keys]
        fresh = [t for t in proposed if t.dedupe_key not in self.existing_task_keys]
        decisions = self.answerer.review_tasks(step, fresh, already)
        records = []
        for planned, decision in zip(fresh, decisions, strict=True):
            final = decision or planned
            records.append(
                TaskRecord(
                    title=final.title,
                    due=final.due.isoformat(),
                    channel=final.channel,
                    cadence=planned.cadence,
                    dedupe_key=planned.dedupe_key,
                    kept=decision is not None,
                    edited=decision is not None
                    and (final.title, final.due) != (planned.title, planned.due),
                    stop_on_reply=planned.stop_on_reply,
                    note=final.note,
                    priority=final.priority,
                )
            )
        self.state.tasks = records
        self.state.tasks_reviewed = True
        phases = phases_of(step.id)
        self.state.phase = phases[phases.index("tasks") + 1]
        self.recorder.tasks_saved(self.state, records)
