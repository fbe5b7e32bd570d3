"""PostgreSQL only: the search reads on connections of its own, made as the app's are."""

import pytest
from flask import current_app
from sqlalchemy import text

pytestmark = pytest.mark.postgres_only  # run in the PostgreSQL pass, left out of the SQLite one (not skipped)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "SQLALCHEMY_ENGINE_OPTIONS": {
        "pool_pre_ping": True, "connect_args": {"application_name": "sportello-search-test"}}}


def test_the_search_reaches_the_database_with_the_apps_engine_options(app, search_backend, search, make_user):
    """The search's own connections are made with SQLALCHEMY_ENGINE_OPTIONS as the app's are (connection
    arguments such as TLS files or timeouts), not from the URL alone."""
    assert search_backend == "postgres"
    assert search("espresso")[0] == 200
    with current_app.extensions["search"].reading.connect() as connection:
        assert connection.scalar(text("SELECT current_setting('application_name')")) == "sportello-search-test"
        assert connection.scalar(text("SHOW enable_seqscan")) == "off"  # the search's planner settings
