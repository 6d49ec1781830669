"""The source texts, normalised, for the fidelity tests of the knowledge base.

The sources were extracted from PDFs: line breaks fall mid-sentence, footnote numbers
stick to words and a few typos were fixed in the data. `normalised_source(doc)` applies
exactly the fixes listed here (the one place they are listed) to the source text, and
`normalise()` folds white space, so that a test can check that every description of the
data appears word for word in its source: paraphrase fails.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

#: Copies of ../shared/sources, so the tests run from any clone.
SOURCES_DIR = Path(__file__).resolve().parent / "fixtures" / "sources"
SOURCE_FILES = {
    "toolbox-2026": "toolbox-zorgfraude-zorgoverlast-2026.txt",
    "handhavingskader-wmo-2019": "handhavingskader-wmo-bno-2019.txt",
}

# Typo fixes applied to the Toolbox text: wrong text → text as in the data.
TOOLBOX_FIXES: dict[str, str] = {
    "Verkennd toezicht": "Verkennend toezicht",
    "Fraude of ander signalen": "Fraude of andere signalen",
    "fouten en fraude aangepakt": "fouten en fraude aangepakt.",
    "DforZo bepalen": "DforZO bepalen",
    "de zorgaanbieder de gemeente": "de zorgaanbieder en de gemeente",
}

# Fixes applied to the Handhavingskader text: wrong text → text as in the data
# (footnote markers glued to words, words split by the PDF extraction, typos).
HANDHAVINGSKADER_FIXES: dict[str, str] = {
    "SMART6": "SMART",
    "regio BNO-o.": "regio BNO-O.",
    "proportioneel5.": "proportioneel.",
    "efficiente en effectieve": "efficiënte en effectieve",
    "betrekken zijn: client,": "betrekken zijn: cliënt,",
    "Colleges van B&W7": "Colleges van B&W",
    # footnotes 6 and 7 fall in the middle of the sentence on the bestuurlijke boete:
    # the sentence is joined and the footnotes follow it
    "(Algemene wet bestuursrecht) 6 Een principe voor het eenvoudig en eenduidig opstellen "
    "en controleren van doelstellingen (Specifiek Meetbaar Acceptabel Realistisch en "
    "Tijdsgebonden) 7 Wanneer we in de regio Brabant Noordoost over willen gaan tot een "
    "civielrechtelijke maatregel dan doen we dit samen. We hebben immers via Zorginkoop 1 "
    "contract gesloten voor alle gemeenten. stelt dat daar de wet zelf (dus de Wmo 2015) een "
    "grondslag voor moet geven en die is er niet.": "(Algemene wet bestuursrecht) stelt dat "
    "daar de wet zelf (dus de Wmo 2015) een grondslag voor moet geven en die is er niet. 6 Een "
    "principe voor het eenvoudig en eenduidig opstellen en controleren van doelstellingen "
    "(Specifiek Meetbaar Acceptabel Realistisch en Tijdsgebonden) 7 Wanneer we in de regio "
    "Brabant Noordoost over willen gaan tot een civielrechtelijke maatregel dan doen we dit "
    "samen. We hebben immers via Zorginkoop 1 contract gesloten voor alle gemeenten.",
    "onbekend onderaannemerschap8.": "onbekend onderaannemerschap.",
    "met in achtneming van": "met inachtneming van",
}

FIXES = {
    "toolbox-2026": TOOLBOX_FIXES,
    "handhavingskader-wmo-2019": HANDHAVINGSKADER_FIXES,
}

_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile("[\uf0b7\u2022\uf0a7]")
_HYPHEN_BREAK = re.compile(r"-\s*\n\s*")


def normalise(text: str) -> str:
    """One space between words; markdown links reduced to their text; bullets dropped."""
    text = _MD_LINK.sub(r"\1", text)
    text = _BULLET.sub(" ", text)
    return " ".join(text.split())


@cache
def normalised_source(document: str) -> str:
    """The source text of `document` with the listed fixes applied, normalised."""
    raw = (SOURCES_DIR / SOURCE_FILES[document]).read_text(encoding="utf-8")
    raw = _HYPHEN_BREAK.sub("-", raw)
    text = normalise(raw)
    for wrong, right in FIXES[document].items():
        assert wrong in text, f"fix {wrong!r} no longer matches the {document} text"
        text = text.replace(wrong, right)
    return text


def in_source(document: str, text: str) -> bool:
    """Whether `text` appears word for word in the (fixed, normalised) source."""
    return normalise(text) in normalised_source(document)
