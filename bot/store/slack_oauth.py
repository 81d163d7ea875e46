"""Slack OAuth stores for slack_bolt, kept in briefbot's own database.

    OAuthSettings(installation_store=SQLInstallationStore(store, client_id=...),
                  state_store=SQLOAuthStateStore(store, expiration_seconds=600))

Lookup keys are columns; the rest of each ``Installation``/``Bot`` is JSON (as slack_sdk's file store keeps
it), so a newer slack_sdk with more fields needs no migration. One row per installer and per bot: a
reinstall replaces the earlier row. The semantics follow slack_sdk's own file and SQLite stores.
"""

from __future__ import annotations

import json
import logging
import uuid
from logging import Logger
from typing import Any

from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from bot.store.base import Store

_LOGGER = logging.getLogger(__name__)


def _keys(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> tuple[str, str]:
    # An org-wide install belongs to the enterprise, not to any one workspace in it.
    return enterprise_id or "", "" if is_enterprise_install else (team_id or "")


class _OnStore:
    """What both stores keep: briefbot's ``Store`` and a logger (slack_sdk reads ``logger``)."""

    def __init__(self, store: Store, logger: Logger | None) -> None:
        self._store = store
        self._logger = logger or _LOGGER

    @property
    def logger(self) -> Logger:
        return self._logger


class SQLInstallationStore(_OnStore, InstallationStore):
    """``slack_sdk`` InstallationStore over a briefbot ``Store`` (SQLite or PostgreSQL)."""

    def __init__(self, store: Store, *, client_id: str = "", logger: Logger | None = None) -> None:
        super().__init__(store, logger)
        self.client_id = client_id

    def save(self, installation: Installation) -> None:
        """Store the installer's installation, then its bot."""
        inst = installation
        e_id, t_id = _keys(inst.enterprise_id, inst.team_id, inst.is_enterprise_install)
        with self._store.db.session() as s:
            s.execute(
                "INSERT INTO slack_installations"
                " (client_id, enterprise_id, team_id, user_id, installed_at, data)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id, enterprise_id, team_id, user_id)"
                " DO UPDATE SET installed_at = excluded.installed_at, data = excluded.data",
                (
                    self.client_id,
                    e_id,
                    t_id,
                    installation.user_id or "",
                    float(installation.installed_at),
                    json.dumps(installation.__dict__),
                ),
            )
        self.save_bot(installation.to_bot())

    def save_bot(self, bot: Bot) -> None:
        """Store the workspace's bot; an installation without a bot token (user scopes only) is skipped."""
        if bot.bot_token is None:
            self.logger.debug("skipped saving a bot without a bot token")
            return
        e_id, t_id = _keys(bot.enterprise_id, bot.team_id, bot.is_enterprise_install)
        with self._store.db.session() as s:
            s.execute(
                "INSERT INTO slack_bots (client_id, enterprise_id, team_id, installed_at, data)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (client_id, enterprise_id, team_id)"
                " DO UPDATE SET installed_at = excluded.installed_at, data = excluded.data",
                (self.client_id, e_id, t_id, float(bot.installed_at), json.dumps(bot.__dict__)),
            )

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        """The workspace's (or org's) bot, or None."""
        e_id, t_id = _keys(enterprise_id, team_id, is_enterprise_install or team_id is None)
        with self._store.db.session() as s:
            row = s.one(
                "SELECT data FROM slack_bots WHERE client_id = ? AND enterprise_id = ? AND team_id = ?",
                (self.client_id, e_id, t_id),
            )
        return Bot(**json.loads(row[0])) if row else None

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The installer's installation, or the workspace's latest one when ``user_id`` is None."""
        e_id, t_id = _keys(enterprise_id, team_id, is_enterprise_install or team_id is None)
        query = "SELECT data FROM slack_installations WHERE client_id = ? AND enterprise_id = ? AND team_id = ?"
        params: list[Any] = [self.client_id, e_id, t_id]
        if user_id is not None:
            query += " AND user_id = ?"
            params.append(user_id)
        with self._store.db.session() as s:
            row = s.one(query + " ORDER BY installed_at DESC, id DESC LIMIT 1", params)
        if row is None:
            return None
        installation = Installation(**json.loads(row[0]))
        if user_id is not None or installation.bot_token is None:
            # A user's installation may predate the bot's latest token (bolt-python issue #664).
            bot = self.find_bot(enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install)
            if bot is not None and bot.bot_token != installation.bot_token:
                installation.bot_id = bot.bot_id
                installation.bot_user_id = bot.bot_user_id
                installation.bot_token = bot.bot_token
                installation.bot_scopes = bot.bot_scopes
                installation.bot_refresh_token = bot.bot_refresh_token
                installation.bot_token_expires_at = bot.bot_token_expires_at
        return installation

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Forget the workspace's bot (tokens_revoked, app_uninstalled)."""
        e_id, t_id = enterprise_id or "", team_id or ""
        with self._store.db.session() as s:
            s.execute(
                "DELETE FROM slack_bots WHERE client_id = ? AND enterprise_id = ? AND team_id = ?",
                (self.client_id, e_id, t_id),
            )

    def delete_installation(self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None) -> None:
        """Forget one installer's installation, or all of the workspace's when ``user_id`` is None."""
        query = "DELETE FROM slack_installations WHERE client_id = ? AND enterprise_id = ? AND team_id = ?"
        params: list[Any] = [self.client_id, enterprise_id or "", team_id or ""]
        if user_id is not None:
            query += " AND user_id = ?"
            params.append(user_id)
        with self._store.db.session() as s:
            s.execute(query, params)


class SQLOAuthStateStore(_OnStore, OAuthStateStore):
    """``slack_sdk`` OAuthStateStore: single-use states that expire after ``expiration_seconds``."""

    def __init__(self, store: Store, *, expiration_seconds: int = 600, logger: Logger | None = None) -> None:
        super().__init__(store, logger)
        self.expiration_seconds = expiration_seconds

    def issue(self, *args: Any, **kwargs: Any) -> str:  # noqa: ARG002 (the interface's signature)
        """A new random state, valid once until it expires."""
        state = uuid.uuid4().hex
        now = self._store.now()
        with self._store.db.session() as s:
            s.execute("DELETE FROM slack_oauth_states WHERE expire_at <= ?", (now,))
            s.execute(
                "INSERT INTO slack_oauth_states (state, expire_at) VALUES (?, ?)", (state, now + self.expiration_seconds)
            )
        return state

    def consume(self, state: str) -> bool:
        """True the first time a valid, unexpired state is presented; False otherwise (replay, forgery)."""
        with self._store.db.session() as s:
            row = s.one(
                "DELETE FROM slack_oauth_states WHERE state = ? AND expire_at > ? RETURNING state",
                (state, self._store.now()),
            )
        return row is not None
