//! `figcheck reconcile` on each case directory under `fixtures/reconcile/` (and on
//! `fixtures/kyiv-pause/`): snapshots of the human table + findings and of the JSON, plus the
//! statuses each case must have, so a blindly accepted snapshot cannot hide a regression.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The files of one case directory, sorted, as strings relative to the package root.
fn case_files(dir: &str) -> Vec<String> {
    fixtures(dir)
        .into_iter()
        .filter(|p| p.parent() == Some(Path::new("fixtures").join(dir).as_path()))
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Runs reconcile on a case (human and JSON), snapshots both, returns (exit code, JSON).
fn run_case(dir: &str) -> (Option<i32>, Value) {
    let files = case_files(dir);
    assert!(files.len() >= 2, "{dir}: a case needs two or more sources");
    let fixture = PathBuf::from("fixtures").join(dir);
    let mut args = vec!["reconcile", "--format", "human"];
    args.extend(files.iter().map(String::as_str));
    let human = figcheck(&args);
    assert!(stderr(&human).is_empty(), "{dir}: {}", stderr(&human));
    assert_snap(&fixture, "reconcile", &stdout(&human));
    args[2] = "json";
    let json = figcheck(&args);
    assert_eq!(
        json.status.code(),
        human.status.code(),
        "{dir}: human and JSON exit codes differ"
    );
    let text = stdout(&json);
    assert_snap(&fixture, "reconcile-json", &text);
    args[2] = "html";
    let html = figcheck(&args);
    assert_eq!(
        html.status.code(),
        human.status.code(),
        "{dir}: html exit code"
    );
    assert_snap(&fixture, "reconcile-html", &stdout(&html));
    let v: Value = serde_json::from_str(&text).expect("reconcile JSON parses");
    assert_eq!(v["version"], 1);
    (human.status.code(), v)
}

/// Statuses of the claim rows with this noun and role (and dimension), in table order.
fn statuses(v: &Value, noun: &str, role: Option<&str>) -> Vec<String> {
    v["claims"]
        .as_array()
        .expect("claims array")
        .iter()
        .filter(|c| c["key"]["noun"] == noun && c["key"]["role"].as_str() == role)
        .map(|c| c["status"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn codes(v: &Value) -> Vec<(String, String)> {
    v["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_string(),
                f["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn messages(v: &Value, code: &str) -> Vec<String> {
    v["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| f["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn agreements() {
    let (code, v) = run_case("reconcile/agreements");
    assert_eq!(code, Some(0));
    assert_eq!(statuses(&v, "drone", Some("downed")), ["agree"]);
    assert_eq!(statuses(&v, "drone", Some("launched")), ["consistent"]);
    assert_eq!(statuses(&v, "missile", Some("launched")), ["agree"]);
    assert_eq!(statuses(&v, "pause", Some("until")), ["agree"]);
    assert_eq!(
        codes(&v),
        [("reconcile-accounting".to_string(), "note".to_string())]
    );
    // Notes fail a run only when asked to.
    let files = case_files("reconcile/agreements");
    let mut args = vec!["reconcile", "--fail-on", "note"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(figcheck(&args).status.code(), Some(1));
    let m = messages(&v, "reconcile-accounting");
    assert!(
        m[0].contains("111 launched; 80 downed + 25 struck = 105; 6 unaccounted"),
        "{m:?}"
    );
}

#[test]
fn conflicts() {
    let (code, v) = run_case("reconcile/conflicts");
    assert_eq!(code, Some(1), "warnings fail by default");
    for (noun, role) in [
        ("drone", Some("downed")),
        ("drone", Some("launched")),
        ("person", Some("killed")),
        ("pause", Some("until")),
        ("temperature", None),
    ] {
        assert_eq!(statuses(&v, noun, role), ["conflict"], "{noun} {role:?}");
    }
    let c = codes(&v);
    assert_eq!(c.len(), 5, "{c:?}");
    assert!(
        c.iter()
            .all(|(code, sev)| code == "reconcile-conflict" && sev == "warning")
    );
    // Every conflict names the other source as a related span.
    for f in v["findings"].as_array().unwrap() {
        let rel = f["related"].as_array().unwrap();
        assert_eq!(rel.len(), 1);
        assert_ne!(rel[0]["file"], f["file"]);
    }
    // The gate options.
    let files = case_files("reconcile/conflicts");
    let mut args = vec!["reconcile", "--exit-zero"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(figcheck(&args).status.code(), Some(0));
    args[1] = "--fail-on=error";
    assert_eq!(figcheck(&args).status.code(), Some(0));
}

#[test]
fn traps() {
    let (code, v) = run_case("reconcile/traps");
    assert_eq!(code, Some(0));
    assert!(codes(&v).is_empty(), "{:?}", codes(&v));
    // Regions struck and regions reporting casualties are different claims.
    assert_eq!(statuses(&v, "region", Some("struck")), ["single source"]);
    assert_eq!(statuses(&v, "region", Some("reported")), ["single source"]);
    // A forecast low and an observed low are different claims.
    let temps: Vec<bool> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["key"]["noun"] == "temperature")
        .map(|c| c["key"]["forecast"].as_bool().unwrap())
        .collect();
    assert_eq!(temps, [false, true]);
    // Drones downed on different days are different claims.
    assert_eq!(
        statuses(&v, "drone", Some("downed")),
        ["single source", "single source"]
    );
}

#[test]
fn unit_restatements_agree() {
    let (code, v) = run_case("reconcile/units");
    assert_eq!(code, Some(0));
    assert!(codes(&v).is_empty());
    assert_eq!(statuses(&v, "length", None), ["agree"]);
    assert_eq!(statuses(&v, "temperature", None), ["agree"]);
}

#[test]
fn kyiv_pause_drafts() {
    let (code, v) = run_case("kyiv-pause");
    assert_eq!(code, Some(0));
    assert_eq!(statuses(&v, "drone", Some("launched")), ["consistent"]);
    assert_eq!(statuses(&v, "drone", Some("downed")), ["agree"]);
    assert_eq!(statuses(&v, "missile", Some("launched")), ["agree"]);
    assert!(!statuses(&v, "pause", Some("until")).contains(&"conflict".to_string()));
    assert!(!codes(&v).iter().any(|(c, _)| c == "reconcile-conflict"));
    // "several sites were hit" against "15 locations": past the vague word's usual range, a
    // note rather than a conflict.
    assert!(statuses(&v, "location", Some("struck")).contains(&"consistent".to_string()));
    assert!(
        messages(&v, "reconcile-vague")
            .iter()
            .any(|m| m.contains("\"several\" usually means 3 to 9"))
    );
    assert!(
        messages(&v, "reconcile-accounting")
            .iter()
            .any(|m| m.contains("111 launched; 80 downed + 25 struck = 105; 6 unaccounted"))
    );
}

#[test]
fn unreadable_file_is_reported_and_others_still_reconciled() {
    let files = case_files("reconcile/conflicts");
    let mut args = vec![
        "reconcile",
        "--format",
        "json",
        "fixtures/reconcile/no-such-file.md",
    ];
    args.extend(files.iter().map(String::as_str));
    let out = figcheck(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("fixtures/reconcile/no-such-file.md: cannot read: no such file"));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(statuses(&v, "person", Some("killed")), ["conflict"]);
}

#[test]
fn json_findings_carry_the_contract_fields() {
    let files = case_files("reconcile/conflicts");
    let mut args = vec!["reconcile", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let v: Value = serde_json::from_str(&stdout(&figcheck(&args))).unwrap();
    for f in v["findings"].as_array().unwrap() {
        for k in [
            "code", "severity", "file", "start", "end", "line", "column", "message", "related",
        ] {
            assert!(f.get(k).is_some(), "finding lacks {k}: {f}");
        }
        // Offsets are byte offsets into the original file.
        let text = std::fs::read_to_string(root().join(f["file"].as_str().unwrap())).unwrap();
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(text.get(s..e).is_some_and(|t| !t.trim().is_empty()));
    }
    for c in v["claims"].as_array().unwrap() {
        for val in c["values"].as_array().unwrap() {
            let text = std::fs::read_to_string(root().join(val["file"].as_str().unwrap())).unwrap();
            let (s, e) = (
                val["start"].as_u64().unwrap() as usize,
                val["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text.get(s..e), val["text"].as_str());
        }
    }
}

/// Rows with this noun (and role), as (entity, scope, status), in table order.
fn keyed(v: &Value, noun: &str, role: Option<&str>) -> Vec<(String, String, String)> {
    v["claims"]
        .as_array()
        .expect("claims array")
        .iter()
        .filter(|c| c["key"]["noun"] == noun && c["key"]["role"].as_str() == role)
        .map(|c| {
            let s = |x: &Value| x.as_str().unwrap_or("-").to_string();
            (
                s(&c["key"]["entity"]),
                s(&c["key"]["scope"]),
                s(&c["status"]),
            )
        })
        .collect()
}

fn t(e: &str, s: &str, st: &str) -> (String, String, String) {
    (e.to_string(), s.to_string(), st.to_string())
}

#[test]
fn entities_keep_countries_apart() {
    // A song contest: each country's points are its own claim; the one outlet that gives
    // Estonia 154 points conflicts with the two that give 145, and never with Norway's 212.
    let (code, v) = run_case("reconcile/entity");
    assert_eq!(code, Some(1));
    assert_eq!(
        keyed(&v, "point", Some("receive")),
        [
            t("estonia", "-", "conflict"),
            t("iceland", "-", "single source"),
            t("norway", "-", "agree"),
        ]
    );
    let m = messages(&v, "reconcile-conflict");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("\"154\"") && m[0].contains("\"145\""),
        "{m:?}"
    );
    assert!(!m[0].contains("212"), "{m:?}");
}

#[test]
fn scopes_keep_a_day_apart_from_the_year() {
    // Migrant arrivals: Tuesday's 1,240 and the year's 38,600 ("since January 1", "so far
    // this year") never meet; a single boat's 96 and a centre's count since it opened stay
    // apart too. No conflict.
    let (code, v) = run_case("reconcile/scope");
    assert_eq!(code, Some(0));
    assert!(codes(&v).is_empty(), "{:?}", codes(&v));
    assert_eq!(
        keyed(&v, "migrant", Some("arrive")),
        [t("-", "-", "agree"), t("-", "this year", "agree")]
    );
    let centre = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["values"][0]["text"] == "9,870")
        .expect("the centre's count");
    assert!(
        centre["key"]["scope"]
            .as_str()
            .is_some_and(|s| s.starts_with("since it opened")),
        "{centre}"
    );
    assert_eq!(centre["status"], "single source");
}

#[test]
fn shares_are_compared_per_party_in_percentage_points() {
    // A strike ballot of two unions: each union's vote share is its own row (71.3% and 64%
    // never meet), written "64%" and "64.0%" they agree, and the one turnout of 52.8% against
    // two of 58.2% is a conflict 5.4 percentage points wide.
    let (code, v) = run_case("reconcile/share");
    assert_eq!(code, Some(1));
    assert_eq!(
        keyed(&v, "vote share", None),
        [
            t("ferry crews guild", "-", "agree"),
            t("harbour transit workers union", "-", "agree"),
        ]
    );
    assert_eq!(statuses(&v, "turnout", None), ["conflict"]);
    let m = messages(&v, "reconcile-conflict");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("5.4 percentage points apart"), "{m:?}");
}

#[test]
fn as_low_as_states_the_extreme_and_stations_stay_apart() {
    // Two research stations' readings on one night: each station is its own row; "as low as
    // −78.4 °C" agrees with its restatement "−109.1 °F" and with "as low as −78.4 °C"
    // elsewhere, and conflicts with "as low as −78.4 °F".
    let (code, v) = run_case("reconcile/extreme");
    assert_eq!(code, Some(1));
    assert_eq!(
        keyed(&v, "temperature", None),
        [
            t("brink ridge station", "-", "agree"),
            t("halvorsen station", "-", "conflict"),
        ]
    );
    let m = messages(&v, "reconcile-conflict");
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("−78.4 °F"), "{m:?}");
    // The extreme is a value, not an open bound.
    let halvorsen = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"]["entity"] == "halvorsen station")
        .unwrap();
    for val in halvorsen["values"].as_array().unwrap() {
        assert!(!val["low"].is_null() && !val["high"].is_null(), "{val}");
    }
}

#[test]
fn figures_without_a_noun_are_listed_as_unkeyed() {
    let (_, v) = run_case("kyiv-pause");
    let unkeyed = v["unkeyed"].as_array().expect("unkeyed array");
    assert!(!unkeyed.is_empty());
    for u in unkeyed {
        let file = u["file"].as_str().unwrap();
        let text = std::fs::read_to_string(common::root().join(file)).unwrap();
        let (s, e) = (
            u["start"].as_u64().unwrap() as usize,
            u["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], u["text"].as_str().unwrap());
    }
    let files = case_files("kyiv-pause");
    let mut args = vec!["reconcile"];
    args.extend(files.iter().map(String::as_str));
    let human = stdout(&figcheck(&args));
    assert!(
        human.contains(&format!("; {} unkeyed", unkeyed.len()))
            && human.contains("unkeyed (no noun"),
        "{human}"
    );
}

#[test]
fn a_toll_that_grows_is_an_update_and_a_same_day_disagreement_a_conflict() {
    // A colliery roof fall: Monday's 9 dead, Tuesday's 14 in two outlets is an update; the
    // two Tuesday figures for the injured (32, 23) conflict; the 41 brought out alive agree.
    let (code, v) = run_case("reconcile/update");
    assert_eq!(code, Some(1));
    assert_eq!(statuses(&v, "miner", Some("killed")), ["updated"]);
    assert_eq!(statuses(&v, "miner", Some("treat")), ["conflict"]);
    assert_eq!(statuses(&v, "miner", Some("bring")), ["agree"]);
    let killed = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"]["role"] == "killed")
        .unwrap();
    assert_eq!(killed["consensus"]["low"], 14, "the latest reports' toll");
    assert_eq!(messages(&v, "reconcile-conflict").len(), 1);
}

#[test]
fn two_named_days_stay_apart_and_a_figure_naming_no_day_meets_the_one_named() {
    // A lakeside folk festival. The same 23 detained on Friday (an undated paper) and on
    // Saturday (undated police news) are two days, not one claim that agrees; a dated weekly
    // review's "on Saturday" (2026-07-11) meets the police's Saturday. The 1,150 campers
    // evacuated "on Saturday night" in one report and with no day in another are one claim.
    let (code, v) = run_case("reconcile/weekdays");
    assert_eq!(code, Some(0), "{v}");
    assert!(messages(&v, "reconcile-conflict").is_empty(), "{v}");
    let rows: Vec<(String, String, String, usize)> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["description"].as_str().unwrap_or_default().to_string(),
                c["key"]["time"].as_str().unwrap_or("-").to_string(),
                c["key"]["day"].as_str().unwrap_or("-").to_string(),
                c["values"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    let row =
        |d: &str, t: &str, day: &str, n: usize| (d.to_string(), t.to_string(), day.to_string(), n);
    assert_eq!(
        rows,
        [
            row("camper evacuated", "-", "-", 2),
            row("festivalgoer arrested [police] on friday", "-", "friday", 1),
            row(
                "festivalgoer arrested [police] 2026-07-11",
                "2026-07-11",
                "-",
                2
            ),
        ],
        "{v}"
    );
    assert_eq!(statuses(&v, "camper", Some("evacuated")), ["agree"]);
    assert_eq!(
        statuses(&v, "festivalgoer", Some("arrested")),
        ["single source", "agree"]
    );
}

#[test]
fn another_event_in_the_same_report_keeps_its_figures_apart() {
    // A textile-plant fire: 19 injured on Tuesday's report, 23 on Wednesday's is an update;
    // "a separate blaze at the Orrin paper mill injured 3 workers" is another event and must
    // not be set against them; the whole province's toll "since 2020" stays apart.
    let (code, v) = run_case("reconcile/factory-fire");
    assert_eq!(code, Some(0), "no conflict");
    let wounded = keyed(&v, "worker", Some("wounded"));
    assert!(wounded.contains(&t("-", "-", "updated")), "{wounded:?}");
    assert!(
        wounded.contains(&t("-", "separate blaze", "single source")),
        "{wounded:?}"
    );
    let killed = keyed(&v, "worker", Some("killed"));
    assert!(killed.contains(&t("-", "-", "updated")), "{killed:?}");
    assert!(
        killed.contains(&t("-", "since 2020", "single source")),
        "{killed:?}"
    );
    assert!(messages(&v, "reconcile-conflict").is_empty());
}

#[test]
fn rates_written_to_one_decimal_conflict_when_they_differ() {
    // A central-bank decision: 3.8% and 3.9% inflation, each to one decimal, conflict (their
    // precision intervals only touch); unemployment 6.1% vs 6.4% conflicts; the benchmark,
    // key and policy rate are one interest rate; "the Tarsk 40 index" counts no index.
    let (code, v) = run_case("reconcile/central-bank");
    assert_eq!(code, Some(1));
    assert_eq!(statuses(&v, "inflation", None), ["conflict"]);
    assert_eq!(statuses(&v, "unemployment", None), ["conflict"]);
    assert!(statuses(&v, "interest rate", None).contains(&"agree".to_string()));
    assert!(statuses(&v, "index", Some("fall")).is_empty());
    let m = messages(&v, "reconcile-conflict");
    assert_eq!(m.len(), 2, "{m:?}");
}

#[test]
fn a_marathon_keeps_last_year_and_the_half_marathon_apart() {
    let (code, v) = run_case("reconcile/marathon");
    assert_eq!(code, Some(1));
    // "finished" and "crossed the finish line" are one role; "Some 31,500" is hedged.
    assert_eq!(statuses(&v, "runner", Some("finish")), ["consistent"]);
    assert_eq!(cells(&v, "runner", Some("finish")), [3]);
    assert_eq!(statuses(&v, "runner", Some("treat")), ["conflict"]);
    // 29,800 last year is not this year's 31,500.
    assert_eq!(statuses(&v, "runner", None), ["single source"]);
    assert_eq!(messages(&v, "reconcile-conflict").len(), 1);
}

#[test]
fn a_wildfire_in_hectares_and_its_second_fire_stay_apart() {
    let (code, v) = run_case("reconcile/wildfire");
    assert_eq!(code, Some(1));
    let area = keyed(&v, "area", None);
    // "scorched 30,600 acres since it started" is the fire's own area, in acres.
    assert!(area.contains(&t("corran valley", "-", "agree")), "{area:?}");
    assert_eq!(cells(&v, "area", None)[0], 3);
    assert!(
        area.contains(&t("-", "second fire", "single source")),
        "{area:?}"
    );
    assert!(
        area.contains(&t("-", "this year", "single source")),
        "{area:?}"
    );
    // Homes are destroyed, not downed.
    assert!(statuses(&v, "home", Some("downed")).is_empty());
    assert_eq!(statuses(&v, "home", Some("destroyed")), ["conflict"]);
    assert_eq!(statuses(&v, "person", Some("evacuated")), ["consistent"]);
}

#[test]
fn a_hospital_strike_keeps_one_hospital_apart_from_the_board() {
    // St Brendan's 600 pickets are one hospital's; the board's and the union's counts of
    // strikers across Lowfield's hospitals are another row, so nothing conflicts.
    let (code, v) = run_case("reconcile/hospital-strike");
    assert_eq!(code, Some(0));
    assert!(messages(&v, "reconcile-conflict").is_empty());
    assert_eq!(statuses(&v, "operation", Some("postpone")), ["consistent"]);
    assert_eq!(places(&v, "nurse", Some("join")), ["st brendan's hospital"]);
    assert_eq!(statuses(&v, "nurse", Some("walk out")), ["consistent"]);
}

#[test]
fn a_ferry_sinking_reads_tolls_as_deaths_and_rescues_as_one_role() {
    let (code, v) = run_case("reconcile/ferry-sinking");
    assert_eq!(code, Some(0));
    // "rescued", "pulled … from the sea", "plucked … from the water".
    assert_eq!(statuses(&v, "passenger", Some("rescued")), ["agree"]);
    assert_eq!(cells(&v, "passenger", Some("rescued")), [3]);
    // "The death toll … rose to 11" and "the toll has risen to 11": deaths, not launches.
    assert_eq!(statuses(&v, "death", Some("killed")), ["agree"]);
    assert!(statuses(&v, "death", Some("launched")).is_empty());
    // 9 dead in Wednesday's report, 11 in Thursday's: an update.
    assert_eq!(statuses(&v, "person", Some("killed")), ["updated"]);
    // 40 treated at Skerra Harbour is a part of the 95 the island's hospitals treated.
    assert_eq!(
        statuses(&v, "passenger", Some("treat")),
        ["single source", "single source"]
    );
    assert!(messages(&v, "reconcile-conflict").is_empty());
}

#[test]
fn a_teachers_strike_that_grows_is_an_update_and_one_school_stays_apart() {
    let (code, v) = run_case("reconcile/teachers-strike");
    assert_eq!(code, Some(0));
    // "walked out" (3,400), a later "rose to 3,950" and "were on strike" (3,950): one row.
    assert_eq!(
        statuses(&v, "teacher", Some("walk out")),
        ["updated", "single source"]
    );
    assert_eq!(cells(&v, "teacher", Some("walk out")), [3, 1]);
    assert_eq!(
        places(&v, "teacher", Some("walk out")),
        ["brannock county", "harlow grammar school"]
    );
    assert!(statuses(&v, "teacher", Some("level")).is_empty());
    // "closed" and "shut".
    assert_eq!(statuses(&v, "school", Some("close")), ["updated"]);
}

#[test]
fn a_river_flood_destroys_homes_and_keeps_a_shelter_apart() {
    let (code, v) = run_case("reconcile/river-flood");
    assert_eq!(code, Some(0));
    assert_eq!(statuses(&v, "home", Some("destroyed")), ["agree"]);
    // "evacuated" and "moved to safety"; 640 at the leisure centre is a part.
    assert_eq!(
        statuses(&v, "person", Some("evacuated")),
        ["agree", "single source"]
    );
    // "covered 8,000 hectares since it started on Saturday" meets "covers 8,000 hectares".
    assert_eq!(keyed(&v, "area", None)[0], t("-", "-", "agree"));
    assert!(messages(&v, "reconcile-conflict").is_empty());
}

/// How many sources each row with this noun and role has, in table order.
fn cells(v: &Value, noun: &str, role: Option<&str>) -> Vec<usize> {
    rows(v, noun, role)
        .map(|c| {
            let mut files: Vec<&str> = c["values"]
                .as_array()
                .expect("values")
                .iter()
                .filter_map(|x| x["file"].as_str())
                .collect();
            files.dedup();
            files.len()
        })
        .collect()
}

/// The place of each row with this noun and role ("-" for none), in table order.
fn places(v: &Value, noun: &str, role: Option<&str>) -> Vec<String> {
    rows(v, noun, role)
        .map(|c| c["key"]["place"].as_str().unwrap_or("-").to_string())
        .collect()
}

fn rows<'a>(v: &'a Value, noun: &'a str, role: Option<&'a str>) -> impl Iterator<Item = &'a Value> {
    v["claims"]
        .as_array()
        .expect("claims array")
        .iter()
        .filter(move |c| c["key"]["noun"] == noun && c["key"]["role"].as_str() == role)
}
