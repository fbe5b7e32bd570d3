"""The demo community of Aurora Caffè: tags (named in both languages), members and forty threads, as plain data.

Times are relative to the moment of seeding: a question's `asked_days_ago`, an answer's
`hours_after` the question, a comment's `hours_after` the post it is on.
"""

from __future__ import annotations

from typing import Any

BRAND_NAME = "Aurora Caffè"

TAGS: list[dict[str, Any]] = [
    {
        "name": "aurora-one",
        "name_en": "Aurora One",
        "name_it": "Aurora One",
        "aliases": [],
        "description": "Aurora One, our entry-level espresso machine with a 54 mm portafilter and three temperature levels.",
        "description_it": "Aurora One, la nostra macchina espresso d'ingresso con portafiltro da 54 mm e tre livelli di temperatura.",
    },
    {
        "name": "aurora-duo",
        "name_en": "Aurora Duo",
        "name_it": "Aurora Duo",
        "aliases": [],
        "description": "Aurora Duo, the dual boiler machine with PID temperature control, pressure gauge and app connectivity.",
        "description_it": "Aurora Duo, la macchina a doppia caldaia con controllo PID della temperatura, manometro e connessione all'app.",
    },
    {
        "name": "macina-pro",
        "name_en": "Macina Pro",
        "name_it": "Macina Pro",
        "aliases": ["macinacaffe", "grinder"],
        "description": "Macina Pro, the 64 mm flat burr grinder: grind settings, cleaning and burrs.",
        "description_it": "Macina Pro, il macinacaffè a macine piatte da 64 mm: regolazioni, pulizia e macine.",
    },
    {
        "name": "lattea",
        "name_en": "Lattea",
        "name_it": "Lattea",
        "aliases": ["montalatte", "milk-frother"],
        "description": "Lattea, the induction milk frother: foam, temperature and plant-based drinks.",
        "description_it": "Lattea, il montalatte a induzione: schiuma, temperatura e bevande vegetali.",
    },
    {
        "name": "aurora-app",
        "name_en": "Aurora app",
        "name_it": "App Aurora",
        "aliases": ["app"],
        "description": "The Aurora companion app: pairing, Wi-Fi setup, schedules and firmware updates over Bluetooth or Wi-Fi.",
        "description_it": "L'app Aurora: abbinamento, configurazione Wi-Fi, programmazione e aggiornamenti firmware via Bluetooth o Wi-Fi.",
    },
    {
        "name": "warranty",
        "name_en": "Warranty",
        "name_it": "Garanzia",
        "aliases": ["riparazione", "repair"],
        "description": "Warranty cover, repairs, spare parts and returns of faulty products.",
        "description_it": "Garanzia, riparazioni, ricambi e resi di prodotti difettosi.",
    },
    {
        "name": "orders",
        "name_en": "Orders",
        "name_it": "Ordini",
        "aliases": ["spedizione", "shipping"],
        "description": "Orders from the Aurora online shop: payment, shipping, damaged deliveries and refunds.",
        "description_it": "Ordini dallo shop online Aurora: pagamenti, spedizioni, consegne danneggiate e rimborsi.",
    },
    {
        "name": "descaling",
        "name_en": "Descaling",
        "name_it": "Decalcificazione",
        "aliases": ["calcare", "decalcificante", "descale"],
        "description": "Descaling, cleaning and routine maintenance, including water hardness settings and filters.",
        "description_it": "Decalcificazione, pulizia e manutenzione ordinaria, comprese durezza dell'acqua e filtri.",
    },
]

USERS: list[dict[str, Any]] = [
    {"username": "giulia.rinaldi", "display_name": "Giulia Rinaldi", "locale": "it", "role": "member",
     "joined_days_ago": 540, "about": "Torino. Aurora Duo da due anni, un cappuccino ogni mattina."},
    {"username": "marco.bianchi", "display_name": "Marco Bianchi", "locale": "it", "role": "member",
     "joined_days_ago": 620, "about": "Barista amatoriale a Bologna. Duo + Macina Pro, peso tutto al decimo di grammo."},
    {"username": "sara.conti", "display_name": "Sara Conti", "locale": "it", "role": "member",
     "joined_days_ago": 410, "about": "Milano. Aurora One e Macina Pro, sto ancora imparando."},
    {"username": "luca_ferraro", "display_name": "Luca Ferraro", "locale": "it", "role": "member",
     "joined_days_ago": 590, "about": "Tecnico di macchine da caffè in pensione, Verona. Se c'è una guarnizione, l'ho cambiata."},
    {"username": "francesca.moretti", "display_name": "Francesca Moretti", "locale": "it", "role": "member",
     "joined_days_ago": 230, "about": "Napoli. Il caffè deve essere buono, punto."},
    {"username": "davide.esposito", "display_name": "Davide Esposito", "locale": "it", "role": "member",
     "joined_days_ago": 260, "about": ""},
    {"username": "chiara.galli", "display_name": "Chiara Galli", "locale": "it", "role": "member",
     "joined_days_ago": 95, "about": "Bergamo. Solo latte d'avena, grazie."},
    {"username": "alessandro.romano", "display_name": "Alessandro Romano", "locale": "it", "role": "member",
     "joined_days_ago": 330, "about": "Romano trapiantato a Dublino, software engineer. Scrivo in inglese o in italiano."},
    {"username": "elena.marchetti", "display_name": "Elena Marchetti", "locale": "it", "role": "member",
     "joined_days_ago": 45, "about": ""},
    {"username": "tom.whitaker", "display_name": "Tom Whitaker", "locale": "en", "role": "member",
     "joined_days_ago": 480, "about": "Home espresso nerd in Leeds. Duo owner since launch week."},
    {"username": "emma.schulz", "display_name": "Emma Schulz", "locale": "en", "role": "member",
     "joined_days_ago": 300, "about": "German in Milan. Flat white enthusiast."},
    {"username": "james.oconnor", "display_name": "James O'Connor", "locale": "en", "role": "member",
     "joined_days_ago": 320, "about": "Cork, Ireland. Still learning to dial in."},
    {"username": "priya.nair", "display_name": "Priya Nair", "locale": "en", "role": "member",
     "joined_days_ago": 260, "about": "London. Aurora One, Lattea and far too many bags of beans."},
    {"username": "lucas.martin", "display_name": "Lucas Martin", "locale": "en", "role": "member",
     "joined_days_ago": 170, "about": "Lyon. First espresso machine, be gentle."},
    {"username": "sofia.lindqvist", "display_name": "Sofia Lindqvist", "locale": "en", "role": "member",
     "joined_days_ago": 25, "about": ""},
    {"username": "aurora.care", "display_name": "Marta · Aurora Care", "locale": "it", "role": "moderator",
     "joined_days_ago": 700,
     "about": "Assistenza clienti Aurora Caffè, Torino. Rispondiamo lun–ven 9–18. Customer care team, we answer in Italian and English."},
]

QUESTIONS: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ the last two days
    {
        "author": "sofia.lindqvist",
        "title": "Aurora One leaking water from under the drip tray",
        "body": """Since yesterday there's a small puddle under my Aurora One every morning. It's not the drip tray overflowing, I empty it every day. The water seems to come from the back left corner, under the machine.

- Bought in March, so still under warranty
- The water tank is seated properly (I checked twice)
- It happens even when I don't brew, just leaving it on standby

Is this something I can check myself, or should I send it in straight away?""",
        "tags": ["aurora-one", "warranty"],
        "language": "en",
        "asked_days_ago": 0.3,
        "views": 14,
        "votes": {"up": ["priya.nair"], "down": []},
        "comments": [
            {"author": "tom.whitaker",
             "body": "Is the puddle still there if you take the tank out overnight? That tells you whether it's the tank valve or something inside the machine.",
             "hours_after": 3.5},
        ],
        "answers": [],
    },
    {
        "author": "chiara.galli",
        "title": "Aurora Duo fa un clic ogni 10 secondi anche da spenta",
        "body": """Da un paio di giorni la mia Duo, anche quando è in standby (spia bianca fissa), fa un *clic* secco più o meno ogni 10 secondi. Non esce acqua e non sembra scaldarsi niente.

Non ho cambiato nulla, l'unica novità è l'aggiornamento del firmware alla `2.4.1` la settimana scorsa. È un relè? Devo preoccuparmi?""",
        "tags": ["aurora-duo", "aurora-app"],
        "language": "it",
        "asked_days_ago": 0.8,
        "views": 23,
        "votes": {"up": [], "down": []},
        "comments": [],
        "answers": [],
    },
    {
        "author": "emma.schulz",
        "title": "Why does the Aurora app need location permission on Android?",
        "body": """I just reinstalled the Aurora app on a new phone (Pixel 8, Android 14) and it refuses to search for my Duo unless I grant **precise location**. I'm not thrilled about giving a coffee app my location.

Is this really necessary, and is anything sent to Aurora's servers?""",
        "tags": ["aurora-app"],
        "language": "en",
        "asked_days_ago": 1.2,
        "views": 41,
        "votes": {"up": ["tom.whitaker", "james.oconnor"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """It's an Android thing rather than an Aurora thing. Until Android 12, any app scanning for Bluetooth LE devices had to hold the location permission, because BLE scans can in theory be used to locate you. Newer apps can use the `BLUETOOTH_SCAN` permission instead, but the app has to declare it that way.

What I did:

1. Grant location **only while using the app**
2. Pair the machine and finish the Wi-Fi setup
3. Go back to *Settings → Apps → Aurora → Permissions* and set location to *Don't allow*

Everything kept working afterwards, including firmware updates over Wi-Fi. Only a new Bluetooth pairing needs it again.""",
                "hours_after": 2.2,
                "accepted": False,
                "votes": {"up": ["emma.schulz", "priya.nair", "lucas.martin"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "davide.esposito",
        "title": "Spedizione ferma da 5 giorni, il tracking non si aggiorna",
        "body": """Ho ordinato una Macina Pro il 3 del mese (pagata con carta), ho ricevuto la mail di spedizione con il tracking ma da 5 giorni lo stato è sempre *"In lavorazione presso l'hub di Piacenza"*.

Ho scritto al servizio clienti tramite il modulo ma non ho ancora avuto risposta. È capitato anche a qualcun altro? Sinceramente comincio a pensare di chiedere il rimborso.""",
        "tags": ["orders", "macina-pro"],
        "language": "it",
        "asked_days_ago": 1.6,
        "views": 31,
        "votes": {"up": ["sara.conti"], "down": []},
        "comments": [
            {"author": "francesca.moretti",
             "body": "Anche a me a dicembre il tracking è rimasto fermo 4 giorni sullo stesso hub, poi il pacco è arrivato a casa senza nessun aggiornamento. Capisco però il nervoso.",
             "hours_after": 5.0},
        ],
        "answers": [],
    },
    {
        "author": "elena.marchetti",
        "title": "Posso usare un cestello filtro di terze parti sulla Aurora One?",
        "body": """Vorrei provare un cestello di precisione al posto di quello doppio originale della mia Aurora One. Il portafiltro mi sembra da 54 mm, ma non trovo da nessuna parte le specifiche ufficiali.

Qualcuno ha già provato? Mi interessa sapere:

- diametro esatto e altezza massima del cestello
- se perdo la garanzia usando accessori non originali""",
        "tags": ["aurora-one", "warranty"],
        "language": "it",
        "asked_days_ago": 1.9,
        "views": 38,
        "votes": {"up": ["marco.bianchi", "chiara.galli"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """Sì, il portafiltro della Aurora One è da **54 mm**, con le alette standard. Io uso da mesi un cestello di precisione da 54 mm senza problemi. Due cose da controllare:

1. **Altezza**: quelli "da 18 g" sono più alti dell'originale (che è da 16 g). Il portafiltro si aggancia lo stesso, ma la doccetta tocca il pannello di caffè: resta sui 16–17 g oppure scegli un cestello basso.
2. **Molla di ritenzione**: alcuni cestelli non hanno la scanalatura per la molla e cadono quando batti i fondi. Prendine uno con la scanalatura.

Per la garanzia: usare un cestello diverso non la fa decadere, a meno che il danno non sia causato proprio dall'accessorio (per esempio una guarnizione rovinata da un cestello troppo alto).""",
                "hours_after": 2.8,
                "accepted": True,
                "votes": {"up": ["elena.marchetti", "luca_ferraro", "sara.conti", "chiara.galli"], "down": []},
                "comments": [
                    {"author": "elena.marchetti",
                     "body": "Perfetto, ho preso quello da 16 g con la scanalatura. Grazie, risolto!",
                     "hours_after": 4.0},
                ],
            },
        ],
    },
    # ------------------------------------------------------------------ the last weeks
    {
        "author": "james.oconnor",
        "title": "Aurora Duo firmware update stuck at 80% over Bluetooth",
        "body": """I've tried three times now to update my Duo from the app, and every time the progress bar gets to 80% and then sits there. After about 10 minutes the app says *"Update failed, please try again"*.

```
Machine:    Aurora Duo (serial AD2-21xxxx)
Firmware:   2.3.1 -> 2.4.1
App:        3.8.0, iPhone 13, iOS 17.4
Connection: Bluetooth
```

The machine still works normally afterwards, but I'm worried I'll brick it. Any ideas?""",
        "tags": ["aurora-duo", "aurora-app"],
        "language": "en",
        "asked_days_ago": 2.6,
        "views": 64,
        "votes": {"up": ["tom.whitaker", "giulia.rinaldi", "lucas.martin"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """This is a known problem with the Bluetooth update path; there's a long thread about it in Italian from last month (same 80% stall). The short version:

1. Update the **app** first (3.8.2 or newer fixes the timeout)
2. Connect the Duo to your **Wi-Fi** in *Settings → Machine → Network* (2.4 GHz only)
3. Start the update again: once the machine is online the app offers Wi-Fi as the update method
4. Don't touch the machine until the display shows `UPD OK` and it reboots on its own (about 4 minutes)

If you can't use Wi-Fi: keep the phone within a metre of the machine, turn off Low Power Mode and keep the app in the foreground. At 80% the machine verifies the image, and that's exactly when iOS suspends the connection.

You won't brick it: the Duo keeps the old firmware until the new one has been verified.""",
                "hours_after": 1.4,
                "accepted": True,
                "votes": {"up": ["james.oconnor", "emma.schulz", "giulia.rinaldi", "priya.nair", "lucas.martin", "marco.bianchi"], "down": []},
                "comments": [
                    {"author": "james.oconnor",
                     "body": "Updated the app to 3.8.2 and did it over Wi-Fi: `UPD OK` after about 4 minutes. Thanks Tom!",
                     "hours_after": 3.0},
                ],
            },
            {
                "author": "emma.schulz",
                "body": """Same here with an Android phone. For me the trick was to disable battery optimisation for the Aurora app (*Settings → Apps → Aurora → Battery → Unrestricted*). It got past 80% on the first try after that.""",
                "hours_after": 6.5,
                "accepted": False,
                "votes": {"up": ["tom.whitaker"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "lucas.martin",
        "title": "Shots run way too fast (10 seconds) on my new Aurora One",
        "body": """Got my Aurora One and a Macina Pro last week. Whatever I do, the double shot is done in about 10 seconds and tastes thin and sour.

What I'm doing now:

- 16 g of medium roast beans, roasted about 3 weeks ago
- Macina Pro on setting **12**
- Tamping as hard as I can
- Getting around 50 g in the cup

What should I change first?""",
        "tags": ["aurora-one", "macina-pro"],
        "language": "en",
        "asked_days_ago": 3.4,
        "views": 87,
        "votes": {"up": ["tom.whitaker", "marco.bianchi"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """Grind finer, a lot finer. Setting 12 on the Macina Pro is closer to moka pot territory; with the Aurora One's standard baskets most people end up between **4 and 8**.

A simple routine that works:

1. Keep the dose fixed at 16 g
2. Stop the shot by weight at **32 g** (1:2 ratio), not by volume: 50 g is a lungo
3. Go two steps finer each time until the shot takes **25–30 s** from pressing the button
4. Only then adjust for taste: sour → a bit finer, bitter → a bit coarser

Tamping harder doesn't make up for a coarse grind; a firm, level tamp is enough. And turn the dial only while the grinder is running, especially when going finer.""",
                "hours_after": 1.1,
                "accepted": True,
                "votes": {"up": ["lucas.martin", "marco.bianchi", "priya.nair", "james.oconnor", "alessandro.romano"], "down": []},
                "comments": [
                    {"author": "lucas.martin",
                     "body": "Setting 6, 16 g in, 33 g out in 27 s. Night and day. Thank you both!",
                     "hours_after": 20.0},
                ],
            },
            {
                "author": "marco.bianchi",
                "body": """Agree with Tom. One more thing: three-week-old beans are fine, but supermarket bags without a roast date can be much older, and those will always run fast. Try a fresh bag from a local roaster before chasing the grind too far.""",
                "hours_after": 5.0,
                "accepted": False,
                "votes": {"up": ["lucas.martin", "tom.whitaker"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "davide.esposito",
        "title": "Aurora One: errore E04 e luce rossa lampeggiante, non funziona più",
        "body": """Stamattina la macchina si è accesa normalmente, ma appena premo il tasto del caffè la pompa fa rumore per due secondi, poi si ferma e compare **E04** sul display, con la luce rossa che lampeggia.

Ho già provato a:

1. spegnere e riaccendere
2. staccare la spina per 10 minuti
3. riempire il serbatoio fino al MAX

Niente da fare, non funziona più. La macchina ha 14 mesi. Devo mandarla in assistenza? Sono senza caffè da stamattina…""",
        "tags": ["aurora-one", "warranty"],
        "language": "it",
        "asked_days_ago": 5.1,
        "views": 156,
        "votes": {"up": ["marco.bianchi", "luca_ferraro", "sara.conti"], "down": []},
        "comments": [
            {"author": "luca_ferraro",
             "body": "Quando togli il serbatoio, il galleggiante bianco sul fondo si muove liberamente?",
             "hours_after": 0.6},
            {"author": "davide.esposito",
             "body": "Non lo so, non ci ho mai guardato. Controllo appena torno a casa stasera.",
             "hours_after": 1.2},
        ],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """E04 sulla Aurora One vuol dire che la pompa non rileva flusso d'acqua. Nove volte su dieci non è un guasto:

1. **Galleggiante del serbatoio**: sul fondo del serbatoio c'è un galleggiante con un magnete. Se è incastrato (calcare, un chicco di caffè…) la macchina crede che il serbatoio sia vuoto. Sciacqualo e verifica che salga e scenda liberamente.
2. **Aria nel circuito**: rimetti il serbatoio pieno, metti una tazza sotto il gruppo e tieni premuti insieme i tasti `1 tazza` e `2 tazze` per 5 secondi: parte il ciclo di spurgo.
3. **Valvola del serbatoio**: sotto il serbatoio c'è una valvolina a molla; se è sporca non si apre. Premila un paio di volte con il dito sotto l'acqua corrente.

Se dopo queste prove E04 resta, allora sì, serve l'assistenza.""",
                "hours_after": 1.8,
                "accepted": True,
                "votes": {"up": ["davide.esposito", "luca_ferraro", "sara.conti", "giulia.rinaldi", "elena.marchetti", "francesca.moretti", "aurora.care"], "down": []},
                "comments": [
                    {"author": "davide.esposito",
                     "body": "Era proprio il galleggiante, bloccato da un po' di calcare. Sciacquato, fatto lo spurgo e ora va. Grazie, risolto!",
                     "hours_after": 8.0},
                ],
            },
            {
                "author": "aurora.care",
                "body": """Ciao Davide, grazie per la segnalazione e scusaci per il disagio.

Confermo quanto scritto da Marco: **E04** indica mancanza di flusso verso la pompa. Aggiungo solo che, se il galleggiante fosse danneggiato, è un ricambio coperto dalla garanzia e possiamo spedirtelo senza far rientrare la macchina (codice ricambio `AO-TNK-FLT`).

Se invece dopo il ciclo di spurgo l'errore persiste, apri una richiesta da [questa pagina](https://auroracaffe.example/assistenza) indicando il numero di serie (è sotto il vassoio raccogligocce): ti mandiamo un'etichetta per il ritiro gratuito a domicilio, visto che la macchina è ancora in garanzia.

Marta, team Aurora Care""",
                "hours_after": 3.5,
                "accepted": False,
                "votes": {"up": ["davide.esposito", "marco.bianchi", "luca_ferraro"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "lucas.martin",
        "title": "How long does a refund take after cancelling an order before it ships?",
        "body": """I ordered a Lattea on the Aurora online shop, then realised my partner had already bought me one (surprise gift, oops). I cancelled from my account about 2 hours later and got an email saying *"Your order has been cancelled"*, but 4 days later the money is still gone from my card.

Paid with a Visa debit card. Is that normal? Do I need to do anything else?""",
        "tags": ["orders"],
        "language": "en",
        "asked_days_ago": 7.8,
        "views": 112,
        "votes": {"up": ["priya.nair"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "aurora.care",
                "body": """Hi Lucas, thanks for reaching out, and congratulations on the two-Lattea household!

When an order is cancelled before dispatch we never capture the payment: we release the **authorisation** on your card the same day. What you're seeing is that hold, not a charge. How quickly it disappears depends on your bank:

- credit cards: usually 2–5 business days
- debit cards: up to **7–10 business days** with some banks
- PayPal: immediately, or within 24 hours

If it's still there after 10 business days, reply to the cancellation email and we'll send you a confirmation of the released authorisation to show your bank.

Marta, Aurora Care team""",
                "hours_after": 4.5,
                "accepted": True,
                "votes": {"up": ["lucas.martin", "tom.whitaker", "priya.nair", "emma.schulz"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "elena.marchetti",
        "title": "Ordine arrivato con la scatola distrutta e il serbatoio crepato",
        "body": """Mi è appena arrivata la Aurora One ordinata sul sito. Il cartone esterno era schiacciato su un lato e, aprendo, ho trovato il serbatoio dell'acqua con una crepa di circa 3 cm. La macchina sembra integra, ma non ho il coraggio di accenderla.

Ero così contenta e ora sono piuttosto delusa. Cosa devo fare? Devo rimandare indietro tutto o posso avere solo un serbatoio nuovo?""",
        "tags": ["orders", "aurora-one"],
        "language": "it",
        "asked_days_ago": 10.5,
        "views": 203,
        "votes": {"up": ["sara.conti", "giulia.rinaldi"], "down": []},
        "comments": [
            {"author": "sara.conti",
             "body": "Hai fatto le foto della scatola prima di aprirla? Di solito le chiedono per la pratica con il corriere.",
             "hours_after": 0.9},
            {"author": "elena.marchetti",
             "body": "Sì, per fortuna ho fotografato tutto, anche l'etichetta del pacco.",
             "hours_after": 1.6},
        ],
        "answers": [
            {
                "author": "sara.conti",
                "body": """A me era successo con un ordine di accessori, non con la macchina, ma la procedura è la stessa: scrivi subito dalla sezione *I miei ordini* (c'è il pulsante "Segnala un problema") e allega le foto. Intanto non buttare l'imballo.""",
                "hours_after": 1.9,
                "accepted": False,
                "votes": {"up": ["elena.marchetti"], "down": []},
                "comments": [],
            },
            {
                "author": "aurora.care",
                "body": """Ciao Elena, ci dispiace davvero che il tuo primo incontro con la Aurora One sia andato così.

Per i danni da trasporto procediamo così:

1. Invia le foto (scatola, etichetta e serbatoio) da *I miei ordini → Segnala un problema*, entro **14 giorni** dalla consegna.
2. Se il resto della macchina è integro, ti spediamo **subito un serbatoio nuovo** in 2–3 giorni lavorativi, senza costi e senza dover restituire nulla.
3. Se preferisci, puoi chiedere invece la sostituzione completa: in quel caso il corriere ritira la macchina nell'imballo originale.

Nel frattempo ti sconsiglio di usarla con il serbatoio crepato, perché l'acqua potrebbe finire sulla base.

Marta, team Aurora Care""",
                "hours_after": 3.2,
                "accepted": True,
                "votes": {"up": ["elena.marchetti", "sara.conti", "giulia.rinaldi", "davide.esposito", "marco.bianchi"], "down": []},
                "comments": [
                    {"author": "elena.marchetti",
                     "body": "Serbatoio arrivato ieri, tutto perfetto. Grazie per la rapidità!",
                     "hours_after": 46.0},
                ],
            },
        ],
    },
    {
        "author": "chiara.galli",
        "title": "La lancia vapore della Duo gocciola anche a macchina spenta",
        "body": """Da qualche settimana la lancia vapore della mia Aurora Duo continua a gocciolare: circa una goccia ogni 5–6 secondi, anche quando la macchina è spenta da ore. Ogni mattina trovo il vassoio pieno a metà.

La manopola è chiusa bene (senza stringerla troppo). La macchina ha due anni e mezzo, quindi è fuori garanzia. Si può sistemare da soli?""",
        "tags": ["aurora-duo"],
        "language": "it",
        "asked_days_ago": 13.2,
        "views": 178,
        "votes": {"up": ["luca_ferraro", "giulia.rinaldi"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """Un po' di gocciolamento è normale, è condensa che si forma nella caldaia vapore. Basta fare uno spurgo di un paio di secondi prima e dopo ogni uso e non ci pensi più.""",
                "hours_after": 2.0,
                "accepted": False,
                "votes": {"up": [], "down": ["luca_ferraro", "chiara.galli"]},
                "comments": [
                    {"author": "luca_ferraro",
                     "body": "Marco, la condensa c'è solo nei primi minuti dopo l'uso: se gocciola a macchina spenta da ore è la valvola che non chiude più, lo spurgo non c'entra.",
                     "hours_after": 1.5},
                    {"author": "marco.bianchi",
                     "body": "Vero, avevo letto male: pensavo gocciolasse solo dopo aver montato il latte. Ritiro tutto.",
                     "hours_after": 3.0},
                ],
            },
            {
                "author": "luca_ferraro",
                "body": """Se gocciola a macchina **spenta e fredda** non è condensa: è la tenuta della valvola vapore che non chiude più. Sulla Duo è un intervento semplice:

1. Macchina spenta, scollegata e fredda: aspetta almeno 2 ore, la caldaia vapore resta in pressione a lungo!
2. Sfila la manopola tirandola verso di te e svita il dado da 17 mm che trovi sotto
3. Estrai il perno della valvola: in punta ha una guarnizione, quasi sicuramente rigata o indurita dal calcare
4. Sostituiscila (kit `AD-STM-VLV`, costa meno di 10 €) e rimonta con un velo di grasso al silicone per uso alimentare

Se è rigato anche il perno, conviene cambiare tutto il gruppo valvola.""",
                "hours_after": 3.1,
                "accepted": False,
                "votes": {"up": ["chiara.galli", "marco.bianchi", "giulia.rinaldi", "tom.whitaker", "sara.conti"], "down": []},
                "comments": [
                    {"author": "chiara.galli",
                     "body": "Ho ordinato il kit, appena arriva provo e vi aggiorno.",
                     "hours_after": 6.0},
                ],
            },
        ],
    },
    {
        "author": "chiara.galli",
        "title": "Lattea non monta il latte d'avena, esce solo liquido caldo",
        "body": """Ho comprato il Lattea soprattutto per il cappuccino con latte d'avena, ma il risultato è sempre lo stesso: latte caldo e quasi niente schiuma, al massimo qualche bolla grande che sparisce subito.

Con il latte vaccino intero invece funziona benissimo. Uso il programma *cappuccino* (quello con due gocce) e l'avena di una marca del supermercato, presa dal frigo.

Qualcuno ha trovato il modo di farlo funzionare con le bevande vegetali?""",
        "tags": ["lattea"],
        "language": "it",
        "asked_days_ago": 16.7,
        "views": 241,
        "votes": {"up": ["francesca.moretti", "priya.nair", "emma.schulz"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """Il problema quasi sempre non è il Lattea ma la bevanda. Le bevande vegetali "normali" hanno poche proteine e niente che stabilizzi la schiuma. Cosa funziona:

- Usa le versioni **"barista"**: hanno proteine aggiunte e un po' di olio, la differenza è enorme
- Parti da bevanda **fredda di frigo** (4–6 °C) e agita bene la confezione
- Non superare la tacca **MAX schiuma** (quella più bassa): con le vegetali serve più aria
- Usa la frusta con la molla, non il disco liscio
- Lava il bricco subito: i residui oleosi dell'avena sulla frusta rovinano la montata successiva

Con soia e avena barista ottengo una schiuma fine quasi come con il vaccino. Con mandorla e riso invece c'è poco da fare.""",
                "hours_after": 4.2,
                "accepted": True,
                "votes": {"up": ["chiara.galli", "francesca.moretti", "priya.nair", "luca_ferraro", "emma.schulz", "sara.conti", "sofia.lindqvist"], "down": []},
                "comments": [
                    {"author": "chiara.galli",
                     "body": "Presa l'avena barista e usata la frusta con la molla: finalmente schiuma vera! Grazie, risolto!",
                     "hours_after": 28.0},
                ],
            },
            {
                "author": "francesca.moretti",
                "body": """Confermo la cosa della versione barista. Aggiungo che se il Lattea è appena stato usato ed è ancora caldo, la seconda montata viene male: aspetta qualche minuto o sciacqualo con acqua fredda.""",
                "hours_after": 9.0,
                "accepted": False,
                "votes": {"up": ["chiara.galli", "marco.bianchi"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "sofia.lindqvist",
        "title": "Lattea makes big bubbles instead of silky microfoam",
        "body": """Is it possible to get latte-art quality foam from the Lattea? Mine is always stiff and bubbly on top with hot milk underneath, more like an old-school cappuccino.

I'm using semi-skimmed milk straight from the fridge and the *latte* program (the one-drop icon). Any tricks?""",
        "tags": ["lattea"],
        "language": "en",
        "asked_days_ago": 18.9,
        "views": 133,
        "votes": {"up": ["priya.nair", "tom.whitaker"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """The Lattea isn't a steam wand, so proper microfoam is a stretch, but you can get close:

- Use **whole milk**: semi-skimmed foams more, but the bubbles are bigger and drier
- Fill to the **upper** (latte) line, not the lower one
- When it finishes, tap the jug on the counter twice and swirl it for 10 seconds before pouring

That makes it pourable enough for a basic heart.""",
                "hours_after": 3.0,
                "accepted": False,
                "votes": {"up": ["sofia.lindqvist", "priya.nair", "lucas.martin"], "down": []},
                "comments": [],
            },
            {
                "author": "priya.nair",
                "body": """What finally worked for me: use the **flat disc** instead of the spring whisk. The spring whisk is designed to whip in air (cappuccino and cold foam); the flat disc mostly spins and heats, so you get a much thinner, glossier foam.

Combine that with whole milk and Tom's tap-and-swirl and it's honestly close to what I get from a steam wand. The disc sits on a magnet inside the lid when not in use, which is why many people never notice it.""",
                "hours_after": 5.5,
                "accepted": True,
                "votes": {"up": ["sofia.lindqvist", "tom.whitaker", "emma.schulz", "lucas.martin", "chiara.galli"], "down": []},
                "comments": [
                    {"author": "sofia.lindqvist",
                     "body": "The flat disc! I had no idea it was hidden in the lid. Managed my first (wobbly) heart this morning, thank you!",
                     "hours_after": 20.0},
                ],
            },
        ],
    },
    {
        "author": "priya.nair",
        "title": "Second time my Aurora One broke in 8 months: I want a replacement, not another repair",
        "body": """Honestly quite frustrated. My Aurora One (bought new in January) stopped heating in May; it went in for repair and came back after three weeks with a new heating element. Now, 8 months after purchase, it's doing **exactly the same thing**: the light goes green, but the water coming out is lukewarm.

This is the second time it broke. I don't want to be without a machine for another three weeks just for it to fail again. What are my options? Can I ask for a replacement or a refund instead?""",
        "tags": ["aurora-one", "warranty"],
        "language": "en",
        "asked_days_ago": 21.0,
        "views": 318,
        "votes": {"up": ["james.oconnor", "tom.whitaker", "lucas.martin", "emma.schulz"], "down": []},
        "comments": [
            {"author": "tom.whitaker",
             "body": "Sorry to hear that. Do you still have the repair case number from May? It makes things much faster.",
             "hours_after": 2.0},
            {"author": "priya.nair",
             "body": "Yes, I still have the email with the case number and the repair report.",
             "hours_after": 3.1},
        ],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """Under UK consumer law (and the EU rules are similar) if a repair doesn't fix the fault, you're entitled to ask for a replacement or a refund instead of accepting another repair. Aurora have been good about this in my experience: a friend's Duo was replaced outright after a second pump failure. Quote your first case number when you open the new request.""",
                "hours_after": 4.0,
                "accepted": False,
                "votes": {"up": ["priya.nair", "james.oconnor", "lucas.martin"], "down": []},
                "comments": [],
            },
            {
                "author": "aurora.care",
                "body": """Hi Priya, we're really sorry: a second failure of the same part is not the experience we want you to have.

Because this is a **repeat fault on a machine already repaired under warranty**, you don't have to go through a second repair:

1. Open a new request [here](https://auroracaffe.example/support) and quote your May case number in the first line
2. Choose **Replacement** as the preferred outcome (or **Refund** if you'd rather not keep an Aurora One)
3. The courier will deliver the new machine and collect the faulty one **at the same time**, so you're not left without coffee

Reply here once the request is open and I'll make sure the team picks it up today.

Marta, Aurora Care team""",
                "hours_after": 6.0,
                "accepted": True,
                "votes": {"up": ["priya.nair", "tom.whitaker", "james.oconnor", "emma.schulz", "lucas.martin", "alessandro.romano"], "down": []},
                "comments": [
                    {"author": "priya.nair",
                     "body": "Request opened, the replacement arrived on Thursday and the courier took the old one away. That's how it should work, thank you.",
                     "hours_after": 30.0},
                ],
            },
        ],
    },
    {
        "author": "francesca.moretti",
        "title": "Reso ritirato da 3 settimane e nessun rimborso: vorrei sapere dove sono i miei soldi",
        "body": """Ho restituito una Macina Pro (recesso entro i 14 giorni, era ancora sigillata) e il corriere l'ha ritirata il 2 del mese scorso. Sono passate più di tre settimane e il rimborso non è ancora arrivato. Nessuna mail, niente di niente.

Il prodotto era nuovo e ho seguito tutta la procedura. Vorrei un rimborso in tempi ragionevoli, non mi sembra di chiedere troppo. Qualcuno sa quanto ci vuole di solito?""",
        "tags": ["orders", "macina-pro"],
        "language": "it",
        "asked_days_ago": 26.4,
        "views": 276,
        "votes": {"up": ["davide.esposito", "elena.marchetti"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "davide.esposito",
                "body": """Nel mio caso (reso di un Lattea a febbraio) il rimborso è arrivato 12 giorni dopo il ritiro, ma avevo pagato con PayPal. La mail di conferma arriva solo quando il magazzino ha controllato il pacco, non al momento del ritiro.""",
                "hours_after": 3.0,
                "accepted": False,
                "votes": {"up": ["francesca.moretti"], "down": []},
                "comments": [],
            },
            {
                "author": "aurora.care",
                "body": """Ciao Francesca, hai ragione a chiedere: scusaci per l'attesa e per la mancanza di aggiornamenti.

I tempi standard di un recesso sono:

- **fino a 5 giorni lavorativi** perché il pacco arrivi al nostro magazzino di Torino
- **2 giorni lavorativi** per il controllo, dopo i quali ricevi la mail *"Reso accettato"*
- il rimborso parte subito dopo: PayPal in 24 ore, carta di credito 5–10 giorni a seconda della banca

Tre settimane senza nessuna mail quindi non sono normali. Ho sentito il magazzino: un gruppo di resi del mese scorso è rimasto in attesa di registrazione per un problema con il corriere, e il tuo potrebbe essere tra questi. Scrivimi in privato il numero d'ordine (inizia con `AC-`, lo trovi nella mail di conferma) e ti aggiorno entro domani.

Marta, team Aurora Care""",
                "hours_after": 5.0,
                "accepted": True,
                "votes": {"up": ["francesca.moretti", "davide.esposito", "sara.conti", "elena.marchetti"], "down": []},
                "comments": [
                    {"author": "francesca.moretti",
                     "body": "Mandato il numero in privato. Il rimborso è arrivato due giorni dopo, con tanto di scuse. Grazie Marta, risolto.",
                     "hours_after": 50.0},
                ],
            },
        ],
    },
    {
        "author": "alessandro.romano",
        "title": "L'app continua a chiedere la decalcificazione anche dopo averla fatta",
        "body": """Ho fatto la decalcificazione completa della Duo seguendo la procedura dell'app (decalcificante Aurora, due serbatoi di risciacquo, circa 40 minuti). Alla fine la macchina ha mostrato `dESC End` e la spia arancione si è spenta.

L'app però continua a mostrare la notifica *"Decalcificazione necessaria"* con il contatore al 100%. L'ho chiusa e riaperta, ho anche reinstallato l'app. Qualcuno sa come azzerarla?

App 3.8.0 su iPhone, firmware della macchina 2.3.1.""",
        "tags": ["aurora-app", "descaling", "aurora-duo"],
        "language": "it",
        "asked_days_ago": 31.9,
        "views": 188,
        "votes": {"up": ["luca_ferraro", "giulia.rinaldi"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "luca_ferraro",
                "body": """Con il firmware 2.3.1 il contatore della macchina viene azzerato, ma l'app rilegge il valore solo quando si risincronizza, e con la 2.3.1 succede solo dopo un riavvio completo. Prova così:

1. Spegni la Duo dall'interruttore posteriore (non dal tasto frontale) e aspetta 30 secondi
2. Riaccendila e apri l'app mentre la macchina è ancora in riscaldamento
3. Vai in *Manutenzione → Decalcificazione* e trascina verso il basso per aggiornare

Se ancora non va, in *Manutenzione → Decalcificazione → ⋯* c'è la voce **Azzera contatore** (va confermata sulla macchina premendo il tasto vapore). Con il firmware 2.4.x il problema è risolto e la sincronizzazione è automatica.""",
                "hours_after": 2.5,
                "accepted": True,
                "votes": {"up": ["alessandro.romano", "giulia.rinaldi", "marco.bianchi", "sara.conti", "james.oconnor"], "down": []},
                "comments": [],
            },
            {
                "author": "giulia.rinaldi",
                "body": """Mi era successo uguale. Ho aggiornato il firmware alla 2.4 e il contatore si è sistemato da solo; occhio però che a me l'aggiornamento via Bluetooth si bloccava (c'è un'altra discussione qui sul forum).""",
                "hours_after": 7.0,
                "accepted": False,
                "votes": {"up": ["alessandro.romano"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "giulia.rinaldi",
        "title": "Aggiornamento firmware della Duo bloccato all'80% via Bluetooth",
        "body": """Ciao a tutti, da ieri l'app mi propone l'aggiornamento del firmware della Duo. Lo avvio via Bluetooth, la barra arriva all'**80%** e poi resta lì. Dopo una decina di minuti compare un errore e la macchina riparte con la versione vecchia.

Ho provato tre volte, sempre uguale. Nei dettagli l'app mostra questo:

```
Aggiornamento non riuscito
Codice: DFU_TIMEOUT (80%)
```

Ho paura di rovinare la macchina. Qualcuno ha avuto lo stesso problema?""",
        "tags": ["aurora-duo", "aurora-app"],
        "language": "it",
        "asked_days_ago": 37.5,
        "views": 524,
        "votes": {"up": ["luca_ferraro", "marco.bianchi", "sara.conti", "alessandro.romano", "tom.whitaker"], "down": []},
        "comments": [
            {"author": "luca_ferraro",
             "body": "Che versione di firmware hai adesso sulla macchina? La trovi in *Impostazioni → Info*. E sul telefono hai il risparmio energetico attivo?",
             "hours_after": 0.7},
            {"author": "giulia.rinaldi",
             "body": "Firmware 2.3.1, app 3.8.0 su un Samsung S23 con Android 14. Il risparmio energetico sì, è sempre attivo.",
             "hours_after": 1.3},
        ],
        "answers": [
            {
                "author": "luca_ferraro",
                "body": """Con firmware 2.3.1 e Android 14 è un problema abbastanza noto: all'80% la macchina verifica il pacchetto e ci mette qualche secondo a rispondere, e nel frattempo Android, con il risparmio energetico, chiude la connessione Bluetooth. Cosa fare:

1. Aggiorna l'app alla **3.8.2** (uscita la settimana scorsa, allunga il timeout)
2. Disattiva il risparmio energetico e metti l'app Aurora su *Batteria → Senza restrizioni*
3. Tieni il telefono vicino alla macchina (meno di un metro) e con lo schermo acceso
4. Meglio ancora: collega la Duo al Wi-Fi (solo rete a **2,4 GHz**) e fai l'aggiornamento via Wi-Fi, è molto più veloce

Tranquilla per la macchina: la Duo tiene il firmware vecchio finché quello nuovo non è verificato, quindi non si blocca.""",
                "hours_after": 2.0,
                "accepted": True,
                "votes": {"up": ["giulia.rinaldi", "marco.bianchi", "sara.conti", "alessandro.romano", "tom.whitaker", "james.oconnor", "chiara.galli", "davide.esposito", "aurora.care"], "down": []},
                "comments": [
                    {"author": "giulia.rinaldi",
                     "body": "Aggiornata l'app e fatto via Wi-Fi: 100% in 4 minuti. Grazie, risolto!",
                     "hours_after": 5.0},
                ],
            },
            {
                "author": "aurora.care",
                "body": """Ciao Giulia, grazie per la segnalazione e per i dettagli, ci sono molto utili.

Confermiamo: con l'app 3.8.0 su alcuni telefoni Android 14 l'aggiornamento via Bluetooth va in timeout durante la verifica finale (80%). La versione **3.8.2** dell'app, già disponibile sul Play Store, corregge il problema. In ogni caso l'aggiornamento via Wi-Fi resta il metodo consigliato.

Se dovessi vedere un codice diverso da `DFU_TIMEOUT`, scrivici dalla sezione Assistenza dell'app allegando uno screenshot.

Marta, team Aurora Care""",
                "hours_after": 4.0,
                "accepted": False,
                "votes": {"up": ["giulia.rinaldi", "luca_ferraro", "marco.bianchi", "tom.whitaker"], "down": []},
                "comments": [],
            },
            {
                "author": "marco.bianchi",
                "body": """Aggiungo solo una cosa: dopo l'aggiornamento alla 2.4.0 controlla le temperature impostate. A me ha riportato la caldaia caffè al valore di fabbrica (93 °C) e per una settimana non capivo perché il caffè fosse cambiato.""",
                "hours_after": 20.0,
                "accepted": False,
                "votes": {"up": ["giulia.rinaldi", "luca_ferraro", "sara.conti"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "sara.conti",
        "title": "La Macina Pro si intasa con i chicchi molto oleosi",
        "body": """Ho comprato una miscela a tostatura scura (molto oleosa, i chicchi sono lucidi) e dopo due-tre giorni la Macina Pro ha iniziato a macinare sempre più lentamente, fino a bloccarsi quasi del tutto. Il motore gira ma non esce quasi niente.

Con le miscele medie non mi era mai successo. Come la pulisco senza rovinarla? E conviene proprio evitare i chicchi oleosi?""",
        "tags": ["macina-pro", "descaling"],
        "language": "it",
        "asked_days_ago": 44.2,
        "views": 297,
        "votes": {"up": ["marco.bianchi", "francesca.moretti", "luca_ferraro"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """Il trucco classico: fai macinare una manciata di riso crudo, che assorbe l'olio e ripulisce le macine. Poi macini un po' di caffè da buttare e sei a posto.""",
                "hours_after": 1.5,
                "accepted": False,
                "votes": {"up": ["francesca.moretti"], "down": ["luca_ferraro", "tom.whitaker", "giulia.rinaldi"]},
                "comments": [
                    {"author": "aurora.care",
                     "body": "Ciao Marco, grazie per il consiglio, ma sulla Macina Pro sconsigliamo il riso: è molto più duro del caffè, può scheggiare le macine e sovraccaricare il motore, e i danni causati così non sono coperti dalla garanzia. Meglio le pastiglie detergenti per macinacaffè. Marta, Aurora Care",
                     "hours_after": 3.0},
                    {"author": "marco.bianchi",
                     "body": "Giusto, ricordavo male: il riso lo usavo con il vecchio macinino a lame. Scusate!",
                     "hours_after": 4.0},
                ],
            },
            {
                "author": "luca_ferraro",
                "body": """Con i chicchi molto oleosi succede a tutti i macinini a macine piatte: l'olio si impasta con la polvere e forma un tappo che chiude lo scivolo di uscita. Pulizia completa, 15 minuti:

1. Svuota la tramoggia, poi fai girare il macinino a vuoto finché non esce più niente
2. **Stacca la spina**
3. Ruota la ghiera oltre la posizione più grossa e solleva la macina superiore (è a baionetta, non servono attrezzi)
4. Con il pennello in dotazione e uno stecchino pulisci le macine e soprattutto lo **scivolo di uscita**, dove si forma il tappo
5. Niente acqua sulle macine: al massimo un panno appena umido all'esterno, poi asciuga bene
6. Rimonta e ritrova lo zero: chiudi la ghiera finché senti le macine sfiorarsi, poi torna indietro di 2 tacche

Per la manutenzione ordinaria vanno bene le **pastiglie detergenti per macinacaffè** (quelle a base di cereali), una volta al mese. E sì: con le tostature molto scure pulisci ogni settimana, oppure cambia miscela.""",
                "hours_after": 2.5,
                "accepted": True,
                "votes": {"up": ["sara.conti", "marco.bianchi", "francesca.moretti", "giulia.rinaldi", "tom.whitaker", "aurora.care", "davide.esposito", "chiara.galli"], "down": []},
                "comments": [
                    {"author": "sara.conti",
                     "body": "Il tappo era proprio nello scivolo, compatto come cemento. Pulito tutto e ora macina come il primo giorno. Grazie!",
                     "hours_after": 20.0},
                ],
            },
            {
                "author": "giulia.rinaldi",
                "body": """Io con i chicchi scuri ho rinunciato: li compro solo per la moka e li macino con il vecchio macinino. Sulla Macina Pro uso solo tostature medie e la pulisco ogni due settimane: mai più un intasamento.""",
                "hours_after": 8.0,
                "accepted": False,
                "votes": {"up": ["sara.conti"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "james.oconnor",
        "title": "Aurora app can't find my Duo on 5 GHz Wi-Fi",
        "body": """Setting up my new Duo. Bluetooth pairing works fine, but at the Wi-Fi step the app only lists my neighbours' networks. My own network doesn't appear at all, and if I type the name manually it fails with *"Unable to join network"*.

My router is an ISP box with one network name for both bands, and my phone says it's connected at 5 GHz. Does the Duo simply not support 5 GHz?""",
        "tags": ["aurora-app", "aurora-duo"],
        "language": "en",
        "asked_days_ago": 52.8,
        "views": 612,
        "votes": {"up": ["tom.whitaker", "priya.nair", "emma.schulz", "lucas.martin", "alessandro.romano"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "lucas.martin",
                "body": """Have you tried turning the router off and on again? That fixed a lot of Wi-Fi problems for me with other smart devices.""",
                "hours_after": 1.0,
                "accepted": False,
                "votes": {"up": [], "down": ["tom.whitaker", "emma.schulz"]},
                "comments": [
                    {"author": "james.oconnor",
                     "body": "Yes, rebooted both the router and the machine a couple of times. No change, unfortunately.",
                     "hours_after": 0.5},
                ],
            },
            {
                "author": "tom.whitaker",
                "body": """Correct: the Duo's Wi-Fi module is **2.4 GHz only**, like most appliances. The app lists only the networks the machine itself can see, and with one shared name the router's *band steering* often hides the 2.4 GHz side from new devices.

Options, easiest first:

1. **Split the bands** in the router settings, e.g. `Home` (5 GHz) and `Home-2G` (2.4 GHz). Connect the Duo to `Home-2G`; your phone can stay on 5 GHz afterwards.
2. If you can't split them, most ISP boxes let you turn off **band steering** (sometimes called *smart connect*) temporarily. Do the setup, then turn it back on: the Duo stays on 2.4 GHz.
3. Enable the router's **guest network** on 2.4 GHz only and use that.

Also check that the network uses **WPA2** (the Duo can't join WPA3-only networks) and that the password has no emoji or unusual characters; the setup screen chokes on those.""",
                "hours_after": 2.2,
                "accepted": True,
                "votes": {"up": ["james.oconnor", "priya.nair", "emma.schulz", "lucas.martin", "alessandro.romano", "giulia.rinaldi", "marco.bianchi", "luca_ferraro", "sofia.lindqvist", "aurora.care"], "down": []},
                "comments": [
                    {"author": "james.oconnor",
                     "body": "Split the bands on the router and it connected on the first try. Thanks Tom!",
                     "hours_after": 3.0},
                ],
            },
            {
                "author": "priya.nair",
                "body": """Same issue with a Fritz!Box here. In the Wi-Fi settings I unticked "same network name for both bands" and the Duo found the 2.4 GHz network immediately. You can tick it again once the machine is connected.""",
                "hours_after": 26.0,
                "accepted": False,
                "votes": {"up": ["james.oconnor", "tom.whitaker"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "francesca.moretti",
        "title": "Caffè troppo acido con la Aurora One, cosa sbaglio?",
        "body": """Ho la Aurora One da due mesi, insieme alla Macina Pro. Il caffè esce, ha anche una bella crema, ma è **acido**, quasi aspro, e lascia la bocca secca. Non mi piace per niente e comincio a pensare di aver buttato i soldi.

I miei parametri:

- 16 g di caffè (100% arabica, tostatura chiara, preso in torrefazione)
- Macina Pro su 10
- esce in circa 18 secondi, in tazza saranno 40 g
- temperatura al livello 2 (quello medio)

Dove sbaglio?""",
        "tags": ["aurora-one", "macina-pro"],
        "language": "it",
        "asked_days_ago": 60.1,
        "views": 874,
        "votes": {"up": ["marco.bianchi", "luca_ferraro", "sara.conti", "giulia.rinaldi", "chiara.galli", "lucas.martin"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """Niente soldi buttati: è un caso da manuale di **sottoestrazione** (acido, secchezza in bocca, erogazione veloce), e con una tostatura chiara si sente ancora di più. Cambia una cosa alla volta, in quest'ordine:

1. **Macinatura più fine**: scendi da 10 a 6–7. Obiettivo: 25–30 secondi di erogazione.
2. **Rapporto**: 16 g di caffè, **32–35 g** in tazza. 40 g in 18 secondi vuol dire troppa acqua troppo in fretta.
3. **Temperatura**: con le tostature chiare usa il livello **3** (il più alto, circa 95 °C). Il livello 2 va bene per le miscele medio-scure.
4. **Preinfusione**: tieni premuto il tasto 2 tazze per 3 secondi finché lampeggia; la macchina bagna il pannello per 4 secondi prima di andare in pressione.

Se dopo questi passaggi è ancora acido, allunga leggermente la resa (fino a 38–40 g) **mantenendo** il tempo sopra i 25 secondi. Se diventa amaro sei andata troppo in là: torna indietro di una tacca.""",
                "hours_after": 1.2,
                "accepted": True,
                "votes": {"up": ["francesca.moretti", "luca_ferraro", "sara.conti", "giulia.rinaldi", "chiara.galli", "lucas.martin", "tom.whitaker", "priya.nair", "james.oconnor", "elena.marchetti", "alessandro.romano", "emma.schulz"], "down": []},
                "comments": [
                    {"author": "francesca.moretti",
                     "body": "Macina su 6, livello 3, 33 g in 27 secondi: è un altro caffè. Grazie mille, risolto!",
                     "hours_after": 30.0},
                ],
            },
            {
                "author": "sara.conti",
                "body": """Io all'inizio avevo lo stesso problema e ho risolto cambiando caffè: con una miscela più scura (con un po' di robusta) l'acidità sparisce del tutto.""",
                "hours_after": 3.0,
                "accepted": False,
                "votes": {"up": ["davide.esposito"], "down": []},
                "comments": [],
            },
            {
                "author": "luca_ferraro",
                "body": """Tutto giusto quello che dice Marco. Aggiungo: con la Aurora One **scalda anche il portafiltro**. Lascialo agganciato alla macchina accesa per 10 minuti, oppure fai un'erogazione a vuoto prima del caffè. Un portafiltro freddo si mangia 3–4 gradi, e con le tostature chiare si sente subito.""",
                "hours_after": 6.0,
                "accepted": False,
                "votes": {"up": ["francesca.moretti", "marco.bianchi", "giulia.rinaldi", "sara.conti"], "down": []},
                "comments": [],
            },
            {
                "author": "giulia.rinaldi",
                "body": """Conta anche l'acqua: con un'acqua in bottiglia molto leggera (residuo fisso sotto i 50 mg/l) il caffè viene più piatto e acido. Con un'acqua intorno ai 100–150 mg/l ho notato la differenza.""",
                "hours_after": 14.0,
                "accepted": False,
                "votes": {"up": ["francesca.moretti", "luca_ferraro"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "francesca.moretti",
        "title": "Macina Pro diventata rumorosa dopo 6 mesi, è normale?",
        "body": """La mia Macina Pro ha 6 mesi e da qualche giorno fa un rumore diverso: un ronzio più acuto e ogni tanto un *tac* metallico, come se qualcosa toccasse. Il caffè esce ancora, ma la macinatura mi sembra meno uniforme.

È normale usura o devo preoccuparmi? È ancora in garanzia, ma non vorrei restare senza macinino per settimane.""",
        "tags": ["macina-pro", "warranty"],
        "language": "it",
        "asked_days_ago": 71.3,
        "views": 319,
        "votes": {"up": ["sara.conti", "luca_ferraro"], "down": []},
        "comments": [
            {"author": "luca_ferraro",
             "body": "Il *tac* lo fa anche a vuoto, senza caffè nella tramoggia, o solo mentre macina?",
             "hours_after": 1.0},
            {"author": "francesca.moretti",
             "body": "Solo mentre macina. A vuoto il ronzio c'è, ma il tac no.",
             "hours_after": 2.2},
        ],
        "answers": [
            {
                "author": "luca_ferraro",
                "body": """Se il *tac* c'è solo con il caffè, la causa più probabile è un corpo estraneo: nei sacchi di caffè ogni tanto capita un sassolino, e se è passato tra le macine può averle scheggiate.

1. Stacca la spina e apri la macina superiore (come per la pulizia)
2. Guarda i denti delle macine controluce: cerca scheggiature o punti lucidi
3. Controlla anche la camera di macinatura, a volte il sassolino è ancora lì

Se le macine sono scheggiate si cambiano (coppia di ricambio `MP-BRR-64`). Visto che è in garanzia, però, io aprirei comunque una richiesta: i corpi estranei in teoria non sono coperti, ma se non trovi niente è probabilmente il cuscinetto del motore, che invece lo è.""",
                "hours_after": 3.0,
                "accepted": False,
                "votes": {"up": ["francesca.moretti", "marco.bianchi", "sara.conti"], "down": []},
                "comments": [],
            },
            {
                "author": "marco.bianchi",
                "body": """Se il ronzio è più acuto, controlla anche che la ghiera non si sia spostata verso lo zero: quando le macine si toccano fanno esattamente quel rumore metallico. Prova ad aprire di 3–4 tacche e senti se sparisce.""",
                "hours_after": 7.0,
                "accepted": False,
                "votes": {"up": ["francesca.moretti"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "giulia.rinaldi",
        "title": "Pressione bassa sulla Duo: il manometro non supera i 6 bar",
        "body": """Da circa una settimana il manometro della mia Aurora Duo in erogazione arriva al massimo a 5,5–6 bar, mentre prima stava fisso sui 9. Il caffè esce più veloce e meno corposo.

Cosa ho già controllato:

- stesso caffè e stessa macinatura di sempre (Macina Pro su 7)
- decalcificazione fatta un mese fa
- serbatoio pieno, la pompa non fa rumori strani

Ho fatto una prova con il cestello cieco e arriva a 9 bar. Può essere la macchina o il problema è altrove?""",
        "tags": ["aurora-duo", "macina-pro"],
        "language": "it",
        "asked_days_ago": 83.6,
        "views": 402,
        "votes": {"up": ["luca_ferraro", "marco.bianchi", "sara.conti"], "down": []},
        "comments": [
            {"author": "giulia.rinaldi",
             "body": "Aggiornamento: scendendo di una tacca arrivo a 8 bar. Domani provo a smontare e pulire la doccetta.",
             "hours_after": 50.0},
        ],
        "answers": [
            {
                "author": "luca_ferraro",
                "body": """Se con il cestello cieco arriva a 9 bar, la pompa e la valvola di sovrapressione sono a posto: la pressione la macchina la genera. Il manometro della Duo misura la **resistenza** che l'acqua trova, quindi se il pannello di caffè non oppone abbastanza resistenza la pressione resta bassa.

Il problema è quindi a monte, nel caffè:

1. **Macine**: dopo 12–18 mesi di uso quotidiano la Macina Pro, a parità di tacca, macina più grosso. Scendi di 2 tacche e verifica.
2. **Caffè**: un pacco nuovo della stessa miscela può essere più o meno fresco. Chicchi più vecchi = meno resistenza.
3. **Doccetta**: se è parzialmente intasata l'acqua arriva in un punto solo e scava canali. Smontala (vite centrale) e puliscila.

Parti dalla macinatura: se scendendo di 2 tacche torni a 9 bar, hai la risposta.""",
                "hours_after": 2.0,
                "accepted": False,
                "votes": {"up": ["giulia.rinaldi", "marco.bianchi", "sara.conti", "tom.whitaker", "davide.esposito"], "down": []},
                "comments": [],
            },
            {
                "author": "marco.bianchi",
                "body": """Quoto Luca. Io controllerei anche la guarnizione del gruppo: se è indurita, parte dell'acqua passa ai lati del cestello (lo vedi perché gocciola dal bordo del portafiltro) e la pressione sul caffè cala. Con il cestello cieco la perdita si nota meno.""",
                "hours_after": 4.5,
                "accepted": False,
                "votes": {"up": ["giulia.rinaldi", "luca_ferraro"], "down": []},
                "comments": [],
            },
            {
                "author": "sara.conti",
                "body": """Sulla Duo di mio fratello è successa la stessa cosa e alla fine era il caffè: la torrefazione aveva cambiato una delle origini della miscela. Macinando due tacche più fine è tornato tutto normale.""",
                "hours_after": 30.0,
                "accepted": False,
                "votes": {"up": ["giulia.rinaldi"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "priya.nair",
        "title": "Order marked as delivered but I never received it",
        "body": """My order of two Aurora One baskets and a descaler pack has shown **"Delivered"** since Tuesday, with a delivery photo of… a door that isn't mine. Nothing at my address, and the neighbours haven't got it either.

I contacted Aurora support through the form 3 days ago and only got the automatic reply. What's the fastest way to sort this out? Should I contact the courier directly?""",
        "tags": ["orders"],
        "language": "en",
        "asked_days_ago": 95.0,
        "views": 356,
        "votes": {"up": ["james.oconnor", "tom.whitaker"], "down": []},
        "comments": [
            {"author": "priya.nair",
             "body": "Update: the courier found it at a house with the same number on the next street. Parcel retrieved, all good!",
             "hours_after": 72.0},
        ],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """Contact both, but the claim has to be opened by the sender: Aurora is the courier's customer, not you. What speeds things up:

1. Reply to the automatic email (don't open a new ticket, that puts you back at the end of the queue) and attach the delivery photo showing the wrong door
2. Ask the courier for the GPS location of the delivery scan; they usually give it over chat
3. Check houses with the same number on nearby streets: it happens a lot

In my experience Aurora reship "lost in delivery" orders once the courier confirms, typically within a week.""",
                "hours_after": 3.0,
                "accepted": False,
                "votes": {"up": ["priya.nair", "james.oconnor", "lucas.martin"], "down": []},
                "comments": [],
            },
            {
                "author": "james.oconnor",
                "body": """Happened to me with a different shop: the GPS location of the scan was three streets away, at a house with the same number. Worth a walk around before waiting on support.""",
                "hours_after": 8.0,
                "accepted": False,
                "votes": {"up": ["priya.nair"], "down": []},
                "comments": [],
            },
            {
                "author": "emma.schulz",
                "body": """If you paid by card, keep a chargeback as the last resort, but give Aurora a week first: a chargeback freezes the order and makes a reship slower.""",
                "hours_after": 20.0,
                "accepted": False,
                "votes": {"up": ["tom.whitaker"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "emma.schulz",
        "title": "Which descaler for the Aurora Duo? Is citric acid OK?",
        "body": """The Duo is asking for descaling for the first time. The official Aurora descaler is €14 for two doses, which feels steep for something I'll do every couple of months.

Can I use citric acid powder from the supermarket instead? If so, how much per litre? And does it matter that the Duo has two boilers?""",
        "tags": ["descaling", "aurora-duo"],
        "language": "en",
        "asked_days_ago": 108.4,
        "views": 467,
        "votes": {"up": ["tom.whitaker", "alessandro.romano", "james.oconnor"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """I'd avoid citric acid in the Duo. It's fine in a kettle, but with limescale it can form calcium citrate, which dissolves poorly, and in a boiler with narrow passages (the steam boiler's refill line, for one) that's a clogging risk. That's why most manufacturers, Aurora included, use **lactic acid**.

The cheaper equivalent: any **lactic-acid-based** descaler sold for espresso machines. Follow the bottle's dilution for espresso machines and make about 500 ml of solution for the tank.

Whatever you use, run the app's descaling program: it flushes **both** boilers in sequence, which you can't easily do by hand.""",
                "hours_after": 2.5,
                "accepted": False,
                "votes": {"up": ["emma.schulz", "james.oconnor", "priya.nair", "lucas.martin", "luca_ferraro"], "down": []},
                "comments": [],
            },
            {
                "author": "alessandro.romano",
                "body": """Italian here: in my family we've always used citric acid in moka pots and kettles without issues. But for the Duo I'd follow Tom. The warranty terms mention an "Aurora or equivalent lactic acid descaler", so if something goes wrong with the steam boiler they could push back. €7 per descale every few months is cheaper than a repair.""",
                "hours_after": 6.0,
                "accepted": False,
                "votes": {"up": ["emma.schulz", "tom.whitaker"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "giulia.rinaldi",
        "title": "Ogni quanto decalcificare la Duo e con quale prodotto?",
        "body": """Ho la Duo da poco più di un anno e non ho capito bene ogni quanto decalcificarla. L'app a volte mi manda la notifica, altre volte passano mesi senza niente.

Le mie domande:

1. C'è una frequenza consigliata?
2. Posso usare il decalcificante di un'altra marca?
3. Se uso una caraffa filtrante, serve ancora decalcificare?""",
        "tags": ["descaling", "aurora-duo"],
        "language": "it",
        "asked_days_ago": 121.7,
        "views": 738,
        "votes": {"up": ["luca_ferraro", "davide.esposito", "sara.conti", "emma.schulz"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "aurora.care",
                "body": """Ciao Giulia, grazie per la domanda, è una delle più frequenti!

**1. Frequenza.** La Duo calcola da sola quando decalcificare, in base all'acqua passata e alla **durezza impostata**. Se le notifiche sembrano irregolari, probabilmente la durezza non è impostata bene: controllala in *Impostazioni → Acqua → Durezza* (scala da 1 a 4) con la striscia reattiva inclusa nella confezione. Indicativamente:

| Livello | Durezza | Decalcificazione |
|---|---|---|
| 1 | meno di 15 °f | ogni 5–6 mesi |
| 2 | 15–25 °f | ogni 3–4 mesi |
| 3 | 25–35 °f | ogni 2–3 mesi |
| 4 | più di 35 °f | ogni 4–6 settimane |

**2. Prodotto.** Consigliamo decalcificanti a base di **acido lattico**, il nostro o equivalenti. Evita aceto e acido citrico: il primo rovina le guarnizioni, il secondo può lasciare depositi nella caldaia vapore.

**3. Caraffa filtrante.** Riduce il calcare ma non lo elimina: se la usi, imposta la durezza **un livello sotto** quello misurato sull'acqua del rubinetto e continua a seguire le notifiche.

Marta, team Aurora Care""",
                "hours_after": 3.0,
                "accepted": True,
                "votes": {"up": ["giulia.rinaldi", "luca_ferraro", "marco.bianchi", "davide.esposito", "sara.conti", "emma.schulz", "tom.whitaker", "chiara.galli"], "down": []},
                "comments": [
                    {"author": "giulia.rinaldi",
                     "body": "Avevo la durezza su 1 ma la striscia segna 3! Ecco perché le notifiche non arrivavano mai. Grazie Marta.",
                     "hours_after": 5.0},
                ],
            },
            {
                "author": "luca_ferraro",
                "body": """Per esperienza aggiungo: non aspettare la notifica se vedi che l'erogazione rallenta o che il vapore è meno potente. E ogni due o tre decalcificazioni smonta e pulisci la doccetta del gruppo: lì il calcare si accumula e la decalcificazione non lo toglie tutto.""",
                "hours_after": 6.0,
                "accepted": False,
                "votes": {"up": ["giulia.rinaldi", "marco.bianchi", "aurora.care"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "alessandro.romano",
        "title": "Qualcuno ha provato un kit flow control sulla Aurora Duo?",
        "body": """Sto pensando di montare un kit *flow control* (la valvola a spillo sopra il gruppo) sulla mia Duo, per giocare con la preinfusione e i profili di pressione, come si vede fare su altre macchine con gruppo da 58 mm.

Qualcuno l'ha già fatto? Vorrei sapere se il gruppo della Duo è compatibile con i kit in commercio e soprattutto se montarlo fa decadere la garanzia.""",
        "tags": ["aurora-duo", "warranty"],
        "language": "it",
        "asked_days_ago": 137.2,
        "views": 289,
        "votes": {"up": ["marco.bianchi", "tom.whitaker"], "down": []},
        "comments": [
            {"author": "tom.whitaker",
             "body": "Interested too (sorry for writing in English). The Duo's group looks like an E61 derivative, but the top cap is different, so I'm not sure the standard kits fit.",
             "hours_after": 20.0},
        ],
        "answers": [],
    },
    {
        "author": "lucas.martin",
        "title": "Aurora One pump is very loud. Is this normal?",
        "body": """First espresso machine, so I have no reference: when brewing, my Aurora One makes a loud buzzing and rattling noise, enough that I can't hear the radio. My partner says it sounds broken.

It brews fine and the coffee tastes good. Is this just how vibration pump machines sound, or should I get it checked?""",
        "tags": ["aurora-one"],
        "language": "en",
        "asked_days_ago": 152.9,
        "views": 241,
        "votes": {"up": ["tom.whitaker"], "down": []},
        "comments": [
            {"author": "tom.whitaker",
             "body": "Does it rattle during the whole shot, or mostly in the first few seconds? And is the machine sitting on a hard stone worktop?",
             "hours_after": 2.0},
            {"author": "lucas.martin",
             "body": "The whole shot, but it's worst at the start. And yes, granite worktop.",
             "hours_after": 3.5},
        ],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """That sounds normal for a vibration pump on a hard surface. Vibration pumps are noisy by design (roughly 60–65 dB, like a loud conversation), and a granite worktop works as a sounding board. Things that help:

- Put a thin **rubber or cork mat** under the machine: for me it took the rattle away completely
- Make sure the **water tank** is fully seated; a slightly loose tank rattles against the body
- The first seconds are louder because the pump runs without resistance until the puck builds up pressure, so a finer grind means a quieter shot

A **metallic grinding** noise, or a noise that changes suddenly, is a different story and worth a support request.""",
                "hours_after": 4.0,
                "accepted": False,
                "votes": {"up": ["lucas.martin", "james.oconnor", "priya.nair", "sara.conti"], "down": []},
                "comments": [],
            },
            {
                "author": "james.oconnor",
                "body": """Same machine here. A cork trivet under it solved the problem and cost me €4.""",
                "hours_after": 30.0,
                "accepted": False,
                "votes": {"up": ["lucas.martin", "tom.whitaker"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "davide.esposito",
        "title": "Che durezza dell'acqua impostare sulla Aurora One? Abito a Roma",
        "body": """Ho appena comprato la Aurora One e il manuale dice di impostare la durezza dell'acqua da 1 a 4. La striscia inclusa l'ho persa insieme all'imballo (lo so…).

Abito a Roma, zona Prati, e uso l'acqua del rubinetto. Che livello mi conviene? E come si imposta sulla One, visto che non ha l'app?""",
        "tags": ["descaling", "aurora-one"],
        "language": "it",
        "asked_days_ago": 168.3,
        "views": 521,
        "votes": {"up": ["marco.bianchi", "sara.conti"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """A Roma l'acqua è piuttosto dura, in gran parte della città intorno ai **30–35 °f**, quindi livello **3**, o 4 se vuoi stare tranquillo. Il valore preciso della tua zona lo trovi nelle analisi pubblicate dal gestore dell'acquedotto.

Per impostarlo sulla Aurora One (macchina accesa, in standby):

1. Tieni premuto il tasto **vapore** per 5 secondi, finché le spie lampeggiano
2. Il numero di spie accese indica il livello attuale (1–4)
3. Premi il tasto **1 tazza** per cambiare livello
4. Premi di nuovo il tasto vapore per confermare

Con quella durezza ti consiglio anche il filtro addolcitore nel serbatoio: allunga parecchio l'intervallo tra una decalcificazione e l'altra.""",
                "hours_after": 2.0,
                "accepted": True,
                "votes": {"up": ["davide.esposito", "sara.conti", "luca_ferraro", "giulia.rinaldi", "francesca.moretti"], "down": []},
                "comments": [
                    {"author": "davide.esposito",
                     "body": "Impostato su 3 e ordinato il filtro. Grazie!",
                     "hours_after": 6.0},
                ],
            },
            {
                "author": "sara.conti",
                "body": """Io sono a Milano e con la striscia ho misurato livello 3. Se vuoi essere sicuro, le strisce per la durezza si trovano in farmacia o nei negozi di acquari per pochi euro.""",
                "hours_after": 5.0,
                "accepted": False,
                "votes": {"up": ["davide.esposito", "marco.bianchi"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "alessandro.romano",
        "title": "Macina Pro grind setting for espresso on the Aurora One?",
        "body": """Italian living in Dublin, so I'll write in English. I just got a Macina Pro to go with my Aurora One. The manual says *"espresso: 1–15"*, which is a pretty wide range.

Where do you usually start? And is it true that you should never go down to setting 0?""",
        "tags": ["macina-pro", "aurora-one"],
        "language": "en",
        "asked_days_ago": 185.6,
        "views": 688,
        "votes": {"up": ["tom.whitaker", "marco.bianchi", "james.oconnor"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """Starting point for the Aurora One: **setting 6** with 16 g of a medium roast, then adjust for a 25–30 s shot with about 32 g out.

Rough ranges I see from other owners:

- Medium and dark roasts: 5–8
- Light roasts: 3–6
- Very fresh beans (under a week from roasting): one or two steps coarser, they resist more

About 0: don't grind there. At 0 the burrs are very close to touching, and on some units they do touch. Always adjust **with the motor running** when going finer, so beans between the burrs don't get crushed into the mechanism.""",
                "hours_after": 1.5,
                "accepted": True,
                "votes": {"up": ["alessandro.romano", "marco.bianchi", "james.oconnor", "lucas.martin", "priya.nair", "emma.schulz", "luca_ferraro"], "down": []},
                "comments": [],
            },
            {
                "author": "marco.bianchi",
                "body": """Agree with Tom's ranges. One extra tip: the zero of the Macina Pro varies a little between units. Find your "true zero" (close slowly with the motor running until you hear the burrs just touch, then open 2 steps) and count from there. Then your numbers will match what others post.""",
                "hours_after": 4.0,
                "accepted": False,
                "votes": {"up": ["alessandro.romano", "tom.whitaker", "luca_ferraro"], "down": []},
                "comments": [],
            },
            {
                "author": "priya.nair",
                "body": """I'm on 7 with a medium roast from a local roaster and 16 g in the Aurora One basket. It took me a week to stop changing it every morning.""",
                "hours_after": 20.0,
                "accepted": False,
                "votes": {"up": ["alessandro.romano"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "davide.esposito",
        "title": "Aurora One comprata da un rivenditore su un marketplace: vale la garanzia?",
        "body": """Ho comprato la Aurora One non dal sito Aurora ma da un rivenditore su un marketplace online (venditore italiano, con fattura). Costava 40 € in meno.

Ora mi chiedo: se si rompe, la garanzia vale lo stesso? Devo rivolgermi al venditore o direttamente ad Aurora? E serve registrare il prodotto da qualche parte?""",
        "tags": ["warranty", "aurora-one"],
        "language": "it",
        "asked_days_ago": 203.1,
        "views": 905,
        "votes": {"up": ["francesca.moretti", "sara.conti", "marco.bianchi"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "aurora.care",
                "body": """Ciao Davide, grazie per la domanda: è un dubbio che hanno in molti.

Sì, sei coperto. In pratica le garanzie sono due:

- **Garanzia legale di conformità (2 anni)**: la deve il venditore che ti ha emesso la fattura, quindi in questo caso il rivenditore del marketplace.
- **Garanzia convenzionale Aurora (2 anni)**: la offriamo noi su tutte le macchine vendute nuove nell'Unione Europea, da qualsiasi rivenditore. Per questa puoi rivolgerti direttamente a noi.

Per la garanzia Aurora ti servono solo la **fattura** (o lo scontrino) e il **numero di serie**, che trovi sotto il vassoio raccogligocce. Ti consiglio di registrare la macchina su [auroracaffe.example/registra](https://auroracaffe.example/registra): non è obbligatorio, ma così aprire una richiesta è più veloce e ottieni un anno in più di garanzia su pompa e caldaia.

Unica eccezione: i prodotti venduti da terzi come usati o ricondizionati, per cui vale solo la garanzia del venditore.

Marta, team Aurora Care""",
                "hours_after": 4.0,
                "accepted": True,
                "votes": {"up": ["davide.esposito", "francesca.moretti", "sara.conti", "marco.bianchi", "luca_ferraro", "giulia.rinaldi"], "down": []},
                "comments": [
                    {"author": "davide.esposito",
                     "body": "Registrata. Grazie per la risposta chiarissima!",
                     "hours_after": 12.0},
                ],
            },
            {
                "author": "francesca.moretti",
                "body": """Io ho comprato il mio Lattea in un negozio di elettrodomestici e quando si è rotto sono andata direttamente da Aurora con la fattura: nessun problema, sostituito in una settimana.""",
                "hours_after": 8.0,
                "accepted": False,
                "votes": {"up": ["davide.esposito"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "emma.schulz",
        "title": "Water hardness strip shows 3 of 4: what should I set on the Duo?",
        "body": """The test strip that came with the Duo turned 3 of its 4 pads pink. The app offers hardness levels 1–4, so I assume "3"? But I fill the tank from a filter jug. Should I still set 3, or lower?

Also, does the setting change anything besides the descaling reminder?""",
        "tags": ["descaling", "aurora-duo"],
        "language": "en",
        "asked_days_ago": 221.4,
        "views": 298,
        "votes": {"up": ["tom.whitaker"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """Test the **filtered** water, not the tap water: that's what goes into the machine. With a fresh jug filter you'll probably read 1 or 2 pads. Jug filters lose effectiveness over their life, though, so I'd set one level above what a brand-new filter gives you.

As far as I know the setting only changes the descaling reminder (how many litres between prompts); it doesn't change anything about brewing.""",
                "hours_after": 3.0,
                "accepted": False,
                "votes": {"up": ["emma.schulz", "james.oconnor", "priya.nair"], "down": []},
                "comments": [],
            },
            {
                "author": "marco.bianchi",
                "body": """Agree, and I'd err on the safe side: descaling a little too often does no harm, scale in the steam boiler does. If you're in doubt between two levels, choose the higher one.""",
                "hours_after": 6.0,
                "accepted": False,
                "votes": {"up": ["emma.schulz", "tom.whitaker"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "priya.nair",
        "title": "Where can I buy a spare double basket for the Aurora One in the UK?",
        "body": """I dropped the double basket of my Aurora One and dented the rim, and now it no longer clips into the portafilter properly. The UK Aurora shop only lists the complete portafilter (£39), not the basket on its own.

Does anyone know the part number, or whether a generic 54 mm basket fits?""",
        "tags": ["aurora-one", "orders"],
        "language": "en",
        "asked_days_ago": 240.8,
        "views": 377,
        "votes": {"up": ["tom.whitaker", "james.oconnor"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """The basket is sold separately, it's just well hidden: search the shop for **`AO-BSK-2`** (double, 16 g) or `AO-BSK-1` (single). They're listed under *Spare parts*, not *Accessories*, at around £9.

Here: [Aurora spare parts](https://auroracaffe.example/uk/spare-parts)

Generic 54 mm baskets fit too, as long as they have the groove for the retaining spring. Avoid the "18 g" ones: they're taller and can touch the shower screen.""",
                "hours_after": 2.5,
                "accepted": True,
                "votes": {"up": ["priya.nair", "james.oconnor", "lucas.martin", "emma.schulz"], "down": []},
                "comments": [],
            },
            {
                "author": "james.oconnor",
                "body": """If you need one sooner, several UK coffee equipment shops stock 54 mm baskets made for other brands. Check the rim diameter and the spring groove before ordering.""",
                "hours_after": 12.0,
                "accepted": False,
                "votes": {"up": ["priya.nair"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "emma.schulz",
        "title": "Aurora Duo takes 20+ minutes to really heat up. Normal?",
        "body": """The Duo display shows "ready" after about 8 minutes, but I read that you should wait longer for the group to heat up fully. The first shot after 8 minutes definitely tastes worse than one 20 minutes later.

How long do you wait? And is there a way to schedule it so it's ready when I get up?""",
        "tags": ["aurora-duo", "aurora-app"],
        "language": "en",
        "asked_days_ago": 259.3,
        "views": 544,
        "votes": {"up": ["tom.whitaker", "alessandro.romano", "james.oconnor"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """The 8-minute "ready" means the **boilers** are at temperature. The group head and the portafilter take longer, typically **20–25 minutes** for a stable first shot, which matches what you taste.

Two ways to speed it up:

1. **Schedule it**: in the app, *Settings → Schedule*, you can set a switch-on time for each day of the week. Mine turns on at 6:40 for a 7:05 coffee.
2. **Flush**: after the "ready" signal, run 2–3 blank shots of about 5 seconds with the portafilter locked in. That brings the group up to temperature in about 12 minutes in total.

Either way, keep the portafilter locked in the group while it heats.""",
                "hours_after": 1.8,
                "accepted": True,
                "votes": {"up": ["emma.schulz", "james.oconnor", "alessandro.romano", "priya.nair", "marco.bianchi"], "down": []},
                "comments": [],
            },
            {
                "author": "alessandro.romano",
                "body": """I do Tom's flush trick every morning. Tip: catch the blank shots in your cup, so it's pre-heated too.""",
                "hours_after": 7.0,
                "accepted": False,
                "votes": {"up": ["emma.schulz"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "tom.whitaker",
        "title": "Is there an API or Home Assistant integration for the Aurora Duo?",
        "body": """The Duo is on my Wi-Fi and the app talks to it locally (I can see its mDNS announcements), so I wonder whether there's any documented API. My use cases: switching it on at 6:30 on workdays only, logging shot counts, and a notification when descaling is due.

What I found so far by looking at the network:

```
_aurora._tcp.local.   port 8443
TXT: model=AD2 fw=2.1.0
```

Could anyone from Aurora say whether a local API is planned? I'd rather not reverse-engineer it and break something. For reference, this is the kind of integration I mean: [Home Assistant integrations](https://www.home-assistant.io/integrations/).""",
        "tags": ["aurora-app", "aurora-duo"],
        "language": "en",
        "asked_days_ago": 278.6,
        "views": 412,
        "votes": {"up": ["james.oconnor", "alessandro.romano", "marco.bianchi", "emma.schulz"], "down": []},
        "comments": [
            {"author": "james.oconnor",
             "body": "+1, would love this. Even a read-only status would be enough for me.",
             "hours_after": 30.0},
        ],
        "answers": [],
    },
    {
        "author": "james.oconnor",
        "title": "Red light blinking three times on Aurora One after descaling",
        "body": """I ran the descaling program on my Aurora One last night. It went through the descaling phase, but I think I switched it off during the rinse. Now the red light blinks three times, pauses, repeats, and none of the buttons do anything.

Did I break it? The manual only says "contact support" for a blinking red light.""",
        "tags": ["aurora-one", "descaling"],
        "language": "en",
        "asked_days_ago": 297.1,
        "views": 633,
        "votes": {"up": ["tom.whitaker", "priya.nair"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "tom.whitaker",
                "body": """Don't worry, it's not broken. Three blinks means **descaling cycle not completed**, and the machine blocks brewing so you don't get descaler in your coffee. You just need to finish the rinse:

1. Empty the drip tray and fill the tank with **fresh water** up to MAX
2. Put a large container (at least 1 litre) under the group and the steam wand
3. Press and hold the **steam** button for 3 seconds: the rinse restarts from where it was interrupted
4. When the tank is empty the red light goes off and the machine is back to normal

If it's still blinking after the rinse, repeat once more with a full tank.""",
                "hours_after": 0.9,
                "accepted": True,
                "votes": {"up": ["james.oconnor", "priya.nair", "lucas.martin", "marco.bianchi", "sara.conti", "emma.schulz"], "down": []},
                "comments": [
                    {"author": "james.oconnor",
                     "body": "That was it. One more tank of water and it's back to normal. Phew, thanks!",
                     "hours_after": 2.0},
                ],
            },
            {
                "author": "marco.bianchi",
                "body": """Tom's procedure is right. For next time: the whole program takes about 30 minutes on the One, so start it when you can stay nearby. The rinse needs you to refill the tank once.""",
                "hours_after": 10.0,
                "accepted": False,
                "votes": {"up": ["james.oconnor"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "alessandro.romano",
        "title": "Do I need the original box to send my Aurora Duo in for warranty repair?",
        "body": """My Duo (14 months old) has a steam boiler that doesn't heat any more: error `E07` on the display. I opened a support request and they're sending a courier, but I threw away the original box when I moved.

Will they refuse the repair without the original packaging? Any tips on how to pack a 12 kg machine safely?""",
        "tags": ["warranty", "aurora-duo"],
        "language": "en",
        "asked_days_ago": 316.4,
        "views": 451,
        "votes": {"up": ["marco.bianchi", "luca_ferraro", "tom.whitaker"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """No, the original box isn't required for the warranty; I sent mine in a generic box last year. But the machine has to arrive undamaged, otherwise you end up arguing about transport damage. What I did:

1. **Empty everything**: tank and drip tray, and run the steam wand until no more water comes out (the boilers stay full, that's normal)
2. Remove the tank, drip tray and portafilter and pack them **separately**
3. Use a box with at least **5 cm** of space on every side, filled with foam or crumpled cardboard
4. Wrap the machine in a plastic bag first, in case of leftover water
5. Write the case number on the box

Also, if you ask support, they can send you a **shipping box** for a few euros.""",
                "hours_after": 2.0,
                "accepted": True,
                "votes": {"up": ["alessandro.romano", "luca_ferraro", "tom.whitaker", "giulia.rinaldi", "sara.conti"], "down": []},
                "comments": [
                    {"author": "alessandro.romano",
                     "body": "Used your packing list: it arrived fine and came back repaired in 9 days. Thanks Marco!",
                     "hours_after": 30.0},
                ],
            },
            {
                "author": "luca_ferraro",
                "body": """One more thing: if it's winter and the parcel travels through cold areas, drain as much as you can, because water freezing in the boilers can crack the fittings. Marco's step 1 is the minimum; support can tell you how to drain the boilers completely.""",
                "hours_after": 5.0,
                "accepted": False,
                "votes": {"up": ["alessandro.romano", "marco.bianchi"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "marco.bianchi",
        "title": "Temperatura ideale sulla Duo per monorigine a tostatura chiara?",
        "body": """Sto sperimentando con alcuni monorigine etiopi e keniani a tostatura chiara. Di fabbrica la caldaia caffè della Duo è a 93 °C e il risultato è sempre un po' tagliente.

Chi usa spesso tostature chiare: a che temperatura la tenete? E vale la pena usare la *preinfusione* dell'app (quella con i secondi regolabili) o è meglio lasciarla disattivata?""",
        "tags": ["aurora-duo", "aurora-app"],
        "language": "it",
        "asked_days_ago": 335.8,
        "views": 377,
        "votes": {"up": ["luca_ferraro", "tom.whitaker", "giulia.rinaldi"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "luca_ferraro",
                "body": """Con le tostature chiare io sto tra **95 e 96 °C**. Attenzione: il valore impostato è quello della caldaia, al gruppo arriva 1–1,5 °C in meno, quindi non aver paura di salire.

Secondo me con le chiare la preinfusione aiuta molto: **5–8 secondi** a bassa pressione riducono il channeling e permettono di macinare più fine senza che il caffè si blocchi. Il mio punto di partenza:

```
Temperatura caffè: 95.5 °C
Preinfusione:      6 s
Dose:              18 g
Resa:              40 g (1:2.2)
Tempo totale:      30-34 s
```

Se resta tagliente, allunga la resa fino a 1:2,5 prima di toccare di nuovo la temperatura.""",
                "hours_after": 6.0,
                "accepted": True,
                "votes": {"up": ["marco.bianchi", "tom.whitaker", "giulia.rinaldi", "sara.conti", "alessandro.romano"], "down": []},
                "comments": [],
            },
            {
                "author": "giulia.rinaldi",
                "body": """Non sono esperta come voi, ma con un etiope chiaro mi sono trovata bene a 94 °C con una resa più lunga (1:2,5). Forse dipende molto dal singolo caffè.""",
                "hours_after": 20.0,
                "accepted": False,
                "votes": {"up": ["marco.bianchi"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "giulia.rinaldi",
        "title": "Lattea: il latte si scalda troppo e sa di bruciato",
        "body": """Il mio Lattea (comprato insieme alla Duo) da qualche settimana scalda troppo il latte: esce bollente, con un sapore di cotto, quasi bruciato, e sul fondo rimane una patina marrone difficile da togliere.

Uso sempre latte intero fresco e il programma cappuccino. Prima non succedeva. È rotto il termostato?""",
        "tags": ["lattea", "descaling"],
        "language": "it",
        "asked_days_ago": 352.2,
        "views": 412,
        "votes": {"up": ["luca_ferraro", "sara.conti"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "luca_ferraro",
                "body": """Quasi sicuramente non è il termostato ma proprio la **patina sul fondo**: il sensore di temperatura sta sotto il fondo del bricco e, se c'è uno strato di latte bruciato, legge una temperatura più bassa di quella reale e continua a scaldare. Un circolo vizioso.

1. Riempi con acqua calda e un cucchiaino di bicarbonato, lascia in ammollo 30 minuti
2. Strofina il fondo con una spugna **non abrasiva** (niente pagliette, il fondo è antiaderente)
3. Per le incrostazioni ostinate: acqua e un cucchiaio di decalcificante per 10 minuti, poi risciacqua bene
4. Da ora in poi sciacqualo **subito** dopo ogni uso, anche solo con acqua fredda

Dopo la pulizia dovrebbe tornare a fermarsi intorno ai 65 °C.""",
                "hours_after": 3.0,
                "accepted": True,
                "votes": {"up": ["giulia.rinaldi", "sara.conti", "marco.bianchi", "chiara.galli", "francesca.moretti", "priya.nair"], "down": []},
                "comments": [
                    {"author": "giulia.rinaldi",
                     "body": "C'era davvero una patina sottilissima che non vedevo. Pulito con il bicarbonato e ora il latte esce perfetto. Grazie, risolto!",
                     "hours_after": 10.0},
                ],
            },
            {
                "author": "sara.conti",
                "body": """Confermo, a me era successo lo stesso. Ora lo metto in ammollo appena finito e non si è più ripresentato.""",
                "hours_after": 8.0,
                "accepted": False,
                "votes": {"up": ["giulia.rinaldi"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "sara.conti",
        "title": "Posso usare il caffè macinato del supermercato con la Aurora One?",
        "body": """Ho appena preso la Aurora One (per ora senza macinino). Posso usare il caffè già macinato per moka che compro al supermercato, o è troppo grosso? Ho provato e il caffè esce velocissimo e acquoso.

Esistono macinati "per espresso" che funzionano, o serve per forza un macinino?""",
        "tags": ["aurora-one"],
        "language": "it",
        "asked_days_ago": 371.5,
        "views": 1240,
        "votes": {"up": ["marco.bianchi", "luca_ferraro", "giulia.rinaldi"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """Il macinato per moka è troppo grosso per l'espresso, per questo esce acquoso. Senza macinino hai due strade:

- compra il macinato **"per espresso"** (o "per macchine espresso"): è più fine e con la Aurora One funziona discretamente
- fatti macinare il caffè in **torrefazione** chiedendo "per macchina espresso domestica", in confezioni piccole da 250 g, perché il macinato perde aroma in pochi giorni

Con il macinato metti **16 g** nel cestello doppio e pressa bene. Se esce ancora troppo veloce, usa il cestello singolo con 9–10 g.

Detto questo, il vero salto di qualità arriva con un macinino: anche uno entry level fa una differenza enorme.""",
                "hours_after": 1.5,
                "accepted": False,
                "votes": {"up": ["sara.conti", "luca_ferraro", "giulia.rinaldi", "francesca.moretti"], "down": []},
                "comments": [],
            },
            {
                "author": "luca_ferraro",
                "body": """Aggiungo: nella confezione della Aurora One ci sono anche i **cestelli pressurizzati** (quelli con il fondo a un solo foro). Sono pensati proprio per il macinato già pronto: creano pressione anche se il caffè è un po' grosso. Usa quelli finché non prendi un macinino.""",
                "hours_after": 4.0,
                "accepted": False,
                "votes": {"up": ["sara.conti", "marco.bianchi", "giulia.rinaldi", "davide.esposito"], "down": []},
                "comments": [
                    {"author": "sara.conti",
                     "body": "Ho trovato i cestelli pressurizzati in fondo alla scatola, non li avevo proprio visti! Adesso va molto meglio.",
                     "hours_after": 40.0},
                ],
            },
            {
                "author": "giulia.rinaldi",
                "body": """All'inizio anch'io usavo il macinato per espresso del supermercato con il cestello pressurizzato e andava bene, crema compresa. Poi ho preso la Macina Pro e non tornerei mai indietro.""",
                "hours_after": 24.0,
                "accepted": False,
                "votes": {"up": ["sara.conti"], "down": []},
                "comments": [],
            },
        ],
    },
    {
        "author": "luca_ferraro",
        "title": "Guarnizione del gruppo della Duo: misure e codice ricambio?",
        "body": """Devo cambiare la guarnizione del gruppo sulla Duo di mio cognato: è indurita e ormai il portafiltro si aggancia ben oltre la posizione centrale. Già che ci sono vorrei ordinare anche la doccetta.

Qualcuno conosce le misure esatte della guarnizione (diametro esterno, interno e spessore) e il codice ricambio Aurora? Sul sito trovo solo quella della Aurora One.""",
        "tags": ["aurora-duo", "warranty"],
        "language": "it",
        "asked_days_ago": 389.0,
        "views": 958,
        "votes": {"up": ["marco.bianchi", "giulia.rinaldi", "tom.whitaker"], "down": []},
        "comments": [],
        "answers": [
            {
                "author": "marco.bianchi",
                "body": """Ciao Luca, l'ho cambiata a febbraio sulla mia. Guarnizione del gruppo Duo:

- misure **73 × 57 × 8,5 mm** (lo standard dei gruppi da 58 mm)
- codice ricambio **`AD-GSK-85`**, doccetta `AD-SCR-58`
- esiste anche in silicone da 8 mm, più morbida e più durevole

Nella pagina della Duo non compare, ma se cerchi il codice nella ricerca dello shop esce. In alternativa va bene qualsiasi guarnizione da 8,5 mm per gruppi E61.

Per smontarla: macchina fredda, togli la doccetta (vite centrale), poi fai leva con un cacciavite piccolo tra guarnizione e gruppo. Pulisci bene la sede prima di mettere quella nuova.""",
                "hours_after": 3.0,
                "accepted": True,
                "votes": {"up": ["luca_ferraro", "giulia.rinaldi", "tom.whitaker", "sara.conti"], "down": []},
                "comments": [
                    {"author": "luca_ferraro",
                     "body": "Trovate entrambe con il codice, arrivate in 3 giorni. Montata quella in silicone e il portafiltro ora si ferma al centro. Grazie Marco.",
                     "hours_after": 20.0},
                ],
            },
            {
                "author": "giulia.rinaldi",
                "body": """Io la guarnizione l'ho fatta cambiare in un centro assistenza durante la manutenzione annuale, meno di 20 € tutto compreso. Se non te la senti di farlo da solo, è un'alternativa.""",
                "hours_after": 40.0,
                "accepted": False,
                "votes": {"up": [], "down": []},
                "comments": [],
            },
        ],
    },
]


# The FAQ's own Italian wording of threads asked in English (by the source question's title), so that an Italian
# reader's FAQ opens with Italian entries: each keeps the link to its English thread and its review.
FAQ_ITALIAN_WORDINGS = {
    "Aurora app can't find my Duo on 5 GHz Wi-Fi": (
        "L'app Aurora non trova la Duo sul Wi-Fi a 5 GHz",
        "Il modulo Wi-Fi della Duo funziona **solo a 2,4 GHz**, come quasi tutti gli elettrodomestici. L'app mostra "
        "solo le reti che la macchina vede, e con un unico nome di rete il *band steering* del router spesso nasconde "
        "la banda a 2,4 GHz ai nuovi dispositivi.\n\n"
        "Le soluzioni, dalla più semplice:\n\n"
        "1. **Separa le bande** nelle impostazioni del router, ad esempio `Casa` (5 GHz) e `Casa-2G` (2,4 GHz), e "
        "collega la Duo a `Casa-2G`; il telefono può poi restare sui 5 GHz.\n"
        "2. Se non puoi separarle, disattiva per un momento il **band steering** (a volte *smart connect*): fai la "
        "configurazione e riattivalo, la Duo resta sui 2,4 GHz.\n"
        "3. Attiva la **rete ospiti** del router solo a 2,4 GHz e usa quella.\n\n"
        "Controlla anche che la rete usi **WPA2** (la Duo non si collega a reti solo WPA3) e che la password non "
        "contenga emoji o caratteri insoliti."),
    "Second time my Aurora One broke in 8 months: I want a replacement, not another repair": (
        "La Aurora One si è guastata due volte in 8 mesi: posso avere la sostituzione?",
        "Sì: se lo **stesso guasto si ripete su una macchina già riparata in garanzia**, non serve una seconda "
        "riparazione.\n\n"
        "1. Apri una nuova richiesta [qui](https://auroracaffe.example/support) indicando nella prima riga il numero "
        "della pratica precedente\n"
        "2. Scegli **Sostituzione** come soluzione preferita (oppure **Rimborso** se preferisci non tenere la "
        "Aurora One)\n"
        "3. Il corriere consegna la macchina nuova e ritira quella guasta **nello stesso momento**, così non resti "
        "senza caffè"),
    "Lattea makes big bubbles instead of silky microfoam": (
        "La Lattea fa bolle grosse invece di una schiuma setosa",
        "Usa il **disco piatto** al posto della frusta a molla: la frusta incorpora aria (per cappuccino e schiuma "
        "fredda), il disco soprattutto gira e scalda, e la schiuma viene più fine e lucida.\n\n"
        "Con latte intero, e qualche colpetto sul piano seguito da una rotazione della caraffa, il risultato è "
        "vicino a quello della lancia vapore. Quando non si usa, il disco sta su una calamita dentro il coperchio."),
    "How long does a refund take after cancelling an order before it ships?": (
        "Quanto tempo serve per il rimborso se annullo un ordine prima della spedizione?",
        "Se l'ordine è annullato prima della spedizione il pagamento non viene mai incassato: l'**autorizzazione** "
        "sulla carta viene rilasciata il giorno stesso. Quello che vedi è il blocco dell'importo, non un addebito, "
        "e i tempi dipendono dalla banca:\n\n"
        "- carte di credito: di solito 2–5 giorni lavorativi\n"
        "- carte di debito: fino a **7–10 giorni lavorativi** con alcune banche\n"
        "- PayPal: subito, o entro 24 ore\n\n"
        "Se dopo 10 giorni lavorativi è ancora lì, rispondi all'e-mail di annullamento: ti mandiamo la conferma del "
        "rilascio da mostrare alla banca."),
}

# The same question asked in both languages: linked as translations of each other (English, Italian).
TWINS = [
    ("Aurora Duo firmware update stuck at 80% over Bluetooth",
     "Aggiornamento firmware della Duo bloccato all'80% via Bluetooth"),
]
