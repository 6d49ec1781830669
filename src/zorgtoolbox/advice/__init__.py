"""Proportionality advice: the Handhavingskader's weighing factors made usable.

`advise(kb, factors)` weighs one case as advies.yaml says and lists what fits:

1. **Weighing.** Ernst and kans op herhaling are each given directly or through all of
   their aspects (4.2), never both, so no aspect counts twice. How aspects combine is a
   table in advies.yaml: a regional setting.
2. **Range.** The matrix of advies.yaml maps ernst × kans op herhaling to a range on the
   ladder (advies … strafrecht). It is a regional setting too: the Handhavingskader gives
   the factors and the classes, not a rule between them.
3. **Candidates, per document and agency.** The instruments of the advice's own document
   (the Handhavingskader) carry its rules: who decides, collegebesluit, ZIN/PGB. Another
   document's measures are their agency's own decision, on their agency's own ladder. An
   agency with nothing in the range is told why, with its nearest rungs and the agencies
   that can act: never a bare "nothing".
4. **Strafbaar feit.** A criminal offence always adds aangifte, and who does it, whatever
   the range.
5. **Sensitivity.** For each factor or aspect given, the range one step lighter and one
   step heavier.

Every number and choice lives in advies.yaml, none here. Nothing here prints, and nothing
here decides: the answer is advice (`ADVICE_NOTICE`).

The work is split by step: `factors` (what a case gives, checked: `make_factors`),
`weighing` (the weighing, the range and its sensitivity) and `candidates` (the measures
that fit, and `advise`, which puts it all together). Every name is importable from here.
"""

from .candidates import (
    ADVICE_NOTICE,
    SIGNALERING,
    Aangifte,
    Advice,
    Candidate,
    Decider,
    Gap,
    Group,
    NextStep,
    TakenMeasure,
    advise,
    who_decides,
)
from .factors import FACTOR_FIELDS, SCALES, Factors, make_factors
from .weighing import (
    ADVICE_FILE,
    Range,
    Sensitivity,
    Weighed,
    advice_config,
    proportionate_range,
    range_of,
    sensitivity,
    weigh,
)

__all__ = [
    "ADVICE_FILE",
    "ADVICE_NOTICE",
    "FACTOR_FIELDS",
    "SCALES",
    "SIGNALERING",
    "Aangifte",
    "Advice",
    "Candidate",
    "Decider",
    "Factors",
    "Gap",
    "Group",
    "NextStep",
    "Range",
    "Sensitivity",
    "TakenMeasure",
    "Weighed",
    "advice_config",
    "advise",
    "make_factors",
    "proportionate_range",
    "range_of",
    "sensitivity",
    "weigh",
    "who_decides",
]
