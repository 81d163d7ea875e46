"""Matching across briefs by normalised names, not exact text: where the other names of places and actors live
(config, each group with its reason), what they match, rival claims about one place under both sides' names,
a different figure for the same package, and re-keying the stored rows when the names change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import test_store_db as db
import yaml
from story_support import post_all, story_fixture

from bot import stories
from bot.config import Settings
from bot.paths import resource_dir
from bot.service import BriefService
from bot.store import open_store
from bot.story.normalise import Normaliser, normaliser_for
from bot.story.render import render_markdown, whats_new_lines

store_url, clock, store = db.store_url, db.clock, db.store
N = normaliser_for()
CONFIG = resource_dir("config")


def _service(store):
    return BriefService(settings=Settings(), store=store, llm=None)


def test_the_other_names_live_in_config_each_group_with_its_reason():
    places_text = (CONFIG / "place_names.yaml").read_text(encoding="utf-8")
    places = yaml.safe_load(places_text)
    assert "Kiev" in places["Kyiv"] and "Krasnoarmeysk" in places["Pokrovsk"] and "Artemovsk" in places["Bakhmut"]
    # Every entry sits under a comment that says why such names exist.
    blocks = re.split(r"\n\s*\n", places_text)
    entry_blocks = [b for b in blocks if re.search(r"^\w.*: \[", b, re.MULTILINE)]
    assert entry_blocks and all(b.lstrip().startswith("#") for b in entry_blocks)
    actors_text = (CONFIG / "domain.yaml").read_text(encoding="utf-8")
    actors = yaml.safe_load(actors_text)["actors"]
    assert {"UK", "Britain", "United Kingdom"} <= set(actors["United Kingdom"])
    assert "# Canonical names of governments and institutions" in actors_text
    # The code holds no place or actor names of its own: only letter-level folds.
    import ast

    import bot.story.normalise as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    docs = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body and isinstance(n.body[0], ast.Expr)
    }
    strings = {
        n.value.lower()
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    }
    for name in ("kiev", "kyiv", "kharkov", "artemovsk", "bakhmut", "krasnoarmeysk", "britain", "uk", "odessa"):
        assert not any(re.search(rf"\b{name}\b", text) for text in strings), name


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Kyiv", "Kiev"),
        ("Kyiv region", "Kiev oblast"),
        ("Pokrovsk", "Krasnoarmeysk"),
        ("Bakhmut", "Artemovsk"),
        ("Toretsk", "Dzerzhinsk"),
        ("Vuhledar", "Ugledar"),
        ("Chasiv Yar", "Chasov Yar"),
        ("Kurakhove", "Kurakhovo"),
        ("Kupiansk", "the town of Kupyansk"),
        ("Kharkiv", "Kharkov"),
        ("Avdiivka", "Avdeyevka"),
        ("Lyman", "Krasny Liman"),
        ("Dnipro", "Dnepropetrovsk region"),
    ],
)
def test_one_place_under_its_other_names(one, other):
    assert N.place(one) == N.place(other)


def test_places_that_differ_stay_apart():
    keys = {N.place(p) for p in ("Pokrovsk", "Kostiantynivka", "Kramatorsk", "Kyiv", "Kursk", "Kherson", "Lyman")}
    assert len(keys) == 7


@pytest.mark.parametrize(
    "names",
    [
        ("UK", "Britain", "United Kingdom", "the U.K.", "London"),
        ("Russia's Defence Ministry", "Russian Defense Ministry", "Russia's Ministry of Defence"),
        ("Ukraine's General Staff", "General Staff of Ukraine", "Ukrainian General Staff"),
        ("Germany (Scholz)", "Berlin", "German"),
    ],
)
def test_one_actor_under_its_other_names(names):
    assert len({N.entity(n) for n in names}) == 1, [N.entity(n) for n in names]


def test_a_desks_own_names_change_the_keys_and_the_fingerprint():
    mine = Normaliser(places={"Pokrovsk": ["Krasnoarmeysk"]})
    plain = Normaliser()
    assert mine.place("Krasnoarmeysk") == mine.place("Pokrovsk") != plain.place("Krasnoarmeysk")
    assert mine.fingerprint != plain.fingerprint


def test_rival_claims_under_each_sides_name_for_the_place_are_one_disputed_place(store, clock):
    russian, ukrainian = story_fixture("ru_krasnoarmeysk.txt"), story_fixture("ua_pokrovsk.txt")
    assert any(c.location == "Krasnoarmeysk" and c.side == "russia" for c in russian.brief.battlefield_claims)
    assert any(c.location == "Pokrovsk" and c.side == "ukraine" for c in ukrainian.brief.battlefield_claims)
    [first] = post_all(store, [russian], clock=clock, channel="CN")
    later_id = store.save_article(ukrainian.article)
    notes = stories.whats_new(
        _service(store), ukrainian.brief, platform="slack", channel="CN", article_id=later_id, workspace="T1"
    )
    rival = [n for n in notes if n.kind == "contradiction" and n.row.section == "battlefield_claims"]
    assert rival and all(n.earlier.location == "Krasnoarmeysk" and n.earlier.side == "russia" for n in rival)
    lines = whats_new_lines(notes)
    assert any(
        line.startswith("**Contradicts** the brief of")
        and "Russia's Defence Ministry" in line
        and f"CN/thread/CN-{first}" in line
        for line in lines
    )

    post_all(store, [ukrainian], clock=clock, channel="CN", start_ts=1_760_000_000)
    digest = stories.digest(_service(store), period="week", now=clock.now, channel="CN")
    [place] = [p for p in digest.claims if N.place(p.place) == N.place("Pokrovsk")]
    assert place.disputed and place.place == "Pokrovsk" and place.other_names == ["Krasnoarmeysk"]
    assert {side for side in place.by_side} == {"ukraine", "russia"}
    text = render_markdown(digest)
    block = text.split("### Pokrovsk (also Krasnoarmeysk) — DISPUTED", 1)[1].split("\n### ", 1)[0]
    assert "- Ukrainian side: Ukraine's General Staff:" in block and "- Russian side: Russia's Defence Ministry:" in block


def test_a_different_figure_for_the_same_package_contradicts_the_earlier_brief(store, clock):
    first, revised = story_fixture("uk_missiles_first.txt"), story_fixture("uk_missiles_revised.txt")
    post_all(store, [first], clock=clock, channel="CM")
    notes = stories.whats_new(
        _service(store),
        revised.brief,
        platform="slack",
        channel="CM",
        article_id=store.save_article(revised.article),
        workspace="T1",
    )
    [changed] = [n for n in notes if n.row.section == "aid" and n.row.value == 1.7e9]
    assert changed.kind == "contradiction" and changed.earlier.value == 1.6e9
    assert changed.detail == "£1.7 billion here, £1.6 billion before"
    assert any(line.startswith("**Contradicts**") and "£1.6 billion before" in line for line in whats_new_lines(notes))


def test_rows_keyed_by_older_rules_or_names_are_rekeyed_when_the_store_opens(store_url, clock):
    russian = story_fixture("ru_krasnoarmeysk.txt")
    with open_store(store_url, clock=clock) as store:
        post_all(store, [russian], clock=clock, channel="CK")
        good = sorted((r.section, r.position, r.entity_key, r.place_key) for r in store.items_between(start=0, channel="CK"))
        with store.db.transaction() as s:  # as a database keyed before place_names.yaml knew Krasnoarmeysk
            s.execute("UPDATE brief_items SET place_key = 'krasnoarmisk', entity_key = 'stale'")
            s.execute("UPDATE brief_item_keys SET fingerprint = 'older'")
    with open_store(store_url, clock=clock) as store:
        again = sorted(
            (r.section, r.position, r.entity_key, r.place_key) for r in store.items_between(start=0, channel="CK")
        )
        assert again == good and any(k == N.place("Pokrovsk") for *_, k in again)
        with store.db.session() as s:
            assert s.one("SELECT fingerprint FROM brief_item_keys") == (N.fingerprint,)
