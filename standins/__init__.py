"""Stand-ins of the Slack, Discord and OpenAI HTTP APIs on 127.0.0.1, driven through the real clients.

The tests, the benchmarks and ``python -m tools.try_slack`` use them; nothing here ships in the wheel.

    slack_api         the Slack Web API (records every call; signed event requests)
    discord_api       Discord's REST API and gateway
    openai_api        an OpenAI-compatible Chat Completions server
    platform_limits   what Slack and Discord refuse (message and attachment limits)
"""
