"""briefbot: grounded, structured briefs of war-news articles for Slack, Discord and the terminal."""

__version__ = "0.1.0"
