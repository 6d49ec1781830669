"""Generate a national-size knowledge base for benchmarks.

    python benchmarks/generate_kb.py OUT_DIR [--measures 5000] [--agencies 50] [--edges 15000]

Deterministic (fixed seed). Every agency gets a ladder in both domains; the flows hold a
`vervolg` chain along every ladder (so every measure is reachable) plus cross-agency
`melding`/`parallel` edges up to the requested total. The result validates cleanly.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
from pathlib import Path

DESCRIPTION = (
    "Als er sprake is van tekortkomingen in de zorg, kan deze organisatie samen met de "
    "aanbieder verbeterafspraken maken. Daarbij wordt een verbeterplan opgesteld waarin "
    "staat welke acties de aanbieder gaat ondernemen, binnen welke termijn en hoe de "
    "voortgang wordt gemonitord. Dit helpt om structurele verbeteringen te realiseren."
)
GEBRUIK = "De maatregelen zijn per organisatie gerangschikt van minder ingrijpend naar ingrijpend."
INSTRUMENT_QUOTE = "kan deze organisatie samen met de aanbieder verbeterafspraken maken"
EDGES_PER_FLOW = 3000
INSTRUMENTS = ["signalering", "advies", "correctie", "bestuursrecht", "civielrecht", "strafrecht"]
DOMAINS = ("fraude", "overlast")


def generate(out: Path, measures: int = 5000, agencies: int = 50, edges: int = 15000) -> Path:
    """Write the knowledge base to `out/data` and return that folder.

    The knowledge base is shaped like the real one: one source document with its text,
    every measure's title and description quoted from it, every class and target with the
    passage it rests on, every arrow derived with a quote, so `validate` checks every
    quote as it does on the real data.
    """
    rng = random.Random(2026)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "measures").mkdir(parents=True)
    (data / "flows").mkdir()
    (data / "documents").mkdir()
    (data / "toolbox.yaml").write_text(
        "title: Landelijke toolbox\nregion: Nederland\ndocument: bron\n", encoding="utf-8"
    )
    agency_ids = [f"organisatie-{i:02d}" for i in range(agencies)]
    per_agency = measures // agencies
    titles = [
        f"Maatregel {i} van organisatie {a}" for a in range(agencies) for i in range(per_agency)
    ]
    (data / "documents" / "bron.txt").write_text(
        "Landelijke toolbox\n\nNederland, maart 2026\n\n"
        + GEBRUIK
        + "\n\n"
        + "\n\n".join(f"{title}\n\n{DESCRIPTION}" for title in titles)
        + "\n",
        encoding="utf-8",
    )
    (data / "documents" / "bron.yaml").write_text(
        "id: bron\ntitle: Landelijke toolbox\ndate: maart 2026\nregion: Nederland\n"
        "ladder: ordered\nprovenance:\n  ladder:\n    basis: source\n"
        f"    quote: {GEBRUIK}\n",
        encoding="utf-8",
    )
    lines = ["agencies:"]
    for aid in agency_ids:
        lines += [
            f"  - id: {aid}",
            f"    name: Organisatie {aid[-2:]}",
            "    kind: member",
            "    description: Een organisatie met een eigen ladder van maatregelen.",
            "    basis: local",
        ]
    (data / "agencies.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    ladders: dict[tuple[str, str], list[str]] = {}
    for a, aid in enumerate(agency_ids):
        folder = data / "measures" / aid
        folder.mkdir()
        for i in range(per_agency):
            mid = f"{aid}-maatregel-{i:03d}"
            # first 40 % fraude only, last 40 % overlast only, the middle both
            in_domain = {"fraude": i < per_agency * 0.6, "overlast": i >= per_agency * 0.4}
            domains = [d for d in DOMAINS if in_domain[d]]
            placement = []
            for d in domains:
                ladder = ladders.setdefault((aid, d), [])
                ladder.append(mid)
                placement.append(f"  {d}:\n    position: {len(ladder)}")
            instrument = INSTRUMENTS[min(len(INSTRUMENTS) - 1, i * len(INSTRUMENTS) // per_agency)]
            (folder / f"{mid}.yaml").write_text(
                f"# yaml-language-server: $schema=../../schema/measure.schema.json\n"
                f"id: {mid}\ntitle: Maatregel {i} van organisatie {a}\ndocument: bron\n"
                f"section: Maatregelen\nagency: {aid}\n"
                f"domains:\n" + "\n".join(placement) + "\n"
                f"description: >-\n  {DESCRIPTION}\n"
                f"instrument: {instrument}\n"
                "target: zorgaanbieder\ncontact:\n  verantwoordelijk: ''\n  contactpersoon: ''\n"
                "  contactgegevens: ''\nlinks:\n  - title: Website\n    url: https://example.org/\n"
                "provenance:\n"
                "  instrument:\n    basis: derived\n    reason: Gegenereerd voor de benchmark.\n"
                f"    quote: {INSTRUMENT_QUOTE}\n"
                f"  target:\n    basis: source\n    quote: {GEBRUIK}\n"
                "  links: local\n",
                encoding="utf-8",
            )

    chain = sum(len(ladder) - 1 for ladder in ladders.values())
    extra = max(0, edges - chain)
    for d_index, domain in enumerate(DOMAINS):
        domain_ladders = {k: v for k, v in ladders.items() if k[1] == domain}
        entry = [ladder[0] for ladder in domain_ladders.values()]
        pairs: list[tuple[str, str, str]] = []
        for ladder in domain_ladders.values():
            pairs.extend((a, b, "vervolg") for a, b in itertools.pairwise(ladder))
        seen = {frozenset(p[:2]) for p in pairs}
        pool = [m for ladder in domain_ladders.values() for m in ladder]
        want = extra // 2 + (extra % 2 if d_index == 0 else 0)
        while want:
            a, b = rng.sample(pool, 2)
            if frozenset((a, b)) in seen:
                continue
            seen.add(frozenset((a, b)))
            pairs.append((a, b, rng.choice(["melding", "parallel"])))
            want -= 1
        # a flow file stays under the 1 MiB limit: a domain's arrows over several flows
        for part, start in enumerate(range(0, len(pairs), EDGES_PER_FLOW)):
            _write_flow(
                data,
                domain,
                part,
                entry if part == 0 else [],
                pairs[start : start + EDGES_PER_FLOW],
            )
    return data


def _write_flow(
    data: Path, domain: str, part: int, entry: list[str], pairs: list[tuple[str, str, str]]
) -> None:
    flow_id = f"stromenmodel-{domain}-{part}"
    out_lines = [
        f"id: {flow_id}",
        "title: Landelijke toolbox",
        "document: bron",
        "section: Stromenmodel",
        "kind: stromenmodel",
        f"domain: {domain}",
    ]
    if entry:
        out_lines += [
            "entry_points:",
            *(f"  - {e}" for e in entry),
            "provenance:",
            "  entry_points:",
            "    basis: derived",
            "    reason: De eerste treden.",
            f"    quote: {GEBRUIK}",
        ]
    out_lines.append("edges:")
    for a, b, kind in pairs:
        out_lines += [
            f"  - from: {a}",
            f"    to: {b}",
            f"    kind: {kind}",
            "    strength: implied",
            "    reason: Gegenereerd.",
            "    quotes:",
            f"      - text: {INSTRUMENT_QUOTE}",
            "        section: Maatregelen",
        ]
    (data / "flows" / f"{flow_id}.yaml").write_text("\n".join(out_lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--agencies", type=int, default=50)
    parser.add_argument("--edges", type=int, default=15000)
    args = parser.parse_args()
    data = generate(args.out, args.measures, args.agencies, args.edges)
    print(data)


if __name__ == "__main__":
    main()
