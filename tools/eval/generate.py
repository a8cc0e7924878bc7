#!/usr/bin/env python3
"""Generates the labelled evaluation set `tests/fixtures/eval/eval.jsonl` (deterministic).

    python3 tools/eval/generate.py [--seed 20261127] [--out tests/fixtures/eval/eval.jsonl]
    python3 tools/eval/generate.py --self-test      # check-digit vectors of domain.md §5

One JSON object per line, one line per document:
    {"id": "…", "lang": "de", "oov": false, "text": "…",
     "spans": [{"entity": "IBAN", "start": 10, "end": 37, "ctx": true}, …]}

* Offsets are **UTF-8 byte offsets** into `text` (what `Detector::analyze` returns); Python
  readers convert with `text.encode()[start:end].decode()`.
* A span with `"decoy": true` (and a `"kind"`) is a value that must NOT be reported: a bad
  check digit, a wrong length, a case number, a timestamp, a version string, an amount, a
  hash, a street or company named after a person … Its `entity` is the type it imitates.
  Any finding overlapping a decoy is a false positive; findings elsewhere that match no
  label are false positives too.
* `"ctx": false` on a label means no context word for its type is written near it (the
  value stands in a bare personalia line); reports print recall with and without context.
* `"oov": true` on a PERSON span (and on its record) means neither the given name nor the
  surname is in the embedded lexicon (`data/lexicon`, read through
  `cargo run --example eval_lexicon`; the dump is cached in `target/eval/lexicon.txt`).

Every identifier is built with its check digits computed by `checks.py` (an independent
implementation of domain.md §5); every decoy is checked to fail all validators there.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks as C  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LANGS = ["en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv", "fi", "da", "no"]

# ======================================================================= names

# (given names, surnames) per nationality; several are deliberately absent from the lexicon
# (checked at generation time, not assumed).
NAMES = {
    "de": (["Hans", "Jürgen", "Anna", "Katrin", "Lukas", "Sophie", "Matthias", "Sabine", "Jörg", "Uwe", "Heike", "Dieter"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Krüger", "Wolff"]),
    "fr": (["Jean", "Marie", "Camille", "Pierre", "Élodie", "François", "Léa", "Nicolas", "Hélène", "Théo"],
           ["Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Rousseau", "Fontaine", "Mercier", "Lambert", "Bonnet"]),
    "es": (["José", "María", "Carmen", "Javier", "Lucía", "Alejandro", "Pilar", "Sergio", "Raúl", "Marta"],
           ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Jiménez"]),
    "it": (["Giuseppe", "Giovanni", "Francesca", "Alessandro", "Chiara", "Luca", "Giulia", "Marco", "Paola", "Matteo"],
           ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"]),
    "nl": (["Jan", "Pieter", "Sanne", "Daan", "Femke", "Bram", "Lotte", "Joost", "Marieke", "Sem"],
           ["de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "van Dijk"]),
    "pl": (["Piotr", "Krzysztof", "Anna", "Małgorzata", "Tomasz", "Katarzyna", "Łukasz", "Agnieszka", "Paweł", "Zofia"],
           ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Dąbrowski"]),
    "pt": (["João", "Maria", "António", "Ana", "Francisco", "Inês", "Rui", "Beatriz", "Tiago", "Joana"],
           ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa", "Gonçalves"]),
    "sv": (["Erik", "Lars", "Karin", "Anders", "Ingrid", "Johan", "Astrid", "Björn", "Elin", "Gustav"],
           ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Lindqvist"]),
    "fi": (["Mikko", "Juha", "Aino", "Timo", "Sanna", "Jukka", "Päivi", "Antti", "Heikki", "Satu"],
           ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen"]),
    "da": (["Søren", "Mette", "Jens", "Kirsten", "Niels", "Hanne", "Rasmus", "Line", "Mads", "Freja"],
           ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Sørensen", "Rasmussen", "Jørgensen", "Madsen"]),
    "no": (["Ola", "Kari", "Håkon", "Ingrid", "Magnus", "Sigrid", "Eirik", "Solveig", "Øystein", "Tone"],
           ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Bakken", "Dahl", "Lie", "Strand"]),
    "en": (["James", "Sarah", "Michael", "Emily", "David", "Laura", "Daniel", "Rachel", "Thomas", "Olivia"],
           ["Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thompson", "Walker"]),
    "tr": (["Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep"], ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"]),
    "ro": (["Andrei", "Ioana", "Mihai", "Elena", "Cristian", "Alexandra"], ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica"]),
}
# Candidates for the out-of-vocabulary subset: Albanian, Ukrainian, Somali, Eritrean, Afghan,
# Georgian, Chechen, Vietnamese, Igbo, Kurdish, Amharic, Pashto, Tamil names.
OOV = (
    ["Blerim", "Arbër", "Fatmir", "Dritëro", "Oleksii", "Bohdana", "Abdirahman", "Hodan", "Tesfaye", "Yemane",
     "Zabihullah", "Tamaz", "Nodar", "Khamzat", "Huong", "Thanh", "Chukwuemeka", "Nkechi", "Rezhwan", "Berivan",
     "Getachew", "Mulugeta", "Wahidullah", "Shpresa", "Valbona", "Tsotne", "Ketevan", "Aslambek", "Kaveri", "Thirumalai"],
    ["Krasniqi", "Hoxhaj", "Berisha", "Tkachenko", "Hrytsenko", "Warsame", "Farah-Isse", "Gebremedhin", "Tesfamariam",
     "Noorzai", "Beridze", "Kapanadze", "Dudayev", "Nguyễn-Thị", "Okonkwo-Eze", "Barzani", "Haile-Selassie",
     "Ahmadzai", "Shehu", "Gashi", "Tsiklauri", "Umarov", "Ramanathan", "Venkataraman", "Qaderi", "Zhvania",
     "Mekonnen", "Gjonbalaj", "Bytyqi", "Tadesse"],
)

LEXICON = None


def fold(s):
    s = s.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("æ", "ae").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def load_lexicon():
    """Keys of the embedded lexicon, from the cached dump or `cargo run --example eval_lexicon`."""
    global LEXICON
    if LEXICON is not None:
        return LEXICON
    path = os.path.join(ROOT, "target", "eval", "lexicon.txt")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            subprocess.run(["cargo", "run", "--quiet", "--example", "eval_lexicon"], cwd=ROOT, stdout=f, check=True)
    keys = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 1)
            if len(parts) == 2:
                keys.add(parts[1])
    LEXICON = keys
    return keys


def in_lexicon(word):
    lex = load_lexicon()
    for part in re.split(r"[- ]", word.lower()):
        if not part or part in ("van", "den", "de", "der"):
            continue
        if part in lex or fold(part) in lex:
            return True
    return False


# ======================================================================= per-language text

# Labels (context words as a real report writes them) per entity and language; "*" = any.
LABELS = {
    "EMAIL": {"en": ["e-mail", "email address"], "de": ["E-Mail", "E-Mail-Adresse"], "fr": ["courriel", "adresse e-mail"], "es": ["correo electrónico"], "it": ["e-mail", "indirizzo e-mail"], "nl": ["e-mailadres"], "pl": ["e-mail", "adres e-mail"], "pt": ["e-mail", "correio eletrónico"], "sv": ["e-post", "mejladress"], "fi": ["sähköposti"], "da": ["e-mail", "mailadresse"], "no": ["e-post"]},
    "PHONE": {"en": ["phone", "mobile", "tel."], "de": ["Tel.", "Handy", "Mobilnummer"], "fr": ["tél.", "portable", "téléphone"], "es": ["teléfono", "móvil", "tel."], "it": ["cellulare", "telefono", "tel."], "nl": ["telefoon", "mobiel nummer", "tel."], "pl": ["tel.", "telefon komórkowy", "numer telefonu"], "pt": ["telemóvel", "telefone", "tel."], "sv": ["telefon", "mobilnummer", "tel."], "fi": ["puhelin", "puh.", "matkapuhelin"], "da": ["tlf.", "mobil", "telefon"], "no": ["tlf.", "mobil", "telefon"]},
    "IBAN": {"*": ["IBAN"], "de": ["IBAN", "Konto (IBAN)"], "fr": ["IBAN", "compte IBAN"], "es": ["IBAN", "cuenta IBAN"], "nl": ["IBAN", "rekeningnummer"], "pl": ["IBAN", "rachunek"]},
    "CREDIT_CARD": {"en": ["credit card", "Visa card", "card number"], "de": ["Kreditkarte", "Kartennummer"], "fr": ["carte bancaire", "carte"], "es": ["tarjeta", "tarjeta de crédito"], "it": ["carta di credito", "carta"], "nl": ["creditcard", "bankkaart"], "pl": ["karta kredytowa", "karta"], "pt": ["cartão de crédito", "cartão"], "sv": ["kreditkort", "kortnummer"], "fi": ["luottokortti", "kortti"], "da": ["kreditkort", "betalingskort"], "no": ["kredittkort", "bankkort"]},
    "IP_ADDRESS": {"*": ["IP", "IP address"], "de": ["IP-Adresse", "IP"], "fr": ["adresse IP", "IP"], "es": ["dirección IP", "IP"], "it": ["indirizzo IP", "IP"], "nl": ["IP-adres"], "pl": ["adres IP"], "pt": ["endereço IP"], "sv": ["IP-adress"], "fi": ["IP-osoite"], "da": ["IP-adresse"], "no": ["IP-adresse"]},
    "MAC_ADDRESS": {"*": ["MAC", "MAC address", "WLAN MAC"], "de": ["MAC-Adresse"], "fr": ["adresse MAC"], "es": ["dirección MAC"], "nl": ["MAC-adres"]},
    "IMEI": {"*": ["IMEI"]},
    "IMSI": {"*": ["IMSI"]},
    "PASSPORT_NUMBER": {"en": ["passport no.", "passport number"], "de": ["Reisepass Nr.", "Reisepassnummer"], "fr": ["passeport n°", "numéro de passeport"], "es": ["pasaporte n.º", "número de pasaporte"], "it": ["passaporto n.", "numero di passaporto"], "nl": ["paspoortnummer", "paspoort nr."], "pl": ["paszport nr", "numer paszportu"], "pt": ["passaporte n.º"], "sv": ["passnummer", "pass nr"], "fi": ["passin numero", "passi nro"], "da": ["pasnummer", "pas nr."], "no": ["passnummer", "pass nr."]},
    "US_SSN": {"*": ["SSN", "Social Security number"]},
    "UK_NINO": {"*": ["National Insurance number", "NINO", "NI number"]},
    "UK_NHS": {"*": ["NHS number", "NHS no."]},
    "FR_NIR": {"fr": ["numéro de sécurité sociale", "NIR", "n° INSEE"], "en": ["French social security number (NIR)"]},
    "DE_TAX_ID": {"de": ["Steuer-ID", "Steueridentifikationsnummer", "IdNr."], "en": ["German tax ID"]},
    "DE_ID_CARD": {"de": ["Personalausweis-Nr.", "Personalausweisnummer", "Ausweisnummer"], "en": ["German identity card no."]},
    "IT_FISCAL_CODE": {"it": ["codice fiscale", "C.F."], "en": ["Italian fiscal code"]},
    "ES_DNI": {"es": ["DNI", "D.N.I."], "en": ["Spanish DNI"]},
    "ES_NIE": {"es": ["NIE", "número de identidad de extranjero (NIE)"], "en": ["Spanish NIE"]},
    "NL_BSN": {"nl": ["BSN", "burgerservicenummer"], "en": ["Dutch BSN"]},
    "BE_NRN": {"nl": ["rijksregisternummer"], "fr": ["numéro de registre national", "NISS"], "en": ["Belgian national number (NRN)"]},
    "PL_PESEL": {"pl": ["PESEL", "nr PESEL"], "en": ["PESEL"]},
    "SE_PERSONNUMMER": {"sv": ["personnummer", "pnr"], "en": ["Swedish personnummer"]},
    "FI_HETU": {"fi": ["henkilötunnus", "hetu"], "sv": ["personbeteckning"], "en": ["Finnish personal identity code"]},
    "DK_CPR": {"da": ["CPR-nr.", "CPR-nummer"], "en": ["Danish CPR number"]},
    "NO_FNR": {"no": ["fødselsnummer", "fnr."], "en": ["Norwegian fødselsnummer"]},
    "AT_SVNR": {"de": ["Sozialversicherungsnummer", "SV-Nr.", "VSNR"], "en": ["Austrian social insurance number (SVNR)"]},
    "CZ_BIRTH_NUMBER": {"en": ["Czech birth number (rodné číslo)", "rodné číslo"], "de": ["tschechische Geburtsnummer (rodné číslo)"], "pl": ["rodné číslo"]},
    "RO_CNP": {"en": ["Romanian CNP", "CNP"], "it": ["CNP (codice numerico personale rumeno)"], "es": ["CNP rumano"]},
    "PT_NIF": {"pt": ["NIF", "número de contribuinte"], "en": ["Portuguese NIF"]},
    "IE_PPSN": {"en": ["PPS number", "PPSN"]},
    "CA_SIN": {"en": ["SIN", "social insurance number"], "fr": ["numéro d'assurance sociale (NAS)"]},
    "AU_TFN": {"en": ["TFN", "tax file number"]},
    "IN_AADHAAR": {"en": ["Aadhaar", "Aadhaar number"]},
    "VIN": {"en": ["VIN", "chassis number"], "de": ["FIN", "Fahrgestellnummer"], "fr": ["VIN", "numéro de châssis"], "es": ["número de bastidor", "VIN"], "it": ["numero di telaio", "VIN"], "nl": ["chassisnummer", "VIN"], "pl": ["VIN", "numer nadwozia VIN"], "pt": ["VIN", "número de chassis"], "sv": ["chassinummer", "VIN"], "fi": ["VIN", "valmistenumero (VIN)"], "da": ["stelnummer (VIN)", "VIN"], "no": ["VIN", "understellsnummer (VIN)"]},
    "LICENSE_PLATE": {"en": ["registration", "licence plate", "number plate"], "de": ["Kennzeichen", "amtl. Kennzeichen"], "fr": ["immatriculé", "plaque d'immatriculation"], "es": ["matrícula"], "it": ["targa", "targato"], "nl": ["kenteken"], "pl": ["nr rejestracyjny", "tablice rejestracyjne"], "pt": ["matrícula"], "sv": ["registreringsnummer", "reg.nr"], "fi": ["rekisterinumero", "rekisterikilpi"], "da": ["nummerplade", "registreringsnummer"], "no": ["kjennemerke", "registreringsnummer"]},
    "BTC_ADDRESS": {"*": ["bitcoin address", "BTC wallet"], "de": ["Bitcoin-Adresse", "BTC-Wallet"], "fr": ["adresse bitcoin"], "es": ["dirección bitcoin"], "it": ["indirizzo bitcoin"], "nl": ["bitcoinadres"], "pl": ["adres bitcoin"], "pt": ["endereço bitcoin"]},
    "ETH_ADDRESS": {"*": ["Ethereum address", "ETH wallet"], "de": ["Ethereum-Adresse", "ETH-Wallet"], "fr": ["adresse Ethereum"], "es": ["dirección Ethereum"]},
    "URL": {"en": ["profile", "link"], "de": ["Profil", "Link"], "fr": ["profil", "lien"], "es": ["perfil", "enlace"], "it": ["profilo", "link"], "nl": ["profiel", "link"], "pl": ["profil", "link"], "pt": ["perfil", "ligação"], "sv": ["profil", "länk"], "fi": ["profiili", "linkki"], "da": ["profil", "link"], "no": ["profil", "lenke"]},
    "GPS_COORDINATES": {"en": ["GPS", "coordinates"], "de": ["GPS", "Koordinaten"], "fr": ["GPS", "coordonnées"], "es": ["coordenadas", "GPS"], "it": ["coordinate GPS"], "nl": ["GPS-coördinaten", "GPS"], "pl": ["współrzędne GPS"], "pt": ["coordenadas GPS"], "sv": ["GPS-koordinater", "GPS"], "fi": ["GPS-koordinaatit", "sijainti"], "da": ["GPS-koordinater"], "no": ["GPS-koordinater", "GPS"]},
}

# Frames with a label: {L} label, {V} value, {P} a person. One list per language.
FRAMES = {
    "en": ["{L}: {V}.", "The {L} given by {P} was {V}.", "During the interview {P} stated {L} {V}.", "We checked {L} {V} against the national register ✅.", "Further enquiries concern {L} {V}."],
    "de": ["{L}: {V}.", "{P} gab als {L} {V} an.", "Überprüfung {L} {V} ohne Treffer ✅.", "Die Ermittlungen betreffen {L} {V}.", "Laut Zeugenaussage lautet die {L} {V}."],
    "fr": ["{L} : {V}.", "{P} a déclaré {L} {V}.", "Vérification {L} {V} effectuée ✅.", "L'enquête porte sur {L} {V}.", "Selon le procès-verbal, {L} {V}."],
    "es": ["{L}: {V}.", "{P} facilitó {L} {V}.", "Se comprobó {L} {V} en la base de datos ✅.", "La investigación se centra en {L} {V}.", "Según el atestado, {L} {V}."],
    "it": ["{L}: {V}.", "{P} ha indicato {L} {V}.", "Verifica {L} {V} eseguita ✅.", "Le indagini riguardano {L} {V}.", "Dal verbale risulta {L} {V}."],
    "nl": ["{L}: {V}.", "{P} gaf als {L} {V} op.", "Controle {L} {V} uitgevoerd ✅.", "Het onderzoek betreft {L} {V}.", "Volgens het proces-verbaal {L} {V}."],
    "pl": ["{L}: {V}.", "{P} podał {L} {V}.", "Sprawdzono {L} {V} w rejestrze ✅.", "Postępowanie dotyczy {L} {V}.", "Według protokołu {L} {V}."],
    "pt": ["{L}: {V}.", "{P} indicou {L} {V}.", "Verificado {L} {V} na base de dados ✅.", "A investigação incide sobre {L} {V}.", "Segundo o auto, {L} {V}."],
    "sv": ["{L}: {V}.", "{P} uppgav {L} {V}.", "Kontroll av {L} {V} utförd ✅.", "Utredningen gäller {L} {V}.", "Enligt förhöret {L} {V}."],
    "fi": ["{L}: {V}.", "{P} ilmoitti {L} {V}.", "Tarkistettu {L} {V} rekisteristä ✅.", "Tutkinta koskee {L} {V}.", "Kuulustelupöytäkirjan mukaan {L} {V}."],
    "da": ["{L}: {V}.", "{P} oplyste {L} {V}.", "Kontrol af {L} {V} udført ✅.", "Efterforskningen vedrører {L} {V}.", "Ifølge rapporten {L} {V}."],
    "no": ["{L}: {V}.", "{P} oppga {L} {V}.", "Kontroll av {L} {V} utført ✅.", "Etterforskningen gjelder {L} {V}.", "Ifølge avhøret {L} {V}."],
}
# Personalia lines without a label for the value ("ctx": false).
BARE = {
    "en": ["Personal details: {P}, {V}, {CITY}.", "Subject: {P} — {V} — {CITY}."],
    "de": ["Personalien: {P}, {V}, wohnhaft in {CITY}.", "Betroffene Person: {P} / {V} / {CITY}."],
    "fr": ["Identité : {P}, {V}, domicilié à {CITY}.", "Personne concernée : {P} — {V} — {CITY}."],
    "es": ["Filiación: {P}, {V}, vecino de {CITY}.", "Persona: {P} — {V} — {CITY}."],
    "it": ["Generalità: {P}, {V}, residente a {CITY}.", "Soggetto: {P} — {V} — {CITY}."],
    "nl": ["Personalia: {P}, {V}, wonende te {CITY}.", "Betrokkene: {P} — {V} — {CITY}."],
    "pl": ["Dane osobowe: {P}, {V}, zam. {CITY}.", "Osoba: {P} — {V} — {CITY}."],
    "pt": ["Identificação: {P}, {V}, residente em {CITY}.", "Pessoa: {P} — {V} — {CITY}."],
    "sv": ["Personuppgifter: {P}, {V}, bosatt i {CITY}.", "Person: {P} — {V} — {CITY}."],
    "fi": ["Henkilötiedot: {P}, {V}, {CITY}.", "Henkilö: {P} — {V} — {CITY}."],
    "da": ["Personoplysninger: {P}, {V}, bopæl {CITY}.", "Person: {P} — {V} — {CITY}."],
    "no": ["Personalia: {P}, {V}, bosatt i {CITY}.", "Person: {P} — {V} — {CITY}."],
}
CITIES = {
    "en": ["Manchester", "Dublin", "Bristol", "Cork"], "de": ["Köln", "München", "Görlitz", "Wien"], "fr": ["Lyon", "Besançon", "Liège", "Nîmes"],
    "es": ["Cádiz", "Málaga", "Zaragoza", "León"], "it": ["Bologna", "Forlì", "Napoli", "Cantù"], "nl": ["Utrecht", "Den Haag", "Zwolle", "Gent"],
    "pl": ["Łódź", "Kraków", "Gdańsk", "Poznań"], "pt": ["Évora", "Porto", "Setúbal", "Braga"], "sv": ["Malmö", "Göteborg", "Umeå", "Västerås"],
    "fi": ["Jyväskylä", "Hämeenlinna", "Oulu", "Tampere"], "da": ["Århus", "Køge", "Odense", "Aalborg"], "no": ["Tromsø", "Bodø", "Bergen", "Ålesund"],
}

# PERSON sentences: {P} is the name span; cue words (role, title, label) sit outside it.
PERSON_CUE = {
    "en": ["The suspect {P} was arrested at 06:10.", "Witness {P} saw the vehicle leave.", "Mr {P} refused to answer.", "Ms {P} reported the theft 😟.", "Name: {P}", "Officer {P} took the statement.", "The victim, {P}, was taken to hospital.", "Detective Inspector {P} leads the case."],
    "de": ["Der Beschuldigte {P} wurde vorläufig festgenommen.", "Zeugin {P} beobachtete das Fahrzeug.", "Herr {P} verweigerte die Aussage.", "Frau {P} erstattete Anzeige 😟.", "Name: {P}", "Geschädigter {P} erlitt leichte Verletzungen.", "Tatverdächtiger {P} floh zu Fuß.", "Kriminalkommissar {P} übernahm den Vorgang."],
    "fr": ["Le suspect {P} a été interpellé à 6 h 10.", "Le témoin {P} a vu le véhicule partir.", "M. {P} a refusé de répondre.", "Mme {P} a déposé plainte 😟.", "Nom : {P}", "La victime {P} a été transportée à l'hôpital.", "Le prévenu {P} conteste les faits.", "Commissaire {P} dirige l'enquête."],
    "es": ["El detenido {P} fue trasladado a comisaría.", "La testigo {P} vio huir el vehículo.", "Sr. {P} se negó a declarar.", "Sra. {P} presentó denuncia 😟.", "Nombre: {P}", "La víctima {P} fue atendida en el hospital.", "El investigado {P} reconoce los hechos.", "Inspectora {P} instruye las diligencias."],
    "it": ["L'indagato {P} è stato fermato alle 6:10.", "Il testimone {P} ha visto il veicolo.", "Sig. {P} si è avvalso della facoltà di non rispondere.", "Signora {P} ha sporto denuncia 😟.", "Nome: {P}", "La vittima {P} è stata medicata.", "Il sospettato {P} è fuggito a piedi.", "Ispettore {P} coordina le indagini."],
    "nl": ["Verdachte {P} werd om 06.10 uur aangehouden.", "Getuige {P} zag het voertuig wegrijden.", "Dhr. {P} weigerde te verklaren.", "Mevrouw {P} deed aangifte 😟.", "Naam: {P}", "Slachtoffer {P} werd naar het ziekenhuis gebracht.", "Aangever {P} verklaarde het volgende.", "Rechercheur {P} nam de verklaring op."],
    "pl": ["Podejrzany {P} został zatrzymany o 6:10.", "Świadek {P} widział odjeżdżający pojazd.", "Pan {P} odmówił składania wyjaśnień.", "Pani {P} złożyła zawiadomienie 😟.", "Nazwisko: {P}", "Pokrzywdzony {P} trafił do szpitala.", "Zatrzymany {P} przyznał się do winy.", "Komisarz {P} prowadzi sprawę."],
    "pt": ["O suspeito {P} foi detido às 6h10.", "A testemunha {P} viu o veículo fugir.", "Senhor {P} recusou-se a prestar declarações.", "Senhora {P} apresentou queixa 😟.", "Nome: {P}", "A vítima {P} foi transportada ao hospital.", "O arguido {P} nega os factos.", "Inspetor {P} dirige a investigação."],
    "sv": ["Den misstänkte {P} greps klockan 06.10.", "Vittnet {P} såg bilen köra iväg.", "Fru {P} gjorde en anmälan 😟.", "Namn: {P}", "Målsäganden {P} fördes till sjukhus.", "Misstänkt {P} nekar till brott.", "Kommissarie {P} leder utredningen.", "Gärningsmannen {P} flydde till fots."],
    "fi": ["Epäilty {P} otettiin kiinni klo 6.10.", "Todistaja {P} näki auton lähtevän.", "Herra {P} kieltäytyi vastaamasta.", "Rouva {P} teki rikosilmoituksen 😟.", "Nimi: {P}", "Asianomistaja {P} vietiin sairaalaan.", "Uhri {P} loukkaantui lievästi.", "Rikoskomisario {P} johtaa tutkintaa."],
    "da": ["Sigtede {P} blev anholdt kl. 06.10.", "Vidnet {P} så bilen køre væk.", "Fru {P} indgav anmeldelse 😟.", "Navn: {P}", "Forurettede {P} blev kørt på hospitalet.", "Mistænkte {P} nægtede sig skyldig.", "Politiassistent {P} optog afhøringen.", "Anholdte {P} blev løsladt."],
    "no": ["Siktede {P} ble pågrepet kl. 06.10.", "Vitnet {P} så bilen kjøre.", "Fru {P} anmeldte tyveriet 😟.", "Navn: {P}", "Fornærmede {P} ble kjørt til sykehus.", "Mistenkte {P} nekter straffskyld.", "Politibetjent {P} tok avhøret.", "Pågrepne {P} ble løslatt."],
}
# No cue word: the name must be known from the lexicon or its shape.
PERSON_BARE = {
    "en": ["{P} was seen near the station at 22:40.", "According to the landlord, {P} moved out in May.", "{P} and her brother left for Calais."],
    "de": ["{P} wurde gegen 22:40 Uhr am Bahnhof gesehen.", "Laut Vermieter ist {P} im Mai ausgezogen.", "{P} fuhr anschließend nach Görlitz."],
    "fr": ["{P} a été aperçu près de la gare vers 22 h 40.", "Selon le bailleur, {P} a quitté le logement.", "{P} est reparti vers Besançon."],
    "es": ["{P} fue visto cerca de la estación a las 22:40.", "Según el casero, {P} se mudó en mayo.", "{P} viajó después a Cádiz."],
    "it": ["{P} è stato visto vicino alla stazione alle 22:40.", "Secondo il locatore, {P} ha lasciato l'appartamento.", "{P} è poi partito per Forlì."],
    "nl": ["{P} werd rond 22.40 uur bij het station gezien.", "Volgens de verhuurder is {P} in mei vertrokken.", "{P} reed daarna naar Zwolle."],
    "pl": ["{P} był widziany przy dworcu około 22:40.", "Według wynajmującego {P} wyprowadził się w maju.", "{P} pojechał następnie do Łodzi."],
    "pt": ["{P} foi visto perto da estação às 22h40.", "Segundo o senhorio, {P} saiu em maio.", "{P} seguiu depois para Évora."],
    "sv": ["{P} sågs vid stationen runt 22.40.", "Enligt hyresvärden flyttade {P} i maj.", "{P} åkte sedan till Umeå."],
    "fi": ["{P} nähtiin aseman lähellä noin klo 22.40.", "Vuokranantajan mukaan {P} muutti toukokuussa.", "{P} matkusti sen jälkeen Ouluun."],
    "da": ["{P} blev set ved stationen omkring kl. 22.40.", "Ifølge udlejeren flyttede {P} i maj.", "{P} kørte derefter til Køge."],
    "no": ["{P} ble sett ved stasjonen rundt kl. 22.40.", "Ifølge utleier flyttet {P} i mai.", "{P} reiste deretter til Bodø."],
}
BIRTH = {
    "en": ["{P}, born {V}, was identified.", "DOB: {V}.", "The subject (date of birth {V}) was questioned."],
    "de": ["{P}, geb. {V}, wurde identifiziert.", "Geburtsdatum: {V}.", "Die Person (geboren am {V}) wurde befragt."],
    "fr": ["{P}, né le {V}, a été identifié.", "Date de naissance : {V}.", "L'intéressée, née le {V}, a été entendue."],
    "es": ["{P}, nacido el {V}, fue identificado.", "Fecha de nacimiento: {V}.", "La detenida, nacida el {V}, declaró."],
    "it": ["{P}, nato il {V}, è stato identificato.", "Data di nascita: {V}.", "L'indagata, nata il {V}, è stata sentita."],
    "nl": ["{P}, geboren op {V}, werd geïdentificeerd.", "Geboortedatum: {V}.", "Betrokkene (geboren {V}) werd gehoord."],
    "pl": ["{P}, urodzony {V}, został wylegitymowany.", "Data urodzenia: {V}.", "Podejrzana (urodzona {V}) została przesłuchana."],
    "pt": ["{P}, nascido em {V}, foi identificado.", "Data de nascimento: {V}.", "A arguida, nascida em {V}, foi ouvida."],
    "sv": ["{P}, född {V}, identifierades.", "Födelsedatum: {V}.", "Personen (född {V}) hördes."],
    "fi": ["{P}, syntynyt {V}, tunnistettiin.", "Syntymäaika: {V}.", "Henkilö (syntynyt {V}) kuultiin."],
    "da": ["{P}, født {V}, blev identificeret.", "Fødselsdato: {V}.", "Personen (født {V}) blev afhørt."],
    "no": ["{P}, født {V}, ble identifisert.", "Fødselsdato: {V}.", "Personen (født {V}) ble avhørt."],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
    "fi": ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
    "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
    "no": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
}
# Filler sentences (no personal data), with non-ASCII text and emoji.
FILLER = {
    "en": ["Patrol arrived at 21:15 🚓.", "The door showed signs of forced entry.", "Nothing further to report.", "CCTV footage was secured — see annex B."],
    "de": ["Die Streife traf um 21:15 Uhr ein 🚓.", "Die Tür wies Aufbruchspuren auf.", "Sachschaden ca. 2.500 €.", "Videoaufzeichnungen wurden gesichert – siehe Anlage B."],
    "fr": ["La patrouille est arrivée à 21 h 15 🚓.", "La porte présentait des traces d'effraction.", "Préjudice estimé à 2 500 €.", "Les images de vidéosurveillance ont été saisies."],
    "es": ["La patrulla llegó a las 21:15 🚓.", "La puerta presentaba signos de fuerza.", "Daños valorados en 2.500 €.", "Se aseguraron las grabaciones — véase anexo B."],
    "it": ["La pattuglia è giunta alle 21:15 🚓.", "La porta presentava segni di effrazione.", "Danno stimato in 2.500 €.", "Le riprese sono state acquisite — v. allegato B."],
    "nl": ["De surveillance arriveerde om 21.15 uur 🚓.", "De deur vertoonde braaksporen.", "Schade geschat op € 2.500.", "Camerabeelden zijn veiliggesteld."],
    "pl": ["Patrol przybył o 21:15 🚓.", "Drzwi nosiły ślady włamania.", "Straty oszacowano na 2500 zł.", "Zabezpieczono nagrania z monitoringu."],
    "pt": ["A patrulha chegou às 21h15 🚓.", "A porta apresentava sinais de arrombamento.", "Prejuízo estimado em 2.500 €.", "As imagens de videovigilância foram apreendidas."],
    "sv": ["Patrullen anlände 21.15 🚓.", "Dörren hade brytskador.", "Skadan uppskattas till 25 000 kr.", "Övervakningsfilm säkrades – se bilaga B."],
    "fi": ["Partio saapui klo 21.15 🚓.", "Ovessa oli murtojälkiä.", "Vahingot noin 2 500 €.", "Valvontakameran tallenteet otettiin talteen."],
    "da": ["Patruljen ankom kl. 21.15 🚓.", "Døren havde brudspor.", "Skaden anslås til 18.000 kr.", "Overvågningsvideo blev sikret – se bilag B."],
    "no": ["Patruljen ankom kl. 21.15 🚓.", "Døren hadde brekkmerker.", "Skaden anslås til 25 000 kr.", "Overvåkingsvideo ble sikret – se vedlegg B."],
}

# Home languages of the national identifiers (en is always possible for a foreign one).
HOME = {
    "FR_NIR": ["fr"], "DE_TAX_ID": ["de"], "DE_ID_CARD": ["de"], "IT_FISCAL_CODE": ["it"], "ES_DNI": ["es"], "ES_NIE": ["es"],
    "NL_BSN": ["nl"], "BE_NRN": ["nl", "fr"], "PL_PESEL": ["pl"], "SE_PERSONNUMMER": ["sv"], "FI_HETU": ["fi", "sv"], "DK_CPR": ["da"],
    "NO_FNR": ["no"], "AT_SVNR": ["de"], "CZ_BIRTH_NUMBER": ["en", "de", "pl"], "RO_CNP": ["en", "it", "es"], "PT_NIF": ["pt"],
    "IE_PPSN": ["en"], "CA_SIN": ["en", "fr"], "AU_TFN": ["en"], "IN_AADHAAR": ["en"], "US_SSN": ["en"], "UK_NINO": ["en"], "UK_NHS": ["en"],
}
NAT_OF_LANG = {"en": "en", "de": "de", "fr": "fr", "es": "es", "it": "it", "nl": "nl", "pl": "pl", "pt": "pt", "sv": "sv", "fi": "fi", "da": "da", "no": "no"}


# ======================================================================= value generators


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def digits(self, n, first="0123456789"):
        r = self.r
        return r.choice(first) + "".join(r.choice("0123456789") for _ in range(n - 1))

    def date(self, y0=1950, y1=2005):
        y = self.r.randint(y0, y1)
        m = self.r.randint(1, 12)
        d = self.r.randint(1, 28)
        return y, m, d

    # ---------------------------------------------------------------- finance
    IBAN_SHAPES = {
        "DE": "8n10n", "FR": "5n5n11c2n", "ES": "4n4n1n1n10n", "IT": "1a5n5n12c", "NL": "4a10n", "PL": "8n16n", "PT": "4n4n11n2n",
        "SE": "3n16n1n", "FI": "3n11n", "DK": "4n9n1n", "NO": "4n6n1n", "BE": "3n7n2n", "AT": "5n11n", "GB": "4a6n8n", "IE": "4a6n8n",
        "CH": "5n12c", "LU": "3n13c", "CZ": "4n16n", "RO": "4a16c", "GR": "3n4n16c",
    }
    LANG_CC = {"en": ["GB", "IE"], "de": ["DE", "AT", "CH"], "fr": ["FR", "BE", "LU"], "es": ["ES"], "it": ["IT"], "nl": ["NL", "BE"], "pl": ["PL"],
               "pt": ["PT"], "sv": ["SE"], "fi": ["FI"], "da": ["DK"], "no": ["NO"]}

    def bban(self, shape):
        out = ""
        for n, k in re.findall(r"(\d+)([nac])", shape):
            for _ in range(int(n)):
                out += self.r.choice({"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}[k])
        return out

    def iban(self, lang):
        cc = self.r.choice(self.LANG_CC[lang] + ["DE", "FR", "NL", "RO", "GR", "CZ"])
        while True:
            b = self.bban(self.IBAN_SHAPES[cc])
            chk = 98 - C.mod97(b + cc + "00")
            if 2 <= chk <= 98:
                break
        s = f"{cc}{chk:02d}{b}"
        assert C.iban_ok(s)
        return self.r.choice([s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))]), s

    def card(self):
        r = self.r
        kind = r.choice(["visa", "visa", "mc", "mc2", "amex", "discover", "jcb", "diners", "maestro"])
        prefix, n = {
            "visa": ("4" + self.digits(5), 16), "mc": (str(r.randint(51, 55)) + self.digits(4), 16),
            "mc2": (str(r.randint(2221, 2720)) + self.digits(2), 16), "amex": (r.choice(["34", "37"]) + self.digits(4), 15),
            "discover": ("6011" + self.digits(2), 16), "jcb": (str(r.randint(3528, 3589)) + self.digits(2), 16),
            "diners": (r.choice(["300", "301", "305", "36", "38"]) + self.digits(3), 14), "maestro": (r.choice(["6759", "5018", "6304"]) + self.digits(2), 16),
        }[kind]
        body = prefix + self.digits(n - 1 - len(prefix))
        s = body + C.luhn_digit(body)
        if n == 15:
            forms = [s, f"{s[:4]} {s[4:10]} {s[10:]}"]
        elif n == 14:
            forms = [s, f"{s[:4]} {s[4:10]} {s[10:]}"]
        else:
            forms = [s, " ".join(s[i:i + 4] for i in range(0, 16, 4)), "-".join(s[i:i + 4] for i in range(0, 16, 4))]
        return r.choice(forms), s

    def btc(self):
        r = self.r
        k = r.choice(["p2pkh", "p2pkh", "p2sh", "bech32", "bech32m"])
        prog = bytes(r.getrandbits(8) for _ in range(32 if k == "bech32m" else 20))
        if k == "p2pkh":
            s = C.b58check_encode(b"\x00" + prog)
        elif k == "p2sh":
            s = C.b58check_encode(b"\x05" + prog)
        elif k == "bech32":
            s = C.segwit_encode("bc", 0, prog)
        else:
            s = C.segwit_encode("bc", 1, prog)
        assert C.b58check_ok(s) or C.segwit_ok(s), s
        return s, s

    def eth(self):
        h = "".join(self.r.choice("0123456789abcdef") for _ in range(40))
        s = "0x" + (C.eip55(h) if self.r.random() < 0.75 else h)
        return s, s

    # ---------------------------------------------------------------- network / telecom
    def email(self, person):
        given, surname = person["given"], person["surname"]
        g = fold(given).lower().replace(" ", "")
        s = fold(surname).lower().replace(" ", "").replace("'", "")
        dom = self.r.choice(["gmail.com", "web.de", "orange.fr", "libero.it", "wp.pl", "hotmail.es", "ziggo.nl", "sapo.pt", "telia.se",
                             "proton.me", "yahoo.co.uk", "posteo.de", "outlook.dk", "online.no", "luukku.fi"])
        local = self.r.choice([f"{g}.{s}", f"{g[0]}.{s}", f"{s}{self.r.randint(1, 99)}", f"{g}_{s}", f"{g}.{s}+shop"])
        if self.r.random() < 0.08:  # internationalised local part
            local = f"{given.lower()}.{surname.lower().replace(' ', '')}"
        e = f"{local}@{dom}"
        return e, e

    PHONES = {
        "en": ["+44 20 7946 {a4}", "07700 900{a3}", "+44 7700 900{a3}", "+1 202-555-0{a3}", "+353 87 {a3} {a4}"],
        "de": ["+49 30 {a4}{a3}", "0171 {a4}{a3}", "030/{a4}{a3}", "+49 (0)89 {a4}{a3}", "0049 221 {a4}{a3}"],
        "fr": ["+33 6 {a2} {a2} {a2} {a2}", "06 {a2} {a2} {a2} {a2}", "01.{a2}.{a2}.{a2}.{a2}", "+33 (0)1 {a2} {a2} {a2} {a2}"],
        "es": ["+34 612 {a3} {a3}", "+34 91 {a3} {a2} {a2}", "0034 678 {a3} {a3}"],
        "it": ["+39 333 {a3} {a4}", "+39 06 {a4} {a4}", "0039 347 {a3}{a4}"],
        "nl": ["+31 6 {a4}{a4}", "06-{a4}{a4}", "020-{a3}{a4}", "+31 (0)20 {a3} {a4}"],
        "pl": ["+48 601 {a3} {a3}", "+48 22 {a3} {a2} {a2}", "0048 512 {a3} {a3}"],
        "pt": ["+351 912 {a3} {a3}", "+351 21 {a3} {a4}", "00351 936 {a3} {a3}"],
        "sv": ["+46 70 {a3} {a2} {a2}", "070-{a3} {a2} {a2}", "08-{a3} {a2} {a2}"],
        "fi": ["+358 40 {a4}{a3}", "040 {a3} {a4}", "09 {a4} {a4}"],
        "da": ["+45 {a2} {a2} {a2} {a2}", "+45 {a4} {a4}", "0045 {a4}{a4}"],
        "no": ["+47 {a3} {a2} {a3}", "+47 {a2} {a2} {a2} {a2}", "0047 {a4}{a4}"],
    }

    def phone(self, lang):
        t = self.r.choice(self.PHONES[lang])
        s = re.sub(r"\{a(\d)\}", lambda m: self.digits(int(m.group(1)), "123456789"), t)
        return s, s

    def ip(self):
        r = self.r
        if r.random() < 0.75:
            s = ".".join(str(x) for x in [r.choice([31, 46, 77, 85, 91, 145, 176, 185, 193, 212, 217]), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)])
        else:
            groups = [f"{r.randint(0, 0xffff):x}" for _ in range(8)]
            groups[0] = r.choice(["2001", "2a02", "2a01", "2003"])
            if r.random() < 0.5:
                s = ":".join(groups[:3]) + "::" + ":".join(groups[5:])
            else:
                s = ":".join(groups)
        return s, s

    def mac(self):
        b = [self.r.randint(0, 255) for _ in range(6)]
        f = self.r.choice(["colon", "colonU", "dash", "dot"])
        if f == "colon":
            s = ":".join(f"{x:02x}" for x in b)
        elif f == "colonU":
            s = ":".join(f"{x:02X}" for x in b)
        elif f == "dash":
            s = "-".join(f"{x:02X}" for x in b)
        else:
            h = "".join(f"{x:02x}" for x in b)
            s = f"{h[:4]}.{h[4:8]}.{h[8:]}"
        return s, s

    def imei(self):
        body = self.r.choice(["35", "86", "01", "35", "35"]) + self.digits(12)
        s = body + C.luhn_digit(body)
        return self.r.choice([s, s, f"{s[:8]} {s[8:14]} {s[14]}", f"{s[:2]}-{s[2:8]}-{s[8:14]}-{s[14]}"]), s

    def imsi(self, lang):
        mcc = {"en": "234", "de": "262", "fr": "208", "es": "214", "it": "222", "nl": "204", "pl": "260", "pt": "268", "sv": "240", "fi": "244", "da": "238", "no": "242"}[lang]
        while True:
            s = mcc + self.digits(2) + self.digits(10)
            if not C.luhn_ok(s):
                return s, s

    def url(self, person):
        g = fold(person["given"]).lower()
        s = fold(person["surname"]).lower().replace(" ", "")
        u = self.r.choice([
            f"https://www.facebook.com/{g}.{s}.{self.r.randint(1, 99)}", f"https://instagram.com/{g}_{s}", f"https://t.me/{g}{s}{self.r.randint(10, 99)}",
            f"https://www.linkedin.com/in/{g}-{s}-{self.r.randint(100, 999)}", f"http://{s}-{g}.example.net/blog/2026/03/",
            f"https://vk.com/id{self.digits(9, '123456789')}", f"hxxp://login-{s}.example.top/verify?id={self.digits(6)}",
            f"https://de.wikipedia.org/wiki/Görlitz", f"https://www.youtube.com/watch?v={self.bban('11c')}"])
        return u, u

    def gps(self):
        r = self.r
        lat = r.uniform(36, 70)
        lon = r.uniform(-9, 30)
        f = r.choice(["dec", "dec", "hemi", "dms"])
        if f == "dec":
            s = f"{lat:.{r.choice([4, 5, 6])}f}, {lon:.{r.choice([4, 5, 6])}f}"
        elif f == "hemi":
            s = f"{lat:.5f}° N, {abs(lon):.5f}° {'E' if lon >= 0 else 'W'}"
        else:
            def dms(v, pos, neg):
                a = abs(v)
                d = int(a)
                m = int((a - d) * 60)
                sec = ((a - d) * 60 - m) * 60
                return f"{d}°{m:02d}'{sec:04.1f}\"{pos if v >= 0 else neg}"
            s = f"{dms(lat, 'N', 'S')} {dms(lon, 'E', 'W')}"
        return s, s

    # ---------------------------------------------------------------- travel / vehicle
    def mrz(self, person):
        r = self.r
        state = r.choice(["D<<", "FRA", "ESP", "ITA", "NLD", "POL", "PRT", "SWE", "FIN", "DNK", "NOR", "GBR", "AUT", "BEL"])
        sur = re.sub(r"[^A-Z]", "<", fold(person["surname"]).upper())
        giv = re.sub(r"[^A-Z]", "<", fold(person["given"]).upper())
        y, m, d = self.date()
        dob = f"{y % 100:02d}{m:02d}{d:02d}"
        exp = f"{r.randint(27, 35):02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        sex = r.choice("MF")
        doc = "".join(r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(9))
        cd = C.icao_digit
        kind = r.choice(["TD3", "TD3", "TD1", "TD2"])
        if kind == "TD3":
            l1 = ("P<" + state + sur + "<<" + giv).ljust(44, "<")[:44]
            pers = "<" * 14
            body = doc + cd(doc) + state + dob + cd(dob) + sex + exp + cd(exp) + pers + "<"
            comp = cd(body[0:10] + body[13:20] + body[21:43])
            l2 = body + comp
            lines = [l1, l2]
        elif kind == "TD2":
            l1 = ("I<" + state + sur + "<<" + giv).ljust(36, "<")[:36]
            body = doc + cd(doc) + state + dob + cd(dob) + sex + exp + cd(exp) + "<" * 7
            l2 = body + cd(body[0:10] + body[13:20] + body[21:35])
            lines = [l1, l2]
        else:
            l1 = ("ID" + state + doc + cd(doc)).ljust(30, "<")
            body2 = dob + cd(dob) + sex + exp + cd(exp) + state + "<" * 11
            comp = cd(l1[5:30] + body2[0:7] + body2[8:15] + body2[18:29])
            l2 = body2 + comp
            l3 = (sur + "<<" + giv).ljust(30, "<")[:30]
            lines = [l1, l2, l3]
        s = "\n".join(lines)
        return s, s

    PASSPORT = {
        "de": lambda g: "C" + "".join(g.r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),
        "fr": lambda g: g.digits(2) + g.bban("2a") + g.digits(5),
        "it": lambda g: g.bban("2a") + g.digits(7),
        "es": lambda g: g.bban("3a") + g.digits(6),
        "nl": lambda g: g.bban("2a") + g.bban("2c") + g.digits(4) + g.bban("1a") + g.digits(1),
        "pl": lambda g: g.bban("2a") + g.digits(7),
        "en": lambda g: g.digits(9, "123456789"),
        "pt": lambda g: g.bban("1a") + g.digits(6),
        "sv": lambda g: g.digits(8, "123456789"),
        "fi": lambda g: g.bban("2a") + g.digits(7),
        "da": lambda g: g.digits(9, "123456789"),
        "no": lambda g: g.bban("2a") + g.digits(7),
    }

    def passport(self, lang):
        while True:
            s = self.PASSPORT[lang](self)
            if s.isdigit() or not C.passes_any(s):
                return s, s

    def vin(self):
        r = self.r
        wmi = r.choice(["WVW", "WBA", "WDB", "VF1", "ZFA", "SJN", "YV1", "TMB", "1HG", "JHM", "WAU", "VSS", "SAL", "UU1", "XTA"])
        alpha = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        vds = "".join(r.choice(alpha) for _ in range(5))
        tail = r.choice("ABCDEFGHJKLMNPRSTVWXY123456789") + r.choice(alpha) + self.digits(6)
        s = wmi + vds + "0" + tail
        s = s[:8] + C.vin_digit(s) + s[9:]
        assert C.vin_ok(s)
        return s, s

    PLATES = {
        "de": ["{C1}-{L2} {N4}", "{C2} {L2} {N3}", "{C1} {L1} {N4}", "{C3}-{L1} {N2}"],
        "fr": ["{L2}-{N3}-{L2}"], "es": ["{N4} {L3}", "{N4}-{L3}"], "it": ["{L2} {N3}{L2}", "{L2}{N3}{L2}"],
        "nl": ["{L2}-{N3}-{L1}", "{N2}-{L3}-{N1}", "{L1}-{N3}-{L2}"], "pl": ["{L2} {N5}", "{L3} {N4}{L1}", "W{L1} {N5}"],
        "pt": ["{L2}-{N2}-{L2}", "{N2}-{L2}-{N2}"], "sv": ["{L3} {N3}", "{L3} {N2}{L1}"], "fi": ["{L3}-{N3}", "{L2}-{N3}"],
        "da": ["{L2} {N2} {N3}"], "no": ["{L2} {N5}", "{L2} {N2} {N3}"], "en": ["{L2}{N2} {L3}", "{L2}{N2}{L3}"],
    }

    def plate(self, lang):
        t = self.r.choice(self.PLATES[lang])
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        s = re.sub(r"\{([LNC])(\d)\}", lambda m: "".join(self.r.choice(letters if m.group(1) != "N" else "123456789") for _ in range(int(m.group(2)))), t)
        return s, s

    # ---------------------------------------------------------------- national identifiers
    def us_ssn(self):
        r = self.r
        while True:
            a = r.randint(1, 899)
            if a != 666:
                break
        s = f"{a:03d}{r.randint(1, 99):02d}{r.randint(1, 9999):04d}"
        return r.choice([f"{s[:3]}-{s[3:5]}-{s[5:]}", f"{s[:3]}-{s[3:5]}-{s[5:]}", f"{s[:3]} {s[3:5]} {s[5:]}"]), s

    def uk_nino(self):
        r = self.r
        while True:
            p = r.choice("ABCEGHJKLMNOPRSTWXYZ") + r.choice("ABCEGHJKLMNPRSTWXYZ")
            if p not in ("BG", "GB", "NK", "KN", "NT", "TN", "ZZ"):
                break
        d = self.digits(6)
        suf = r.choice("ABCD")
        s = p + d + suf
        return r.choice([s, f"{p} {d[:2]} {d[2:4]} {d[4:]} {suf}"]), s

    def uk_nhs(self):
        while True:
            b = self.digits(9, "123456789")
            c = 11 - C.weighted(b, range(10, 1, -1)) % 11
            c = 0 if c == 11 else c
            if c != 10:
                s = b + str(c)
                break
        return self.r.choice([f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]} {s[3:6]} {s[6:]}", f"{s[:3]}-{s[3:6]}-{s[6:]}", s]), s

    def fr_nir(self):
        r = self.r
        y, m, d = self.date()
        dept = r.choice(["75", "69", "13", "2A", "2B", "59", "33", "67", "06", "31"])
        head = f"{r.choice('12')}{y % 100:02d}{m:02d}{dept}{self.digits(3)}{self.digits(3)}"
        # Corsica: 2A → 19, 2B → 18 before the mod-97 key (domain.md §5.5).
        num = head[:5] + {"2A": "19", "2B": "18"}.get(head[5:7], head[5:7]) + head[7:]
        key = 97 - int(num) % 97
        s = f"{head}{key:02d}"
        assert C.nir_ok(s)
        return r.choice([s, f"{s[0]} {s[1:3]} {s[3:5]} {s[5:7]} {s[7:10]} {s[10:13]} {s[13:]}", f"{s[:13]} {s[13:]}"]), s

    def de_tax_id(self):
        r = self.r
        while True:
            ds = r.sample("0123456789", 9)
            ds.append(r.choice(ds))
            r.shuffle(ds)
            body = "".join(ds)
            if body[0] == "0":
                continue
            s = body + C.iso7064_11_10_digit(body)
            if C.detax_ok(s):
                break
        return r.choice([s, f"{s[:2]} {s[2:5]} {s[5:8]} {s[8:]}"]), s

    def de_id_card(self):
        body = self.r.choice("LMNPRTVWXYCFGHJK") + "".join(self.r.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
        s = body + C.icao_digit(body)
        return s, s

    MONTH_CF = "ABCDEHLMPRST"

    def it_cf(self, person):
        def letters(word, given):
            w = fold(word).upper()
            w = re.sub(r"[^A-Z]", "", w)
            cons = [c for c in w if c not in "AEIOU"]
            vow = [c for c in w if c in "AEIOU"]
            if given and len(cons) >= 4:
                cons = [cons[0], cons[2], cons[3]]
            return ("".join(cons + vow) + "XXX")[:3]
        r = self.r
        y, m, d = self.date()
        female = person.get("female", r.random() < 0.5)
        s15 = letters(person["surname"], False) + letters(person["given"], True) + f"{y % 100:02d}" + self.MONTH_CF[m - 1] + f"{d + (40 if female else 0):02d}" + r.choice(["H501", "F205", "F839", "L219", "G273", "A944", "D612", "Z112", "Z129"])
        s = s15 + C.cf_check(s15)
        assert C.cf_ok(s)
        return s, s

    def es_dni(self):
        n = self.digits(8)
        s = n + C.DNI[int(n) % 23]
        return self.r.choice([s, s, f"{n}-{s[8]}"]), s

    def es_nie(self):
        p = self.r.choice("XYZ")
        n = self.digits(7)
        s = p + n + C.DNI[int(str("XYZ".index(p)) + n) % 23]
        return self.r.choice([s, s, f"{p}-{n}-{s[8]}"]), s

    def nl_bsn(self):
        while True:
            b = self.digits(8, "123456")
            c = C.weighted(b, range(9, 1, -1)) % 11
            if c < 10:
                s = b + str(c)
                break
        return self.r.choice([s, s, f"{s[:4]}.{s[4:6]}.{s[6:]}"]), s

    def be_nrn(self):
        r = self.r
        y, m, d = self.date(1950, 2010)
        n9 = f"{y % 100:02d}{m:02d}{d:02d}{r.randint(1, 997):03d}"
        base = int(("2" if y >= 2000 else "") + n9)
        s = f"{n9}{97 - base % 97:02d}"
        assert C.be_ok(s)
        return r.choice([s, f"{s[:2]}.{s[2:4]}.{s[4:6]}-{s[6:9]}.{s[9:]}", f"{s[:6]}-{s[6:9]}-{s[9:]}", f"{s[:2]}.{s[2:4]}.{s[4:6]}-{s[6:9]}.{s[9:]}"]), s

    def pl_pesel(self):
        y, m, d = self.date(1940, 2012)
        mm = m + (20 if y >= 2000 else 0)
        b = f"{y % 100:02d}{mm:02d}{d:02d}{self.digits(4)}"
        s = b + str((10 - C.weighted(b, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10)
        return s, s

    def se_pnr(self):
        r = self.r
        y, m, d = self.date()
        b = f"{y % 100:02d}{m:02d}{d:02d}{self.digits(3)}"
        ten = b + C.luhn_digit(b)
        f = r.choice(["short", "short", "long", "longplain"])
        if f == "short":
            return f"{ten[:6]}-{ten[6:]}", ten
        if f == "long":
            return f"{y // 100}{ten[:6]}-{ten[6:]}", f"{y // 100}{ten}"
        return f"{y // 100}{ten}", f"{y // 100}{ten}"

    def fi_hetu(self):
        r = self.r
        y, m, d = self.date(1940, 2012)
        z = f"{r.randint(2, 899):03d}"
        sign = r.choice(["-", "-", "Y"]) if y < 2000 else r.choice(["A", "A", "B"])
        q = C.HETU[int(f"{d:02d}{m:02d}{y % 100:02d}{z}") % 31]
        s = f"{d:02d}{m:02d}{y % 100:02d}{sign}{z}{q}"
        assert C.hetu_ok(s)
        return s, s

    def dk_cpr(self):
        y, m, d = self.date(1940, 1999)
        s = f"{d:02d}{m:02d}{y % 100:02d}{self.r.choice('0123')}{self.digits(3)}"
        return f"{s[:6]}-{s[6:]}", s

    def no_fnr(self):
        while True:
            y, m, d = self.date(1940, 2012)
            ind = self.r.randint(0, 499) if y < 2000 else self.r.randint(500, 999)
            b = f"{d:02d}{m:02d}{y % 100:02d}{ind:03d}"
            k1 = C._mod11(b, [3, 7, 6, 1, 8, 9, 4, 5, 2])
            if k1 is None:
                continue
            k2 = C._mod11(b + str(k1), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
            if k2 is None:
                continue
            s = b + str(k1) + str(k2)
            assert C.fnr_ok(s)
            return self.r.choice([s, s, f"{s[:6]} {s[6:]}"]), s

    def at_svnr(self):
        while True:
            y, m, d = self.date()
            ser = self.digits(3, "123456789")
            dob = f"{d:02d}{m:02d}{y % 100:02d}"
            c = C.weighted(ser + "0" + dob, [3, 7, 9, 0, 5, 8, 4, 2, 1, 6]) % 11
            if c < 10:
                s = ser + str(c) + dob
                return self.r.choice([s, f"{s[:4]} {s[4:]}"]), s

    def cz_rc(self):
        while True:
            y, m, d = self.date(1954, 2003)
            mm = m + (50 if self.r.random() < 0.5 else 0)
            b = f"{y % 100:02d}{mm:02d}{d:02d}{self.digits(3)}"
            c = (int(b) % 11) % 10
            s = b + str(c)
            if C.rc_ok(s):
                return self.r.choice([f"{s[:6]}/{s[6:]}", f"{s[:6]}/{s[6:]}", s]), s

    def ro_cnp(self):
        y, m, d = self.date(1940, 2010)
        sx = self.r.choice("12") if y < 2000 else self.r.choice("56")
        b = f"{sx}{y % 100:02d}{m:02d}{d:02d}{self.r.randint(1, 46):02d}{self.digits(3)}"
        r_ = C.weighted(b, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
        s = b + str(1 if r_ == 10 else r_)
        return s, s

    def pt_nif(self):
        b = self.digits(8, "123")
        c = 11 - C.weighted(b, range(9, 1, -1)) % 11
        s = b + str(0 if c >= 10 else c)
        return self.r.choice([s, s, f"{s[:3]} {s[3:6]} {s[6:]}"]), s

    def ie_ppsn(self):
        d = self.digits(7)
        second = self.r.choice(["", "", "A", "B", "W"])
        total = C.weighted(d, range(8, 1, -1)) + (9 * C.PPS.index(second) if second in ("A", "B", "H") else 0)
        s = d + C.PPS[total % 23] + second
        assert C.pps_ok(s)
        return s, s

    def ca_sin(self):
        b = self.digits(8, "1234567")
        s = b + C.luhn_digit(b)
        return self.r.choice([f"{s[:3]}-{s[3:6]}-{s[6:]}", f"{s[:3]} {s[3:6]} {s[6:]}", s]), s

    def au_tfn(self):
        while True:
            b = self.digits(8, "1234567")
            c = C.weighted(b, [1, 4, 3, 7, 5, 8, 6, 9]) % 11
            if c < 10:
                s = b + str(c)
                if C.tfn_ok(s):
                    return self.r.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s]), s

    def in_aadhaar(self):
        while True:
            b = self.digits(11, "23456789")
            s = b + C.verhoeff_digit(b)
            if C.aadhaar_ok(s):
                return self.r.choice([f"{s[:4]} {s[4:8]} {s[8:]}", f"{s[:4]} {s[4:8]} {s[8:]}", s]), s

    def dob(self, lang):
        y, m, d = self.date(1940, 2008)
        r = self.r
        f = r.choice(["num", "num", "name"])
        if f == "name":
            mn = MONTHS[lang][m - 1]
            if lang == "en":
                return r.choice([f"{d} {mn} {y}", f"{mn} {d}, {y}"]), None
            if lang == "de":
                return f"{d}. {mn} {y}", None
            if lang == "es":
                return f"{d} de {mn} de {y}", None
            if lang == "pt":
                return f"{d} de {mn} de {y}", None
            if lang in ("fi", "da", "no"):
                return f"{d}. {mn} {y}", None
            return f"{d} {mn} {y}", None
        fmt = {"en": "{d:02d}/{m:02d}/{y}", "de": "{d:02d}.{m:02d}.{y}", "fr": "{d:02d}/{m:02d}/{y}", "es": "{d:02d}/{m:02d}/{y}",
               "it": "{d:02d}/{m:02d}/{y}", "nl": "{d:02d}-{m:02d}-{y}", "pl": "{d:02d}.{m:02d}.{y}", "pt": "{d:02d}/{m:02d}/{y}",
               "sv": "{y}-{m:02d}-{d:02d}", "fi": "{d}.{m}.{y}", "da": "{d:02d}.{m:02d}.{y}", "no": "{d:02d}.{m:02d}.{y}"}[lang]
        return fmt.format(d=d, m=m, y=y), None

    # ---------------------------------------------------------------- persons
    def person(self, lang, oov=False):
        r = self.r
        if oov:
            while True:
                g, s = r.choice(OOV[0]), r.choice(OOV[1])
                if not in_lexicon(g) and not in_lexicon(s):
                    break
        else:
            nat = NAT_OF_LANG[lang] if r.random() < 0.7 else r.choice(list(NAMES))
            g, s = r.choice(NAMES[nat][0]), r.choice(NAMES[nat][1])
        return {"given": g, "surname": s, "oov": not in_lexicon(g) and not in_lexicon(s)}

    def person_text(self, p, shape=None):
        r = self.r
        shape = shape or r.choice(["full", "full", "full", "police", "upper_first"])
        g, s = p["given"], p["surname"]
        if shape == "police":
            return f"{s.upper()}, {g}"
        if shape == "upper_first":
            return f"{s.upper()} {g}"
        if shape == "surname":
            return s
        return f"{g} {s}"


# ======================================================================= decoys


def decoys(g, lang):
    """(kind, entity imitated, text) of one decoy; every number in it fails all validators."""
    r = g.r
    k = r.choice(["iban_bad", "iban_len", "card_bad", "order", "imei_bad", "case", "timestamp", "version", "amount", "hash",
                  "national_bad", "mrz_bad", "btc_bad", "eth_bad", "vin_bad", "incident_date", "person_place", "person_org",
                  "iban_bad", "national_bad", "national_bad", "card_bad"])
    if k == "iban_bad":
        _, s = g.iban(lang)
        bad = s[:-1] + str((int(s[-1]) + r.randint(1, 9)) % 10) if s[-1].isdigit() else s[:-2] + "00"
        return k, "IBAN", r.choice([bad, " ".join(bad[i:i + 4] for i in range(0, len(bad), 4))]), bad
    if k == "iban_len":
        _, s = g.iban(lang)
        bad = s[:-1]
        return k, "IBAN", bad, bad
    if k == "card_bad":
        _, s = g.card()
        bad = s[:-1] + str((int(s[-1]) + r.randint(1, 9)) % 10)
        return k, "CREDIT_CARD", r.choice([bad, " ".join(bad[i:i + 4] for i in range(0, len(bad), 4))]), bad
    if k == "order":
        while True:
            s = g.digits(16, "123456789")
            if not C.luhn_ok(s):
                break
        return k, "CREDIT_CARD", s, s
    if k == "imei_bad":
        _, s = g.imei()
        bad = s[:-1] + str((int(s[-1]) + r.randint(1, 9)) % 10)
        return k, "IMEI", bad, bad
    if k == "case":
        s = r.choice([f"{r.randint(100, 999)} Js {r.randint(1000, 99999)}/26", f"2026/{r.randint(1000, 99999)}", f"PV-{r.randint(2024, 2026)}-{g.digits(6)}",
                      f"RG {r.randint(10, 26)}/{g.digits(5)}", f"EU-{g.digits(4)}-{g.digits(4)}-{g.digits(2)}", f"#{g.digits(7)}"])
        return k, "CASE_NUMBER", s, None
    if k == "timestamp":
        s = r.choice([f"2026-0{r.randint(1, 9)}-{r.randint(10, 28)}T{r.randint(10, 23)}:{r.randint(10, 59)}:{r.randint(10, 59)}Z",
                      f"{r.randint(10, 28)}.0{r.randint(1, 9)}.2026 {r.randint(10, 23)}:{r.randint(10, 59)}", f"{r.randint(1700000000, 1790000000)}"])
        return k, "TIMESTAMP", s, None
    if k == "version":
        # The version word is part of the decoy: a bare "2.9.4.71" is a valid IPv4 address.
        s = r.choice([f"v{r.randint(1, 12)}.{r.randint(0, 30)}.{r.randint(0, 99)}", f"Version 10.0.{r.randint(17000, 22631)}.{r.randint(1000, 4000)}",
                      f"firmware {r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(0, 99)}", f"build {r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}.{r.randint(100, 999)}"])
        return k, "VERSION", s, None
    if k == "amount":
        s = r.choice([f"{r.randint(1, 999)}.{r.randint(100, 999)}.{r.randint(100, 999)},{r.randint(10, 99)} EUR", f"€ {r.randint(10, 99)}.{r.randint(100, 999)},00",
                      f"USD {r.randint(1, 9)},{r.randint(100, 999)},{r.randint(100, 999)}.{r.randint(10, 99)}", f"{r.randint(1, 99)} {r.randint(100, 999)} {r.randint(100, 999)} kr"])
        return k, "AMOUNT", s, None
    if k == "hash":
        n = r.choice([32, 40, 64])
        s = "".join(r.choice("0123456789abcdef") for _ in range(n))
        if r.random() < 0.3:
            s = "0x" + "".join(r.choice("0123456789abcdef") for _ in range(64))
        return k, "HASH", s, None
    if k == "national_bad":
        ent, fn = r.choice([("PL_PESEL", g.pl_pesel), ("NL_BSN", g.nl_bsn), ("FR_NIR", g.fr_nir), ("ES_DNI", g.es_dni), ("DE_TAX_ID", g.de_tax_id),
                            ("RO_CNP", g.ro_cnp), ("FI_HETU", g.fi_hetu), ("SE_PERSONNUMMER", g.se_pnr), ("BE_NRN", g.be_nrn), ("NO_FNR", g.no_fnr),
                            ("IT_FISCAL_CODE", None), ("UK_NHS", g.uk_nhs), ("IN_AADHAAR", g.in_aadhaar), ("AT_SVNR", g.at_svnr)])
        if fn is None:
            _, s = g.it_cf(g.person("it"))
        else:
            _, s = fn()
        last = s[-1]
        if last.isdigit():
            bad = s[:-1] + str((int(last) + r.randint(1, 9)) % 10)
        else:
            alpha = C.HETU if ent == "FI_HETU" else ("TRWAGMYFPDXBNJZSQVHLCKE" if ent == "ES_DNI" else "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            bad = s[:-1] + r.choice([c for c in alpha if c != last])
        return k, ent, bad, bad
    if k == "mrz_bad":
        s, _ = g.mrz(g.person(lang))
        lines = s.split("\n")
        last = lines[1]
        ch = last[-1]
        lines[1] = last[:-1] + str((int(ch) + r.randint(1, 9)) % 10)
        return k, "PASSPORT_MRZ", "\n".join(lines), None
    if k == "btc_bad":
        s, _ = g.btc()
        i = r.randint(5, len(s) - 2)
        alpha = C.BECH if s.startswith("bc1") else C.B58
        bad = s[:i] + r.choice([c for c in alpha if c != s[i]]) + s[i + 1:]
        return k, "BTC_ADDRESS", bad, bad
    if k == "eth_bad":
        while True:
            h = "".join(r.choice("0123456789abcdef") for _ in range(40))
            good = C.eip55(h)
            letters = [i for i, c in enumerate(good) if c.isalpha()]
            if len(letters) >= 2:
                break
        i = r.choice(letters)
        bad = good[:i] + good[i].swapcase() + good[i + 1:]
        return k, "ETH_ADDRESS", "0x" + bad, None
    if k == "vin_bad":
        s, _ = g.vin()
        bad = s[:8] + r.choice([c for c in "0123456789X" if c != s[8]]) + s[9:]
        return k, "VIN", bad, bad
    if k == "incident_date":
        return k, "DATE_OF_BIRTH", f"{r.randint(10, 28)}.{r.randint(10, 12)}.2026", None
    if k == "person_place":
        return k, "PERSON", r.choice(["rue Victor Hugo", "Karl-Marx-Straße", "Via Giuseppe Garibaldi", "Avenida de Juan Carlos", "Piazza Giuseppe Verdi",
                                       "Jan Pawła II", "San Francisco", "Santa Cruz", "Sankt Peter-Ording", "Saint-Martin"]), None
    return "person_org", "PERSON", r.choice(["Anna Schmidt GmbH", "Müller & Söhne KG", "Deutsche Bank AG", "Société Générale", "Banco Santander",
                                            "Peter Hansen A/S", "Jansen B.V.", "Marco Rossi S.r.l."]), None


DECOY_FRAMES = {
    "en": ["Reference {D} was logged.", "See item {D} in the exhibit list.", "Note: {D}."],
    "de": ["Vorgang {D} wurde angelegt.", "Siehe Position {D} im Asservatenverzeichnis.", "Vermerk: {D}."],
    "fr": ["Référence {D} enregistrée.", "Voir la pièce {D} au scellé.", "Mention : {D}."],
    "es": ["Referencia {D} registrada.", "Véase la pieza {D}.", "Nota: {D}."],
    "it": ["Riferimento {D} registrato.", "Vedi reperto {D}.", "Nota: {D}."],
    "nl": ["Referentie {D} vastgelegd.", "Zie stuk {D} in de lijst.", "Notitie: {D}."],
    "pl": ["Sygnatura {D} zarejestrowana.", "Zob. dowód {D}.", "Uwaga: {D}."],
    "pt": ["Referência {D} registada.", "Ver o objeto {D}.", "Nota: {D}."],
    "sv": ["Referens {D} registrerad.", "Se föremål {D}.", "Anteckning: {D}."],
    "fi": ["Viite {D} kirjattu.", "Katso esine {D}.", "Merkintä: {D}."],
    "da": ["Reference {D} registreret.", "Se genstand {D}.", "Notat: {D}."],
    "no": ["Referanse {D} registrert.", "Se gjenstand {D}.", "Merknad: {D}."],
}


# ======================================================================= assembly


class Doc:
    def __init__(self, lang):
        self.lang = lang
        self.buf = []
        self.n = 0
        self.spans = []

    def text(self, s):
        self.buf.append(s)
        self.n += len(s.encode("utf-8"))

    def span(self, s, **label):
        start = self.n
        self.text(s)
        self.spans.append(dict(label, start=start, end=self.n))


def render(doc, template, fills):
    """Writes `template`, replacing {X} by fills[X] = (text, label dict or None)."""
    for part in re.split(r"(\{[A-Z]+\})", template):
        m = re.fullmatch(r"\{([A-Z]+)\}", part)
        if not m:
            doc.text(part)
            continue
        text, label = fills[m.group(1)]
        if label is None:
            doc.text(text)
        else:
            doc.span(text, **label)
    # A field line ("Name: …") ends the line, as in a form.
    doc.text("\n" if template.endswith("}") else " ")


def person_fill(g, lang, oov=None, shape=None):
    p = g.person(lang, oov=bool(oov))
    lab = {"entity": "PERSON"}
    if p["oov"]:
        lab["oov"] = True
    return p, (g.person_text(p, shape), lab)


ALL_TYPES = ["EMAIL", "PHONE", "IBAN", "CREDIT_CARD", "IP_ADDRESS", "MAC_ADDRESS", "IMEI", "IMSI", "PASSPORT_MRZ", "PASSPORT_NUMBER",
             "US_SSN", "UK_NINO", "UK_NHS", "FR_NIR", "DE_TAX_ID", "DE_ID_CARD", "IT_FISCAL_CODE", "ES_DNI", "ES_NIE", "NL_BSN", "BE_NRN",
             "PL_PESEL", "SE_PERSONNUMMER", "FI_HETU", "DK_CPR", "NO_FNR", "AT_SVNR", "CZ_BIRTH_NUMBER", "RO_CNP", "PT_NIF", "IE_PPSN",
             "CA_SIN", "AU_TFN", "IN_AADHAAR", "DATE_OF_BIRTH", "PERSON", "VIN", "LICENSE_PLATE", "BTC_ADDRESS", "ETH_ADDRESS", "URL",
             "GPS_COORDINATES"]


def value(g, ent, lang, person):
    m = {
        "EMAIL": lambda: g.email(person), "PHONE": lambda: g.phone(lang), "IBAN": lambda: g.iban(lang), "CREDIT_CARD": g.card,
        "IP_ADDRESS": g.ip, "MAC_ADDRESS": g.mac, "IMEI": g.imei, "IMSI": lambda: g.imsi(lang), "PASSPORT_NUMBER": lambda: g.passport(lang),
        "US_SSN": g.us_ssn, "UK_NINO": g.uk_nino, "UK_NHS": g.uk_nhs, "FR_NIR": g.fr_nir, "DE_TAX_ID": g.de_tax_id, "DE_ID_CARD": g.de_id_card,
        "IT_FISCAL_CODE": lambda: g.it_cf(person), "ES_DNI": g.es_dni, "ES_NIE": g.es_nie, "NL_BSN": g.nl_bsn, "BE_NRN": g.be_nrn,
        "PL_PESEL": g.pl_pesel, "SE_PERSONNUMMER": g.se_pnr, "FI_HETU": g.fi_hetu, "DK_CPR": g.dk_cpr, "NO_FNR": g.no_fnr, "AT_SVNR": g.at_svnr,
        "CZ_BIRTH_NUMBER": g.cz_rc, "RO_CNP": g.ro_cnp, "PT_NIF": g.pt_nif, "IE_PPSN": g.ie_ppsn, "CA_SIN": g.ca_sin, "AU_TFN": g.au_tfn,
        "IN_AADHAAR": g.in_aadhaar, "VIN": g.vin, "LICENSE_PLATE": lambda: g.plate(lang), "BTC_ADDRESS": g.btc, "ETH_ADDRESS": g.eth,
        "URL": lambda: g.url(person), "GPS_COORDINATES": g.gps,
    }
    return m[ent]()


def langs_for(ent):
    return HOME.get(ent, LANGS)


def label_for(g, ent, lang):
    table = LABELS[ent]
    opts = table.get(lang) or table.get("*") or table.get("en")
    return g.r.choice(opts)


def sentence(g, doc, ent, oov_quota):
    """Writes one sentence that holds `ent` (and often a PERSON)."""
    r = g.r
    lang = doc.lang
    if ent == "PERSON":
        oov = oov_quota[0] > 0 and r.random() < 0.35
        if oov:
            oov_quota[0] -= 1
        cue = r.random() < (0.75 if oov else 0.6)
        frames = PERSON_CUE[lang] if cue else PERSON_BARE[lang]
        frame = r.choice(frames)
        shape = None
        # After a title the report writes the surname alone or the full name.
        if cue and re.search(r"(Mr|Ms|Herr|Frau|M\.|Mme|Sr\.|Sra\.|Sig\.|Signora|Dhr\.|Mevrouw|Pan|Pani|Senhor|Senhora|Fru|Herra|Rouva) \{P\}", frame):
            shape = r.choice(["surname", "full"])
        if frame.startswith("Name") or frame.startswith("Nom") or frame.startswith("Nazwisko") or frame.startswith("Namn") or frame.startswith("Nimi") or frame.startswith("Navn") or frame.startswith("Naam"):
            shape = r.choice(["police", "full"])
        _, fill = person_fill(g, lang, oov, shape)
        fill[1]["ctx"] = cue
        render(doc, frame, {"P": fill})
        return
    if ent == "DATE_OF_BIRTH":
        frame = r.choice(BIRTH[lang])
        v, _ = g.dob(lang)
        fills = {"V": (v, {"entity": ent, "ctx": True})}
        if "{P}" in frame:
            fills["P"] = person_fill(g, lang)[1]
        render(doc, frame, fills)
        return
    if ent == "PASSPORT_MRZ":
        p = g.person(lang)
        v, _ = g.mrz(p)
        intro = {"en": "MRZ of the document presented:", "de": "MRZ des vorgelegten Dokuments:", "fr": "Bande MRZ du document présenté :",
                 "es": "MRZ del documento exhibido:", "it": "MRZ del documento esibito:", "nl": "MRZ van het getoonde document:",
                 "pl": "Strefa MRZ okazanego dokumentu:", "pt": "MRZ do documento apresentado:", "sv": "MRZ i uppvisad handling:",
                 "fi": "Esitetyn asiakirjan MRZ:", "da": "MRZ fra det foreviste dokument:", "no": "MRZ i fremvist dokument:"}[lang]
        doc.text(intro + "\n")
        doc.span(v, entity=ent, ctx=True)
        doc.text("\n")
        return
    person, pfill = person_fill(g, lang)
    v, _ = value(g, ent, lang, person)
    bare_ok = ent not in ("IMSI", "PASSPORT_NUMBER", "US_SSN", "UK_NINO", "DK_CPR", "LICENSE_PLATE", "URL", "EMAIL", "GPS_COORDINATES")
    if bare_ok and r.random() < 0.12:
        # Without a context word, a value that another scheme's validator also accepts is
        # ambiguous (a 10-digit UK NHS number that passes the DE ID card 7-3-1 check): its
        # label would be arbitrary, so such values are drawn again.
        while set(C.passes_any(re.sub(r"[ .\-/]", "", v))) - {ent, "IMEI", "CREDIT_CARD"} - ({"FI_HETU"} if ent == "FI_HETU" else set()):
            v, _ = value(g, ent, lang, person)
        frame = r.choice(BARE[lang])
        render(doc, frame, {"P": pfill, "V": (v, {"entity": ent, "ctx": False}), "CITY": (r.choice(CITIES[lang]), None)})
        return
    frame = r.choice(FRAMES[lang])
    render(doc, frame, {"P": pfill, "L": (label_for(g, ent, lang), None), "V": (v, {"entity": ent, "ctx": True})})


def decoy_sentence(g, doc):
    while True:
        kind, ent, text, compact = decoys(g, doc.lang)
        # A decoy must fail every validator (in any case); numbers without compact form are
        # checked by digit runs.
        cands = [compact] if compact else []
        cands += re.findall(r"[0-9A-Za-z]+", text) + [re.sub(r"[^0-9A-Za-z]", "", text)]
        if not any(C.passes_any(c) for c in cands if c):
            break
    frame = g.r.choice(DECOY_FRAMES[doc.lang])
    render(doc, frame, {"D": (text, {"entity": ent, "decoy": True, "kind": kind})})


def generate(seed, per_type, persons, oov_min):
    g = Gen(seed)
    r = g.r
    # Work list: (entity, language) pairs.
    work = []
    for ent in ALL_TYPES:
        if ent == "PERSON":
            continue
        for _ in range(per_type):
            work.append((ent, r.choice(langs_for(ent))))
    for _ in range(persons):
        work.append(("PERSON", r.choice(LANGS)))
    r.shuffle(work)
    by_lang = {lang: [e for e, l in work if l == lang] for lang in LANGS}
    oov_quota = [oov_min + 10]
    records = []
    for lang in LANGS:
        items = by_lang[lang]
        i = 0
        n = 0
        while i < len(items):
            k = r.randint(3, 6)
            doc = Doc(lang)
            chunk = items[i:i + k]
            i += k
            slots = chunk + ["FILLER"] * r.randint(1, 2) + ["DECOY"] * r.choice([0, 1, 1, 2])
            r.shuffle(slots)
            for s in slots:
                if s == "FILLER":
                    doc.text(r.choice(FILLER[lang]) + " ")
                elif s == "DECOY":
                    decoy_sentence(g, doc)
                else:
                    sentence(g, doc, s, oov_quota)
                if r.random() < 0.2:
                    doc.text("\n")
            text = "".join(doc.buf).rstrip()
            n += 1
            rec = {"id": f"{lang}-{n:04d}", "lang": lang, "oov": any(sp.get("oov") for sp in doc.spans), "text": text,
                   "spans": [sp for sp in doc.spans if sp["end"] <= len(text.encode())]}
            records.append(rec)
    return records


def verify(records):
    """Re-checks every labelled identifier with checks.py and every offset."""
    fix = {"IBAN": C.iban_ok, "CREDIT_CARD": C.card_ok, "IMEI": lambda s: C.luhn_ok(s), "UK_NHS": C.nhs_ok, "FR_NIR": C.nir_ok,
           "DE_TAX_ID": C.detax_ok, "DE_ID_CARD": C.idcard_ok, "IT_FISCAL_CODE": C.cf_ok, "ES_DNI": C.dni_ok, "ES_NIE": C.nie_ok,
           "NL_BSN": C.bsn_ok, "BE_NRN": C.be_ok, "PL_PESEL": C.pesel_ok, "SE_PERSONNUMMER": C.se_ok, "FI_HETU": C.hetu_ok,
           "NO_FNR": C.fnr_ok, "AT_SVNR": C.svnr_ok, "CZ_BIRTH_NUMBER": C.rc_ok, "RO_CNP": C.cnp_ok, "PT_NIF": C.nif_pt_ok,
           "IE_PPSN": C.pps_ok, "CA_SIN": C.sin_ok, "AU_TFN": C.tfn_ok, "IN_AADHAAR": C.aadhaar_ok, "VIN": C.vin_ok,
           "BTC_ADDRESS": lambda s: C.b58check_ok(s) or C.segwit_ok(s)}
    for rec in records:
        b = rec["text"].encode()
        for sp in rec["spans"]:
            v = b[sp["start"]:sp["end"]].decode()
            assert v == v.strip() and v, (rec["id"], v)
            if sp.get("decoy"):
                continue
            f = fix.get(sp["entity"])
            if f:
                compact = re.sub(r"[ .\-/]", "", v) if sp["entity"] not in ("FI_HETU",) else v.replace(" ", "")
                if sp["entity"] == "FI_HETU":
                    compact = v
                assert f(compact), (rec["id"], sp["entity"], v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "fixtures", "eval", "eval.jsonl"))
    ap.add_argument("--per-type", type=int, default=48)
    ap.add_argument("--persons", type=int, default=330)
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--check", action="store_true", help="regenerate in memory and compare with --out (exit 1 if different)")
    a = ap.parse_args()
    C.self_test()
    if a.self_test:
        print("checks.py: all domain.md §5 vectors pass")
        return
    records = generate(a.seed, a.per_type, a.persons, 70)
    verify(records)
    data = "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            same = f.read() == data
        print(f"{a.out}: {'up to date' if same else 'DIFFERS from the generator output'}")
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(data)
    labelled = [sp for rec in records for sp in rec["spans"] if not sp.get("decoy")]
    counts = {}
    for sp in labelled:
        counts[sp["entity"]] = counts.get(sp["entity"], 0) + 1
    decoy_n = sum(1 for rec in records for sp in rec["spans"] if sp.get("decoy"))
    oov = sum(1 for sp in labelled if sp.get("oov"))
    print(f"{a.out}: {len(records)} documents, {len(labelled)} labelled spans, {decoy_n} decoys, "
          f"{counts.get('PERSON', 0)} PERSON ({oov} OOV), {os.path.getsize(a.out)} bytes")
    low = {k: v for k, v in counts.items() if v < 30}
    missing = [t for t in ALL_TYPES if t not in counts]
    assert not low and not missing, (low, missing)


if __name__ == "__main__":
    main()
