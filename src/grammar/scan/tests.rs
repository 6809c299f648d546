use super::*;

fn doc_date() -> Option<Date> {
    Some(Date::new(2026, 1, 30).unwrap())
}

fn ex(cx: &Cx, text: &str) -> Vec<(String, Quantity)> {
    scan(cx.t, text, doc_date())
        .into_iter()
        .map(|q| (text[q.span.start..q.span.end].to_string(), q))
        .collect()
}

fn find<'a>(qs: &'a [(String, Quantity)], t: &str) -> &'a Quantity {
    &qs.iter()
        .find(|(s, _)| s == t)
        .unwrap_or_else(|| panic!("no figure {t:?} in {qs:#?}"))
        .1
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn ordinals_are_not_counts() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "He won the third round and came 2nd in the 3rd race.");
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn nouns_skip_designations_and_adjectives() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "Two MiG-29 jets were scrambled.");
    assert_eq!(find(&qs, "Two").noun.as_deref(), Some("jets"));
    let qs = ex(cx, "One central one was hit.");
    assert_eq!(find(&qs, "One").noun, None);
    let qs = ex(
        cx,
        "The one you mentioned and this one we saw were hit; one you can keep.",
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    let qs = ex(cx, "They found 12 armoured vehicles.");
    assert_eq!(find(&qs, "12").noun.as_deref(), Some("vehicles"));
}

#[test]
fn antecedents_and_roles() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Russia launched 111 drones and 80 of them were shot down.",
    );
    let q = find(&qs, "111");
    assert_eq!(
        (q.lemma.as_deref(), q.role.as_deref()),
        (Some("drone"), Some("launched"))
    );
    let q = find(&qs, "80");
    assert_eq!(q.lemma.as_deref(), Some("drone"));
    assert_eq!(q.noun_span.map(|s| s.start), Some(20));
    assert_eq!(q.role.as_deref(), Some("downed"));
    let qs = ex(cx, "One missile and 25 drones struck 15 regions.");
    assert_eq!(find(&qs, "One").lemma.as_deref(), Some("missile"));
    assert_eq!(find(&qs, "25").role.as_deref(), Some("struck"));
    let qs = ex(cx, "Twelve people were injured.");
    assert_eq!(find(&qs, "Twelve").role.as_deref(), Some("wounded"));
    // Antecedents before the figure's clause (whose words alone are read at first): an
    // earlier figure's noun, else the nearest known noun.
    let text = "Drones hit two cities overnight; 40 of them were shot down.";
    let qs = ex(cx, text);
    let q = find(&qs, "40");
    assert_eq!(q.lemma.as_deref(), Some("city"));
    assert_eq!(q.noun_span.map(|s| s.start), text.find("cities"));
    let qs = ex(
        cx,
        "Drones hit the port overnight; 40 of them were shot down.",
    );
    assert_eq!(find(&qs, "40").lemma.as_deref(), Some("drone"));
}

/// (sentence, figure text, expected lemma, expected role)
fn noun_cases(cx: &Cx, cases: &[(&str, &str, Option<&str>, Option<&str>)]) {
    for (text, fig, lemma, role) in cases {
        let qs = ex(cx, text);
        let q = find(&qs, fig);
        assert_eq!(q.lemma.as_deref(), *lemma, "noun of {fig:?} in {text:?}");
        if let Some(r) = role {
            assert_eq!(q.role.as_deref(), Some(*r), "role of {fig:?} in {text:?}");
        }
    }
}

#[test]
fn the_counted_noun_is_the_head_of_its_noun_phrase() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    noun_cases(
        cx,
        &[
            (
                "Surgeons did 300 kidney transplants.",
                "300",
                Some("transplant"),
                None,
            ),
            (
                "The plant has 64,000 full-time jobs.",
                "64,000",
                Some("job"),
                None,
            ),
            (
                "Officials found six additional measles cases.",
                "six",
                Some("case"),
                None,
            ),
            (
                "Three crew members died.",
                "Three",
                Some("member"),
                Some("killed"),
            ),
            ("The war caused 3,400 deaths.", "3,400", Some("death"), None),
            (
                "The city bought 250 electric buses.",
                "250",
                Some("bus"),
                None,
            ),
            ("Nine African nations signed.", "Nine", Some("nation"), None),
            ("About 40 women marched.", "About 40", Some("woman"), None),
            (
                "The 12-member jury deliberated.",
                "12",
                Some("member"),
                None,
            ),
            (
                "Ranchers sold 4,800 head of cattle.",
                "4,800",
                Some("cattle"),
                None,
            ),
            (
                "The NHS will train 1,000 more GPs.",
                "1,000",
                Some("gp"),
                None,
            ),
            (
                "It damaged 40 buildings and one building burned.",
                "one",
                Some("building"),
                None,
            ),
            (
                "Seven people left early.",
                "Seven",
                Some("person"),
                Some("leave"),
            ),
            ("It stood at 12 last year.", "12", None, None),
            ("Cases rose three times as fast.", "three", None, None),
        ],
    );
}

#[test]
fn elided_and_referred_nouns() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    noun_cases(
        cx,
        &[
            (
                "The party won 289 seats, up from just 148.",
                "just 148",
                Some("seat"),
                None,
            ),
            (
                "One in five adults smoke.",
                "One in five",
                Some("adult"),
                None,
            ),
            (
                "Officials said 52 missiles were fired; 46 were intercepted.",
                "46",
                Some("missile"),
                Some("downed"),
            ),
            (
                "Of the 40 cruise missiles fired, 37 were intercepted.",
                "37",
                Some("missile"),
                Some("downed"),
            ),
            (
                "The council holds 16 of the country's 21 provinces.",
                "16",
                Some("province"),
                None,
            ),
            (
                "Mortgage approvals rose to 64,300 in April.",
                "64,300",
                Some("approval"),
                None,
            ),
            (
                "At least 14 people were killed, including three children, and 62 were wounded.",
                "62",
                Some("person"),
                Some("wounded"),
            ),
        ],
    );
    let qs = ex(
        cx,
        "Officials said 52 missiles were fired. 46 were intercepted.",
    );
    assert_eq!(find(&qs, "46").lemma.as_deref(), Some("missile"));
    // Two nouns in the sentence before: no guess.
    let qs = ex(
        cx,
        "They fired 52 missiles and 20 drones. 46 were intercepted.",
    );
    assert_eq!(find(&qs, "46").lemma, None);
}

#[test]
fn roles_come_from_the_governing_verb() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    noun_cases(
        cx,
        &[
            (
                "The carmaker will lay off 4,200 workers.",
                "4,200",
                Some("worker"),
                Some("lay off"),
            ),
            (
                "Staff said several hundred contractors were laid off.",
                "several hundred",
                Some("contractor"),
                Some("lay off"),
            ),
            (
                "The firm sold 2,500 cars.",
                "2,500",
                Some("car"),
                Some("sell"),
            ),
            (
                "The quake left 2,100 people dead.",
                "2,100",
                Some("person"),
                Some("killed"),
            ),
            (
                "Tornadoes destroyed 38 homes.",
                "38",
                Some("home"),
                Some("destroyed"),
            ),
            (
                "Air crews destroyed 14 drones.",
                "14",
                Some("drone"),
                Some("downed"),
            ),
            (
                "The death toll from the rocket fire rose to 23.",
                "23",
                Some("death"),
                Some("killed"),
            ),
            (
                "The fire forced 30,000 people to flee.",
                "30,000",
                Some("person"),
                Some("evacuated"),
            ),
            (
                "Russia used 1,500 glide bombs, 900 drones and 50 missiles.",
                "50",
                Some("missile"),
                Some("launched"),
            ),
            (
                "Three crew members of the ship were taken to hospital.",
                "Three",
                Some("member"),
                Some("take"),
            ),
        ],
    );
    // The verb before the figure governs it, not a verb of another noun after a
    // prepositional phrase.
    let qs = ex(
        cx,
        "Russia launched more than 100 drones at the city with strikes recorded in 15 districts.",
    );
    assert_eq!(find(&qs, "more than 100").role.as_deref(), Some("launched"));
    // A verb whose object is a clause gives no role to the clause's subject.
    let qs = ex(cx, "Police said 12 people.");
    assert_eq!(find(&qs, "12").role, None);
}

#[test]
fn verbs_are_not_counted_nouns() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "Hundreds of thousands remain without stable heat.");
    assert_eq!(find(&qs, "Hundreds of thousands").noun, None);
    let qs = ex(cx, "Dozens said they had no power.");
    assert_eq!(find(&qs, "Dozens").noun, None);
    let qs = ex(cx, "Thousands stranded overnight.");
    assert_eq!(find(&qs, "Thousands").noun, None);
    let qs = ex(cx, "It damaged 40 buildings and one building burned.");
    assert_eq!(find(&qs, "40").lemma.as_deref(), Some("building"));
    assert_eq!(find(&qs, "one").noun.as_deref(), Some("building"));
}

#[test]
fn noun_modifiers_are_not_counted() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Fallout from a Russian Shahed drone attack in Zaporizhzhia.",
    );
    assert!(
        qs.iter().all(|(_, q)| q.lemma.as_deref() != Some("drone")),
        "{qs:?}"
    );
    for text in [
        "Russia fired an Iskander-M ballistic missile.",
        "Russia fired a missile.",
        "Russia fired a ballistic missile.",
    ] {
        let qs = ex(cx, text);
        let q = qs
            .iter()
            .find(|(_, q)| q.dimension == Dimension::Count)
            .unwrap();
        assert_eq!(q.1.value, Some(Figure::int(1)), "{text}");
        assert_eq!(q.1.noun.as_deref(), Some("missile"), "{text}");
    }
    let qs = ex(cx, "A Shahed drone hit a house.");
    let q = qs
        .iter()
        .find(|(_, q)| q.lemma.as_deref() == Some("drone"))
        .unwrap();
    assert_eq!(q.1.noun.as_deref(), Some("drone"));
}

#[test]
fn role_after_the_noun_wins() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Officials reported that several people had been killed and wounded.",
    );
    assert_eq!(find(&qs, "several").role.as_deref(), Some("killed"));
    let qs = ex(cx, "Police said 12 people were injured.");
    assert_eq!(find(&qs, "12").role.as_deref(), Some("wounded"));
    // Without an auxiliary the nearest role still wins.
    let qs = ex(cx, "Forces shot down 80 drones launched by Russia.");
    assert_eq!(find(&qs, "80").role.as_deref(), Some("downed"));
}

#[test]
fn scale_suffixes_and_money() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "It raised 10M, had 5k users and borrowed $10.5 billion, €8.4bn and £10m.",
    );
    assert_eq!(find(&qs, "10M").value.unwrap().value, d("10000000"));
    assert_eq!(find(&qs, "5k").value.unwrap().value, d("5000"));
    let q = find(&qs, "$10.5 billion");
    assert_eq!(
        (q.value.unwrap().value, q.unit.as_deref()),
        (d("10500000000"), Some("USD"))
    );
    let q = find(&qs, "€8.4bn");
    assert_eq!(
        (q.value.unwrap().value, q.unit.as_deref()),
        (d("8400000000"), Some("EUR"))
    );
    let q = find(&qs, "£10m");
    assert_eq!(
        (q.value.unwrap().value, q.unit.as_deref()),
        (d("10000000"), Some("GBP"))
    );
}

#[test]
fn durations() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "A fortnight later a 10-day festival and a three-day ceasefire began; it \
                 lasted a week, a week-long pause.",
    );
    assert_eq!(find(&qs, "A fortnight").unit.as_deref(), Some("fortnight"));
    let q = find(&qs, "10-day");
    assert_eq!((q.dimension, q.adjectival), (Dimension::Duration, true));
    assert_eq!(find(&qs, "three-day").value.unwrap().value, d("3"));
    assert_eq!(find(&qs, "a week").unit.as_deref(), Some("week"));
    assert!(find(&qs, "a week-long").adjectival);
}

#[test]
fn temperatures_and_percentage_points() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "It was −30 °C (−22 °F), 20 deg C, 86 F and 300 K. Rates rose 2 \
                 percentage points to 15 percent.",
    );
    for (t, u) in [
        ("−30 °C", "°C"),
        ("−22 °F", "°F"),
        ("20 deg C", "°C"),
        ("86 F", "°F"),
    ] {
        let q = find(&qs, t);
        assert_eq!(
            (q.dimension, q.unit.as_deref()),
            (Dimension::Temperature, Some(u))
        );
    }
    assert_eq!(find(&qs, "300 K").unit.as_deref(), Some("K"));
    assert_eq!(
        find(&qs, "2 percentage points").dimension,
        Dimension::PercentagePoints
    );
    assert_eq!(find(&qs, "15 percent").dimension, Dimension::Percent);
    // "300K" against the digits is three hundred thousand.
    assert_eq!(
        find(&ex(cx, "300K fans"), "300K").value.unwrap().value,
        d("300000")
    );
}

#[test]
fn dates_resolve_against_the_document_date() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "On Jan. 30, 2026 and 30/January/2026, until Feb. 1, in February 2022, \
                 in May of last year, on Friday.",
    );
    let date = |t: &str| find(&qs, t).date.map(|d| d.to_string());
    assert_eq!(date("Jan. 30, 2026").as_deref(), Some("2026-01-30"));
    assert_eq!(date("30/January/2026").as_deref(), Some("2026-01-30"));
    assert_eq!(date("Feb. 1").as_deref(), Some("2026-02-01"));
    let q = find(&qs, "February 2022");
    assert_eq!((q.dimension, q.date_kind), (Dimension::Date, Some("month")));
    assert_eq!(date("May of last year").as_deref(), Some("2025-05-01"));
    assert_eq!(date("Friday").as_deref(), Some("2026-01-30"));
    assert!(qs.iter().all(|(_, q)| q.dimension == Dimension::Date));
}

#[test]
fn a_weekday_before_its_date_takes_it_and_a_reporting_week_has_ended() {
    // The document is dated Friday 30 January 2026.
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "The tribunal sat on Tuesday, January 20, and admissions fell in the week to Sunday.",
    );
    let date = |t: &str| find(&qs, t).date.map(|d| d.to_string());
    // Not the nearest Tuesday (February 3): the one the written date names.
    assert_eq!(date("Tuesday").as_deref(), Some("2026-01-20"));
    // A week "to Sunday" ended on the last Sunday, not the coming one.
    assert_eq!(date("Sunday").as_deref(), Some("2026-01-25"));
    // A wrong weekday still takes its written date: the `weekday` rule reports the mismatch.
    let qs = ex(cx, "It opened on Thursday, January 20.");
    assert_eq!(
        find(&qs, "Thursday").date.map(|d| d.to_string()).as_deref(),
        Some("2026-01-20")
    );
}

#[test]
fn a_simple_past_after_a_bare_count_is_its_verb_not_a_modifier() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    for (text, fig) in [
        ("Some 300 took part in the march.", "Some 300"),
        ("Nearly 90 gave evidence to the inquiry.", "Nearly 90"),
        ("About 40 took shelter in the church.", "About 40"),
    ] {
        let qs = ex(cx, text);
        assert_eq!(find(&qs, fig).noun, None, "{text}");
    }
    // A participle still modifies: "1,200 registered voters".
    let qs = ex(cx, "Some 1,200 registered voters turned out.");
    assert_eq!(find(&qs, "Some 1,200").lemma.as_deref(), Some("voter"));
}

#[test]
fn clock_times_and_designations_are_not_counts() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "At 11:30 p.m. the Iskander-M, Tu-95, A320, H5N1, I-95, Apollo 11, P7, \
                 call 555-123-4567, version 2.1.3, Section 5 and row 12 were named.",
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(find(&qs, "11:30 p.m.").dimension, Dimension::Time);
    // An article is not a designator: "a 100 meters" is a length.
    let qs = ex(cx, "It landed a 100 meters away in a 10-gallon tank.");
    assert_eq!(find(&qs, "100 meters").unit.as_deref(), Some("m"));
    assert_eq!(find(&qs, "10-gallon").unit.as_deref(), Some("gal"));
}

/// The texts of the figures found in `text`.
fn texts(cx: &Cx, text: &str) -> Vec<String> {
    ex(cx, text).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn scores_and_records_are_no_figures() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    for t in [
        "City lost 2-0 at home.",
        "They won 3-1 in Leeds.",
        "They won 3–1 in Leeds.",
        "It was a 21-17 victory.",
        "The sides drew 1-1.",
        "The Jets (4-11) lost again.",
        "The Jets went 4-11 last season.",
        "They lost 11-14 to the Bears.",
        "A 9-5 job and a 50-50 chance.",
    ] {
        assert!(texts(cx, t).is_empty(), "{t}: {:?}", texts(cx, t));
    }
    // Rising pairs without a score word are ranges.
    for (t, r) in [
        ("Children (5-11) were vaccinated.", "5-11"),
        ("They led 10-15 volunteers.", "10-15"),
        ("Ages 4-11 can enter.", "4-11"),
        ("It rose 10-5%.", "5%"),
    ] {
        assert!(
            texts(cx, t).iter().any(|x| x == r),
            "{t}: {:?}",
            texts(cx, t)
        );
    }
}

#[test]
fn names_with_numbers_are_no_figures() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    for t in [
        "Astronomers tracked 2024 YR4 closely.",
        "A Boeing 737 Max 9 and a Boeing 737 MAX 8 flew.",
        "Covid-19, Formula 1, Flight 370 and Route 66 were named.",
        "The G20 met; Windows 11 and the iPhone 15 launched.",
        "Go to Gate 12, Row 8, Seat 14C, Room 101, Platform 9.",
        "The firm filed for Chapter 11 protection at Terminal 5.",
        "Q3 sales beat forecasts; Q4 guidance fell.",
        "Boeing handed over its first 737 Max 10 at Exit 42 near Court 3.",
        "Traffic queued between junctions 10 and 11; the shop is open 24/7.",
        "Year 11 pupils sat the exam after 9/11.",
        "Resolution 2801 passed; the FTSE 100 and the FTSE 250 fell; Module 3 is due.",
        "The Falcon 9 booster landed.",
    ] {
        assert!(texts(cx, t).is_empty(), "{t}: {:?}", texts(cx, t));
    }
}

#[test]
fn periods_and_compound_words_hold_no_fraction() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    for t in [
        "Profit rose in the third quarter.",
        "Sales fell in the fourth quarter and the first half.",
        "Earnings for the quarter beat forecasts.",
        "Sales rose in the March quarter.",
        "At half-time and during half-term the quarter-final was a one-off.",
        "It was a one-time fee paid in the first-half.",
    ] {
        assert!(texts(cx, t).is_empty(), "{t}: {:?}", texts(cx, t));
    }
    let qs = ex(
        cx,
        "A quarter of voters and three quarters of members agreed.",
    );
    assert_eq!(find(&qs, "A quarter").dimension, Dimension::Fraction);
    assert_eq!(find(&qs, "three quarters").dimension, Dimension::Fraction);
    // A number word after the hyphen goes on counting ("three-nought-four").
    assert!(texts(cx, "They were playing three-nought-four.").contains(&"three".to_string()));
    // Other numbers before a hyphen count what follows ("a seven-storey building").
    assert_eq!(texts(cx, "A seven-storey block fell."), ["seven"]);
    // A unit after the hyphen is a measure ("a half-hour wait").
    let qs = ex(cx, "After a half-hour wait, one-day passes sold.");
    assert_eq!(find(&qs, "a half-hour").unit.as_deref(), Some("hour"));
    assert_eq!(find(&qs, "one-day").unit.as_deref(), Some("day"));
}

#[test]
fn degrees_against_the_digits_by_their_sentence() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Forecasters said highs of 104F were likely; \
                 patients with a temperature above 38C should rest.",
    );
    assert_eq!(find(&qs, "104F").unit.as_deref(), Some("°F"));
    assert_eq!(find(&qs, "above 38C").unit.as_deref(), Some("°C"));
    assert!(texts(cx, "When must 13F be filed?").is_empty());
}

#[test]
fn an_article_unit_after_of_is_no_figure() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    assert!(texts(cx, "The price of a tonne of coking coal rose.").is_empty());
    assert_eq!(texts(cx, "The crane lifted a tonne of steel."), ["a tonne"]);
    let qs = ex(cx, "Boeing delivered 38 737 MAX jets.");
    assert_eq!(
        texts(cx, "Boeing delivered 38 737 MAX jets."),
        ["38"],
        "{qs:#?}"
    );
}

#[test]
fn clock_times_with_zones() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "The first flight left at 1130 GMT and the convoy at 0900 local time.",
    );
    for t in ["1130 GMT", "0900 local time"] {
        assert_eq!(find(&qs, t).dimension, Dimension::Time, "{t}");
    }
    assert_eq!(
        find(&qs, "1130 GMT").clock,
        jiff::civil::Time::new(11, 30, 0, 0).ok()
    );
    let qs = ex(cx, "Polls closed at 11.30am; the 1130 delegates left.");
    assert_eq!(find(&qs, "11.30am").dimension, Dimension::Time);
    assert_eq!(find(&qs, "1130").dimension, Dimension::Count);
}

#[test]
fn spans_of_years_are_dates() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "Sales for the 2023-24 season beat the 2025/26 budget.");
    for (t, a, b) in [
        ("2023-24", "2023-01-01", "2024-12-31"),
        ("2025/26", "2025-01-01", "2026-12-31"),
    ] {
        let q = find(&qs, t);
        assert_eq!(
            (
                q.dimension,
                q.date_kind,
                q.date.map(|d| d.to_string()),
                q.date_end.map(|d| d.to_string())
            ),
            (
                Dimension::Date,
                Some("years"),
                Some(a.to_string()),
                Some(b.to_string())
            ),
            "{t}"
        );
    }
    assert_eq!(qs.len(), 2, "{qs:#?}");
    let qs = ex(
        cx,
        "Between 1995 and 1999 prices rose; between 1990 and 2000 people marched.",
    );
    assert_eq!(
        find(&qs, "Between 1995 and 1999").dimension,
        Dimension::Date
    );
    let q = find(&qs, "between 1990 and 2000");
    assert_eq!((q.dimension, q.bound), (Dimension::Count, Bound::Range));
}

#[test]
fn degrees_are_angles_by_their_words() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "The ramp slopes at about 45 degrees and the mast leaned at a 30-degree angle.",
    );
    for t in ["about 45 degrees", "30-degree"] {
        let q = find(&qs, t);
        assert_eq!(
            (q.dimension, q.unit.as_deref()),
            (Dimension::Angle, Some("°")),
            "{t}"
        );
    }
    assert_eq!(
        find(&ex(cx, "Earth is tilted 23.5 degrees."), "23.5 degrees").dimension,
        Dimension::Angle
    );
    // No cue, or a weather word in the sentence: a temperature as before.
    for t in [
        "It was 30 degrees in Madrid.",
        "The warm spell turned the air to 35 degrees.",
        "Raise the temperature by 5 degrees.",
    ] {
        let qs = ex(cx, t);
        assert!(
            qs.iter()
                .all(|(_, q)| q.dimension == Dimension::Temperature),
            "{t}: {qs:#?}"
        );
    }
}

#[test]
fn rates_and_figures_per_unit() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Output rose to 411,000 barrels per day; rain fell at 2 inches an hour.",
    );
    for (t, u) in [
        ("411,000 barrels per day", "bbl/day"),
        ("2 inches an hour", "in/h"),
    ] {
        let q = find(&qs, t);
        assert_eq!(
            (q.dimension, q.unit.as_deref()),
            (Dimension::Rate, Some(u)),
            "{t}"
        );
    }
    let qs = ex(
        cx,
        "The rate fell to 12.4 per 100,000 residents; staff worked 22 hours a day.",
    );
    let q = find(&qs, "12.4 per 100,000");
    assert_eq!(
        (q.dimension, q.unit.as_deref()),
        (Dimension::Rate, Some("/100000"))
    );
    assert_eq!(
        find(&qs, "22 hours a day").unit.as_deref(),
        Some("hour/day")
    );
    // A count or a price per unit is the figure alone; the denominator is no figure.
    let text = "He averaged 3 goals per game as Brent hit $81 a barrel and 600 a day left.";
    let qs = ex(cx, text);
    assert_eq!(texts(cx, text), ["3", "$81", "600"], "{qs:#?}");
    assert_eq!(find(&qs, "3").noun.as_deref(), Some("goals"));
    // With a noun between, a population rate takes it.
    let qs = ex(cx, "There were 12.4 deaths per 100,000.");
    let q = find(&qs, "12.4 deaths per 100,000");
    assert_eq!(
        (q.lemma.as_deref(), q.unit.as_deref()),
        (Some("death"), Some("/100000"))
    );
}

#[test]
fn an_en_dash_with_a_space_separates() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Results: Greens – 8.2%, Labour — 34%, Reform –1.5 points.",
    );
    assert_eq!(
        find(&qs, "8.2%").value,
        Some(Figure::new(d("8.2"), d("0.1")))
    );
    assert_eq!(find(&qs, "34%").value.unwrap().value, d("34"));
    assert_eq!(find(&qs, "–1.5").value.unwrap().value, d("-1.5"));
}

#[test]
fn circa_hedges_a_figure() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Census takers counted ca. 300 residents and c. 1,200 workers.",
    );
    for t in ["ca. 300", "c. 1,200"] {
        let q = find(&qs, t);
        assert!(q.approx && q.bound == Bound::Approx, "{t}: {q:#?}");
    }
}

#[test]
fn about_after_how_or_what_asks() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "How about 2 in 5 or more? What about five? It took about 3 hours.",
    );
    assert_eq!(find(&qs, "2 in 5 or more").low, Some(d("0.4")));
    assert!(!find(&qs, "five").approx);
    assert!(find(&qs, "about 3 hours").approx);
}

#[test]
fn names_joined_to_units_and_phone_numbers_are_not_figures() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Israel bought 50 F-35 jets and 3 C-130 planes; Ford sold 800,000 F-Series.",
    );
    assert!(
        qs.iter().all(|(_, q)| q.dimension == Dimension::Count),
        "{qs:#?}"
    );
    assert_eq!(qs.len(), 3, "{qs:#?}");
    let qs = ex(cx, "Call +1-222-2222-2222 or +1-222-2222/2222 now.");
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn scores_after_a_subject_is_a_verb() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "He scores twice. Scores were hurt.");
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(find(&qs, "Scores").bound, Bound::Vague);
}

#[test]
fn hyphen_chains_of_numbers_are_numbers() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "They were playing three-nought-four.");
    let texts: Vec<&str> = qs.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["three", "nought", "four"]);
}

#[test]
fn direction_of_change() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "Prices rose 5% while exports fell 3%.");
    assert_eq!(find(&qs, "5%").direction, Some(Direction::Up));
    assert_eq!(find(&qs, "3%").direction, Some(Direction::Down));
}
use proptest::prelude::*;

proptest! {
    /// The scanner's ASCII fast paths change nothing: on prose mixing words, figures,
    /// joiners, non-ASCII letters and signs, it finds the same figures with and without
    /// them.
    #[test]
    fn fast_paths_find_what_the_general_path_finds(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just(" ".to_string()),
                "[A-Za-z]{1,9}",
                "[0-9]{1,4}",
                proptest::sample::select(vec![
                    "a", "A", "in", "at", "more than", "about", "two", "Million", "dozen",
                    "drones", "were", "shot", "down", "°C", "−30", "km", "%", "$", "€5",
                    "Feb.", "Friday", "MiG-29", "well-known", "U.S.", "e.g.", "1/2",
                    "café", "naïve", "Ünited", "–", "-", ".", ",", "/", ":", "'", "’",
                    "\n", "\t", "\u{a0}", "(", ")", "and", "of", "week", "days",
                ]).prop_map(str::to_string),
            ],
            0..40,
        )
    ) {
        let prose = parts.concat();
        let date = jiff::civil::date(2026, 1, 30);
        proptest::prop_assert_eq!(
            scan_with::<true>(crate::grammar::tables::builtin(), &prose, Some(date)),
            scan_with::<false>(crate::grammar::tables::builtin(), &prose, Some(date)),
            "{:?}", prose
        );
    }
}

#[test]
fn spelled_pounds_after_a_scale_word_are_sterling() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let money = [
        (
            "The regulator fined the lender 2.5 million pounds on Thursday.",
            "2.5 million pounds",
        ),
        (
            "Operating profit improved to 361 million pounds.",
            "361 million pounds",
        ),
        (
            "The club paid 48 million pounds ($61 million) for the striker.",
            "48 million pounds",
        ),
    ];
    for (text, fig) in money {
        let qs = ex(cx, text);
        let q = find(&qs, fig);
        assert_eq!(q.unit.as_deref(), Some("GBP"), "{text}");
        assert_eq!(q.dimension, Dimension::Currency, "{text}");
    }
    let weight = [
        (
            "Inspectors recalled 2 million pounds of ground turkey.",
            "2 million pounds",
        ),
        (
            "At lift-off the rocket weighs 1.2 million pounds.",
            "1.2 million pounds",
        ),
        (
            "The barge hauled 3 million pounds (1.36 million kg) downriver.",
            "3 million pounds",
        ),
        ("The calf weighed 90 pounds at birth.", "90 pounds"),
    ];
    for (text, fig) in weight {
        let qs = ex(cx, text);
        assert_eq!(find(&qs, fig).unit.as_deref(), Some("lb"), "{text}");
    }
}

#[test]
fn a_change_and_a_level_are_two_figures_not_a_range() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let two = [
        (
            "Weekly benefit claims fell by 9,000 to 214,000.",
            "9,000",
            "214,000",
        ),
        ("Petrol climbed 3.1p to 152.8p a litre.", "3.1p", "152.8p"),
        (
            "Enrolment will rise from 4,500 to 6,000 pupils.",
            "4,500",
            "6,000",
        ),
    ];
    for (text, a, b) in two {
        let qs = ex(cx, text);
        assert_eq!(find(&qs, a).bound, Bound::Exact, "{text}");
        assert_eq!(find(&qs, b).bound, Bound::Exact, "{text}");
    }
    // The first figure takes the unit written after the second.
    let qs = ex(cx, "Output rose from 40 to 80 tonnes a day.");
    assert_eq!(find(&qs, "40").unit.as_deref(), Some("t/day"));
    // Ranges of change and plain ranges stay ranges.
    for (text, r) in [
        (
            "Output is expected to grow by 2 to 3 percent.",
            "2 to 3 percent",
        ),
        (
            "Fares may rise 5 to 10 percent next year.",
            "5 to 10 percent",
        ),
        ("Crowds of 4,500 to 6,000 gathered.", "4,500 to 6,000"),
    ] {
        let qs = ex(cx, text);
        assert_eq!(find(&qs, r).bound, Bound::Range, "{text}");
    }
}

/// Every word of the tables' starters, and a few that are not, with the case of each letter
/// flipped by `flips`: the words the starter filter is tested on besides random ones.
fn starter_words(flips: u64) -> Vec<String> {
    let t = crate::grammar::tables::builtin();
    t.starters
        .iter()
        .map(String::as_str)
        .chain(["the", "said", "drones", "x", "abouts", "mores", "Kyiv"])
        .map(|w| {
            w.chars()
                .enumerate()
                .map(|(j, c)| {
                    if flips >> (j % 64) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect()
        })
        .filter(|w: &String| !w.is_empty() && w.bytes().all(|c| c.is_ascii_alphabetic()))
        .collect()
}

#[test]
fn the_starter_filter_lets_every_starter_through() {
    let t = crate::grammar::tables::builtin();
    for flips in [0, u64::MAX, 0x5555_5555_5555_5555] {
        for w in starter_words(flips) {
            assert_eq!(starts_figure(t, &w), starts_figure_plain(t, &w), "{w:?}");
        }
    }
    // The filter turns words away (it is not the placeholder that lets every word through).
    assert!(!t.context.starter_shapes.may_start(b"qxqxq"));
    assert!(crate::grammar::tables::StarterShapes::default().may_start(b"qxqxq"));
    assert!(starts_figure(t, "About") && starts_figure(t, "two"));
}

proptest! {
    /// The starter filter changes no answer: a word of ASCII letters in any case starts a
    /// figure with it exactly when its word class says so.
    #[test]
    fn starts_figure_is_its_plain_statement(w in "[A-Za-z]{1,30}", flips in any::<u64>()) {
        let t = crate::grammar::tables::builtin();
        prop_assert_eq!(starts_figure(t, &w), starts_figure_plain(t, &w), "{:?}", w);
        for s in starter_words(flips) {
            prop_assert_eq!(starts_figure(t, &s), starts_figure_plain(t, &s), "{:?}", s);
        }
    }

    /// No weekday date starts but where `may_be_weekday` says one may: weekday names and
    /// abbreviations in any case, after any char or none, before date-like tails.
    #[test]
    fn weekday_dates_start_where_may_be_weekday_says(
        pick in any::<proptest::sample::Index>(),
        flips in any::<u64>(),
        head in proptest::option::of("[ a-z0-9(\u{e9},.-]"),
        tail in proptest::sample::select(vec![
            "", " ", ",", ".", ", 14 March 2023", " 3 April", " Oct. 1", " (Oct. 14)", "day",
            " 12", "s",
        ]),
    ) {
        let t = crate::grammar::tables::builtin();
        let cx = &crate::grammar::cx::Cx::new(t);
        let mut names: Vec<&str> = t.weekdays.iter().map(|w| w.0.as_str()).collect();
        names.extend(["Thurs", "Thur.", "Thur", "Thu", "Tues", "Tue", "Mon", "Wed", "Fri", "Sat", "Sun"]);
        let name = names[pick.index(names.len())];
        let cased: String = name
            .chars()
            .enumerate()
            .map(|(j, c)| if flips >> (j % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        for w in [name.to_string(), cased] {
            let i = format!("{}{w}{tail}", head.clone().unwrap_or_default());
            if date::weekday_date(cx, &i).is_ok() {
                prop_assert!(may_be_weekday(&i), "{:?}", i);
            }
        }
    }
}

proptest! {
    /// A word reader with a lent lexicon cache (`Scratch::with_lexicon`, as
    /// `antecedent_before` gets the scan's) reads every word as a fresh one does.
    #[test]
    fn a_lent_lexicon_cache_reads_as_a_fresh_one(
        seen in proptest::collection::vec("[a-z]{1,10}", 0..20),
        words in proptest::collection::vec(
            proptest::prop_oneof![
                "[a-z]{1,10}",
                proptest::sample::select(vec!["drones", "them", "missiles", "which", "people"])
                    .prop_map(str::to_string),
            ],
            1..20,
        ),
    ) {
        let lender = Scratch::default();
        for w in &seen {
            lender.reading(w);
        }
        let lent = Scratch::with_lexicon(lender.lex.take());
        for w in seen.iter().chain(&words) {
            prop_assert_eq!(lent.reading(w), Scratch::default().reading(w), "{:?}", w);
        }
    }
}

#[test]
fn partitives_participles_and_elided_nouns() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    noun_cases(
        cx,
        &[
            // A word WordNet lacks keeps its noun: "-es" after a non-sibilant is no verb form.
            (
                "About 30 of the 45 vintners have joined the cooperative.",
                "About 30",
                Some("vintner"),
                Some("join"),
            ),
            (
                "Only 9 of the 140 licensees renewed their permits.",
                "140",
                Some("licensee"),
                None,
            ),
            // "the past 8 seasons": an adjective before the number of a partitive.
            (
                "The club has lost five of its past 8 season openers.",
                "five",
                Some("opener"),
                Some("lose"),
            ),
            // The whole of a partitive is what its participle did; the part has the verb.
            (
                "Two fifths of the 900 farmers interviewed said yields fell.",
                "900",
                Some("farmer"),
                Some("interview"),
            ),
            (
                "Two fifths of the 900 farmers interviewed said yields fell.",
                "Two fifths",
                Some("farmer"),
                Some("say"),
            ),
            (
                "Some 60 of the 75 turbines installed along the ridge were shut down.",
                "Some 60",
                Some("turbine"),
                Some("shut down"),
            ),
            // A count in a phrase of place yields its noun to one outside it.
            (
                "The storm damaged 430 chalets in 12 resorts, and 85 were condemned.",
                "85",
                Some("chalet"),
                None,
            ),
            // A name is no counted noun of a change.
            (
                "Hotel stays in Bali and Lombok reached 2,400.",
                "2,400",
                None,
                None,
            ),
            // A figure after a noun of its own takes nothing from the sentence before.
            (
                "Guides led 320 hikers. A convoy of 45 left at dawn.",
                "45",
                None,
                None,
            ),
            // A bare count after "said" does.
            (
                "Inspectors tested 610 wells. Officials said 58 were contaminated.",
                "58",
                Some("well"),
                None,
            ),
        ],
    );
}

#[test]
fn a_clause_after_a_dash_heads_with_its_figure() {
    // The clause before a figure may end in a dash of several bytes.
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Crews cleared 90 roads. Officials — 40 were still shut.",
    );
    assert_eq!(find(&qs, "40").lemma.as_deref(), Some("road"));
}

/// Every period form, read against a document date (a Wednesday in May) and without one.
#[test]
fn periods_resolve_against_the_document_date_and_stay_unresolved_without_one() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    // (text, first day, last day, date_kind) on Wednesday 2026-05-13.
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "Vineyards sold more last year.",
            "2025-01-01",
            "2025-12-31",
            "year",
        ),
        (
            "Exports this year are up.",
            "2026-01-01",
            "2026-12-31",
            "year",
        ),
        (
            "Output will grow next year.",
            "2027-01-01",
            "2027-12-31",
            "year",
        ),
        (
            "Margins fell last quarter.",
            "2026-01-01",
            "2026-03-31",
            "quarter",
        ),
        (
            "Sales this quarter held.",
            "2026-04-01",
            "2026-06-30",
            "quarter",
        ),
        (
            "A pipeline opens next quarter.",
            "2026-07-01",
            "2026-09-30",
            "quarter",
        ),
        (
            "Rents rose last month.",
            "2026-04-01",
            "2026-04-30",
            "month",
        ),
        (
            "Hotels filled this month.",
            "2026-05-01",
            "2026-05-31",
            "month",
        ),
        (
            "The turbine starts next month.",
            "2026-06-01",
            "2026-06-30",
            "month",
        ),
        (
            "Ferries ran late last week.",
            "2026-05-04",
            "2026-05-10",
            "week",
        ),
        (
            "Talks resume this week.",
            "2026-05-11",
            "2026-05-17",
            "week",
        ),
        (
            "The dam reopens next week.",
            "2026-05-18",
            "2026-05-24",
            "week",
        ),
        (
            "Earlier this month the mill shut.",
            "2026-05-01",
            "2026-05-13",
            "to-date",
        ),
        (
            "The plant shut earlier this week.",
            "2026-05-11",
            "2026-05-13",
            "to-date",
        ),
        (
            "Voting ends later this year.",
            "2026-05-13",
            "2026-12-31",
            "from-date",
        ),
        (
            "Prices doubled in the past year.",
            "2025-05-13",
            "2026-05-13",
            "trailing",
        ),
        (
            "Over the past month rain fell.",
            "2026-04-13",
            "2026-05-13",
            "trailing",
        ),
        (
            "Over the past quarter it grew.",
            "2026-02-13",
            "2026-05-13",
            "trailing",
        ),
        (
            "Within the past week it grew.",
            "2026-05-06",
            "2026-05-13",
            "trailing",
        ),
    ];
    let doc = Date::new(2026, 5, 13).ok();
    for &(text, first, last, kind) in cases {
        for (with, dated) in [(true, doc), (false, None)] {
            let qs = scan(cx.t, text, dated);
            assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
            let q = &qs[0];
            assert_eq!(q.dimension, Dimension::Date, "{text}");
            assert_eq!(q.date_kind, Some(kind), "{text}");
            let got = (
                q.date.map(|d| d.to_string()),
                q.date_end.map(|d| d.to_string()),
            );
            if with {
                assert_eq!(got, (Some(first.into()), Some(last.into())), "{text}");
            } else {
                // Without a document date a period is read and left unresolved, never given
                // an interval.
                assert_eq!(got, (None, None), "{text}");
            }
        }
    }
    // The span is the period's words only, "Earlier" included.
    let qs = ex(cx, "Earlier this month the mill shut.");
    assert_eq!(qs[0].0, "Earlier this month");
    // Quarters and weeks across a year's end.
    let dec = Date::new(2026, 12, 30).ok();
    let q = &scan(cx.t, "Orders rise next quarter.", dec)[0];
    assert_eq!(q.date.map(|d| d.to_string()).as_deref(), Some("2027-01-01"));
    let q = &scan(cx.t, "Orders rose next week.", dec)[0];
    assert_eq!(
        (
            q.date.map(|d| d.to_string()),
            q.date_end.map(|d| d.to_string())
        ),
        (Some("2027-01-04".into()), Some("2027-01-10".into()))
    );
}

/// Where "last year", "next month" are not the calendar period: after "the", a possessive
/// or a determiner; inside a longer word; "earlier" before something other than "this";
/// "past year" without "the".
#[test]
fn periods_are_not_read_after_owners_or_inside_words() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    for text in [
        "The next year was hard for the growers.",
        "In his last year in office he cut taxes.",
        "The co-op's last quarter was weak.",
        "The farmers' last month of harvest was wet.",
        "Every next week brings rain.",
        "We met last weekend and this weekday.",
        "Earlier reports put the harvest lower.",
        "It was past year-end.",
    ] {
        let qs = ex(cx, text);
        assert!(
            qs.iter().all(|(_, q)| q.date_kind != Some("year")
                && q.date_kind != Some("month")
                && q.date_kind != Some("quarter")
                && q.date_kind != Some("week")
                && q.date_kind != Some("to-date")
                && q.date_kind != Some("trailing")),
            "{text}: {qs:#?}"
        );
    }
}

#[test]
fn a_numeric_date_after_a_wide_char_reads_on_char_boundaries() {
    // Found by fuzz/lsp_message: the word before "14/04/2026" ended in U+FFFD (3 bytes).
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "HEREFORD,\u{FFFD} 14/04/2026 \u{2013} Growers lost 60 percent of the blossom.",
    );
    assert!(qs.iter().any(|(t, _)| t == "60 percent"), "{qs:?}");
}

#[test]
fn bare_scores_is_vague_only_where_a_noun_phrase_starts() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    for noun in [
        "Reading scores fell for a third year.",
        "Their scores rose in every district.",
        "Test scores were flat.",
    ] {
        let qs = ex(cx, noun);
        assert!(qs.is_empty(), "{noun}: {qs:#?}");
    }
    let qs = ex(
        cx,
        "The blast left a bus shelter flattened, injuring scores.",
    );
    assert_eq!(find(&qs, "scores").bound, Bound::Vague);
}

#[test]
fn members_of_a_list_take_the_noun_of_the_last() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "The new flats have 2, 3 or 4 bedrooms.");
    for t in ["2", "3", "4"] {
        assert_eq!(find(&qs, t).lemma.as_deref(), Some("bedroom"), "{t}");
    }
}

#[test]
fn a_name_and_its_model_number_go_on_to_the_noun() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(cx, "The carrier leased 23 Boeing 787 Dreamliner jets.");
    assert_eq!(find(&qs, "23").lemma.as_deref(), Some("jet"));
    let qs = ex(cx, "Regulators grounded 64 Boeing planes.");
    assert_eq!(find(&qs, "64").lemma.as_deref(), Some("plane"));
}

#[test]
fn a_death_recorded_is_not_a_strike() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let qs = ex(
        cx,
        "Some 2,150 deaths were recorded in the province last winter.",
    );
    assert_ne!(find(&qs, "Some 2,150").role.as_deref(), Some("struck"));
}
