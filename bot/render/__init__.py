"""Renderers: turn a Brief or an answer into what a channel shows (Slack Block Kit, Markdown, …)."""
