"""Slack OAuth installation and state stores in our database, with slack_sdk's own model objects."""

from __future__ import annotations

import test_store_db as db
from slack_sdk.oauth.installation_store import Installation, InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from bot.store import open_store
from bot.store.slack_oauth import SQLInstallationStore, SQLOAuthStateStore

store_url = db.store_url
store = db.store
clock = db.clock


def _installation(
    *, team: str = "T1", user: str = "U1", bot_token: str | None = "xoxb-1", installed_at: float = 1_750_000_000.0, **more
) -> Installation:
    return Installation(
        app_id="A1",
        team_id=team,
        team_name="Newsroom",
        user_id=user,
        bot_token=bot_token,
        bot_id="B1" if bot_token else None,
        bot_user_id="UB1" if bot_token else None,
        bot_scopes=["chat:write", "commands"] if bot_token else "",
        user_token=f"xoxp-{user}",
        user_scopes=["search:read"],
        installed_at=installed_at,
        **more,
    )


def test_the_stores_implement_slack_sdk_interfaces(store):
    assert isinstance(SQLInstallationStore(store), InstallationStore)
    assert isinstance(SQLOAuthStateStore(store), OAuthStateStore)


def test_an_installation_is_found_by_workspace_and_by_installer(store):
    installs = SQLInstallationStore(store, client_id="111.222")
    installs.save(_installation(custom_values={"plan": "pro"}))
    found = installs.find_installation(enterprise_id=None, team_id="T1")
    assert (found.team_id, found.user_id, found.bot_token, found.user_token) == ("T1", "U1", "xoxb-1", "xoxp-U1")
    assert list(found.bot_scopes) == ["chat:write", "commands"]
    assert found.get_custom_value("plan") == "pro"
    assert installs.find_installation(enterprise_id=None, team_id="T1", user_id="U1").user_id == "U1"
    assert installs.find_installation(enterprise_id=None, team_id="T1", user_id="U9") is None
    assert installs.find_installation(enterprise_id=None, team_id="T2") is None
    bot = installs.find_bot(enterprise_id=None, team_id="T1")
    assert (bot.bot_token, bot.bot_user_id, bot.team_name) == ("xoxb-1", "UB1", "Newsroom")
    # Another app (client id) sharing the database sees nothing of this one.
    assert SQLInstallationStore(store, client_id="other").find_bot(enterprise_id=None, team_id="T1") is None


def test_latest_installation_wins_and_users_get_the_current_bot_token(store):
    installs = SQLInstallationStore(store)
    installs.save(_installation(user="U1", bot_token="xoxb-old", installed_at=1000.0))
    installs.save(_installation(user="U2", bot_token="xoxb-new", installed_at=2000.0))
    assert installs.find_installation(enterprise_id=None, team_id="T1").user_id == "U2"
    # U1's row still carries the old token; the store hands out the workspace's current bot token.
    assert installs.find_installation(enterprise_id=None, team_id="T1", user_id="U1").bot_token == "xoxb-new"
    assert installs.find_bot(enterprise_id=None, team_id="T1").bot_token == "xoxb-new"
    # A user-scope-only reinstall keeps the bot.
    installs.save(_installation(user="U3", bot_token=None, installed_at=3000.0))
    latest = installs.find_installation(enterprise_id=None, team_id="T1")
    assert (latest.user_id, latest.bot_token) == ("U3", "xoxb-new")


def test_org_wide_install_is_keyed_by_enterprise(store):
    installs = SQLInstallationStore(store)
    installs.save(_installation(team=None, enterprise_id="E1", is_enterprise_install=True))
    found = installs.find_installation(enterprise_id="E1", team_id="T7", is_enterprise_install=True)
    assert found is not None and found.is_enterprise_install
    org_bot = installs.find_bot(enterprise_id="E1", team_id=None, is_enterprise_install=True)
    assert org_bot.bot_token == "xoxb-1"
    assert installs.find_bot(enterprise_id="E2", team_id=None, is_enterprise_install=True) is None


def test_uninstall_deletes_tokens(store):
    installs = SQLInstallationStore(store)
    installs.save(_installation(user="U1"))
    installs.save(_installation(user="U2", team="T2"))
    installs.delete_installation(enterprise_id=None, team_id="T1", user_id="U1")
    assert installs.find_installation(enterprise_id=None, team_id="T1", user_id="U1") is None
    installs.delete_all(enterprise_id=None, team_id="T1")
    assert installs.find_installation(enterprise_id=None, team_id="T1") is None
    assert installs.find_bot(enterprise_id=None, team_id="T1") is None
    assert installs.find_bot(enterprise_id=None, team_id="T2").bot_token == "xoxb-1"


def test_oauth_state_is_single_use_across_processes_and_expires(store_url, clock):
    first, second = open_store(store_url, clock=clock), open_store(store_url, clock=clock)
    try:
        issuer = SQLOAuthStateStore(first, expiration_seconds=600)
        consumer = SQLOAuthStateStore(second, expiration_seconds=600)
        state = issuer.issue()
        assert len(state) >= 32
        assert consumer.consume(state) is True
        assert issuer.consume(state) is False  # a replayed callback
        assert consumer.consume("forged-state") is False
        stale = issuer.issue()
        clock.advance(601)
        assert consumer.consume(stale) is False
    finally:
        first.close()
        second.close()
