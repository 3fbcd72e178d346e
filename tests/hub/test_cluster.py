"""The test cluster itself: a real server, reached without the tester's own credentials."""

from __future__ import annotations

from tests.support.postgres import HubDatabase


def test_a_fresh_database_answers_as_the_superuser(hub_db: HubDatabase) -> None:
    with hub_db.connect() as connection:
        row = connection.execute("SELECT current_database(), current_setting('server_version_num')")
        database, version = row.fetchone()
    assert database == hub_db.name
    assert int(version) >= 130000


def test_a_wrong_password_is_refused(hub_db: HubDatabase) -> None:
    import psycopg
    import pytest

    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        hub_db.connect(password="not-the-password")
