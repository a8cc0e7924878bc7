//! Stop lists: words that look like names by shape but are not (months, weekdays, headings,
//! places, organisations, streets), and given names that are also common words.
//!
//! These lists carry the recognizer's precision: a capitalised word at the start of a sentence
//! or in a title-case heading is only a name when something else says so.

/// Never part of a name: months, weekdays, function words that start sentences, greetings,
/// report headings and field nouns, and well-known places.
pub(super) const STOP: &[&str] = &[
    // Months and weekdays (en de fr es it nl pl pt sv fi da no) and English abbreviations.
    // "jan" is a given name too (Jan Kowalski), so it is in COMMON instead.
    "january february march april may june july august september october november december",
    "feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun",
    "monday tuesday wednesday thursday friday saturday sunday",
    "januar februar märz mai juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag",
    "janvier février mars avril juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado",
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre lunedì martedì mercoledì giovedì venerdì sabato",
    "januari februari maart mei augustus maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia poniedziałek wtorek środa czwartek piątek sobota niedziela",
    "janeiro fevereiro março maio junho julho setembro outubro dezembro segunda terça quarta quinta sexta",
    "augusti måndag tisdag onsdag torsdag fredag lördag söndag",
    "tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai",
    "marts desember mandag tirsdag lørdag søndag",
    // Function words and greetings that start sentences.
    "the a an this that these those he she it they we you his her their our my its on by for with of and or but if when while after before during",
    "yesterday today tomorrow dear hello hi regards thanks please yours sincerely",
    "one two three four five six seven eight nine ten first second third last next",
    "according laut gemäß selon según secondo volgens według segundo enligt ifølge mukaan",
    "der die das dem des ein eine einen einem einer er sie es wir ich und oder aber am um mit für heute gestern morgen sehr geehrte geehrter liebe lieber hallo",
    "les un une il elle ils nous je et ou mais dans sur avec pour par hier aujourd'hui bonjour cher chère",
    "el los las una él ella y o pero con ayer hoy estimado estimada hola",
    "lo gli uno e ma con ieri oggi gentile caro cara",
    "het een en maar met voor gisteren vandaag zij hij ik beste geachte",
    "oraz ale dla wczoraj dzisiaj szanowny szanowna",
    "os as um uma ou mas com ontem hoje prezado prezada olá",
    "ett och eller men med för igår idag han hon hej",
    "ja tai mutta eilen tänään hän hei",
    "og hun jeg kære kjære",
    // Function words that are also given names somewhere ("Elle a déclaré", "Come detto").
    "elle lui ella esta era hasta nada una mas pero come alla dalla nella nelle mia mio tre hanno ora prima onder even dies ela som till can said",
    // Report headings and field nouns.
    "incident report summary subject reference ref date time location address status case file annex appendix note notes",
    "confidential restricted secret unclassified official sensitive tlp statement vehicle vehicles person persons people",
    "description details information interview list evidence warrant arrest section article chapter page table figure total",
    "phone email mobile tel fax passport id iban dob nationality gender male female born birth age height weight remarks",
    "comments action actions investigation update alert urgent priority request response unit annual",
    "bericht vorfall sachverhalt betreff datum zeit ort anschrift adresse personen fahrzeug fahrzeuge kennzeichen aussage",
    "beschreibung hinweis hinweise ermittlungen verfahren aktenzeichen anlage seite geburtsdatum geburtsort",
    "staatsangehörigkeit wohnort tatort tatzeit festnahme haftbefehl anzeige anfang mitte ende",
    "rapport objet lieu personne personnes véhicule déclaration procès-verbal enquête annexe",
    "informe asunto fecha lugar dirección persona personas vehículo declaración investigación denuncia",
    "rapporto oggetto data luogo indirizzo persone veicolo dichiarazione indagine verbale",
    "onderwerp plaats adres persoon voertuig verklaring onderzoek aangifte",
    "raport notatka temat miejsce osoba osoby pojazd zeznanie śledztwo dochodzenie",
    "relatório assunto local morada endereço pessoa pessoas veículo declaração denúncia",
    "ärende plats adress personer fordon förhör utredning anmälan",
    "raportti asia päivämäärä paikka osoite henkilö ajoneuvo kuulustelu tutkinta rikosilmoitus",
    "sag dato sted køretøj afhøring efterforskning anmeldelse sak kjøretøy avhør etterforskning",
    // Countries, regions and large cities that are also in the name lists or look like names.
    "europe european germany deutschland france spain españa italy italia netherlands nederland holland poland polska",
    "portugal sweden sverige finland suomi denmark danmark norway norge austria österreich switzerland schweiz suisse",
    "belgium belgique belgië luxembourg ireland britain england scotland wales london paris berlin madrid rome roma",
    "milan milano lisbon lisboa amsterdam rotterdam brussels bruxelles brussel vienna wien warsaw warszawa kraków krakow",
    "stockholm göteborg gothenburg helsinki copenhagen københavn oslo dublin prague praha budapest bucharest bucurești",
    "athens munich münchen hamburg frankfurt köln cologne düsseldorf stuttgart lyon marseille toulouse barcelona sevilla",
    "bilbao napoli naples torino turin firenze florence venezia venice genova bologna antwerp antwerpen utrecht gdańsk",
    "wrocław poznań łódź malmö uppsala tampere turku aarhus odense bergen trondheim stavanger europa africa america",
    "usa russia ukraine china turkey türkiye syria morocco albania romania serbia croatia bulgaria greece hungary",
    "czechia slovakia lithuania latvia estonia moscow kyiv kiev istanbul",
];

/// Organisation, street and place-prefix words: a name-like word touching one of these is
/// part of an organisation, an address or a place, not a person.
pub(super) const ORG: &[&str] = &[
    "police polizei politie policja polis polisen poliisi politi politiet polícia policía polizia gendarmerie gendarmería",
    "carabinieri guardia guarda garda europol interpol eurojust frontex olaf fbi cia nca bka lka bundeskriminalamt",
    "landeskriminalamt bundespolizei kriminalpolizei staatsanwaltschaft ministry ministerium ministère ministerio",
    "ministero ministerie ministerstwo ministério ministeriet ministeriö department departement office bureau büro",
    "agency agentur agence agencia agenzia service services dienst directorate direction dirección direzione division",
    "bank banque banco banca university universität université universidad università universiteit uniwersytet",
    "universidade universitet yliopisto hospital krankenhaus klinik clinic hôpital ospedale ziekenhuis szpital",
    "court gericht amtsgericht landgericht tribunal tribunale rechtbank sąd tingsrätt käräjäoikeus domstol byret",
    "tingrett council commission kommission parliament parlament government regierung embassy botschaft ambassade",
    "embajada ambasciata consulate konsulat airport flughafen aéroport aeropuerto aeroporto luchthaven lotnisko",
    "flygplats lentoasema lufthavn station bahnhof gare estación stazione hotel restaurant café cafe club company",
    "corporation corp inc ltd llc plc gmbh ag kg ohg sa sas sarl sl srl spa bv nv ab oy oyj asa aps group gruppe",
    "groupe grupo gruppo groep grupa foundation stiftung fondation fundación fondazione stichting fundacja",
    "association verein verband institute institut instituto istituto school schule école escuela scuola szkoła",
    "escola church kirche église iglesia chiesa kerk kościół igreja kyrka kirkko kirke prison gefängnis jva",
    "prisión prigione carcere gevangenis więzienie prisão fängelse vankila fængsel fengsel market markt marché",
    "mercado mercato airlines airways motors microsoft google apple amazon facebook telegram whatsapp twitter",
    "instagram tiktok paypal visa mastercard bitcoin ethereum windows linux android iphone samsung galaxy toyota",
    "volkswagen audi bmw porsche opel",
    // Streets.
    "street st road rd avenue ave lane boulevard blvd drive square straße strasse str weg platz gasse allee damm ufer",
    "rue chemin quai calle avenida plaza paseo carrera via viale piazza corso vicolo straat laan plein gracht kade",
    "ulica ul aleja plac rua praça largo travessa gatan vägen torget katu tie kuja gade vej plads gate veien gata vei",
    // Place prefixes: "San José", "Bad Homburg", "New York", "Sankt Pölten".
    "san santa santo são saint sainte sankt bad new nueva nuevo mount mont monte port porto fort lake lago cape cabo ciudad",
];

/// Endings of one-word street names (Hauptstraße, Storgatan, Mannerheimintie is not caught
/// on purpose: "-tie" ends too many words).
pub(super) const STREET_SUFFIXES: &[&str] = &[
    "straße", "strasse", "gasse", "allee", "platz", "gatan", "vägen", "katu", "gade", "vej",
    "veien", "straat", "plein",
];

/// Given names (and a few surnames) that are also common words, weekday names or places:
/// alone they are not taken as names; next to other evidence they count less.
pub(super) const COMMON: &[&str] = &[
    "mark will rose bill grant dean frank sue pat art jack joy hope faith grace summer autumn dawn ruby amber crystal",
    "ivy holly daisy iris lily violet jade pearl penny sky rich chase hunter miles guy ray don sandy brook river destiny",
    "angel christian harmony mercedes georgia virginia dakota sydney austin jordan victoria chelsea florida carol bob rob",
    "bud buck cliff dale glen heath lance norman cash gay noble royal king prince princess duke earl baron major drew",
    "sunny storm rain misty candy honey sugar cherry olive hazel heather ginger jasmine poppy willow reed ash india asia",
    "africa carolina savannah brooklyn phoenix orlando dallas houston israel lourdes adelaide tuesday",
    "green brown white black young little long short hill wood stone price bird fox field ford banks bell bush cook",
    "cross day fish gold golden good hall hart house hunt lamb land law love marsh mill mills moon page park parks pool",
    "power rice rivers rock rush sharp small snow spring star steel sweet swift wall ward waters west north south east",
    "wise woods winter",
    // English words that are given names in some list (reviewed against a word list by hand).
    "abbey ace ado agape akin albino ales alone alpha amen amid among anal aster atlas aura baby barman bars basil bay",
    "bear beat beau belle bent berry birdie blaze bless blessing blue bonnie brain brandy brooks buddy buster chance",
    "charity clay colt come comfort coral dam dame delta diamond dies divine dock dodo dolly drake dune dusty earnest",
    "ebony ember emerald eve even fawn feline fern fine flip floor flora forest fortune freeman frost gala garland",
    "garnet general genesis gray gun gunner guru gust hale hardy haven heaven hind honor idea innocent ion ivory jail",
    "jazz jet jewel job journey judge junior justice kale karma kick kin lacy lake lane lark laurel lava lean lien line",
    "lion loan lone lore lot loyal lucky mama mare mate meadow melody mercy mile mine mink miracle modest nail name",
    "nova ocean opal oral pansy peer pierce pink pip pit porter precious promise prosper prune queen ransom raven rebel",
    "reign rein robin rocky rod rover rune rusty sage sally savanna server soda sterling swan tanner tea tempest tiara",
    "tone toy trace trinity turner unique urban valid vesper virgin vital viva wade wage warren yoga",
    // German nouns that are given names in some list ("Server", "Engel", "Tor").
    "abi ami anis basar kalender kamille kader liga lilie moos oma nord rosen tal tor reis riff seher kali",
    "ernst kai heide wolf engel erika linde till",
    "blanche marine constant prudence patience fleur désiré modeste clément ange victoire céleste aurore",
    "dolores rosa pilar luz sol blanca paz consuelo amparo soledad rocío ángeles cruz concepción asunción encarnación",
    "milagros remedios socorro esperanza fe caridad gloria modesto amado justo domingo salvador león",
    "fortunato speranza bianca celeste sereno felice vittoria gioia grazia fiore serena allegra benvenuto domenica pace",
    "jan roos bloem hoop sterre bo mees",
    "roman róża lew wiktoria",
    "graça glória vitória esperança céu dores amor",
    "sten stig björn liv bror",
    "onni toivo lumi aamu ilta sulo tuuli valo usko armas rauha into satu helmi veli voitto oiva",
    "dag per bjørn vår ask",
    // Names of data/lexicon/supplement.txt and of faker's lists that are common words: "Odd"
    // (Norwegian), "Esa", "Diez" (Spanish "that", "ten"), "Dane" (Polish "dane osobowe",
    // personal data), "Dal" (Italian "dal verbale"), "Sem" (Portuguese "without"; the most
    // given Dutch boy's name of the 2010s), "MAC" (MAC-Adresse), German, French and Nordic nouns.
    "odd esa diez dane dal sem mac wolfram montserrat conceição calvo gallego pastor prins bruin",
    "vik strøm carré léger mallet millet boulanger poulain noël jäger groß weiß reiter bergmann",
    "herrero rivière maréchal sirkka vesa inmaculada reiner",
];
