"""Every `--json` output, run for real on a small store, against its published schema.

Each case below runs one or more commands the way a script would and returns the JSON
records they printed; the test validates each record against the schema it names, closed
(`strict=True`), so a key the type does not declare fails as surely as a wrong type. Two
more tests keep the list complete: every published schema has a case, and every command
with a `--json` option (or `--format json`) is run by one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer

from salescoach.cli.app import COMMANDS, app
from salescoach.core.kernel.steps import STEP_IDS
from salescoach.core.published import CATALOGUE, PLAYBOOK, find, json_schema
from tests.support.cli import run
from tests.support.fake_hub import FakeHub, link_fake_hub
from tests.support.paths import TRANSCRIPTS
from tests.support.training import FILE as TRAINING_PLAYBOOK


@dataclass(frozen=True)
class Env:
    tmp: Path
    monkeypatch: pytest.MonkeyPatch
    request: pytest.FixtureRequest  # for a case that needs a fixture (a real hub)


Produce = Callable[[Env], list[Any]]


@dataclass(frozen=True)
class Case:
    schema: str
    commands: tuple[str, ...]  # the command paths it runs with --json, e.g. "lead add"
    produce: Produce


CASES: dict[str, Case] = {}


def case(schema: str, *commands: str) -> Callable[[Produce], Produce]:
    def register(produce: Produce) -> Produce:
        CASES[produce.__name__] = Case(schema, commands, produce)
        return produce

    return register


def ok(*args: str, input: str | None = None, code: int = 0) -> str:
    result = run(*args, input=input)
    assert result.exit_code == code, (args, result.stderr)
    return result.stdout


def data(*args: str, input: str | None = None, code: int = 0) -> Any:
    return json.loads(ok(*args, input=input, code=code))


def small_store() -> None:
    """Two leads (Bob not contacted yet), a call, tasks, a goal, and an objection logged
    without a result."""
    ok("lead", "add", "Ada Lovelace", "--company", "ACME", "--email", "ada@acme.io")
    ok("lead", "edit", "ACME", "--temperature", "warm", "--sla", "yesterday", "--owner", "sam")
    ok("lead", "add", "Bob Stone", "--company", "Stone & Co", "--sla", "tomorrow")
    ok("log", "ACME", "--channel", "call", "--outcome", "demo booked", "--duration", "20")
    ok("log", "Bob", "--note", "read their annual report")
    ok("tasks", "add", "ACME", "Send the recap", "--due", "today", "--channel", "email")
    ok("tasks", "add", "Bob", "Call about the proposal", "--due", "+30d", "--channel", "call")
    ok("goal", "set", "calls", "5", "--per", "week")
    ok("objection", "that's way over our budget", "--lead", "ACME")  # no --outcome: no result


WALK_ANSWERS = """\
prospecting: {icp_fit: true, temperature: warm, company_size: 120, trigger: New finance lead}
preparation:
  persona: finance
  competitors: [tallybird]
  hypothesis: Month-end close takes too long because invoices are keyed by hand
approach:
  connected: true
  pain_confirmed: true
  pain: Close takes nine days
  demo_date: next tuesday
presentation:
  workflows_shown: Invoice capture and approval routing
  trial: guided pilot
  success_criteria: Close in five days by the end of the pilot
  criteria_met: [1]
objections:
  main_objection: price
  objection_resolved: true
  objections_raised:
    - {objection: price, said: "that's more than we budgeted", result: resolved}
closing: {outcome: next_step, next_step_date: next friday}
follow_up:
  recap_sent: true
  tasks:
    - {task: 2, due: +5d}
"""


def walked(env: Env) -> None:
    """The small store, and a whole call walked with Ada on the default playbook."""
    small_store()
    answers = env.tmp / "call.yaml"
    answers.write_text(WALK_ANSWERS, encoding="utf-8")
    ok("walk", "ACME", "--answers", str(answers), "--no-input")


@case("plan", "plan")
def plan(env: Env) -> list[Any]:
    small_store()
    # A month on: the SLA is broken, the recap overdue, the call due and the deals stale.
    day = data("plan", "--format", "json", "--date", "+30d")
    assert all(day[section]["items"] for section in ("tasks", "sla", "stale", "calls"))
    assert day["goals"]
    return [day, data("plan", "--format", "json")]


TASK_COMMANDS = (
    "tasks",
    *(f"tasks {c}" for c in ("list", "add", "done", "snooze", "drop", "reopen", "edit")),
)


@case("task", *TASK_COMMANDS)
def tasks(env: Env) -> list[Any]:
    small_store()
    listed = data("tasks", "--json")
    listed += data("tasks", "list", "--json", "--explain", "--status", "all")
    assert any("terms" in task for task in listed)
    one = data("tasks", "add", "ACME", "Check in", "--due", "friday", "--json")
    two = data("tasks", "add", "Bob", "Ask for a referral", "--due", "+3d", "--json")
    three = data("tasks", "add", "Bob", "Send the case study", "--due", "+4d", "--json")
    return [
        *listed,
        one,
        data("tasks", "edit", str(one["id"]), "--title", "Check in on the pilot", "--json"),
        data("tasks", "snooze", str(one["id"]), "--until", "+7d", "--json"),
        data("tasks", "done", str(two["id"]), "--note", "they said yes", "--json"),
        data("tasks", "drop", str(three["id"]), "--reason", "they have it", "--json"),
        data("tasks", "reopen", str(three["id"]), "--json"),
    ]


@case("report", "report")
def report(env: Env) -> list[Any]:
    walked(env)
    ok("train", "objections", "-n", "1", "--seed", "1", "--answers", _drill(env), *_PB)
    made = data("report", "--json", "--period", "month")
    assert made["activity"]["interactions"] and made["objections"] and made["goals"]
    return [made, data("report", "--json", "--period", "2025-01-01..2025-01-31")]


@case("goal", "goal list")
def goals(env: Env) -> list[Any]:
    small_store()
    ok("goal", "set", "revenue_won", "10000", "--per", "quarter")
    return list(data("goal", "list", "--json"))


@case("lead", "lead add", "lead edit", "lead stage", "lead archive")
def lead(env: Env) -> list[Any]:
    walked(env)
    return [
        data("lead", "add", "Cy Young", "--email", "cy@young.io", "--json"),
        data("lead", "edit", "Cy", "--phone", "+44 20 7946 0000", "--json"),
        data("lead", "stage", "Cy", "closing", "--won", "--value", "1200", "--json"),
        data("lead", "stage", "Bob", "presentation", "--lost", "chose a rival", "--json"),
        data("lead", "archive", "Bob", "--reason", "not a fit", "--json"),
        data("lead", "stage", "ACME", "closing", "--json"),  # a lead with answers
    ]


@case("lead-summary", "lead list")
def lead_list(env: Env) -> list[Any]:
    walked(env)
    ok("lead", "archive", "Bob")
    return list(data("lead", "list", "--json", "--status", "all"))


@case("lead-detail", "lead show")
def lead_show(env: Env) -> list[Any]:
    walked(env)
    shown = data("lead", "show", "ACME", "--json")
    assert shown["criteria"] and shown["open_tasks"] and shown["timeline"]
    return [shown, data("lead", "show", "Bob", "--json")]


@case("lead-import", "lead import")
def lead_import(env: Env) -> list[Any]:
    small_store()
    file = env.tmp / "leads.csv"
    file.write_text(
        "Name,Company,E-mail,Rating,Notes\n"
        "Dan Day,Day Ltd,dan@day.io,warm,met at the fair\n"
        "Ada Lovelace,ACME,ada@acme.io,warm,\n"
        "Eve,,eve@example.com,hot,\n",
        encoding="utf-8",
    )
    dry = data("lead", "import", str(file), "--dry-run", "--json", code=1)
    assert dry["duplicates"] and dry["problems"] and dry["ignored_columns"]
    return [dry, data("lead", "import", str(file), "--map", "Notes=-", "--json", code=1)]


@case("interaction", "log")
def log(env: Env) -> list[Any]:
    small_store()
    meeting = ("--channel", "meeting", "--objection", "price", "--result", "partly")
    said = ("--note", "asked for a discount", "--at", "yesterday 14:30")
    return [
        data("log", "ACME", *meeting, *said, "--json"),
        data("log", "Bob", "--reply", "--channel", "email", "--json"),
        data("log", "Bob", "--note", "a note to self", "--json"),
    ]


@case("history-entry", "history")
def history(env: Env) -> list[Any]:
    walked(env)
    return [*data("history", "--json"), *data("history", "ACME", "--step", "closing", "--json")]


@case("walk", "walk")
def walk(env: Env) -> list[Any]:
    small_store()
    answers = env.tmp / "call.yaml"
    answers.write_text(WALK_ANSWERS, encoding="utf-8")
    full = data("walk", "ACME", "--answers", str(answers), "--no-input", "--json")
    assert full["status"] == "finished" and full["outcome"] and full["tasks"]
    partial = data("walk", "Bob", "--answers", str(answers), "--until", "approach", "--json")
    practice = data("walk", "--practice", "--answers", str(answers), "--no-input", "--json")
    lost = env.tmp / "lost.yaml"
    lost.write_text(
        WALK_ANSWERS.replace(
            "{outcome: next_step, next_step_date: next friday}",
            "{outcome: lost, loss_reason: chose a rival}",
        ),
        encoding="utf-8",
    )
    ok("lead", "add", "Cy Young")
    closed = data("walk", "Cy", "--answers", str(lost), "--no-input", "--json")
    assert closed["outcome"]["outcome"] == "lost"
    return [full, partial, practice, closed]


@case("prep", "prep")
def prep(env: Env) -> list[Any]:
    walked(env)
    ok("lead", "add", "Cy Young")  # nothing known yet
    brief = data("prep", "ACME", "--json")
    assert brief["persona"] and brief["battlecards"] and brief["objections"]["families"]
    return [brief, data("prep", "Cy", "--json"), data("prep", "Bob", "-p", "services", "--json")]


@case("objection", "objection")
def objection(env: Env) -> list[Any]:
    small_store()
    confident = data("objection", "too expensive for us", "--json")
    assert confident["best"]
    unsure = data("objection", "what time is it", "--json")
    assert unsure["best"] is None
    named = data("objection", "we already use Tallybird", "--json")
    assert named["battlecards"]
    logged = data("objection", "too pricey", "--lead", "ACME", "--outcome", "partly", "--json")
    assert logged["logged"]
    batch = data("objection", "--json", input="not right now\ncan you hear me\n")
    return [confident, unsure, named, logged, *batch, data("objection", "--as", "price", "--json")]


@case("objection-stats", "objections stats")
def objection_stats(env: Env) -> list[Any]:
    walked(env)
    stats = data("objections", "stats", "--json")
    assert stats["objections"] and stats["total"] >= 2
    return [stats, data("objections", "stats", "--since", "tomorrow", "--json")]


@case("review", "review")
def review(env: Env) -> list[Any]:
    ok("lead", "add", "Grace Hopper", "--company", "Navy")
    demo = data("review", str(TRANSCRIPTS / "demo_zoom.vtt"), "-r", "Priya", "--json")
    logged = data("review", str(TRANSCRIPTS / "negotiation.srt"), "--lead", "Grace", "--json")
    assert logged["logged"] and logged["objections"]
    plain = data("review", str(TRANSCRIPTS / "followup_plain.txt"), "-r", "Sam Reyes", "-f", "json")
    return [demo, logged, plain]


_PB = ("--playbook", str(TRAINING_PLAYBOOK))
_GOOD = (
    "I understand, that's fair and makes sense. What are you comparing it with? Let me show "
    "you the value and the return on investment. Does that sound fair?"
)


def _drill(env: Env, answers: object = (_GOOD,), name: str = "drill.yaml") -> str:
    file = env.tmp / name
    file.write_text(json.dumps(list(answers) if isinstance(answers, tuple) else answers))
    return str(file)


@case("train-run", "train", "train objections", "train steps", "train scenario")
def train_run(env: Env) -> list[Any]:
    nothing_due = data("train", "--json", *_PB)
    drill = data(
        "train",
        "objections",
        "-n",
        "2",
        "--seed",
        "3",
        "--answers",
        _drill(env, (_GOOD, "ok")),
        "--json",
        *_PB,
    )
    env.monkeypatch.setenv("SALESCOACH_TODAY", "2026-03-12")  # the missed round comes back
    review = data(
        "train",
        "--seed",
        "2",
        "--answers",
        _drill(env, {"objections": [_GOOD]}, "review.yaml"),
        "--json",
        *_PB,
    )
    assert review["items"]
    quiz = data(
        "train",
        "steps",
        "-n",
        "3",
        "--seed",
        "2",
        "--answers",
        _drill(env, {"steps": [list(STEP_IDS), "1", "1"]}, "quiz.yaml"),
        "--json",
        *_PB,
    )
    scenario = data(
        "train",
        "scenario",
        "budget-call",
        "--seed",
        "5",
        "--answers",
        _drill(env, ("I can give you twenty", "The list price"), "call.yaml"),
        "--json",
        *_PB,
    )
    return [nothing_due, drill, quiz, scenario, review]


@case("train-history", "train history")
def train_history(env: Env) -> list[Any]:
    empty = data("train", "history", "--json")
    ok(
        "train",
        "objections",
        "-n",
        "3",
        "--seed",
        "3",
        "--answers",
        _drill(env, (_GOOD, "ok", "no idea")),
        *_PB,
    )
    return [empty, data("train", "history", "--json")]


@case("playbook-entry", "playbook list")
def playbook_list(env: Env) -> list[Any]:
    mine = env.tmp / "books"
    mine.mkdir()
    (mine / "b2b-saas.yaml").write_text("extends: ../nowhere.yaml\n", encoding="utf-8")
    env.monkeypatch.setenv("SALESCOACH_PLAYBOOK_PATH", str(mine))
    entries = data("playbook", "list", "--json")
    assert any(entry["shadows"] for entry in entries)
    return list(entries)


@case(PLAYBOOK, "playbook show")
def playbook_show(env: Env) -> list[Any]:
    return [data("playbook", "show", name, "--json") for name in ("b2b-saas", "field-sales")]


@case("paths", "paths")
def paths(env: Env) -> list[Any]:
    return [data("paths", "--json")]


@case("logs-status", "logs status")
def logs_status(env: Env) -> list[Any]:
    on = data("logs", "status", "--json")
    ok("logs", "off")
    return [on, data("logs", "status", "--json")]


@case("import", "import")
def restore(env: Env) -> list[Any]:
    walked(env)
    export = env.tmp / "all.jsonl"
    export.write_text(ok("export"), encoding="utf-8")
    env.monkeypatch.setenv("SALESCOACH_HOME", str(env.tmp / "new-home"))
    counts = data("import", "--format", "jsonl", str(export), "--json")
    assert counts["leads"] == 2
    return [counts]


@case("sync", "sync")
def sync(env: Env) -> list[Any]:
    link_fake_hub(env.monkeypatch, FakeHub(), "sam")
    small_store()
    return [data("sync", "--json"), data("sync", "--json")]


@case("team-status", "team status")
def team_status(env: Env) -> list[Any]:
    link_fake_hub(env.monkeypatch, FakeHub(), "sam")
    small_store()
    before = data("team", "status", "--json")
    ok("sync")
    return [before, data("team", "status", "--json")]


@case("team-report", "team report")
def team_report(env: Env) -> list[Any]:
    from tests.support.desk import fixed_team

    fixed_team(env.request.getfixturevalue("hub_db"), env.monkeypatch)
    return [
        data("team", "report", "--period", "2026-03-01..2026-03-11", "--json"),
        data("team", "report", "--format", "json", "--rep", "carol"),
    ]


@case("team-report", "team report")
def team_report_tables(env: Env) -> list[Any]:
    from tests.support.desk_figures import PERIOD, figures_team

    figures_team(env.request.getfixturevalue("hub_db"), env.monkeypatch)
    return [data("team", "report", "--period", PERIOD, "--json")]


@case("team-plan", "team plan")
def team_plan(env: Env) -> list[Any]:
    from tests.support.desk import fixed_team

    fixed_team(env.request.getfixturevalue("hub_db"), env.monkeypatch)
    return [data("team", "plan", "--json")]


@case("team-import", "team import")
def team_import(env: Env) -> list[Any]:
    from tests.support.desk import fixed_team

    fixed_team(env.request.getfixturevalue("hub_db"), env.monkeypatch)
    file = env.tmp / "marketing.csv"
    file.write_text("name,company,description\nN1,Co1,met at the fair\nA1,,\nbad,,\n")
    return [
        data("team", "import", str(file), "--assign", "round-robin", "--dry-run", "--json"),
        data("team", "import", str(file), "--assign", "by-capacity", "--json"),
    ]


@case("team-playbook-versions", "team report")
def team_playbook_versions(env: Env) -> list[Any]:
    import uuid

    from salescoach.core.sync.changes import RowChange
    from tests.support.desk import fixed_team, lead_row
    from tests.support.hub import MANAGER, hlc

    team = fixed_team(env.request.getfixturevalue("hub_db"), env.monkeypatch)
    walked = lead_row("bob", "W")
    walk = {"playbook": "b2b-saas", "playbook_version": "1", "started_at": "2026-03-02T09:00"}
    with team.session(MANAGER) as session:
        session.push([walked, RowChange("sessions", str(uuid.uuid4()), walked.gid, "bob", "r",
                                        hlc(), walk)])  # fmt: skip
    return [
        data("team", "report", "--by-playbook-version", "--period", "2026-03-01..2026-03-11",
             "--json"),
    ]  # fmt: skip


@case("schemas", "schema")
def schemas(env: Env) -> list[Any]:
    return [data("schema", "--json")]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_output_matches_its_published_schema(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    contract = CASES[name]
    records = contract.produce(Env(tmp_path, monkeypatch, request))
    assert records, "a case must print something to check"
    validator = jsonschema.Draft7Validator(json_schema(contract.schema, strict=True))
    version = find(contract.schema).version
    for record in records:
        validator.validate(record)
        if contract.schema != PLAYBOOK:  # the playbook format is an input file: no tags
            assert (record["schema"], record["version"]) == (contract.schema, version)


def test_a_playbook_step_matches_the_step_of_the_playbook_schema() -> None:
    schema = json_schema(PLAYBOOK)
    step_schema = {"$ref": "#/definitions/Step", "definitions": schema["definitions"]}
    for step in STEP_IDS:
        shown = data("playbook", "show", "services", "--step", step, "--json")
        jsonschema.Draft7Validator(step_schema).validate(shown)


def test_every_published_schema_is_exercised() -> None:
    assert sorted({c.schema for c in CASES.values()}) == sorted(e.name for e in CATALOGUE)


def _json_commands() -> Iterator[str]:
    """Every command path (e.g. "lead add") with a --json option, or a --format naming json."""
    root: Any = typer.main.get_command(app)
    with typer.Context(root) as ctx:
        seen = {id(root)}

        def walk(command: Any, path: str) -> Iterator[str]:
            for param in command.params:
                if "--json" in param.opts or (
                    "--format" in param.opts
                    and re.search(r"\bjson\b", getattr(param, "help", "") or "")
                ):
                    yield path
                    break
            if hasattr(command, "list_commands"):  # a group
                for name in command.list_commands(ctx):
                    child = command.get_command(ctx, name)
                    if child is not None and id(child) not in seen:
                        seen.add(id(child))
                        yield from walk(child, f"{path} {name}".strip())

        for name in COMMANDS:
            command = root.get_command(ctx, name)
            assert command is not None
            yield from walk(command, name)


def test_every_json_output_is_run_by_a_case() -> None:
    covered = {command for c in CASES.values() for command in c.commands}
    assert sorted(set(_json_commands())) == sorted(covered)


@pytest.mark.parametrize("strict", [False, True])
def test_the_published_schemas_are_valid_draft_07(strict: bool) -> None:
    for entry in CATALOGUE:
        jsonschema.Draft7Validator.check_schema(json_schema(entry.name, strict=strict))
