"""Questions no customer-care community answers, in both languages: `flask assistant evaluate` reports the
confidence the retrieval gives them, beside that of right and wrong answers, so the threshold under which
the assistant offers only the hand-over is measured, not guessed. The last ten are long (more terms than a
short question keeps), for the thresholds of long questions."""

QUESTIONS = [
    ("Capitale della Francia?", "it"),
    ("Che tempo fa domani a Milano?", "it"),
    ("Chi ha vinto il campionato di calcio l'anno scorso?", "it"),
    ("Quanti abitanti ha Roma?", "it"),
    ("Come si fa la carbonara?", "it"),
    ("Qual è la montagna più alta d'Europa?", "it"),
    ("Quando è nato Leonardo da Vinci?", "it"),
    ("Mi consigli un buon film da vedere stasera?", "it"),
    ("Quanto costa un biglietto del treno per Napoli?", "it"),
    ("Come si calcola l'area di un cerchio?", "it"),
    ("Che ore sono a New York adesso?", "it"),
    ("Chi ha scritto la Divina Commedia?", "it"),
    ("Qual è il numero di telefono della polizia?", "it"),
    ("Come posso imparare a suonare la chitarra?", "it"),
    ("Dove posso parcheggiare vicino al Duomo?", "it"),
    ("Raccontami una barzelletta", "it"),
    ("Quali sono i sintomi dell'influenza?", "it"),
    ("Come si scrive una lettera di dimissioni?", "it"),
    ("Ciao, come stai?", "it"),
    ("Quanto fa 17 per 23?", "it"),
    ("What's the weather like today?", "en"),
    ("What is the capital of France?", "en"),
    ("Who won the World Cup in 2018?", "en"),
    ("How tall is Mount Everest?", "en"),
    ("Tell me a joke", "en"),
    ("How do I bake sourdough bread?", "en"),
    ("What time is it in Tokyo?", "en"),
    ("Who painted the Mona Lisa?", "en"),
    ("How do I renew my passport?", "en"),
    ("What is the square root of 144?", "en"),
    ("Recommend a good book for the holidays", "en"),
    ("How far is the Moon from the Earth?", "en"),
    ("What are the symptoms of a cold?", "en"),
    ("How do I change a flat tyre on my bicycle?", "en"),
    ("Where can I watch the football match tonight?", "en"),
    ("Hello, how are you?", "en"),
    ("How many people live in London?", "en"),
    ("What is the best way to learn Spanish?", "en"),
    ("Write me a poem about the sea", "en"),
    ("How do I file my taxes?", "en"),
    ("Vorrei sapere che tempo farà questo fine settimana a Milano, perché devo organizzare una gita in montagna "
     "con gli amici e non so se portare l'ombrello.", "it"),
    ("Sto cercando una ricetta per la lasagna alla bolognese come la faceva mia nonna, con il ragù cotto a lungo "
     "e la besciamella fatta in casa.", "it"),
    ("Mio figlio deve preparare una ricerca sulla storia dell'Impero romano per la scuola media: quali libri mi "
     "consigliate per cominciare?", "it"),
    ("Quali documenti servono per rinnovare la carta d'identità scaduta al comune di residenza, e quanto tempo "
     "ci vuole per averla?", "it"),
    ("Devo cambiare le gomme della macchina per l'inverno: meglio pneumatici invernali o quattro stagioni per chi "
     "guida poco in città?", "it"),
    ("I am planning a trip to Japan next spring with my family and would like to know which cities to visit and "
     "how long to stay in each.", "en"),
    ("Can you explain the rules of cricket to me, especially how the scoring works and what happens when a "
     "batsman is out?", "en"),
    ("My landlord wants to raise the rent by twenty percent at the end of the lease and I would like to know "
     "whether that is legal.", "en"),
    ("What is the best way to train for a half marathon in twelve weeks if I currently run only twice a week?",
     "en"),
    ("Please recommend some classic novels from the nineteenth century that are easy to read for someone "
     "learning English.", "en"),
]
