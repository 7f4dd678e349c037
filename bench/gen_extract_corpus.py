#!/usr/bin/env python3
"""Generates a mixed English/Russian corpus for the extraction benchmark (never committed).

usage: gen_extract_corpus.py OUT_DIR MEGABYTES [MIN_KB MAX_KB]

Writes OUT_DIR/txt/{ru,en}/NNNN/docNNNNNNN.txt (one language per file, sizes drawn between MIN_KB
and MAX_KB, default 20 and 100), OUT_DIR/corpus.jsonl with one {"id", "text"} record per file (the
id is the file's path under txt/, so "ru/..." or "en/..."), and OUT_DIR/summary.tsv with the file
count and the UTF-8 text bytes per language. Languages are balanced by bytes, about half each.

Documents read like regional news and reports: a title, a dateline, then paragraphs in which about
half of the sentences are about cooperation (a focal region and its partners in the Russian cases
that the templates need, cues such as agreements, visits, trade and forums, figures such as
"3 млрд долларов", "$1.2 billion" or "40 visits", and dates) and the rest are unrelated filler
(weather, sport, budgets, roads, culture) with varied vocabulary. Standard library only; the output
depends only on the arguments.
"""
import json
import os
import random
import sys

# ---------------------------------------------------------------- Russian places and their cases
# Each place is a dict with the forms the templates use: nom, gen, dat, acc, ins, loc.


def _forms(nom, gen, dat, acc, ins, loc):
    return {"nom": nom, "gen": gen, "dat": dat, "acc": acc, "ins": ins, "loc": loc}


def oblast(adjective):  # "Калужская" -> Калужская область in every case
    stem = adjective[:-2]
    return _forms(f"{stem}ая область", f"{stem}ой области", f"{stem}ой области", f"{stem}ую область",
                  f"{stem}ой областью", f"{stem}ой области")


def krai(adjective):  # "Приморский"
    stem = adjective[:-2]
    return _forms(f"{stem}ий край", f"{stem}ого края", f"{stem}ому краю", f"{stem}ий край", f"{stem}им краем",
                  f"{stem}ом крае")


def prefixed(noun_forms, name):  # "Республика" + "Татарстан", "провинция" + "Хэйлунцзян"
    return {case: f"{form} {name}" for case, form in noun_forms.items()}


REPUBLIC = _forms("Республика", "Республики", "Республике", "Республику", "Республикой", "Республике")
PROVINCE = _forms("провинция", "провинции", "провинции", "провинцию", "провинцией", "провинции")


def masc(word):  # a masculine noun on a consonant, -ь or -й
    if word[-1] in "ьй":
        stem = word[:-1]
        return _forms(word, stem + "я", stem + "ю", word, stem + "ем", stem + "е")
    return _forms(word, word + "а", word + "у", word, word + "ом", word + "е")


def fem_a(word):
    stem = word[:-1]
    return _forms(word, stem + "ы", stem + "е", stem + "у", stem + "ой", stem + "е")


def fem_ia(word):
    stem = word[:-1]
    return _forms(word, stem + "и", stem + "и", stem + "ю", stem + "ей", stem + "и")


def fem_soft(word):
    stem = word[:-1]
    return _forms(word, stem + "и", stem + "и", word, word + "ю", stem + "и")


def fixed(word):
    return _forms(word, word, word, word, word, word)


RU_HOME = ([oblast(a) for a in (
    "Калужская", "Ярославская", "Свердловская", "Новосибирская", "Омская", "Псковская", "Тульская",
    "Нижегородская", "Ленинградская", "Московская", "Калининградская", "Челябинская", "Самарская",
    "Иркутская", "Томская", "Амурская", "Смоленская", "Брянская", "Астраханская", "Оренбургская",
    "Ростовская", "Воронежская", "Белгородская", "Курская", "Тюменская", "Мурманская", "Архангельская",
    "Сахалинская")]
    + [krai(a) for a in ("Приморский", "Хабаровский", "Красноярский", "Алтайский", "Краснодарский",
                         "Пермский", "Ставропольский")]
    + [prefixed(REPUBLIC, n) for n in ("Татарстан", "Башкортостан", "Бурятия", "Мордовия")]
    + [masc("Татарстан"), fem_ia("Башкирия"), fem_ia("Чувашия"), fem_ia("Якутия"), fem_ia("Удмуртия"),
       masc("Кузбасс")]
    + [masc(c) for c in ("Новосибирск", "Екатеринбург", "Владивосток", "Хабаровск", "Санкт-Петербург",
                         "Иркутск", "Омск", "Томск", "Калининград", "Смоленск", "Мурманск", "Ярославль")]
    + [fem_a("Москва"), fem_a("Тула"), fem_a("Самара"), fem_soft("Казань"), fem_soft("Пермь"),
       _forms("Нижний Новгород", "Нижнего Новгорода", "Нижнему Новгороду", "Нижний Новгород",
              "Нижним Новгородом", "Нижнем Новгороде"),
       _forms("Ростов-на-Дону", "Ростова-на-Дону", "Ростову-на-Дону", "Ростов-на-Дону", "Ростовом-на-Дону",
              "Ростове-на-Дону")])

RU_PARTNERS = ([oblast(a) for a in ("Могилёвская", "Гродненская", "Витебская", "Гомельская", "Брестская",
                                     "Минская", "Павлодарская", "Карагандинская", "Костанайская",
                                     "Самаркандская", "Ширакская")]
               + [prefixed(PROVINCE, n) for n in ("Хэйлунцзян", "Цзилинь", "Ляонин", "Шаньдун", "Цзянсу")]
               + [masc(c) for c in ("Минск", "Пекин", "Харбин", "Ташкент", "Ереван", "Бишкек", "Гомель",
                                    "Шанхай", "Казахстан", "Узбекистан", "Вьетнам", "Таджикистан", "Китай",
                                    "Иран", "Витебск", "Могилёв")]
               + [fem_ia(c) for c in ("Армения", "Монголия", "Индия", "Турция", "Сербия", "Киргизия")]
               + [fem_soft("Беларусь"), fixed("Алматы"), fixed("Баку"), fixed("Душанбе"), fixed("Гродно"),
                  fixed("Ханой")])

EN_HOME = ["the Kaluga Region", "Kaluga Oblast", "the Yaroslavl Region", "Tatarstan", "the Republic of Tatarstan",
           "Bashkortostan", "the Sverdlovsk Region", "Sverdlovsk Oblast", "the Novosibirsk Region", "Primorye",
           "Primorsky Krai", "the Khabarovsk Territory", "the Omsk Region", "the Pskov Region", "the Tula Region",
           "the Nizhny Novgorod Region", "the Leningrad Region", "the Moscow Region", "the Kaliningrad Region",
           "the Chelyabinsk Region", "the Samara Region", "the Irkutsk Region", "Yakutia", "Chuvashia",
           "the Altai Territory", "the Krasnodar Territory", "the Perm Territory", "Moscow", "Saint Petersburg",
           "St. Petersburg", "Kazan", "Yekaterinburg", "Vladivostok", "Novosibirsk", "Nizhny Novgorod", "Samara",
           "Tula", "Irkutsk", "Khabarovsk", "Rostov-on-Don", "Kaliningrad", "Murmansk", "Tomsk", "Omsk"]
EN_PARTNERS = ["the Mogilev Region", "the Grodno Region", "the Vitebsk Region", "the Gomel Region", "the Brest Region",
               "Minsk", "Belarus", "Heilongjiang Province", "Heilongjiang", "Jilin Province", "Liaoning",
               "Shandong", "Jiangsu", "Harbin", "Beijing", "Shanghai", "China", "Kazakhstan", "the Pavlodar Region",
               "the Karaganda Region", "Almaty", "Uzbekistan", "Tashkent", "the Samarkand Region", "Armenia",
               "Yerevan", "Azerbaijan", "Baku", "Kyrgyzstan", "Bishkek", "Tajikistan", "Dushanbe", "Mongolia",
               "Vietnam", "Hanoi", "India", "Iran", "Serbia", "Belgrade", "Turkey", "the United Arab Emirates"]

# ---------------------------------------------------------------- Russian sentences

RU_SPHERES = ["в сфере образования", "в области туризма", "в промышленности", "в сельском хозяйстве",
              "в сфере здравоохранения", "в области культуры", "в энергетике", "в сфере логистики",
              "в области науки и инноваций", "в сфере молодёжной политики", "в строительстве", "в IT-отрасли"]
RU_GOODS = ["зерна", "удобрений", "лесоматериалов", "молочной продукции", "сельхозтехники", "металлопроката",
            "автобусов", "лекарств", "мебели", "рыбы", "угля", "оборудования"]
RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                 "ноября", "декабря"]
RU_MONTHS_LOC = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
                 "ноябре", "декабре"]
RU_MONTHS_DAT = ["январю", "февралю", "марту", "апрелю", "маю", "июню", "июлю", "августу", "сентябрю", "октябрю",
                 "ноябрю", "декабрю"]
RU_FIRST = ["Александр", "Сергей", "Владимир", "Андрей", "Дмитрий", "Алексей", "Михаил", "Игорь", "Олег", "Артём",
            "Павел", "Виктор", "Айдар", "Рустам", "Николай", "Евгений"]
RU_LAST = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
           "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров"]
RU_ROLES = ["губернатор", "первый вице-губернатор", "министр экономического развития", "мэр",
            "председатель правительства", "министр сельского хозяйства", "глава администрации",
            "руководитель агентства инвестиций"]
RU_NOUNS = ["программа", "инициатива", "площадка", "комиссия", "делегация", "встреча", "выставка", "ярмарка",
            "конференция", "стажировка", "экспедиция", "лаборатория", "мастерская", "база", "школа", "библиотека"]


def ru_money(rng):
    x = rng.randint(1, 999)
    choice = rng.random()
    if choice < 0.2:
        return f"{rng.randint(1, 9)},{rng.randint(1, 9)} млрд долларов"
    if choice < 0.4:
        return f"{x} млн рублей"
    if choice < 0.55:
        return f"{rng.randint(1, 90)} млрд руб."
    if choice < 0.7:
        return f"{x} миллионов евро"
    if choice < 0.85:
        return f"${rng.randint(1, 500)} млн"
    return f"{rng.randint(1, 40)},{rng.randint(1, 9)} млн долларов США"


def ru_date(rng):
    year = rng.randint(2015, 2025)
    choice = rng.random()
    if choice < 0.45:
        return f"{rng.randint(1, 28)} {rng.choice(RU_MONTHS_GEN)} {year} года"
    if choice < 0.7:
        return f"в {rng.choice(RU_MONTHS_LOC)} {year} года"
    if choice < 0.85:
        return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}"
    return f"в {year} году"


def ru_person(rng):
    return f"{rng.choice(RU_ROLES)} {rng.choice(RU_FIRST)} {rng.choice(RU_LAST)}"


RU_COOPERATION = [
    "{A[nom]} и {B[nom]} подписали соглашение о сотрудничестве {sphere}.",
    "Делегация {A[gen]} во главе с {person_ins} посетила {B[acc]} {date}.",
    "{Person} провёл переговоры с руководством {B[gen]} {date}.",
    "Товарооборот между {A[ins]} и {B[ins]} в {year} году составил {money}.",
    "В {A[loc]} прошёл бизнес-форум с участием {n} компаний из {B[gen]}.",
    "{A[nom]} планирует увеличить поставки {goods} в {B[acc]} на {pct}%.",
    "Соглашение между правительством {A[gen]} и администрацией {B[gen]} предусматривает создание совместного "
    "предприятия стоимостью {money}.",
    "По итогам визита в {B[acc]} стороны договорились о {n} совместных проектах {sphere}.",
    "{Date} в {A[loc]} состоялось заседание рабочей группы по сотрудничеству с {B[ins]}.",
    "Студенты из {B[gen]} проходят стажировку в вузах {A[gen]}; {date} их было {n}.",
    "Экспорт продукции {A[gen]} в {B[acc]} вырос на {pct}% и достиг {money}.",
    "Стороны утвердили дорожную карту на {year}–{year2} годы, в которую вошли {n} мероприятий {sphere}.",
    "Побратимские связи между {A[ins]} и {B[ins]} установлены {date}.",
    "Инвесторы из {B[gen]} вложили в экономику {A[gen]} {money}, сообщил {person}.",
    "В рамках межрегионального форума {A[nom]} и {B[nom]} обменялись {n} делегациями.",
    "Благодаря договорённостям с {B[ins]} в {A[loc]} открылся торговый дом.",
    "Меморандум о взаимопонимании между {A[ins]} и {B[ins]} подписан на полях выставки {date}.",
    "Предприятия {A[gen]} поставили в {B[acc]} {n} тыс. тонн {goods} на сумму {money}.",
    "Представители {B[gen]} приняли участие в ярмарке в {A[loc]}: подписано {n} контрактов.",
    "{Person} отметил, что сотрудничество с {B[ins]} {sphere} развивается с {year} года.",
]

RU_FILLER = [
    "В {A[loc]} ожидается {weather}, температура воздуха составит {temp} градусов.",
    "{Date} в краеведческом музее открылась выставка живописи, её посетили {n} человек.",
    "Местная команда проиграла со счётом {s1}:{s2} в матче регионального чемпионата.",
    "Министерство финансов опубликовало отчёт об исполнении бюджета за {quarter} квартал.",
    "На заседании городской думы обсуждали ремонт дорог и благоустройство дворов.",
    "Жители района жалуются на {complaint}, сообщает пресс-служба администрации.",
    "Цены на {goods_nom} за месяц изменились на {pct}%, по данным статистики.",
    "В школах {A[gen]} начались каникулы, а в детских лагерях отдохнут {n} детей.",
    "Ремонт моста через реку планируют завершить к {month} {year} года.",
    "Синоптики предупреждают о {storm} в ближайшие выходные.",
    "Автобусный маршрут № {route} продлён до нового микрорайона.",
    "Библиотека получила в дар {n} книг от читателей.",
    "В поликлинике установили новый аппарат МРТ, приём ведётся по записи.",
    "Фестиваль уличной еды собрал в парке около {n} гостей.",
    "{Person} поручил проверить готовность котельных к отопительному сезону.",
]
RU_WEATHER = ["облачная погода", "небольшой снег", "сильный дождь", "ясная погода", "гололёд", "туман"]
RU_STORM = ["сильном ветре", "грозах", "заморозках", "метели", "жаре"]
RU_COMPLAINT = ["шум от стройки", "ямы на дорогах", "отключения воды", "нехватку парковок", "мусор во дворах"]
RU_GOODS_NOM = ["хлеб", "бензин", "овощи", "молоко", "сахар", "гречку", "лекарства"]

RU_WORDS = {
    "adj": ["новая", "городская", "областная", "крупная", "современная", "региональная", "малая", "научная",
            "детская", "спортивная", "летняя", "зимняя", "цифровая", "социальная", "частная"],
    "verb": ["заработала", "расширила работу", "получила поддержку", "обновилась", "отчиталась о работе",
             "объявила конкурс", "подвела итоги", "начала приём заявок", "сменила руководителя"],
    "tail": ["в этом месяце", "после долгого перерыва", "при поддержке спонсоров", "по просьбе жителей",
             "на прошлой неделе", "в тестовом режиме", "несмотря на трудности", "впервые за много лет"],
}


def ru_random_sentence(rng):  # the nouns are feminine, like the adjectives and verbs
    sentence = (f"{rng.choice(RU_WORDS['adj'])} {rng.choice(RU_NOUNS)} {rng.choice(RU_WORDS['verb'])} "
                f"{rng.choice(RU_WORDS['tail'])}.")
    return sentence[0].upper() + sentence[1:]


def ru_sentence(rng, home):
    fields = {
        "A": home, "B": rng.choice(RU_PARTNERS), "sphere": rng.choice(RU_SPHERES), "goods": rng.choice(RU_GOODS),
        "money": ru_money(rng), "date": ru_date(rng), "year": rng.randint(2015, 2025), "n": rng.randint(2, 400),
        "pct": rng.randint(3, 85), "person": ru_person(rng), "weather": rng.choice(RU_WEATHER),
        "temp": rng.randint(-30, 35), "s1": rng.randint(0, 5), "s2": rng.randint(0, 5),
        "quarter": rng.choice(["первый", "второй", "третий", "четвёртый"]), "complaint": rng.choice(RU_COMPLAINT),
        "goods_nom": rng.choice(RU_GOODS_NOM), "month": rng.choice(RU_MONTHS_DAT), "storm": rng.choice(RU_STORM),
        "route": rng.randint(1, 120),
    }
    fields["year2"] = fields["year"] + rng.randint(1, 5)
    fields["Date"] = fields["date"][0].upper() + fields["date"][1:]
    fields["Person"] = fields["person"][0].upper() + fields["person"][1:]
    fields["person_ins"] = ru_person_ins(rng)
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(RU_COOPERATION).format(**fields).replace("..", ".")
    if roll < 0.8:
        return rng.choice(RU_FILLER).format(**fields)
    return ru_random_sentence(rng)


RU_ROLES_INS = ["губернатором", "вице-губернатором", "министром экономики", "мэром", "председателем правительства"]
RU_FIRST_INS = ["Александром", "Сергеем", "Владимиром", "Андреем", "Дмитрием", "Алексеем", "Михаилом", "Игорем"]
RU_LAST_INS = ["Ивановым", "Смирновым", "Кузнецовым", "Поповым", "Петровым", "Соколовым", "Новиковым", "Волковым"]


def ru_person_ins(rng):
    return f"{rng.choice(RU_ROLES_INS)} {rng.choice(RU_FIRST_INS)} {rng.choice(RU_LAST_INS)}"


# ---------------------------------------------------------------- English sentences

EN_SPHERES = ["in education", "in tourism", "in industry", "in agriculture", "in healthcare", "in culture",
              "in energy", "in logistics", "in science and innovation", "in youth policy", "in construction",
              "in information technology"]
EN_GOODS = ["grain", "fertiliser", "timber", "dairy products", "farm machinery", "rolled steel", "buses",
            "medicines", "furniture", "fish", "coal", "equipment"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
EN_FIRST = ["Alexander", "Sergei", "Vladimir", "Andrei", "Dmitry", "Alexei", "Mikhail", "Igor", "Olga", "Elena",
            "Wang", "Li", "Aliaksandr", "Nurlan", "Aram", "Timur"]
EN_LAST = ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Petrov", "Sokolov", "Novikov", "Volkov", "Zhang", "Chen",
           "Lukashevich", "Abenov", "Sargsyan", "Karimov"]
EN_ROLES = ["Governor", "Deputy Governor", "Economy Minister", "Mayor", "Prime Minister of the region",
            "Agriculture Minister", "Head of the Investment Agency", "Vice-Chairman"]


def en_money(rng):
    choice = rng.random()
    if choice < 0.25:
        return f"${rng.randint(1, 9)}.{rng.randint(1, 9)} billion"
    if choice < 0.45:
        return f"${rng.randint(2, 900)} million"
    if choice < 0.6:
        return f"{rng.randint(2, 900)} million rubles"
    if choice < 0.75:
        return f"RUB {rng.randint(1, 90)}.{rng.randint(0, 9)} billion"
    if choice < 0.9:
        return f"€{rng.randint(2, 400)} million"
    return f"USD {rng.randint(2, 900)} million"


def en_date(rng):
    year = rng.randint(2015, 2025)
    choice = rng.random()
    if choice < 0.35:
        return f"on {rng.choice(EN_MONTHS)} {rng.randint(1, 28)}, {year}"
    if choice < 0.6:
        return f"on {rng.randint(1, 28)} {rng.choice(EN_MONTHS)} {year}"
    if choice < 0.8:
        return f"in {rng.choice(EN_MONTHS)} {year}"
    if choice < 0.9:
        return f"on {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"in {year}"


EN_COOPERATION = [
    "{A} and {B} signed a cooperation agreement {sphere}.",
    "A delegation from {A} led by {person} visited {B} {date}.",
    "{Person} held talks with the leadership of {B} {date}.",
    "Trade between {A} and {B} reached {money} in {year}.",
    "{A} hosted a business forum attended by {n} companies from {B}.",
    "{A} plans to increase supplies of {goods} to {B} by {pct}%.",
    "The agreement between the governments of {A} and {B} provides for a joint venture worth {money}.",
    "After the visit to {B} the parties agreed on {n} joint projects {sphere}.",
    "{Date} {A} held a working group meeting on cooperation with {B}.",
    "Students from {B} are doing internships at universities in {A}; there were {n} of them {date}.",
    "Exports from {A} to {B} grew by {pct}% to {money}.",
    "The parties approved a roadmap for {year}-{year2} with {n} events {sphere}.",
    "{A} and {B} have been sister regions since {year}.",
    "Investors from {B} have put {money} into the economy of {A}, {person} said.",
    "Within the interregional forum {A} and {B} exchanged {n} visits.",
    "Thanks to the arrangements with {B}, a trade house opened in {A}.",
    "A memorandum of understanding between {A} and {B} was signed on the sidelines of the fair {date}.",
    "{A} shipped {n} thousand tonnes of {goods} worth {money} to {B}.",
    "Representatives of {B} took part in a fair in {A}, where {n} contracts were signed.",
    "{Person} noted that cooperation with {B} {sphere} has grown since {year}.",
]

EN_FILLER = [
    "{Weather} is expected in {A}, with temperatures around {temp} degrees.",
    "{Date} an exhibition of paintings opened at the local museum and drew {n} visitors.",
    "The local team lost {s1}-{s2} in a regional championship match.",
    "The finance ministry published its budget report for the {quarter} quarter.",
    "The city council discussed road repairs and the improvement of courtyards.",
    "Residents complain about {complaint}, the administration's press office said.",
    "Prices of {goods} changed by {pct}% over the month, according to statistics.",
    "School holidays have begun in {A}, and {n} children will go to summer camps.",
    "Repairs to the bridge over the river are to be finished by {month} {year}.",
    "Forecasters warn of {storm} over the coming weekend.",
    "Bus route {route} has been extended to the new district.",
    "The library received {n} books donated by readers.",
    "A new MRI scanner has been installed at the clinic; appointments are by booking.",
    "A street food festival in the park attracted about {n} guests.",
    "{Person} ordered a check of boiler houses ahead of the heating season.",
]
EN_WEATHER = ["Cloudy weather", "Light snow", "Heavy rain", "Clear weather", "Black ice", "Fog"]
EN_STORM = ["strong wind", "thunderstorms", "frost", "a snowstorm", "heat"]
EN_COMPLAINT = ["construction noise", "potholes", "water outages", "a lack of parking", "rubbish in courtyards"]
EN_WORDS = {
    "adj": ["A new", "The city", "The regional", "A large", "A modern", "A small", "The science", "The children's",
            "The sports", "The summer", "The winter", "A digital", "The social", "A private"],
    "noun": ["programme", "initiative", "venue", "commission", "workshop", "laboratory", "centre", "fair",
             "conference", "expedition", "shelter", "studio"],
    "verb": ["opened", "expanded its work", "received support", "was renovated", "reported on its work",
             "announced a competition", "summed up the results", "began accepting applications",
             "changed its director"],
    "tail": ["this month", "after a long break", "with the help of sponsors", "at the request of residents",
             "last week", "in test mode", "despite the difficulties", "for the first time in years"],
}


def en_sentence(rng, home):
    person = f"{rng.choice(EN_ROLES)} {rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
    fields = {
        "A": home, "B": rng.choice(EN_PARTNERS), "sphere": rng.choice(EN_SPHERES), "goods": rng.choice(EN_GOODS),
        "money": en_money(rng), "date": en_date(rng), "year": rng.randint(2015, 2025), "n": rng.randint(2, 400),
        "pct": rng.randint(3, 85), "person": person, "Person": person, "weather": rng.choice(EN_WEATHER),
        "Weather": rng.choice(EN_WEATHER), "temp": rng.randint(-30, 35), "s1": rng.randint(0, 5),
        "s2": rng.randint(0, 5), "quarter": rng.choice(["first", "second", "third", "fourth"]),
        "complaint": rng.choice(EN_COMPLAINT), "month": rng.choice(EN_MONTHS), "storm": rng.choice(EN_STORM),
        "route": rng.randint(1, 120),
    }
    fields["year2"] = fields["year"] + rng.randint(1, 5)
    fields["Date"] = fields["date"][0].upper() + fields["date"][1:]
    roll = rng.random()
    if roll < 0.5:
        sentence = rng.choice(EN_COOPERATION).format(**fields).replace("..", ".")
    elif roll < 0.8:
        sentence = rng.choice(EN_FILLER).format(**fields)
    else:
        words = EN_WORDS
        sentence = (f"{rng.choice(words['adj'])} {rng.choice(words['noun'])} {rng.choice(words['verb'])} "
                    f"{rng.choice(words['tail'])}.")
    return sentence[0].upper() + sentence[1:]


# ---------------------------------------------------------------- documents


def document(rng, lang, size_bytes, index):
    if lang == "ru":
        home = rng.choice(RU_HOME)
        title = rng.choice([f"{home['nom']}: итоги сотрудничества за год", f"Новости {home['gen']}",
                            f"Доклад о внешнеэкономической деятельности {home['gen']}",
                            f"Хроника событий в {home['loc']}"]) + f" (выпуск {index})"
        dateline = f"{rng.randint(1, 28)} {rng.choice(RU_MONTHS_GEN)} {rng.randint(2015, 2025)} г."
        make = lambda: ru_sentence(rng, home)  # noqa: E731
    else:
        home = rng.choice(EN_HOME)
        name = home[4:] if home.startswith("the ") else home
        title = rng.choice([f"{name}: a year of cooperation", f"News from {home}",
                            f"Report on the external economic relations of {home}",
                            f"Chronicle of events in {home}"]) + f" (issue {index})"
        dateline = f"{rng.choice(EN_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2025)}"
        make = lambda: en_sentence(rng, home)  # noqa: E731
    parts, total = [title, dateline], len(title) + len(dateline)
    while total < size_bytes:
        paragraph = " ".join(make() for _ in range(rng.randint(3, 8)))
        parts.append(paragraph)
        total += len(paragraph.encode())
    return "\n\n".join(parts) + "\n"


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__.strip().splitlines()[2])
    out, megabytes = sys.argv[1], float(sys.argv[2])
    min_kb, max_kb = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) == 5 else (20, 100)
    rng = random.Random(f"extract-{megabytes}-{min_kb}-{max_kb}")
    os.makedirs(out, exist_ok=True)
    totals = {"ru": [0, 0], "en": [0, 0]}  # files, bytes
    target = megabytes * 1e6
    with open(os.path.join(out, "corpus.jsonl.tmp"), "w", encoding="utf-8") as jsonl:
        index = 0
        while totals["ru"][1] + totals["en"][1] < target:
            # Whichever language is behind by bytes gets the next file.
            lang = "ru" if totals["ru"][1] <= totals["en"][1] else "en"
            text = document(rng, lang, rng.randint(min_kb, max_kb) * 1000, index)
            rel = f"{lang}/{index // 1000:04d}/doc{index:07d}.txt"
            path = os.path.join(out, "txt", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            data = text.encode("utf-8")
            with open(path, "wb") as file:
                file.write(data)
            jsonl.write(json.dumps({"id": rel, "text": text}, ensure_ascii=False, separators=(",", ":")) + "\n")
            totals[lang][0] += 1
            totals[lang][1] += len(data)
            index += 1
    os.replace(os.path.join(out, "corpus.jsonl.tmp"), os.path.join(out, "corpus.jsonl"))
    with open(os.path.join(out, "summary.tsv"), "w", encoding="utf-8") as summary:
        summary.write("lang\tfiles\tbytes\n")
        for lang in ("ru", "en"):
            summary.write(f"{lang}\t{totals[lang][0]}\t{totals[lang][1]}\n")
    for lang in ("ru", "en"):
        print(f"{lang}: {totals[lang][0]} files, {totals[lang][1] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
