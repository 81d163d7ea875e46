"""The offline engine on articles we wrote: what a reader of the brief would notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.article import Article
from bot.config import load_settings
from bot.grounding import Grounder, fold
from bot.models import SECTIONS
from bot.service import BriefService

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def service() -> BriefService:
    return BriefService(settings=load_settings(env={}), llm=None)


def brief_of(service: BriefService, name: str):
    article = service.load(str(FIXTURES / name))
    return article, service.brief(article)


def test_every_item_is_quoted_verbatim_and_verified(service):
    article, brief = brief_of(service, "roundup.txt")
    grounder = Grounder(article.text)
    assert brief.item_count() >= 6
    for section in SECTIONS:
        for item in brief.items(section):
            assert item.verified and grounder.verify(item.evidence)


def test_aid_amounts_donors_and_contents(service):
    _, brief = brief_of(service, "roundup.txt")
    by_amount = {a.amount: a for a in brief.aid}
    assert by_amount["SEK 4.5bn"].donor == "Sweden" and by_amount["SEK 4.5bn"].value == 4.5e9
    assert by_amount["SEK 4.5bn"].currency == "SEK" and by_amount["SEK 4.5bn"].recipient == "Ukraine"
    assert "howitzers" in " ".join(by_amount["SEK 4.5bn"].contents)
    assert by_amount["€250m"].currency == "EUR" and by_amount["€250m"].value == 250e6


def test_repeated_syndicated_paragraph_is_listed_once(service):
    _, brief = brief_of(service, "roundup.txt")
    assert sum("SEK 4.5bn" in a.evidence for a in brief.aid) == 1


def test_stances_are_read_per_weapon(service):
    _, brief = brief_of(service, "roundup.txt")
    stances = {p.weapon: p.stance for p in brief.weapons_policy}
    assert stances["Swedish-supplied artillery"] == "permitted"
    assert stances["surveillance aircraft"] == "restricted"
    assert next(s for w, s in stances.items() if "Storm Shadow" in (w or "")) == "under_review"
    assert all(p.actor for p in brief.weapons_policy)


def test_sanctions_counts_and_countries(service):
    _, brief = brief_of(service, "roundup.txt")
    eu = next(s for s in brief.sanctions if s.imposed_by == "European Union")
    assert eu.target_count == 27 and {"India", "United Arab Emirates"} <= set(eu.target_countries)
    assert any(s.imposed_by == "United States" and s.target_count == 60 for s in brief.sanctions)


def test_rival_claims_about_one_place_are_both_kept_and_disputed(service):
    _, brief = brief_of(service, "roundup.txt")
    claims = {c.side: c for c in brief.battlefield_claims}
    assert claims["ukraine"].claimant == "Ukraine's General Staff"
    assert claims["russia"].claimant == "Russia's Defence Ministry"
    assert claims["ukraine"].status == claims["russia"].status == "disputed"
    assert claims["ukraine"].location == "Tarasivka"


def test_boilerplate_never_becomes_an_item(service):
    _, brief = brief_of(service, "roundup.txt")
    text = brief.model_dump_json()
    assert "Exit mobile version" not in text and "Share." not in text


@pytest.mark.parametrize("name", ["football.txt", "product.txt"])
def test_articles_about_something_else_give_empty_sections(service, name):
    _, brief = brief_of(service, name)
    assert brief.item_count() == 0
    assert brief.notes and "does not appear" in brief.notes[0]


def test_sections_the_article_lacks_stay_empty(service, tmp_path):
    path = tmp_path / "policy.txt"
    path.write_text(
        "Berlin keeps its missile rules\n\n"
        "Germany's chancellor said on Monday that Ukraine may use German-supplied howitzers against military "
        "targets on Russian territory near Kharkiv, but long-range cruise missiles remain off limits for "
        "strikes deep inside Russia. The Kremlin said any change would be an escalation of the war. "
        "Ukrainian officials said they would keep asking Berlin to change course on the missiles.\n",
        encoding="utf-8",
    )
    brief = service.brief(service.load(str(path)))
    stances = {p.weapon: p.stance for p in brief.weapons_policy}
    # Use near Kharkiv only is a permission with a limit; deep strikes are off limits.
    assert stances["German-supplied howitzers"] == "restricted"
    assert stances["long-range cruise missiles"] == "prohibited"
    assert brief.aid == brief.sanctions == brief.battlefield_claims == []


def test_domain_yaml_reaims_the_engine(tmp_path, monkeypatch):
    """Another desk can change the vocabulary without code: here a new weapon name becomes policy."""
    import yaml

    from bot.config import resource_dir

    domain = yaml.safe_load((resource_dir("config") / "domain.yaml").read_text(encoding="utf-8"))
    domain["weapons"]["Zephyr-9"] = "United States"
    (tmp_path / "domain.yaml").write_text(yaml.safe_dump(domain), encoding="utf-8")
    (tmp_path / "over.yaml").write_text(f"domain_file: {tmp_path / 'domain.yaml'}\n", encoding="utf-8")
    text = (
        "Ukraine, Russia and the war: Kyiv said on Monday that Washington had allowed it to use the Zephyr-9 "
        "against targets inside Russia, a step Moscow called an escalation of the war with Ukraine."
    )
    base = BriefService(settings=load_settings(env={}), llm=None)
    assert not any(p.weapon == "Zephyr-9" for p in base.brief(base.load_text(text)).weapons_policy)
    aimed = BriefService(settings=load_settings(env={"BRIEFBOT_CONFIG": str(tmp_path / "over.yaml")}), llm=None)
    assert any(p.weapon == "Zephyr-9" for p in aimed.brief(aimed.load_text(text)).weapons_policy)


@pytest.mark.parametrize(
    "sentence, claim",
    [
        # The day of the saying is not part of what is claimed.
        (
            "Russia's Defence Ministry said on Saturday its forces had completed the capture of Toretsk.",
            "its forces had completed the capture of Toretsk",
        ),
        # "rejected that, saying …": what is claimed is what follows the saying.
        (
            "Kyiv rejected that, saying Russian units had made only small incursions near Vovchansk.",
            "Russian units had made only small incursions near Vovchansk",
        ),
        # Who the speaker is belongs to the speaker.
        (
            "According to the Institute for the Study of War, a U.S.-based think tank, geolocated footage indicates "
            "Russian forces advanced in southern Pokrovsk.",
            "geolocated footage indicates Russian forces advanced in southern Pokrovsk",
        ),
        # A second report verb ("…, adding that …") is not part of what is claimed.
        (
            "Russia launched 145 drones at Ukraine overnight, Ukraine's air force said, adding that 98 drones were "
            "shot down and 42 were lost to electronic jamming.",
            "98 drones were shot down and 42 were lost to electronic jamming",
        ),
        # A denial hung on the claim is the other side's, not part of the claim.
        (
            "Russian military bloggers claimed that Ukrainian troops had withdrawn from Kurakhove, which Ukraine's "
            "General Staff denied.",
            "Ukrainian troops had withdrawn from Kurakhove",
        ),
    ],
)
def test_a_claim_starts_with_what_is_claimed(service, sentence, claim):
    text = f"Front line report\n\nRussia's war in Ukraine goes on. Moscow said its troops had taken Vovchansk. {sentence}"
    brief = service.brief(service.load_text(text))
    assert claim in [c.claim for c in brief.battlefield_claims], [c.claim for c in brief.battlefield_claims]


def test_a_pasted_digest_is_read_line_by_line(service):
    # Headings and bullets with no blank line between them: each line is its own fact, with its own giver.
    _, brief = brief_of(service, "digest.txt")
    donors = {a.amount: a.donor for a in brief.aid if a.amount}
    assert donors == {"NOK 2 billion": "Norway", "€150 million": "Netherlands"}
    assert {s.imposed_by for s in brief.sanctions} == {"United Kingdom", "Japan"}
    claims = {(c.location, c.side, c.status) for c in brief.battlefield_claims}
    assert {("Novoselivka", "russia", "disputed"), ("Novoselivka", "ukraine", "disputed")} <= claims
    assert ("Pokrovsk", "ukraine", "claimed") in claims
    assert "•" not in brief.summary


def test_one_rule_on_a_weapon_is_one_item(service, tmp_path):
    path = tmp_path / "rule.txt"
    path.write_text(
        "Dutch jets\n\nThe Netherlands said Ukraine was free to use Dutch-supplied F-16 jets against military "
        "targets on Russian territory.\n",
        encoding="utf-8",
    )
    brief = service.brief(service.load(str(path)))
    assert [(p.actor, p.stance) for p in brief.weapons_policy] == [("Netherlands", "permitted")]


def test_a_claimants_abbreviation_in_brackets_is_never_cut_open(service):
    text = (
        "Front line report\n\nRussia's war in Ukraine goes on. The Russian Ministry of Defense (MoD) claimed that "
        "Russian forces seized Kostiantynopil."
    )
    claims = service.brief(service.load_text(text)).battlefield_claims
    assert [c.claimant for c in claims] in (["Russian Ministry of Defense"], ["Russian Ministry of Defense (MoD)"])


def test_a_weapons_name_never_starts_with_a_preposition_the_parse_left_in_front(service):
    text = (
        "Front line report\n\nRussia's war in Ukraine goes on. Washington is reviewing a request from Kyiv for "
        "Tomahawk cruise missiles."
    )
    assert [p.weapon for p in service.brief(service.load_text(text)).weapons_policy] == ["Tomahawk cruise missiles"]


def test_weapon_rules_read_one_line_per_weapon_and_keep_limits_inside_their_rule(service):
    article = Article(
        text=(
            "Allies split over weapons\n\n"
            "Spain ruled out sending more Leopard 2A6 tanks to Ukraine this year, the defence minister said.\n\n"
            "Italy is reluctant to let its SAMP/T systems be used for anything but air defence over Ukrainian cities."
        )
    )
    lines = [(p.actor, p.weapon, p.stance) for p in service.brief(article).weapons_policy]
    assert ("Spain", "Leopard 2A6 tanks", "prohibited") in lines
    assert [w for _, w, _ in lines if w and "SAMP/T" in w] and not [w for _, w, _ in lines if w == "air defence"]
    assert len(lines) == 2, lines


TYPOGRAPHY = (
    "Shadow fleet listings\n\n"
    "Britain added 90 vessels of Russia's so-called shadow fleet to its sanctions list, the Foreign Office said.\n\n"
    "Russia's Defence Ministry said its troops had taken the village of Pishchane, a claim Ukraine's General Staff "
    "denied.\n\n"
    "Germany's government said it would send Ukraine 20 Leopard 1 tanks, while Berlin's position on Taurus "
    "missiles remains unchanged: they will not be sent."
)


def _folded_items(service: BriefService, text: str) -> list[tuple[str, list[str]]]:
    brief = service.brief(Article(text=text))
    return [
        (section, [f"{k}={fold(str(v))}" for k, v in item.model_dump(exclude={"evidence", "verified"}).items()])
        for section in SECTIONS
        for item in brief.items(section)
    ]


def test_typographic_apostrophes_and_quotes_read_like_straight_ones(service):
    # News copy writes "Russia’s" and “…”; the parser learned English from straight ones.
    straight = _folded_items(service, TYPOGRAPHY)
    curly = _folded_items(service, TYPOGRAPHY.replace("'", "’"))
    assert straight and curly == straight


def test_a_denial_the_parse_joins_to_what_was_said_is_the_speakers_own_line(service):
    text = (
        "Kursk front\n\nZelensky said on Saturday that the situation near Sudzha was very difficult but denied that "
        "any Ukrainian troops were trapped, saying they were still holding back Russian and North Korean units."
    )
    claims = service.brief(Article(text=text)).battlefield_claims
    assert any(c.claimant == "Zelensky" and c.claim.startswith("denied that any Ukrainian troops") for c in claims)
    assert not any(c.claim.startswith("any Ukrainian troops") for c in claims)  # never the opposite of what he said


def test_a_statement_headlined_as_one_bodys_words_is_that_bodys_claims(service):
    statement = (
        "Statement of the Ministry of Defence of the Russian Federation\n\n"
        "Over the past 24 hours, units of the Zapad group of forces liberated the settlement of Kupyansk-Vuzlovyi.\n\n"
        "Air defence means shot down 41 unmanned aerial vehicles over the Belgorod region."
    )
    claims = service.brief(Article(text=statement)).battlefield_claims
    assert len(claims) == 2 and all(c.side == "russia" and "Ministry of Defence" in c.claimant for c in claims)
    # The same lines under a reporter's headline have no speaker: no claims.
    reported = statement.replace("Statement of the Ministry of Defence of the Russian Federation", "Overnight news")
    assert service.brief(Article(text=reported)).battlefield_claims == []


def test_a_calibre_glued_to_its_number_stays_with_the_weapon(service):
    text = "Seoul weighs shells\n\nSouth Korea said it had not ruled out supplying 155mm shells to Ukraine directly."
    weapons = [p.weapon for p in service.brief(Article(text=text)).weapons_policy]
    assert "155mm shells" in weapons and "mm shells" not in weapons


def test_a_part_of_a_programme_is_no_goods_but_spare_parts_are(service):
    text = (
        "Japan adds support\n\nJapan will provide Ukraine with US$4.5 billion, the prime minister said. The package, "
        "part of a larger programme, will also buy spare parts for power stations."
    )
    contents = [c for a in service.brief(Article(text=text)).aid for c in a.contents]
    assert "part" not in contents and any("spare parts" in c for c in contents), contents


def test_actor_shows_the_articles_own_name_beside_the_canonical_one(service):
    # A reader looking for the body the article named ("the Pentagon", "Britain") finds it on the line;
    # a demonym or the canonical name's initials add nothing and are left out.
    text = (
        "Allies step up help for Kyiv\n\n"
        "Britain's Foreign Office sanctioned 20 more tankers carrying Russian oil on Tuesday. "
        "The Pentagon announced a $300 million package of artillery rounds for Ukraine. "
        "British officials said London would also give Ukraine £50 million for drones. "
        "The UK will not allow Ukraine to use Storm Shadow missiles inside Russia, a minister said."
    )
    brief = service.brief(Article(text=text))
    assert [s.imposed_by for s in brief.sanctions] == ["United Kingdom (Britain)"]
    donors = {a.amount: a.donor for a in brief.aid}
    assert donors["$300 million"] == "United States (Pentagon)"
    assert donors["£50 million"] == "United Kingdom"
    assert [p.actor for p in brief.weapons_policy] == ["United Kingdom"]


@pytest.mark.parametrize(
    "sentence",
    [
        # the split "re-" verb of a relative clause: mending it must never hang a word under itself
        "The list also includes three shipping companies registered in Cyprus but controlled by Russian nationals, "
        "which allegedly re-export Western microelectronics to Russian defense manufacturers.",
        "The ministry said the new launchers may not be re-transferred to a third country without its consent.",
        "Bern rejected a request to re-export 9,000 rounds of ammunition for the Gepard guns Ukraine operates.",
    ],
)
def test_mended_parses_stay_trees(sentence):
    from bot.extractive.pipeline import parse

    doc = parse([sentence])[0]
    for token in doc:
        seen: set[int] = set()
        while token.head.i != token.i:
            assert token.i not in seen, f"a loop through {token.text!r}"
            seen.add(token.i)
            token = token.head
