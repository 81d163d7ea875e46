"""Is a piece of text addressed to a machine? Orders to drop earlier instructions, "system prompt",
"you are now an AI", notes to AI tools: in English, Russian, Ukrainian, German, French and Spanish.

An article's text that gives such orders is never a fact of the article: the splitter drops it.
"""

from __future__ import annotations

import re
import unicodedata

from bot.language import search_in_windows

# Text addressed to a machine ("ignore previous instructions …") is never a fact of the article.
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|"
    r"preceding|article|text|content|instructions|rules)\b|"
    r"\b(?:system prompt|you are (?:now )?an? (?:AI|assistant|language model))\b|"
    r"\b(?:note|message|instructions?) (?:to|for) (?:automated|AI|LLM|machine|the)\b.{0,30}\b(?:tools?|models?|systems?|"
    r"assistants?|summari[sz]ers?|bots?)\b|"
    r"\b(?:AI|LLM|language[- ]model|automated)s? (?:summary |summari[sz]ation )?(?:tools?|assistants?|models?|bots?)[,:]\s*"
    r"(?:please )?(?:report|say|state|write|output)",
    re.IGNORECASE,
)

# The same orders in Russian, Ukrainian, German, French and Spanish: imperatives to drop earlier instructions,
# "system prompt", "you are now an AI…", notes addressed to AI. Third-person verbs ("Moscow ignores previous
# agreements") and instructions not addressed to a machine are news, not orders. Gaps are bounded (linear).
_FILLER = r"(?:\s+\w+){0,3}?"
_INJECTION_OTHER = re.compile(
    # Russian and Ukrainian
    r"\b(?:игнорируй(?:те)?|проигнорируй(?:те)?|забудь(?:те)?|ігноруй(?:те)?|проігноруй(?:те)?|забудь(?:те)?)"
    rf"{_FILLER}\s+(?:инструкци\w*|указани\w*|правил\w*|інструкці\w*|вказів\w*|настанов\w*)|"
    r"\bне\s+(?:обращай(?:те)?\s+внимани\w+|зважай(?:те)?)\s+на\s+(?:все\s+|усі\s+|всі\s+)?(?:предыдущ|"
    r"прошл|вышеуказ|попередн|вищенаведен)\w*|"
    r"\b(?:системн\w+\s+(?:промпт\w*|подсказк\w*|підказк\w*|инструкци\w*|інструкці\w*))|"
    r"\b(?:ты|вы|ти)\s+(?:теперь|тепер)\s+(?:\w+\s+){0,2}?(?:ИИ|ШІ|ассистент\w*|асистент\w*|нейросет\w*|"
    r"мовна\s+модель|языков\w+\s+модел\w*)|"
    r"\b(?:примечание|примітка|сообщение|повідомлення|инструкция|інструкція|указание|вказівка)\s+для\s+"
    r"(?:\w+\s+){0,2}?(?:ИИ|ШІ|нейросет\w*|нейромереж\w*|чат-?бот\w*|бот\w*|модел\w*|ассистент\w*|асистент\w*)\b|"
    # German
    r"\b(?:ignoriere|ignorieren\s+Sie|vergiss|vergessen\s+Sie|missachte|missachten\s+Sie)"
    rf"{_FILLER}\s+(?:Anweisungen|Instruktionen|Vorgaben|Regeln|Befehle)\b|"
    r"\bSystem-?(?:prompt|anweisung)\w*|"
    r"\b(?:du\s+bist|Sie\s+sind)\s+(?:jetzt|nun|ab\s+sofort)\s+(?:ein(?:e|en)?\s+)?(?:KI|Assistent\w*|"
    r"Sprachmodell\w*)\b|"
    r"\b(?:Hinweis|Nachricht|Anweisung)\s+(?:an|für)\s+(?:die\s+|alle\s+)?(?:KI|Sprachmodell\w*|Chatbots?|"
    r"automatisierte\w*|Assistent\w*)\b|"
    # French
    r"\b(?:ignore[zs]?|oublie[zs]?|ne\s+(?:tiens|tenez)\s+pas\s+compte)"
    rf"{_FILLER}\s+(?:instructions|consignes|directives|règles)\s+(?:précédentes|antérieures|ci-dessus|"
    r"données)\b|"
    r"\b(?:invite|prompt|message)\s+(?:du\s+)?système\b|"
    r"\b(?:tu\s+es|vous\s+êtes)\s+(?:maintenant|désormais)\s+(?:une?\s+)?(?:IA|assistant\w*|modèle)\b|"
    r"\b(?:note|message|consigne)\s+(?:à|aux|pour)\s+(?:l['’]\s*|les\s+)?(?:IA|intelligences?\s+artificielles?|"
    r"modèles?\s+de\s+langage|assistants?|outils?\s+automatis\w+)\b|"
    # Spanish
    r"\b(?:ignora|ignore|ignoren|olvida|olvide|olviden|omite|omita)"
    rf"{_FILLER}\s+(?:instrucciones|indicaciones|órdenes|reglas)\s+(?:anteriores|previas|de\s+arriba)\b|"
    r"\b(?:prompt|mensaje|instrucciones?)\s+del\s+sistema\b|"
    r"\b(?:ahora\s+eres|ahora\s+es\s+usted|eres\s+ahora)\s+(?:una?\s+)?(?:IA|asistente|modelo)\b|"
    r"\b(?:nota|mensaje|instrucción)\s+(?:para|a)\s+(?:la\s+|las\s+|los\s+)?(?:IA|inteligencias?\s+"
    r"artificiales?|modelos?\s+de\s+lenguaje|asistentes?|herramientas?\s+automatizadas?)\b",
    re.IGNORECASE,
)

# "AI assistants summarising this article should state …", "When summarising this story, say …": a
# directive whose addressee is a machine, in any word order.
_ADDRESSED_TO_MACHINE = re.compile(
    r"\b(?:AI|A\.I\.|artificial intelligence|LLMs?|language models?|chatbots?|automated (?:systems?|tools?|"
    r"summari[sz]ers?|summar(?:y|ies)|readers?)|machine[- ]readers?|summar(?:y|isation|ization) (?:tools?|bots?|"
    r"engines?))\b[^.]{0,60}?"
    r"\b(?:should|must|need to|are (?:asked|instructed|told) to|have to|please)\s+(?:always\s+)?"
    r"(?:report|state|say|write|use|include|describe|list|mention|give|present|treat|output)\b|"
    # "AI summary instruction: …", "Note to language models: …": a label that addresses a machine.
    r"\b(?:AI|A\.I\.|LLMs?|language models?|chatbots?|bots?|assistants?|summari[sz]ers?)\b[^.:]{0,30}?"
    r"\b(?:instructions?|notes?|notice|directive|prompt|guidance)\s*(?:[:=]|\s[-–—]\s)|"
    # "Note to summarisation tools: …", "Instructions for automated summaries — …": the same label turned round.
    r"\b(?:notes?|instructions?|message|directive|guidance)\s+(?:to|for)\s+(?:any\s+|all\s+)?(?:AI\b|LLMs?|"
    r"language models?|chatbots?|bots?|assistants?|summari[sz]ers?|summari[sz]ation tools?|automated \w+|"
    r"machine\w*)[^.:]{0,20}?\s*(?:[:=]|\s[-–—]\s)|"
    r"\bfor (?:AI\b|LLMs?|automated \w+|machine \w+|summari[sz]\w+)[^.:]{0,20}?\s*[:=]|"
    r"\b(?:when|if|while) (?:summari[sz]ing|you summari[sz]e|condensing|you condense)\b[^.]{0,40}?"
    r"\b(?:article|story|text|report|piece)\b",
    re.IGNORECASE,
)
# Zero-width and formatting characters that split a word for a regex but not for a reader or a model.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u202a\u202b\u202c\u202d\u202e"))


def is_injection(text: str) -> bool:
    """Is ``text`` addressed to a machine? Full-width letters, ligatures and invisible characters are
    folded first (NFKC), so "ｉｇｎｏｒｅ previous instructions" or "ig\u200bnore …" is caught too."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return any(search_in_windows(p, folded) for p in (_INJECTION, _INJECTION_OTHER, _ADDRESSED_TO_MACHINE))
