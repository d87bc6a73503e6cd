//! The motivating article (../shared/seed/donbass-davos.txt): an on-topic headline promising
//! action for places and people the body never mentions. Read from the shared folder, never
//! copied.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly

mod common;

use headcheck::{input, Checker, Lang, Status, Verdict};

#[test]
fn seed_headline_is_flagged_with_the_missing_claims_and_the_real_focus() {
    let Some(path) = common::shared_file("seed/donbass-davos.txt") else {
        return;
    };
    let article = input::read_article(&path, None).expect("the seed reads");
    let report = Checker::new(Lang::En).check(&article);

    assert_ne!(report.verdict, Verdict::Consistent, "{}", report.reason);
    assert_eq!(
        report.verdict,
        Verdict::Partial,
        "on topic, so partial: {}",
        report.reason
    );

    let status_of = |text: &str| {
        report
            .claims
            .iter()
            .find(|c| c.text.eq_ignore_ascii_case(text))
            .map(|c| c.status)
    };
    assert_eq!(status_of("Donbass"), Some(Status::Unsupported));
    assert_eq!(status_of("Citizens"), Some(Status::Unsupported));
    assert_ne!(status_of("Russian Citizens"), Some(Status::Supported));
    assert_eq!(
        status_of("Putin"),
        Some(Status::Supported),
        "Putin is in the body"
    );
    assert!(report.reason.contains("Donbass"), "{}", report.reason);

    let focus: Vec<&str> = report.focus.iter().map(|f| f.text.as_str()).collect();
    assert!(focus.iter().any(|f| f.contains("Zelensky")), "{focus:?}");

    // Evidence quotes the body exactly at its offsets.
    for claim in &report.claims {
        for e in &claim.evidence {
            assert_eq!(&article.body[e.start..e.end], e.text);
            for [s, t] in &e.matched {
                assert!(e.start <= *s && t <= &e.end);
            }
        }
    }
}
