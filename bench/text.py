"""German-sounding text of realistic length for the benchmark corpus.

Every function draws from a :class:`random.Random` passed in, so the same seed
gives the same text on every run.
"""

from __future__ import annotations

from random import Random

FIRST_NAMES = ("Anna", "Jonas", "Leonie", "Mehmet", "Sabine", "Thomas", "Aylin", "Lukas", "Marie", "Stefan",
               "Katrin", "Felix", "Emma", "Paul", "Sophie", "Jan", "Laura", "Oliver", "Nina", "Dieter",
               "Hannah", "Yusuf", "Clara", "Matthias", "Elif", "Bernd", "Greta", "Tobias", "Irina", "Klaus")
LAST_NAMES = ("Schneider", "Müller", "Weber", "Yılmaz", "Fischer", "Wagner", "Becker", "Hoffmann", "Schäfer",
              "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
              "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann")
JOBS = ("Lehrerin", "Ingenieur", "Pflegekraft", "Studentin", "Rentner", "Handwerksmeister", "Steuerberaterin",
        "Einzelhändler", "Ärztin", "Lagerist", "Projektleiterin", "Landwirt", "Erzieherin", "Softwareentwickler")
CITIES = ("Hamburg", "München", "Leipzig", "Köln", "Bielefeld", "Freiburg", "Rostock", "Kassel", "Nürnberg",
          "Dresden", "Osnabrück", "Ulm", "Trier", "Görlitz", "Mainz")
SEGMENTS = ("Privatkunden", "Geschäftskunden", "Studierende", "Senioren", "Familien", "Selbstständige",
            "Großkunden", "Neukunden", "Bestandskunden", "Landwirtschaft")
TOPICS = ("Kauf über Preisvergleich", "Tarifwechsel online", "Reklamation eines Geräts", "Umzug melden",
          "Vertrag kündigen", "Erste Schritte als Neukunde", "Rechnung verstehen", "Ratenkauf beantragen",
          "Termin in der Filiale", "Rücksendung einer Bestellung", "Garantiefall abwickeln", "Konto eröffnen",
          "Schaden melden", "Lieferung verfolgen", "Treueprogramm nutzen", "Beratung per Video",
          "Ersatzteil bestellen", "Adresse ändern", "Zahlungserinnerung klären", "Zählerstand übermitteln")
CHANNELS = ("Website", "Online-Shop", "App", "Hotline", "Filiale", "E-Mail", "Chat", "Brief", "Preisportal",
            "Social Media", "Außendienst", "Newsletter", "Kundenportal", "Video-Beratung", "SMS", "Paketdienst")
PHYSICAL = {"Filiale", "Brief", "Außendienst", "Paketdienst"}
VERBS = ("Sucht", "Vergleicht", "Prüft", "Liest", "Bestellt", "Bezahlt", "Meldet", "Erfragt", "Erhält",
         "Bewertet", "Lädt", "Füllt", "Bestätigt", "Ändert", "Öffnet", "Speichert", "Teilt", "Reklamiert")
OBJECTS = ("das Angebot", "die Tarifübersicht", "den Lieferstatus", "die Rechnung", "die Vertragsunterlagen",
           "das Kundenkonto", "die Bestellbestätigung", "das Rücksendeetikett", "die Zahlungsart",
           "den Beratungstermin", "die Versandkosten", "die Garantiebedingungen", "das Kontaktformular",
           "die Bewertungen", "den Newsletter", "die Widerrufsbelehrung", "den Gutschein", "die Sendungsnummer",
           "das Passwort", "die Bankverbindung", "den Zählerstand", "die Produktdetails", "die Datenschutzerklärung")
PLACES = ("auf dem Smartphone", "am Abend zu Hause", "in der Mittagspause", "gemeinsam mit dem Partner",
          "im Zug auf dem Weg zur Arbeit", "am Wochenende", "direkt nach dem Anruf", "noch in der Filiale")
FEELINGS = ("neugierig", "skeptisch", "erleichtert", "genervt", "verunsichert", "zufrieden", "ungeduldig",
            "begeistert", "überfordert", "gut beraten", "misstrauisch", "entspannt", "enttäuscht")
QUESTIONS = ("Ist das seriös", "Wie lange dauert das noch", "Warum muss ich das noch einmal eingeben",
             "Kann ich das später ändern", "Was kostet das am Ende wirklich", "Wer ist dafür zuständig",
             "Bekomme ich eine Bestätigung", "Habe ich etwas vergessen", "Gibt es das woanders günstiger")
PROBLEMS = ("ist nicht auffindbar", "lädt auf dem Smartphone sehr langsam", "ist widersprüchlich formuliert",
            "erscheint erst nach mehreren Klicks", "verlangt Angaben, die schon bekannt sind",
            "bricht ohne Fehlermeldung ab", "ist nur zu Geschäftszeiten erreichbar", "nennt keine Fristen")
PRAISE = ("ist übersichtlich und schnell erfasst", "wird freundlich und kompetent erklärt",
          "kommt sofort per E-Mail", "funktioniert ohne Medienbruch", "ist persönlich und verbindlich")
SYSTEMS = ("SAP CRM", "Salesforce", "Shopware", "Zendesk", "Genesys", "DATEV", "Eigenentwicklung Tarifrechner",
           "Dokumentenmanagement", "Data Warehouse", "Ticketsystem", "Zahlungsdienstleister", "ERP")
PROCESSES = ("prüft die Bonität", "legt den Vorgang im Ticketsystem an", "gleicht die Stammdaten ab",
             "versendet die Bestätigung automatisch", "plant die Auslieferung", "bucht die Zahlung",
             "eskaliert an die zweite Ebene", "erstellt das Angebot", "archiviert die Unterlagen")
IDEAS = ("Status proaktiv per SMS mitteilen", "Formular auf die nötigen Felder kürzen",
         "Rückruf zum Wunschtermin anbieten", "Kosten schon in der Übersicht zeigen",
         "Chat auch am Wochenende besetzen", "Daten aus dem Kundenkonto vorausfüllen",
         "Erklärvideo in die Bestellstrecke einbinden", "Ansprechpartner namentlich nennen")
KPIS = (("Net Promoter Score", "Punkte", "higher"), ("Conversion-Rate", "%", "higher"),
        ("Abbruchquote", "%", "lower"), ("Erstlösungsquote", "%", "higher"),
        ("Durchschnittliche Wartezeit", "Minuten", "lower"), ("Kundenzufriedenheit (CSAT)", "%", "higher"),
        ("Retourenquote", "%", "lower"), ("Bearbeitungsdauer", "Tage", "lower"),
        ("Wiederkaufrate", "%", "higher"), ("Customer Effort Score", "Punkte", "lower"))
SOURCES = ("Kundenbefragung", "Web-Analyse", "Ticketsystem", "Callcenter-Statistik", "CRM-Auswertung")
DEPARTMENTS = ("Marketing", "Vertrieb", "Kundenservice", "Produktmanagement", "IT & Digitale Kanäle", "Logistik",
               "Finanzen", "Personal", "Qualitätsmanagement", "Recht & Datenschutz", "Einkauf", "Filialnetz",
               "E-Commerce", "Forderungsmanagement", "Partnermanagement")
REGIONS = ("Nord", "Süd", "Ost", "West", "Mitte", "International")


def pick(rng: Random, pool: tuple[str, ...]) -> str:
    return pool[rng.randrange(len(pool))]


def step_name(rng: Random) -> str:
    """A short step name such as `Vergleicht die Tarifübersicht`."""
    return f"{pick(rng, VERBS)} {pick(rng, OBJECTS)}"


def does(rng: Random, who: str) -> str:
    return f"{who} {pick(rng, VERBS).lower()} {pick(rng, OBJECTS)} {pick(rng, PLACES)} und notiert sich {pick(rng, OBJECTS)}."


def thinks(rng: Random) -> str:
    return f"{pick(rng, QUESTIONS)}? Hoffentlich ist {pick(rng, OBJECTS)} diesmal klar beschrieben."


def feels(rng: Random) -> str:
    return ", ".join(sorted({pick(rng, FEELINGS) for _ in range(rng.randint(1, 3))}))


def _subject(rng: Random) -> str:
    """An object from the pool as the subject of a sentence (`den` becomes `Der`)."""
    article, noun = pick(rng, OBJECTS).split(" ", 1)
    return f"{'Der' if article == 'den' else article.capitalize()} {noun}"


def pain(rng: Random) -> str:
    return f"{_subject(rng)} {pick(rng, PROBLEMS)}; Kundinnen fragen deshalb über {pick(rng, CHANNELS)} nach."


def love(rng: Random) -> str:
    return f"{_subject(rng)} {pick(rng, PRAISE)}."


def process(rng: Random, department: str) -> str:
    return f"{department} {pick(rng, PROCESSES)} und informiert bei Abweichungen das Team."


def quote(rng: Random) -> str:
    return f"„{pick(rng, QUESTIONS)}? Ich habe {pick(rng, OBJECTS)} dreimal gesucht.“"


def sentence(rng: Random, words: int) -> str:
    """A run of plausible German words ending in a full stop."""
    pool = OBJECTS + PLACES + FEELINGS + PROCESSES
    run = " ".join(pick(rng, pool) for _ in range(words))
    return f"{run[0].upper()}{run[1:]}."
