"""Realistic-looking customer-care text in English and Italian for the benchmark: word lists grown with
inflected forms and product codes (error codes, model and part numbers), drawn with a Zipf-like
frequency whose head is flattened as for content words (the most common one in about 1 % of words,
most words rare), stop words mixed in as in real text. Queries are drawn the same way."""

import random
from functools import cache

LANGUAGES = ("en", "it")

CONTENT = {
    "en": """machine coffee espresso water tank pump error light red blinking descaling descale cycle milk frother
foam steam wand grinder beans noise noisy grind size burrs capsule capsules pod order delivery shipping
courier refund warranty repair replacement filter cartridge pressure crema cup cups temperature hot cold
lukewarm heating element boiler leak leaking puddle drip dripping valve seal gasket button power switch
display screen menu settings reset firmware app bluetooth pairing phone update cleaning clean rinse brush
tablet scale limescale hardness strip test portafilter basket tamper dose shot extraction bitter sour
taste flavour smell plastic burnt motor stuck jammed blocked clogged broken cracked lid drawer tray
drip-tray grounds container spout nozzle hose pipe cable plug socket fuse noise vibration alarm beep sound
model serial number manual instructions receipt invoice shop store online account login password email
subscription discount voucher price cost spare part parts replacement battery charger travel holiday
office kitchen counter morning week month year daily weekly monthly problem issue question answer help
support customer service technician visit warranty-card registration registered purchase bought new old
second first latest original genuine compatible third-party brand aurora one duo pro mini""".split(),
    "it": """macchina caffè espresso acqua serbatoio pompa errore spia rossa lampeggia lampeggiante
decalcificazione decalcificare ciclo latte montalatte schiuma vapore lancia macinacaffè chicchi rumore
rumorosa macinatura macine capsula capsule cialda ordine consegna spedizione corriere rimborso garanzia
riparazione sostituzione filtro cartuccia pressione crema tazza tazzine temperatura caldo freddo tiepido
resistenza caldaia perdita perde pozza goccia gocciola valvola guarnizione pulsante tasto accensione
interruttore display schermo menu impostazioni ripristino aggiornamento app bluetooth associazione
telefono pulizia pulire risciacquo spazzola pastiglia calcare durezza striscia prova portafiltro cestello
pressino dose estrazione amaro acido gusto sapore odore plastica bruciato motore bloccato incastrato
intasato rotto crepato coperchio cassetto vassoio vaschetta fondi contenitore beccuccio ugello tubo cavo
spina presa fusibile vibrazione allarme suono modello numero seriale manuale istruzioni scontrino fattura
negozio acquisto online account password email abbonamento sconto buono prezzo costo ricambio ricambi
batteria caricatore viaggio vacanza ufficio cucina mattina settimana mese anno giorno problema domanda
risposta aiuto assistenza cliente servizio tecnico visita registrazione registrata comprata nuova vecchia
seconda prima ultima originale compatibile marca aurora one duo pro mini""".split(),
}
STOP = {
    "en": "the a an and or but of to in on at for with my is it this that after before when not does can i".split(),
    "it": "il la lo le i gli un una e o ma di a da in con su per mio mia è non che quando dopo prima si".split(),
}


CODES = [f"e{n:02d}" for n in range(1, 60)] + [f"am{n}" for n in range(100, 160)] + \
        [f"kit{n}" for n in range(10, 70)]


def _inflections(word: str, language: str) -> list[str]:
    if language == "it" and word[-1] in "aeio":
        return [word] + [word[:-1] + end for end in "aeio" if end != word[-1]][:2]
    if language == "en" and word.isalpha():
        return [word, word + "s", word + ("ing" if not word.endswith("e") else "d")]
    return [word]


@cache
def vocabulary(language: str) -> list[str]:
    """Base words first (most frequent), then their other forms, then codes: ≈ 1,000 words a language."""
    base = CONTENT[language]
    others = [form for word in base for form in _inflections(word, language)[1:]]
    return list(dict.fromkeys(base + others + CODES))


@cache
def _weights(language: str) -> list[float]:
    return [1 / (rank + 40) for rank in range(len(vocabulary(language)))]


def words(language: str, rng: random.Random, count: int) -> list[str]:
    return rng.choices(vocabulary(language), weights=_weights(language), k=count)


def sentence(language: str, rng: random.Random) -> str:
    out = []
    for word in words(language, rng, rng.randint(6, 14)):
        if rng.random() < 0.45:
            out.append(rng.choice(STOP[language]))
        out.append(word)
    return " ".join(out).capitalize() + "."


def title(language: str, rng: random.Random) -> str:
    return sentence(language, rng)[:140].rstrip(".") + "?"


def query_words(language: str, rng: random.Random, count: int) -> list[str]:
    return words(language, rng, count)


FIRST_NAMES = """giulia marco luca sara anna paolo chiara matteo elena andrea francesca davide laura simone
valentina alessandro martina federico silvia roberto emma james olivia liam sophie noah mia oliver grace
jack chloe harry ella thomas lucy daniel hannah samuel emily george isabel""".split()
LAST_NAMES = """rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti
costa giordano mancini rizzo lombardi moretti smith jones taylor brown williams wilson johnson davies
evans walker wright thompson white hughes""".split()

_STEPS = {
    "en": ["Unplug the machine and wait ten minutes", "Empty the drip tray and the grounds container",
           "Run a descaling cycle with fresh water", "Hold the power button for five seconds",
           "Check that the water tank is seated properly", "Rinse the filter under warm water",
           "Update the app and pair the machine again", "Write down the serial number under the tray"],
    "it": ["Stacca la spina e aspetta dieci minuti", "Svuota la vaschetta e il contenitore dei fondi",
           "Fai un ciclo di decalcificazione con acqua fresca",
           "Tieni premuto il tasto di accensione per cinque secondi",
           "Controlla che il serbatoio sia inserito bene", "Sciacqua il filtro sotto l'acqua tiepida",
           "Aggiorna l'app e associa di nuovo la macchina", "Annota il numero di serie sotto il vassoio"],
}
_LINK_TEXT = {"en": ["the manual", "the support page", "this guide"],
              "it": ["il manuale", "la pagina di assistenza", "questa guida"]}


def paragraph(language: str, rng: random.Random) -> str:
    return " ".join(sentence(language, rng) for _ in range(rng.randint(1, 4)))


def post_markdown(language: str, rng: random.Random) -> str:
    """A question or answer body as people write them: paragraphs, sometimes steps, an error code in
    backticks, emphasis, a link or a pasted log."""
    blocks = [paragraph(language, rng) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        steps = rng.sample(_STEPS[language], rng.randint(2, 4))
        numbered = rng.random() < 0.5
        blocks.insert(rng.randint(0, len(blocks)), "\n".join(
            f"{n}. {step}." if numbered else f"- {step}." for n, step in enumerate(steps, 1)))
    if rng.random() < 0.25:
        code = rng.choice(CODES).upper()
        blocks[0] += f" The display shows `{code}`." if language == "en" else f" Il display mostra `{code}`."
    if rng.random() < 0.2:
        word = rng.choice(vocabulary(language)[:80])
        blocks[-1] += f" **{word}**" if rng.random() < 0.5 else f" *{word}*"
    if rng.random() < 0.15:
        blocks.append(f"[{rng.choice(_LINK_TEXT[language])}](https://support.example.com/"
                      f"{rng.choice(CODES)}/{rng.randrange(1000)})")
    if rng.random() < 0.05:
        lines = [f"{rng.randrange(24):02d}:{rng.randrange(60):02d} {rng.choice(CODES).upper()} "
                 f"{' '.join(words(language, rng, 3))}" for _ in range(rng.randint(2, 5))]
        blocks.append("```\n" + "\n".join(lines) + "\n```")
    return "\n\n".join(blocks)


def comment_markdown(language: str, rng: random.Random) -> str:
    text = sentence(language, rng)
    if rng.random() < 0.15:
        text += f" `{rng.choice(CODES).upper()}`"
    if rng.random() < 0.4:
        text = sentence(language, rng) + " " + text
    return text
