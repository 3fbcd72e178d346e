"""`salescoach team init | add-rep | remove-rep | join | leave` against a real PostgreSQL,
with every fault: exit 2, a message, and nothing changed on either side."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from salescoach.hub import schema
from salescoach.ui.console import Terminal
from tests.support.cli import run
from tests.support.hub import MANAGER, Team, create_manager, lead, make_team
from tests.support.postgres import HubDatabase


def team_json(home: Path) -> Path:
    return home / "team.json"


def hub_tables(db: HubDatabase) -> list[str]:
    with db.connect() as connection:
        rows = connection.execute(
            "SELECT n.nspname || '.' || c.relname FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            " ORDER BY 1"
        )
        return [row[0] for row in rows]


@pytest.fixture
def manager(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> str:
    """The manager's URL (role in it); the password in PGPASSWORD."""
    monkeypatch.setenv("PGPASSWORD", create_manager(hub_db))
    return hub_db.conninfo(user=MANAGER)


def test_init_creates_the_hub_and_records_it_owner_only(
    hub_db: HubDatabase, manager: str, salescoach_home: Path
) -> None:
    result = run("team", "init", manager)
    assert result.exit_code == 0, result.stderr
    assert f"hub created (schema {schema.SCHEMA_VERSION}); boss manages it" in result.stderr
    config = json.loads(team_json(salescoach_home).read_text())
    assert config["rep"] == MANAGER and config["url"] == manager and config["replica"]
    assert stat.S_IMODE(team_json(salescoach_home).stat().st_mode) == 0o600
    assert "salescoach.feed" in hub_tables(hub_db)
    again = run("team", "init", manager)
    assert again.exit_code == 0 and "already a salescoach hub" in again.stderr


def test_init_refuses_a_database_holding_anything_else_and_leaves_it_untouched(
    hub_db: HubDatabase, manager: str, salescoach_home: Path
) -> None:
    with hub_db.connect() as connection:
        connection.execute("CREATE TABLE public.invoices (id int)")
        roles_before = connection.execute("SELECT count(*) FROM pg_roles").fetchone()
    result = run("team", "init", manager)
    assert result.exit_code == 2
    assert "already holds tables" in result.stderr and "untouched" in result.stderr
    assert hub_tables(hub_db) == ["public.invoices"]
    with hub_db.connect() as connection:
        assert connection.execute("SELECT count(*) FROM pg_roles").fetchone() == roles_before
    assert not team_json(salescoach_home).exists()


def test_an_older_hub_is_refused_until_the_manager_upgrades_it(
    hub_db: HubDatabase, manager: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    latest = schema.MIGRATIONS
    newest = latest[-1][0]
    monkeypatch.setattr(schema, "MIGRATIONS", latest[:1])  # a hub made by an older salescoach
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    assert run("team", "init", manager).exit_code == 0
    team = Team(hub_db)
    newer = (*latest, (newest + 1, "a test's next version", "SELECT 1"))
    monkeypatch.setattr(schema, "MIGRATIONS", newer)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", newest + 1)
    assert run("team", "add-rep", "alice").exit_code == 2  # the hub is older than the code
    refused = run("team", "init", manager)
    assert refused.exit_code == 2 and "--upgrade" in refused.stderr
    upgraded = run("team", "init", manager, "--upgrade")
    assert upgraded.exit_code == 0 and f"from schema 1 to {newest + 1}" in upgraded.stderr
    with team.db.connect() as connection:
        versions = connection.execute("SELECT version FROM salescoach.migrations ORDER BY 1")
        assert [row[0] for row in versions] == [version for version, _, _ in newer]


def test_add_rep_prints_once_what_the_rep_needs_and_the_rep_joins_with_it(
    hub_db: HubDatabase, manager: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("team", "init", manager).exit_code == 0
    added = run("team", "add-rep", "alice")
    assert added.exit_code == 0, added.stderr
    password = next(
        line.split(": ", 1)[1] for line in added.stdout.splitlines() if "password:" in line
    )
    assert "--as alice" in added.stdout and "user=" not in added.stdout.split("--as")[0]
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "alice-home"))
    pgpass = tmp_path / "pgpass"
    pgpass_line = added.stdout.split("as the line:\n", 1)[1].splitlines()[0].strip()
    pgpass.write_text(pgpass_line + "\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD")
    joined = run("team", "join", hub_db.conninfo(user="alice"), "--as", "alice")
    assert joined.exit_code == 0, joined.stderr
    config_text = (tmp_path / "alice-home" / "team.json").read_text()
    assert password not in config_text and json.loads(config_text)["rep"] == "alice"


def test_a_rep_cannot_add_reps(hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    team = make_team(hub_db)
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    assert run("team", "join", hub_db.conninfo(), "--as", "alice").exit_code == 0
    result = run("team", "add-rep", "mallory")
    assert result.exit_code == 2 and "not a manager of this hub" in result.stderr


def test_remove_rep_drops_the_login_and_says_what_is_left(
    hub_db: HubDatabase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    team = make_team(hub_db)
    with team.session("alice") as alice:
        alice.push([lead("alice")])
    monkeypatch.setenv("PGPASSWORD", team.passwords[MANAGER])
    assert run("team", "join", hub_db.conninfo(), "--as", MANAGER).exit_code == 0
    removed = run("team", "remove-rep", "alice")
    assert removed.exit_code == 0, removed.stderr
    assert "1 lead(s) still belong to alice" in removed.stderr
    assert run("team", "remove-rep", "alice").exit_code == 2
    monkeypatch.setenv("SALESCOACH_HOME", str(tmp_path / "alice"))
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    gone = run("team", "join", hub_db.conninfo(), "--as", "alice")
    assert gone.exit_code == 2 and "refused role alice" in gone.stderr


def test_join_and_leave(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = make_team(hub_db)
    monkeypatch.setenv("PGPASSWORD", team.passwords["bob"])
    assert run("team", "join", hub_db.conninfo(), "--as", "bob").exit_code == 0
    other = run("team", "join", hub_db.conninfo(), "--as", "alice")
    assert other.exit_code == 2 and "team leave" in other.stderr
    left = run("team", "leave")
    assert left.exit_code == 0 and "left the hub as bob" in left.stderr
    assert not team_json(salescoach_home).exists()
    assert run("team", "leave").exit_code == 0


def test_join_asks_for_the_password_on_a_terminal(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass

    team = make_team(hub_db)
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return team.passwords["alice"]

    monkeypatch.setattr(getpass, "getpass", typed)
    term = Terminal(interactive=True)
    result = run("team", "join", hub_db.conninfo(), "--as", "alice", terminal=term)
    assert result.exit_code == 0, result.stderr
    assert asked == ["password of role alice on the hub: "]
    assert team.passwords["alice"] not in team_json(salescoach_home).read_text()


# -- faults: exit 2, a message, nothing recorded -------------------------------------------


def _refused(salescoach_home: Path, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert not team_json(salescoach_home).exists()
    assert "Traceback" not in result.stderr
    return result.stderr


def test_no_password_and_no_terminal(hub_db: HubDatabase, salescoach_home: Path) -> None:
    make_team(hub_db)
    message = _refused(salescoach_home, "team", "join", hub_db.conninfo(), "--as", "alice")
    assert "asks for alice's password and none was given" in message and "pgpass" in message


def test_a_wrong_password(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_team(hub_db)
    monkeypatch.setenv("PGPASSWORD", "guessed")
    message = _refused(salescoach_home, "team", "join", hub_db.conninfo(), "--as", "alice")
    assert "refused role alice" in message and "guessed" not in message


def test_a_password_in_the_url_is_refused_and_never_stored(
    hub_db: HubDatabase, salescoach_home: Path
) -> None:
    team = make_team(hub_db)
    secret = team.passwords["alice"]
    url = f"postgresql://alice:{secret}@localhost/{hub_db.name}"
    message = _refused(salescoach_home, "team", "join", url, "--as", "alice")
    assert "carries a password" in message and "shell's history" in message
    assert secret not in message
    keyword_form = hub_db.conninfo(user="alice") + f" password={secret}"
    assert secret not in _refused(salescoach_home, "team", "join", keyword_form, "--as", "alice")
    assert secret not in _refused(salescoach_home, "team", "init", url)


def test_an_unreachable_hub(hub_db: HubDatabase, salescoach_home: Path, tmp_path: Path) -> None:
    url = f"host={tmp_path} port=1 dbname=x connect_timeout=2"
    message = _refused(salescoach_home, "team", "join", url, "--as", "alice")
    assert "cannot reach the hub" in message
    assert "cannot reach the hub" in _refused(salescoach_home, "team", "init", url)


def test_sslmode_in_the_url_is_honoured(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = make_team(hub_db)
    port = hub_db.cluster.tcp_port
    if port is None:
        pytest.skip("the named test server's TLS set-up is unknown")
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    url = f"postgresql://127.0.0.1:{port}/{hub_db.name}?sslmode=require"
    message = _refused(salescoach_home, "team", "join", url, "--as", "alice")
    assert "SSL" in message
    plain = f"postgresql://127.0.0.1:{port}/{hub_db.name}?sslmode=disable"
    assert run("team", "join", plain, "--as", "alice").exit_code == 0


def test_a_database_that_is_not_a_hub(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", hub_db.cluster.password)
    url = hub_db.conninfo()
    message = _refused(salescoach_home, "team", "join", url, "--as", hub_db.cluster.superuser)
    assert "is not a salescoach hub" in message
    missing = hub_db.cluster.conninfo("no_such_database")
    assert "no database" in _refused(salescoach_home, "team", "join", missing, "--as", "postgres")


@pytest.mark.parametrize("version", [0, 99])
def test_a_hub_schema_older_or_newer(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch, version: int
) -> None:
    team = make_team(hub_db)
    with hub_db.connect() as connection:  # the superuser rewrites the hub's version
        if version:
            connection.execute(
                "INSERT INTO salescoach.migrations VALUES (%s, 'future')", (version,)
            )
        else:
            connection.execute("DELETE FROM salescoach.migrations")
    monkeypatch.setenv("PGPASSWORD", team.passwords["alice"])
    message = _refused(salescoach_home, "team", "join", hub_db.conninfo(), "--as", "alice")
    assert ("older than this salescoach" if version == 0 else "upgrade salescoach") in message


def test_not_joined(salescoach_home: Path) -> None:
    message = _refused(salescoach_home, "team", "add-rep", "alice")
    assert "joined no team hub" in message


def test_a_bad_rep_name(salescoach_home: Path) -> None:
    assert "cannot be a rep's name" in _refused(
        salescoach_home, "team", "join", "dbname=x", "--as", "Robert'); DROP"
    )


def test_init_by_a_role_that_may_not_create_there(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with hub_db.connect() as connection:
        connection.execute("CREATE ROLE clerk LOGIN CREATEROLE PASSWORD 'clerk-pw'")
    monkeypatch.setenv("PGPASSWORD", "clerk-pw")
    message = _refused(salescoach_home, "team", "init", hub_db.conninfo(user="clerk"))
    assert "may not build the hub here" in message and "GRANT CREATE" in message
    assert hub_tables(hub_db) == []
    with hub_db.connect() as connection:
        groups = connection.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'salescoach_%'"
        )
        assert groups.fetchone() == (0,)


def test_a_role_of_the_server_that_is_not_of_this_hub(
    hub_db: HubDatabase, salescoach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_team(hub_db)
    with hub_db.connect() as connection:
        connection.execute("CREATE ROLE outsider LOGIN PASSWORD 'outsider-pw'")
    monkeypatch.setenv("PGPASSWORD", "outsider-pw")
    message = _refused(salescoach_home, "team", "join", hub_db.conninfo(), "--as", "outsider")
    assert "permission denied" in message and "a rep or manager of this hub" in message
