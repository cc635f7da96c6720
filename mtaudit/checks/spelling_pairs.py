"""The British and American spellings MT121 tells apart: data, and the pairs built from it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# British spellings by the rule that makes them American: its last British part becomes the
# American one. Only words whose two forms differ in spelling alone (not "analyses", "advise").
BRITISH_BY_RULE: dict[tuple[str, str], str] = {
    ("our", "or"): "colour colours coloured colourful honour honours honoured honourable favour favours favoured "
                   "favourable favourite favourites labour laboured neighbour neighbours neighbouring neighbourhood "
                   "neighbourhoods harbour harbours humour rumour rumours rumoured behaviour behaviours behavioural "
                   "flavour flavours vigour endeavour endeavours armour armoured odour rigour valour tumour tumours "
                   "splendour fervour savoury",
    ("is", "iz"): "recognise recognised recognises recognising organise organised organises organising organisation "
                  "organisations realise realised realises realising apologise apologised criticise criticised "
                  "criticises criticising emphasise emphasised emphasises prioritise authorise authorised mobilise "
                  "mobilised stabilise stabilised summarise characterise characterised legalise legalised modernise "
                  "modernisation normalise normalisation privatise privatisation subsidise subsidised utilise "
                  "minimise maximise specialise specialised finalise symbolise sympathise memorise globalisation "
                  "civilisation colonisation urbanisation hospitalised polarisation democratisation stabilisation "
                  "mobilisation authorisation",
    ("ys", "yz"): "analyse analysed analysing paralyse paralysed",
    ("re", "er"): "centre centres theatre theatres litre litres fibre fibres calibre sombre spectre lustre meagre sabre",
    ("ence", "ense"): "defence offence offences pretence",
    ("ll", "l"): "travelled travelling traveller travellers cancelled cancelling labelled labelling modelled "
                 "modelling fuelled fuelling signalled totalled counsellor counsellors marvellous levelled "
                 "channelled dialled rivalled",
    ("ogue", "og"): "catalogue catalogues",
    ("ae", "e"): "paediatric anaemia haemorrhage leukaemia encyclopaedia orthopaedic anaesthetic",
    ("oe", "e"): "oestrogen foetus diarrhoea",
}
# Pairs no rule makes, British then American.
BRITISH_AMERICAN = ("grey gray jewellery jewelry pyjamas pajamas cosy cozy moustache mustache sulphur sulfur "
                    "plough plow mould mold sceptical skeptical sceptic skeptic aluminium aluminum enrol enroll "
                    "fulfil fulfill skilful skillful wilful willful manoeuvre maneuver manoeuvres maneuvers "
                    "centred centered")
# Pairs whose American form is British too in some sense ("program" in computing, the verb
# "license", the noun "practice", a gas "meter"): only the British form tells the variety.
ONE_WAY = ("programme program programmes programs licence license practise practice metre meter metres meters "
           "tyre tire tyres tires kerb curb cheque check storey story draught draft judgement judgment ageing aging")

Kind = Literal["strict", "oxford", "one-way"]


@dataclass(frozen=True)
class SpellingPair:
    """A British spelling and its American one. ``oxford``: the American form is also Oxford
    British (-ize); ``one-way``: the American form is also British in another sense."""

    british: str
    american: str
    kind: Kind = "strict"


def _americanise(word: str, british: str, american: str) -> str:
    head, _, tail = word.rpartition(british)
    return head + american + tail


def _spelling_pairs() -> tuple[SpellingPair, ...]:
    pairs = [SpellingPair(w, _americanise(w, b, a), "oxford" if b == "is" else "strict")
             for (b, a), listed in BRITISH_BY_RULE.items() for w in listed.split()]
    for listed, kind in ((BRITISH_AMERICAN, "strict"), (ONE_WAY, "one-way")):
        forms = listed.split()
        pairs += [SpellingPair(b, a, kind) for b, a in zip(forms[::2], forms[1::2])]
    return tuple(pairs)


SPELLING_PAIRS = _spelling_pairs()
