"""The ``briefbot`` command line. Heavy imports happen inside commands, so start-up stays fast."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from bot.service import BriefService

ENGINES = click.Choice(["auto", "llm", "extractive"])


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"briefbot: {message}", err=True)
    sys.exit(code)


def _usage_error(exc: click.UsageError) -> NoReturn:
    """A command-line mistake (unknown option, bad choice, missing argument) as one line, exit 2."""
    message = " ".join(exc.format_message().split())
    where = exc.ctx.command_path if exc.ctx is not None else "briefbot"
    _fail(f"{message} (see '{where} --help')", 2)


class BriefbotGroup(click.Group):
    """Turns our errors into one line on stderr: exit 2 for bad input (command-line mistakes included),
    1 for anything else."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # plain `briefbot`: the help
        except click.UsageError as exc:
            _usage_error(exc)

    def invoke(self, ctx: click.Context) -> Any:
        from bot.errors import BriefbotError, ConfigError, InputError

        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            _usage_error(exc)
        except (InputError, ConfigError) as exc:
            _fail(exc.user_message.splitlines()[0] if exc.user_message else str(exc), 2)
        except BriefbotError as exc:
            _fail(f"error: {exc.user_message}", 1)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            # "briefbot eval … | head": the reader left; stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # the outermost edge: no traceback for users
            if os.environ.get("BRIEFBOT_DEBUG"):
                raise
            logging.getLogger("bot").debug("internal error", exc_info=True)
            _fail(f"internal error: {type(exc).__name__}: {exc} (set BRIEFBOT_DEBUG=1 for details)", 1)


@contextlib.contextmanager
def _status(message: str | None) -> Iterator[None]:
    """A transient status line on a terminal for slow steps (fetching, model calls); silent elsewhere."""
    if not message or not sys.stderr.isatty():
        yield
        return
    sys.stderr.write(f"{message}…")
    sys.stderr.flush()
    try:
        yield
    finally:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def _service(*, llm: bool = True) -> BriefService:
    from bot.config import settings
    from bot.service import BriefService

    return BriefService(settings=settings(), llm="auto" if llm else None)


@click.group(cls=BriefbotGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefbot", prog_name="briefbot")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def cli(verbose: int) -> None:
    """Grounded, structured briefs of war-news articles: aid, weapons policy, sanctions, battlefield claims."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
@click.argument("source")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json", "slack"]),
    default="markdown",
    show_default=True,
    help="markdown for reading, json for the Brief document, slack for Block Kit.",
)
@click.option(
    "--engine",
    type=ENGINES,
    default="auto",
    show_default=True,
    help="auto uses the LLM when OPENAI_API_KEY or OPENAI_BASE_URL is set.",
)
def brief(source: str, fmt: str, engine: str) -> None:
    """Brief an article. SOURCE is a file (text, HTML, PDF), an http(s) URL, or - for stdin."""
    service = _service(llm=engine != "extractive")
    with _status(f"fetching {source}" if source.startswith(("http://", "https://")) else None):
        article = service.load(source)
    with _status("briefing with the model" if service.llm is not None and engine != "extractive" else None):
        result = service.brief(article, engine=engine)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    elif fmt == "slack":
        from bot.render.slack import brief_message

        click.echo(json.dumps(brief_message(result), indent=2, ensure_ascii=False))
    else:
        from bot.render.markdown import render_markdown

        click.echo(render_markdown(result), nl=False)


@cli.command(short_help="Answer one question about an article, as the bot would in a thread.")
@click.argument("source")
@click.argument("question")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--engine", type=ENGINES, default="auto", show_default=True)
def ask(source: str, question: str, fmt: str, engine: str) -> None:
    """Answer QUESTION about the article at SOURCE, exactly as the bot would in a thread."""
    from bot.errors import InputError

    if not question.strip():
        raise InputError("the question is empty")
    service = _service(llm=engine != "extractive")
    if engine == "llm" and service.llm is None:
        raise InputError("no model is configured: set OPENAI_API_KEY or OPENAI_BASE_URL, or use --engine extractive")
    article = service.load(source)
    # The thread's brief tells whose sum is whose, as in chat; offline it costs a parse, with a model a call.
    offline = engine == "extractive" or service.llm is None
    result = service.ask(article, question, brief=service.brief(article, engine="extractive") if offline else None)
    if fmt == "json":
        click.echo(
            json.dumps(
                {**result.answer.model_dump(), "engine": result.engine, "notes": result.notes}, indent=2, ensure_ascii=False
            )
        )
        return
    click.echo(result.answer.answer)
    for quote in result.answer.quotes:
        click.echo(f"> “{quote}”")
    for note in result.notes:
        click.echo(f"({note})")


@cli.command(short_help="Run the Slack bot (Socket Mode or HTTP).")
@click.option("--http", "http_mode", is_flag=True, help="Serve HTTP even when SLACK_APP_TOKEN is set.")
@click.option("--port", type=int, default=None, help="HTTP port (default $PORT or 3000).")
def slack(http_mode: bool, port: int | None) -> None:
    """Run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP on /slack/events)."""
    from bot.config import settings
    from bot.slack.server import run

    run(settings(), http=http_mode, port=port)


@cli.command(short_help="Run the Slack jobs of web processes started with BRIEFBOT_WORKERS=external.")
@click.option(
    "--grace",
    type=float,
    default=20.0,
    show_default=True,
    help="Seconds running jobs get to finish on SIGTERM before they are handed back.",
)
@click.option(
    "--nice",
    type=click.IntRange(0, 19),
    default=10,
    show_default=True,
    help="Lower the worker's CPU priority by this much, so web processes on the same cores ack first.",
)
@click.option(
    "--until-stdin-closes",
    is_flag=True,
    hidden=True,
    help="Also stop when standard input closes (the bot that started this worker has exited).",
)
def worker(grace: float, nice: int, until_stdin_closes: bool) -> None:
    """Run Slack jobs (briefs, answers) recorded by web processes started with BRIEFBOT_WORKERS=external."""
    from bot.config import settings
    from bot.slack.worker import run_worker

    run_worker(settings(), grace_s=grace, nice=nice, until_stdin_closes=until_stdin_closes)


@cli.command()
def discord() -> None:
    """Run the Discord bot (needs DISCORD_TOKEN)."""
    from bot.config import settings
    from bot.discord_bot import run

    run(settings())


@cli.command(name="eval", short_help="Score briefs and answers against gold files.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--engine", type=ENGINES, default="auto", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option("--no-questions", is_flag=True, help="Skip the follow-up questions.")
@click.option("--totals-only", is_flag=True, help="Print the figures only, no missed facts or answers (for blind sets).")
def evaluate(folder: Path, engine: str, as_json: bool, no_questions: bool, totals_only: bool) -> None:
    """Score briefs of FOLDER/NNN.txt against FOLDER/NNN.json (docs/eval.md): recall, fields, answers."""
    from bot.eval_cli import run_and_report

    run_and_report(
        _service(llm=engine != "extractive"),
        folder,
        engine=engine,
        as_json=as_json,
        questions=not no_questions,
        details=not totals_only,
    )


@cli.command(short_help="Digest of the briefs in the database: aid, policy, sanctions, claims.")
@click.argument("period", required=False, default="week")
@click.option("--channel", default=None, help="Only the briefs of this channel (id).")
@click.option("--platform", type=click.Choice(["slack", "discord"]), default=None, help="Only this platform.")
@click.option("--workspace", default=None, help="Only this Slack team id or Discord server id.")
@click.option(
    "--chart",
    "chart_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the chart as a PNG file here.",
)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
def digest(
    period: str, channel: str | None, platform: str | None, workspace: str | None, chart_path: Path | None, fmt: str
) -> None:
    """Digest of the briefs of PERIOD (today, week or 30d; default week) in the bot's database."""
    from bot import stories
    from bot.errors import InputError
    from bot.story.render import digest_document, render_markdown

    period = stories.parse_period(period)
    if chart_path is not None and not chart_path.parent.resolve().is_dir():
        raise InputError(f"cannot write the chart: no folder {chart_path.parent}")
    from bot.config import settings
    from bot.store import open_store

    with open_store(settings().database_url) as store:  # no brief service: a digest only reads the store
        found = stories.digest(
            stories.StoreView(store), period=period, platform=platform, channel=channel, workspace=workspace
        )
    if chart_path is not None:
        png = stories.chart(found)
        if png is None:
            raise InputError("nothing to chart: no aid figures or claims about places in this period")
        try:
            chart_path.write_bytes(png)
        except OSError as exc:
            raise InputError(f"cannot write the chart to {chart_path}: {exc.strerror}") from exc
    if fmt == "json":
        click.echo(json.dumps(digest_document(found), indent=2, ensure_ascii=False))
    else:
        click.echo(render_markdown(found), nl=False)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the Brief document."""
    from bot.models import brief_json_schema

    click.echo(json.dumps(brief_json_schema(), indent=2))


def main() -> None:
    cli(prog_name="briefbot")


if __name__ == "__main__":
    main()
