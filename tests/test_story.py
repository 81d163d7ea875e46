"""Story tracking over a database filled by briefing the repo's held-out fixture articles (real offline
engine, real SQLite and, when one answers, PostgreSQL): item rows and their backfill, digests (every amount
and count, totals per currency, links, rival claims side by side), "what's new" notes and the chart."""

from __future__ import annotations

import re
import struct
from collections import defaultdict

import pytest
import test_store_db as db
from story_support import briefed_fixtures, first_pair, post_all, story_fixture

from bot import stories
from bot.config import Settings
from bot.service import BriefService
from bot.store.migrations import migrate
from bot.story.links import thread_url
from bot.story.normalise import normaliser_for
from bot.story.render import place_name, render_markdown, whats_new_lines

store_url, clock, store = db.store_url, db.clock, db.store

N = normaliser_for()


def _service(store):
    return BriefService(settings=Settings(), store=store, llm=None)


def _money(value, currency):
    return f"{currency} {value:,.0f}" if float(value).is_integer() else f"{currency} {value:,.2f}"


def _slack_url(channel, thread):
    return f"https://app.slack.com/client/T1/{channel}/thread/{channel}-{thread}"


@pytest.fixture
def filled(store, clock):
    items = briefed_fixtures(story=True)  # heldout*, articles and story fixtures: over a hundred real briefs
    threads = post_all(store, items, clock=clock)
    return items, threads


def test_every_brief_item_becomes_a_row(filled, store):
    items, threads = filled
    for item, thread in zip(items, threads, strict=True):
        rows = store.items_of_thread(platform="slack", channel="C1", thread_ts=thread)
        assert len(rows) == item.brief.item_count(), item.path
        aid = [r for r in rows if r.section == "aid"]
        assert [(r.donor, r.value, r.currency) for r in aid] == [
            (a.donor, a.value, a.currency.upper() if a.currency else None) for a in item.brief.aid
        ]


def test_digest_lists_every_amount_and_count_linked_to_its_thread_with_totals_per_currency(filled, store, clock):
    items, threads = filled
    assert len(items) > 100
    digest = stories.digest(_service(store), period="30d", now=clock.now, platform="slack", channel="C1")
    assert digest.briefs == len({i.article.content_sha256 for i in items if i.brief.item_count()})
    lines = render_markdown(digest).splitlines()
    expected_totals: dict[str, set[tuple[str, float]]] = defaultdict(set)
    checked = 0
    for item, thread in zip(items, threads, strict=True):
        url = _slack_url("C1", thread)
        for aid in item.brief.aid:
            if aid.value is None:  # an aid item with no figure is listed too, under its donor, with its thread
                words = aid.amount or "; ".join(aid.contents) or "no figure"
                assert any(line.startswith("- ") and words in line and url in line for line in lines), (item.path, aid)
                continue
            money = _money(aid.value, aid.currency.upper())
            assert any(money in line and url in line for line in lines), (item.path, money)
            expected_totals[aid.currency.upper()].add((N.entity(aid.donor) or "(donor not named)", aid.value))
            checked += 1
        for san in item.brief.sanctions:
            if san.target_count is not None:
                assert any(f"{san.target_count:,} targets" in line and url in line for line in lines), item.path
                checked += 1
    assert checked > 100
    for item, thread in zip(items, threads, strict=True):  # claims too, those naming no place included
        url = _slack_url("C1", thread)
        for claim in item.brief.battlefield_claims:
            assert any(claim.claim in line and url in line for line in lines), (item.path, claim.claim)
    # Totals: one figure per currency, each the sum of the distinct packages (donor, amount) in that currency.
    totals_line = next(line for line in lines if line.startswith("Totals per currency"))
    assert len(expected_totals) >= 5
    assert totals_line.count(" · ") == len(expected_totals) - 1
    for currency, amounts in expected_totals.items():
        assert _money(sum(v for _, v in amounts), currency) in totals_line
        assert digest.aid_totals[currency] == pytest.approx(sum(v for _, v in amounts))
    # Every item line links to a thread that exists.
    known = {_slack_url("C1", t) for t in threads}
    item_lines = [line for line in lines if line.startswith("- ")]
    assert item_lines and all(re.findall(r"\((https://[^)]+)\)", line) for line in item_lines)
    assert all(set(re.findall(r"\((https://[^)]+)\)", line)) <= known for line in item_lines)
    for donor in digest.aid:  # a donor's totals are per currency too, never across them
        assert set(donor.totals) == {line.row.currency for line in donor.lines if line.row.value is not None}
        heading = next(line for line in lines if line.startswith(f"### {donor.donor} — "))
        assert heading.count(" · ") == len(donor.totals) - 1 if donor.totals else heading.endswith("no figures")


def test_rival_claims_from_two_articles_appear_side_by_side_marked_disputed(filled, store, clock):
    items, threads = filled
    sides_by_place: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item, thread in zip(items, threads, strict=True):
        for claim in item.brief.battlefield_claims:
            if N.place(claim.location):
                sides_by_place[N.place(claim.location)][claim.side].add(thread)
    rival = {
        place: sides
        for place, sides in sides_by_place.items()
        if sides["ukraine"] and sides["russia"] and sides["ukraine"] != sides["russia"]
    }
    assert len(rival) >= 3
    digest = stories.digest(_service(store), period="30d", now=clock.now)
    shown = {N.place(p.place): p for p in digest.claims}
    text = render_markdown(digest)
    for place, sides in rival.items():
        group = shown[place]
        assert group.disputed
        for side in ("ukraine", "russia"):
            refs = {r.thread_ts for line in group.by_side[side] for r in line.refs}
            assert refs == sides[side]
        heading = next(line for line in text.splitlines() if line.startswith(f"### {place_name(group)} — DISPUTED"))
        block = text.split(heading, 1)[1].split("\n### ", 1)[0]
        assert "- Ukrainian side:" in block and "- Russian side:" in block


def _notes_for(store, clock, earlier, later, channel):
    post_all(store, [earlier], clock=clock, channel=channel, start_ts=1_760_000_000)
    later_id = store.save_article(later.article)
    return stories.whats_new(
        _service(store), later.brief, platform="slack", channel=channel, article_id=later_id, thread_ts=None, workspace="T1"
    )


def test_whats_new_says_when_an_item_was_already_reported(store, clock):
    items = briefed_fixtures()
    i, j, key = first_pair(
        items, lambda it: {(N.entity(a.donor), a.currency, a.value) for a in it.brief.aid if a.value is not None}
    )
    notes = _notes_for(store, clock, items[i], items[j], "CR")
    repeats = [n for n in notes if n.kind == "repeat" and n.row.section == "aid"]
    assert any((n.row.entity_key, n.row.currency, n.row.value) == key for n in repeats)
    lines = whats_new_lines(notes)
    assert lines[0].startswith("**What's new:") and "already reported" in lines[0]
    assert any(
        line.startswith("**Already reported** on ") and _slack_url("CR", "1760000000.000100") in line for line in lines
    )


def test_whats_new_flags_a_weapons_stance_that_changed(store, clock):
    items = briefed_fixtures()

    def one_stance(item):
        stances = defaultdict(set)
        for p in item.brief.weapons_policy:
            if N.entity(p.actor) and N.weapon(p.weapon):
                stances[(N.entity(p.actor), N.weapon(p.weapon))].add(p.stance)
        return {(k, next(iter(v))) for k, v in stances.items() if len(v) == 1}

    pair = None
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = one_stance(items[j])
            for key, stance in one_stance(a):
                if any(k == key and s != stance for k, s in b):
                    pair = (i, j, key, stance)
                    break
            if pair:
                break
        if pair:
            break
    assert pair is not None
    i, j, key, old = pair
    notes = _notes_for(store, clock, items[i], items[j], "CP")
    changed = [n for n in notes if n.kind == "contradiction" and (n.row.entity_key, n.row.weapon_key) == key]
    assert changed and changed[0].earlier.stance == old and changed[0].detail == f"stance {old} → {changed[0].row.stance}"
    assert any(line.startswith("**Contradicts** the brief of") for line in whats_new_lines(notes))


def test_whats_new_flags_the_other_sides_claim_about_the_same_place(store, clock):
    items = briefed_fixtures()
    pair = None
    for i, a in enumerate(items):
        places_a = {N.place(c.location) for c in a.brief.battlefield_claims if c.side == "russia"} - {None}
        for j in range(i + 1, len(items)):
            places_b = {N.place(c.location) for c in items[j].brief.battlefield_claims if c.side == "ukraine"}
            if places_a & places_b:
                pair = (i, j, sorted(places_a & places_b)[0])
                break
        if pair:
            break
    assert pair is not None
    i, j, place = pair
    notes = _notes_for(store, clock, items[i], items[j], "CC")
    rival = [n for n in notes if n.kind == "contradiction" and n.row.place_key == place]
    # The later article may hold claims of both sides about the place: the Ukrainian one is flagged against
    # the earlier Russian one, whichever note comes first.
    assert any(n.row.side == "ukraine" and n.earlier.side == "russia" for n in rival)


def test_a_channels_first_brief_says_nothing_and_an_unrelated_later_one_says_all_is_new(store, clock):
    first, unrelated = story_fixture("ru_krasnoarmeysk.txt"), story_fixture("uk_missiles_first.txt")
    assert stories.whats_new(_service(store), first.brief, platform="slack", channel="CU") == []
    post_all(store, [first], clock=clock, channel="CU")
    notes = stories.whats_new(_service(store), unrelated.brief, platform="slack", channel="CU")
    assert notes and all(n.kind == "new" for n in notes)
    assert whats_new_lines(notes) == [
        f"**What's new: {len(notes)} new**",
        "Nothing in this brief repeats or contradicts the channel's earlier briefs.",
    ]


def test_the_same_article_in_a_second_channel_is_briefed_once_and_linked(store, clock):
    item = briefed_fixtures()[3]
    [thread] = post_all(store, [item], clock=clock, channel="C1")
    brief, elsewhere = stories.brief_once(_service(store), item.article, platform="slack", channel="C2", workspace="T1")
    assert brief == item.brief
    assert [(r.channel, r.thread_ts) for r in elsewhere] == [("C1", thread)]
    lines = whats_new_lines([], elsewhere=elsewhere)
    assert _slack_url("C1", thread) in lines[1]
    # Posted in C2 too, the workspace digest still counts the article once.
    post_all(store, [item], clock=clock, channel="C2", start_ts=1_770_000_000)
    digest = stories.digest(_service(store), period="30d", now=clock.now, workspace="T1")
    assert digest.briefs == 1


def test_migration_backfills_items_of_briefs_stored_before_it(store, clock):
    items = briefed_fixtures()[:5]
    with store.db.transaction() as s:
        s.execute("DROP TABLE brief_items")
        s.execute("DELETE FROM _migrations WHERE name = 'm006_brief_items'")
        s.execute("DROP INDEX threads_article_any")
        for n, item in enumerate(items):
            article_id = store.save_article(item.article)
            s.execute(
                "INSERT INTO threads (platform, channel, thread_ts, article_id, brief_json, workspace,"
                " created_at) VALUES ('discord', 'D1', ?, ?, ?, 'G1', ?)",
                (str(100 + n), article_id, item.brief.model_dump_json(), clock.now),
            )
    assert migrate(store.db) == ["m006_brief_items"]
    assert store.count_items() == sum(i.brief.item_count() for i in items)
    digest = stories.digest(_service(store), period="today", now=clock.now + 1, platform="discord")
    assert digest.briefs == len(items)
    assert "https://discord.com/channels/G1/100" in render_markdown(digest)


def test_the_chart_is_a_png_of_sensible_size(filled, store, clock):
    digest = stories.digest(_service(store), period="30d", now=clock.now)
    png = stories.chart(digest)
    assert png is not None and png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1000, 800)
    assert 20_000 < len(png) < 1_000_000


def test_links_point_at_each_platforms_thread():
    from bot.story.rows import BriefPlace

    assert (
        thread_url(
            BriefPlace("slack", "C1", "1700000000.000100", 1, 0.0, "T1"), slack_workspace_url="https://acme.slack.com/"
        )
        == "https://acme.slack.com/archives/C1/p1700000000000100"
    )
    assert thread_url(BriefPlace("discord", "5", "6", 1, 0.0)) == "https://discord.com/channels/@me/6"


@pytest.mark.parametrize(("text", "period"), [("", "week"), ("Today", "today"), (" 30d ", "30d"), ("week", "week")])
def test_periods(text, period):
    assert stories.parse_period(text) == period


def test_an_unknown_period_is_bad_input():
    from bot.errors import InputError

    with pytest.raises(InputError, match="use today, week or 30d"):
        stories.parse_period("fortnight")


def test_chat_digests_cap_the_links_of_a_line_and_count_the_rest():
    from bot.story.digest import compose_digest
    from bot.story.render import digest_lines
    from bot.story.rows import ItemRow

    rows = [
        ItemRow(
            section="aid",
            position=0,
            platform="discord",
            channel="5",
            thread_ts=str(100 + n),
            article_id=n,
            created_at=1_750_000_000.0 + n,
            workspace="G",
            donor="Germany",
            value=5e8,
            currency="EUR",
            amount="€500 million",
            entity_key="germany",
        )
        for n in range(8)
    ]
    digest = compose_digest(rows, period="week", start=1_749_990_000.0, end=1_750_000_100.0)
    assert digest.aid_totals == {"EUR": 5e8}  # one package, eight reports: counted once
    [line] = [x for x in digest_lines(digest, max_links=5) if x.startswith("- EUR 500,000,000")]
    assert line.count("https://discord.com/channels/G/") == 5 and line.endswith("and 3 more threads")
    [full] = [x for x in digest_lines(digest) if x.startswith("- EUR 500,000,000")]
    assert full.count("https://discord.com/channels/G/") == 8


def _row(section, thread, created_at, **fields):
    from bot.story.rows import ItemRow

    return ItemRow(
        section=section,
        position=0,
        platform="slack",
        channel="C9",
        thread_ts=thread,
        article_id=int(created_at),
        created_at=float(created_at),
        workspace="T1",
        **fields,
    )


def test_whats_new_rules_by_keys_not_text():
    from bot.story.whatsnew import compare

    n = N
    earlier = [
        _row(
            "aid",
            "1.1",
            1,
            donor="U.S.",
            value=125e6,
            currency="USD",
            amount="$125 million",
            detail="Javelin missiles",
            entity_key=n.entity("U.S."),
            weapon_key=n.weapon("Javelin missiles"),
        ),
        _row("sanctions", "1.1", 1, imposed_by="Britain", target_count=40, entity_key=n.entity("Britain")),
        _row(
            "weapons_policy",
            "1.1",
            1,
            actor="Germany (Scholz)",
            weapon="Taurus cruise missiles",
            stance="prohibited",
            entity_key=n.entity("Germany (Scholz)"),
            weapon_key=n.weapon("Taurus cruise missiles"),
        ),
    ]
    new = [
        _row(
            "aid",
            "2.2",
            2,
            donor="United States",
            value=150e6,
            currency="USD",
            amount="$150m",
            detail="Javelin",
            entity_key=n.entity("United States"),
            weapon_key=n.weapon("Javelin"),
        ),
        _row(
            "aid",
            "2.2",
            2,
            donor="Washington",
            value=125e6,
            currency="USD",
            amount="125 million dollars",
            entity_key=n.entity("Washington"),
        ),
        _row("sanctions", "2.2", 2, imposed_by="UK", target_count=40, entity_key=n.entity("UK")),
        _row(
            "weapons_policy",
            "2.2",
            2,
            actor="Berlin",
            weapon="Taurus",
            stance="under_review",
            entity_key=n.entity("Berlin"),
            weapon_key=n.weapon("Taurus"),
        ),
        _row("aid", "2.2", 2, donor="Japan", value=125e6, currency="JPY", entity_key=n.entity("Japan")),
    ]
    kinds = [(note.kind, note.detail) for note in compare(new, earlier)]
    assert kinds == [
        ("contradiction", "$150m here, $125 million before"),
        ("repeat", None),
        ("repeat", None),
        ("contradiction", "stance prohibited → under_review"),
        ("new", None),
    ]


def test_place_and_name_keys_fold_spellings():
    assert N.place("Kupiansk") == N.place("Kupyansk district") == N.place("the town of Kupiansk")
    assert N.place("Kiev") == N.place("Kyiv")
    assert N.entity("Russia's Defence Ministry") == N.entity("Russian Defense Ministry")
    assert N.entity("Germany (Scholz)") == N.entity("Berlin") == "germany"
    assert N.weapon("Taurus cruise missiles") == N.weapon("Taurus") == "taurus"
