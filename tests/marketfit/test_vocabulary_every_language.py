"""Regional words and spellings in every language the markets write: sentences written
for this test (not the rules' own examples), each checked for the words a reader in the
market would mark, in both directions (Spain ↔ Mexico, Portugal ↔ Brazil, Germany ↔
Switzerland ↔ Austria, and between the English markets), and the market's own word left
alone. Posts are scheduled at fixed instants in the market's real zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from onshore.marketfit import Post, check

ZONES = {
    "US": "America/New_York",
    "CA": "America/Toronto",
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "AU": "Australia/Sydney",
    "NZ": "Pacific/Auckland",
    "ZA": "Africa/Johannesburg",
    "IN": "Asia/Kolkata",
    "ES": "Europe/Madrid",
    "MX": "America/Mexico_City",
    "PT": "Europe/Lisbon",
    "BR": "America/Sao_Paulo",
    "DE": "Europe/Berlin",
    "CH": "Europe/Zurich",
    "AT": "Europe/Vienna",
}
CATEGORIES = ("vocabulary", "spelling")

# (market, post, [(category, flagged text, suggestion)] in order)
Case = tuple[str, str, list[tuple[str, str, str]]]

SPANISH: list[Case] = [
    (
        "MX",
        "¿Se te olvidó el móvil? Te lo guardamos en recepción.",
        [("vocabulary", "móvil", "celular")],
    ),
    ("MX", "Desayuno con zumo de toronja y pan dulce.", [("vocabulary", "zumo", "jugo")]),
    (
        "MX",
        "Los ordenadores de la sala de juntas ya están listos.",
        [("vocabulary", "ordenadores", "computadora")],
    ),
    ("MX", "Deja el coche en casa y ven en bici.", [("vocabulary", "coche", "auto")]),
    ("MX", "Últimas entradas para el partido del sábado.", [("vocabulary", "entradas", "boletos")]),
    (
        "MX",
        "Hamburguesa con patatas y refresco por 99 pesos.",
        [("vocabulary", "patatas", "papas")],
    ),
    ("MX", "Helado de melocotón, solo este mes.", [("vocabulary", "melocotón", "durazno")]),
    ("MX", "Puedes coger el autobús en la esquina.", [("vocabulary", "coger", "tomar")]),
    ("MX", "No hay dónde aparcar cerca del estadio.", [("vocabulary", "aparcar", "estacionar")]),
    ("MX", "Se vende piso amueblado en la colonia Roma.", [("vocabulary", "piso", "departamento")]),
    ("MX", "Gafas graduadas con 2x1 en la segunda.", [("vocabulary", "Gafas", "Lentes")]),
    ("MX", "Gambas a la plancha y una cerveza fría.", [("vocabulary", "Gambas", "Camarones")]),
    (
        "MX",
        "Recuerda traer tu carné de conducir vigente.",
        [("vocabulary", "carné de conducir", "licencia de manejo")],
    ),
    ("ES", "Recarga tu celular y llévate 5 GB extra.", [("vocabulary", "celular", "móvil")]),
    ("ES", "Jugo de mango natural en todos nuestros locales.", [("vocabulary", "Jugo", "Zumo")]),
    (
        "ES",
        "Ofertas en computadoras para la vuelta al cole.",
        [("vocabulary", "computadoras", "ordenador")],
    ),
    (
        "ES",
        "Consigue tus boletos para el festival en nuestra web.",
        [("vocabulary", "boletos", "entradas")],
    ),
    ("ES", "Papas fritas caseras con alioli.", [("vocabulary", "Papas", "Patatas")]),
    ("ES", "Batido de durazno y yogur griego.", [("vocabulary", "durazno", "melocotón")]),
    (
        "ES",
        "Departamento en renta a dos calles de la playa.",
        [("vocabulary", "Departamento", "Piso")],
    ),
    ("ES", "Crema de cacahuate para untar.", [("vocabulary", "cacahuate", "cacahuete")]),
    (
        "ES",
        "Saca tu licencia de manejo con nosotros.",
        [("vocabulary", "licencia de manejo", "carné de conducir")],
    ),
    # Each market's own words, and the same words in another sense.
    ("ES", "Carga el móvil y deja el coche en el aparcamiento.", []),
    ("ES", "Añade la chaqueta al carro y paga en un clic.", []),
    ("ES", "Compra tus boletos de lotería de Navidad aquí.", []),
    ("ES", "El departamento de marketing abre a las 9.", []),
    ("ES", "Gafas de sol y lentes de contacto en nuestra óptica.", []),
    ("MX", "Toma el metro y estaciona gratis en nuestra plaza.", []),
    ("MX", "Entradas del día: sopa de tortilla y tostadas.", []),
    ("MX", "La oficina está en el tercer piso.", []),
    ("MX", "Compra piso laminado con 15 % de descuento.", []),
    ("MX", "Descarga la aplicación móvil y gana puntos.", []),
    ("MX", "Lava tu carro con nosotros y llévate un jugo gratis.", []),
    (
        "MX",
        "Inscríbete a las clases de informática del sábado.",
        [("vocabulary", "informática", "computación")],
    ),
    ("MX", "Contratamos camareras para fin de año.", [("vocabulary", "camareras", "mesero")]),
    ("ES", "Se busca plomero con experiencia.", [("vocabulary", "plomero", "fontanero")]),
    ("ES", "Mete las bolsas en la cajuela y listo.", [("vocabulary", "cajuela", "maletero")]),
    ("MX", "Tartas de chocolate por encargo.", [("vocabulary", "Tartas", "Pastel")]),
    ("MX", "Cursos de seguridad informática para empresas.", []),
    ("ES", "Pastel de carne murciano, receta de la abuela.", []),
]

PORTUGUESE: list[Case] = [
    ("BR", "Esqueceu o telemóvel? Guardamos para você.", [("vocabulary", "telemóvel", "celular")]),
    (
        "BR",
        "Hotel com pequeno-almoço incluído a partir de R$ 300.",
        [("vocabulary", "pequeno-almoço", "café da manhã")],
    ),
    ("BR", "A loja fica a dois minutos do autocarro.", [("vocabulary", "autocarro", "ônibus")]),
    ("BR", "Junte-se à nossa equipa em São Paulo.", [("vocabulary", "equipa", "equipe")]),
    ("BR", "Chegue de comboio e ganhe 10 % de desconto.", [("vocabulary", "comboio", "trem")]),
    ("BR", "Quartos com casa de banho privativa.", [("vocabulary", "casa de banho", "banheiro")]),
    ("BR", "Frigoríficos com entrega grátis.", [("vocabulary", "Frigoríficos", "Geladeira")]),
    ("BR", "Fale com o nosso contacto comercial.", [("spelling", "contacto", "contato")]),
    ("BR", "O registo é gratuito até sexta-feira.", [("spelling", "registo", "registro")]),
    ("BR", "Festa de receção aos novos alunos.", [("spelling", "receção", "recepção")]),
    ("BR", "O prémio é um ano de café grátis.", [("spelling", "prémio", "prêmio")]),
    ("BR", "De facto, ninguém faz pão como nós.", [("spelling", "facto", "fato")]),
    ("PT", "Carregue o celular enquanto toma um café.", [("vocabulary", "celular", "telemóvel")]),
    (
        "PT",
        "Café da manhã servido até às 11h.",
        [("vocabulary", "Café da manhã", "Pequeno-almoço")],
    ),
    ("PT", "Vá de ônibus até ao centro.", [("vocabulary", "ônibus", "autocarro")]),
    ("PT", "A nossa equipe está à sua espera.", [("vocabulary", "equipe", "equipa")]),
    ("PT", "Banheiro acessível no piso 0.", [("vocabulary", "Banheiro", "Casa de banho")]),
    ("PT", "Entre em contato pelo telefone.", [("spelling", "contato", "contacto")]),
    ("PT", "Faça já o seu registro online.", [("spelling", "registro", "registo")]),
    ("PT", "Um prêmio por cada compra acima de 20 €.", [("spelling", "prêmio", "prémio")]),
    # Each market's own words, and the same words in another sense.
    ("PT", "Apanhe o comboio e venha conhecer a nossa equipa.", []),
    ("PT", "O trem de aterragem do avião foi revisto.", []),
    ("PT", "De facto, é o melhor pastel de nata de Lisboa.", []),
    ("PT", "O suco gástrico ajuda a digestão.", []),
    ("BR", "Pegue o ônibus e venha conhecer a nossa equipe.", []),
    ("BR", "A academia equipa o espaço com aparelhos novos.", []),
    ("BR", "Um comboio de caminhões fechou a estrada.", []),
    ("BR", "Curso de biologia celular com inscrições abertas.", []),
    ("BR", "Entre em contato e faça o seu registro.", []),
    ("BR", "Confira a nova ementa de inverno.", [("vocabulary", "ementa", "cardápio")]),
    ("PT", "Confira o novo cardápio de inverno.", [("vocabulary", "cardápio", "ementa")]),
    ("BR", "Gelados artesanais no centro da cidade.", [("vocabulary", "Gelados", "Sorvete")]),
    ("BR", "Fica ao lado da estação de metro.", [("spelling", "metro", "metrô")]),
    ("PT", "Fica ao lado da estação de metrô.", [("spelling", "metrô", "metro")]),
    ("BR", "Um chá gelado de pêssego para o calor.", []),
    ("BR", "O piso custa R$ 80 o metro quadrado.", []),
    ("BR", "A ementa da disciplina está no portal do aluno.", []),
]

GERMAN: list[Case] = [
    ("CH", "Herzliche Grüße vom ganzen Team!", [("spelling", "Grüße", "Grüsse")]),
    (
        "CH",
        "Unser Laden an der Seestraße hat neue Öffnungszeiten.",
        [("spelling", "Seestraße", "Seestrasse")],
    ),
    ("CH", "Eine große Auswahl an Käse wartet auf Sie.", [("spelling", "große", "grosse")]),
    ("CH", "Mit dem Fahrrad zur Arbeit? Wir reparieren es.", [("vocabulary", "Fahrrad", "Velo")]),
    (
        "CH",
        "Erdbeeren mit Schlagsahne im Gartenrestaurant.",
        [("vocabulary", "Schlagsahne", "Schlagrahm")],
    ),
    ("CH", "Die Fahrkarte ist im Eintritt inbegriffen.", [("vocabulary", "Fahrkarte", "Billett")]),
    ("CH", "Wir gratulieren zum bestandenen Abitur.", [("vocabulary", "Abitur", "Matura")]),
    (
        "CH",
        "Bitte Velos nicht auf dem Bürgersteig abstellen.",
        [("vocabulary", "Bürgersteig", "Trottoir")],
    ),
    (
        "CH",
        "Das Krankenhaus Baden sucht Pflegefachleute.",
        [("vocabulary", "Krankenhaus", "Spital")],
    ),
    ("AT", "Der Ausverkauf beginnt am 2. Januar.", [("vocabulary", "Januar", "Jänner")]),
    ("AT", "Knödel mit Aprikosen aus der Wachau.", [("vocabulary", "Aprikosen", "Marille")]),
    ("AT", "Salat mit Tomaten und Kürbiskernöl.", [("vocabulary", "Tomaten", "Paradeiser")]),
    ("AT", "Frische Brötchen und Kaffee ab 7 Uhr.", [("vocabulary", "Brötchen", "Semmel")]),
    ("AT", "Strudel mit Quark und Rosinen.", [("vocabulary", "Quark", "Topfen")]),
    ("DE", "Mit dem Velo durch den Schwarzwald.", [("vocabulary", "Velo", "Fahrrad")]),
    ("DE", "Das Billett gilt für alle Linien.", [("vocabulary", "Billett", "Fahrkarte")]),
    (
        "DE",
        "Marillenknödel? Bei uns heißen sie Marillen aus der Wachau.",
        [("vocabulary", "Marillen", "Aprikose")],
    ),
    ("DE", "Ab Jänner neue Preise.", [("vocabulary", "Jänner", "Januar")]),
    (
        "CH",
        "Topfen und Karfiol frisch vom Markt.",
        [("vocabulary", "Topfen", "Quark"), ("vocabulary", "Karfiol", "Blumenkohl")],
    ),
    # Semmel, Topfen and Karfiol are Bavarian too; Swiss shops write Brötchen as well.
    ("DE", "Frische Semmeln und Topfen jeden Sonntag in München.", []),
    ("CH", "Frische Brötchen jeden Morgen.", []),
    ("DE", "Viel Glück bei der Matura!", [("vocabulary", "Matura", "Abitur")]),
    # Each market's own words, and German outside the German-speaking markets.
    ("DE", "Herzliche Grüße aus Hamburg und frische Brötchen mit Sahne.", []),
    ("DE", "Neue Kissen aus Velours im Onlineshop.", []),
    ("AT", "Herzliche Grüße aus Wien: Marillen, Paradeiser und Topfen im Angebot.", []),
    ("CH", "Herzliche Grüsse aus Bern: mit dem Velo zum Markt, Rahm und Brötli.", []),
    ("CH", "Im Jänner fahren wir Ski.", [("vocabulary", "Jänner", "Januar")]),
    ("CH", "Knuspriges Hähnchen mit Pommes.", [("vocabulary", "Hähnchen", "Poulet")]),
    ("AT", "Heiße Schokolade mit Schlagsahne.", [("vocabulary", "Schlagsahne", "Schlagobers")]),
    ("AT", "Am Sonnabend ist der Markt geöffnet.", [("vocabulary", "Sonnabend", "Samstag")]),
    ("DE", "Hier dürfen Sie kostenlos parkieren.", [("vocabulary", "parkieren", "parken")]),
    ("DE", "Heiße Schokolade mit Schlagsahne und ein Hähnchen.", []),
]

ENGLISH: list[Case] = [
    # The market's own word: never a finding.
    ("NZ", "Leave your cellphone at the door and switch off.", []),
    ("NZ", "Courgette and feta fritters are back.", []),
    ("ZA", "Bring your driver's licence to the branch.", []),
    ("AU", "Grab a pair of thongs before you hit the beach.", []),
    ("NZ", "Grab a pair of jandals before you hit the beach.", []),
    ("GB", "Cosy jumper weather is here.", []),
    ("GB", "Relax in your back garden this summer.", []),
    ("US", "Relax in your backyard this summer.", []),
    ("AU", "Relax in your backyard this summer.", []),
    ("GB", "New rules on cheques start in March.", []),
    ("GB", "Pay by card and check in online.", []),
    ("GB", "Lace thongs in five colours.", []),
    ("US", "Welcome back, 5th grade students!", []),
    ("GB", "Grade 5 piano exams are next week.", []),
    ("AU", "Fresh rockmelon at the market.", []),
    # Another market's word.
    (
        "NZ",
        "Grab a pair of thongs before you hit the beach.",
        [("vocabulary", "thongs", "jandals")],
    ),
    ("ZA", "Pack sunscreen, a towel and flip-flops.", [("vocabulary", "flip-flops", "slops")]),
    ("AU", "Flip-flops half price this weekend.", [("vocabulary", "Flip-flops", "Thongs")]),
    (
        "US",
        "Grab a pair of slops before you hit the beach.",
        [("vocabulary", "slops", "flip-flops")],
    ),
    ("GB", "Remember to put the garbage out on Thursday.", [("vocabulary", "garbage", "rubbish")]),
    ("US", "Remember to take the rubbish out on Thursday.", [("vocabulary", "rubbish", "trash")]),
    ("CA", "Remember to take the rubbish out on Thursday.", [("vocabulary", "rubbish", "garbage")]),
    ("US", "Our Year 3 students planted a garden.", [("vocabulary", "Year", "Grade")]),
    ("ZA", "Our Year 3 students planted a garden.", [("vocabulary", "Year", "Grade")]),
    ("AU", "Our Grade 3 students planted a garden.", [("vocabulary", "Grade", "Year")]),
    ("AU", "Free ice lollies for every kid.", [("vocabulary", "ice lollies", "icy pole")]),
    ("NZ", "Cantaloupe and mint salad.", [("vocabulary", "Cantaloupe", "Rockmelon")]),
    ("GB", "Back your local main street shops.", [("vocabulary", "main street", "high street")]),
    (
        "IE",
        "A sunny backyard with room for a trampoline.",
        [("vocabulary", "backyard", "back garden")],
    ),
    (
        "US",
        "A sunny back garden with room for a trampoline.",
        [("vocabulary", "back garden", "backyard")],
    ),
    ("US", "A jar of sweets for every table.", [("vocabulary", "sweets", "candy")]),
    (
        "CA",
        "Baby won't settle? Try a dummy with a soft shield.",
        [("vocabulary", "dummy", "pacifier")],
    ),
    ("AU", "We no longer accept checks.", [("spelling", "checks", "cheques")]),
    ("IE", "Ribbon sold by the meter in every colour.", [("spelling", "meter", "metre")]),
    ("US", "Kerbside collection moves to Wednesday.", [("spelling", "Kerbside", "Curbside")]),
    ("NZ", "Practice your backhand with a pro.", [("spelling", "Practice", "Practise")]),
    ("GB", "Cold draft cider on tap.", [("spelling", "draft", "draught")]),
]

CASES = SPANISH + PORTUGUESE + GERMAN + ENGLISH


def at(market: str) -> datetime:
    return datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo(ZONES[market]))


def marked(market: str, text: str, locale: str | None = None) -> list[tuple[str, str, str]]:
    findings = check(Post(text, market, locale=locale, at=at(market)))
    return [
        (f.category, text[f.start : f.end], f.suggestion or "")
        for f in findings
        if f.category in CATEGORIES
    ]


@pytest.mark.parametrize(("market", "text", "expected"), CASES)
def test_a_reader_in_the_market_marks_these(
    market: str, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert marked(market, text) == expected


def test_there_are_enough_sentences_in_every_language_both_ways() -> None:
    assert len(CASES) >= 100
    assert sum(1 for _, _, found in CASES if not found) >= 35
    flagged = {market for market, _, found in CASES if found}
    assert {"ES", "MX", "PT", "BR", "DE", "CH", "AT"} <= flagged
    assert {"US", "GB", "CA", "AU", "NZ", "IE", "ZA"} <= flagged


def test_a_term_runs_only_in_its_language() -> None:
    # A Swiss post in French never says "Velo"; one in English keeps its "ß" quote.
    assert marked("CH", "Le vélo est à 200 CHF.", locale="fr-CH") == []
    assert marked("CH", "Our Strasse sign says Straße.", locale="en-CH") == []
    assert marked("MX", "Bring your móvil, in English.", locale="en-US") == []


def test_german_nouns_are_not_taken_for_names() -> None:
    # Mid-sentence capitals would be names in English; in German every noun has one.
    assert marked("CH", "Heute gibt es wieder Sahne zum Kuchen.") == [
        ("vocabulary", "Sahne", "Rahm")
    ]
