"""How provenance is named for readers: one place for the console and the handbook.

The source's own words carry no mark; everything else says what it is, in plain Dutch.
"""

from __future__ import annotations

#: The reader's name for each basis.
BASIS_LABELS = {
    "source": "woorden van het document",
    "derived": "afgeleid uit de tekst",
    "setting": "regionale keuze",
    "local": "aangevuld door de regio",
}

#: A one-character mark for tables and diagrams; the source's own words have none.
BASIS_MARKS = {"source": "", "derived": "*", "setting": "°", "local": "+"}

#: How firmly a reconstructed arrow rests on its quotes.
STRENGTH_LABELS = {
    "named": "de tekst noemt deze stap",
    "implied": "de tekst wijst erop",
}

#: Legend of the marks, for under a table.
MARK_LEGEND = " · ".join(
    f"{BASIS_MARKS[b]} {BASIS_LABELS[b]}" for b in ("derived", "setting", "local")
)


def document_line(title: str, region: str, date: str) -> str:
    """'Toolbox Zorgfraude en Zorgoverlast (regio IJssel-Vecht, maart 2026)'."""
    return f"{title} (regio {region}, {date})"


#: Dutch names of the stated fields of a measure, for "where this comes from" lists.
FIELD_LABELS = {
    "title": "Titel",
    "description": "Beschrijving",
    "instrument": "Instrument",
    "target": "Gericht op",
    "decided_by": "Wie besluit",
    "collegebesluit": "Collegebesluit",
    "financiering": "Van toepassing bij",
    "legal_basis": "Wettelijke basis",
    "related": "Verwant",
    "links": "Links",
    "notes": "Noot",
    "contact": "Contact",
}

#: The short explanation of the four kinds of basis, for the README and the handbook.
BASIS_EXPLANATION = (
    "Bij elk gegeven staat waar het vandaan komt. Zonder markering zijn het de woorden van "
    "het document zelf; zorgtoolbox controleert bij elke wijziging dat die woorden echt in "
    "het document staan. Afgeleid uit de tekst (*) is een lezing van de redactie, met de "
    "reden en de passage waarop die berust. Een regionale keuze (°) maakt geen document; "
    "de regio kiest die zelf, met een reden. Aangevuld door de regio (+) is toegevoegd "
    "door de coördinator van de regio, zoals contactgegevens."
)
