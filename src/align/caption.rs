//! Caption-unit evidence the sentence path has no use for: how likely an English sentence
//! ends between two caption units of an unpunctuated transcript (the pause between them,
//! the word before and the word after), read by the bead cost's cut features.

use crate::segment::en::never_last;
use crate::segment::Segment;

/// The highest cut cost ([`cut_costs`]): a sentence practically never ends there.
pub(super) const MAX_CUT: f32 = 4.0;

/// Words an English sentence seldom ends with, besides [`never_last`]'s: words that
/// announce more (`that`, `such`, `like`), negations and adverbs placed before what they
/// modify (`not`, `only`, `even`, `also`), determiners and numbers before their noun.
/// On the development transcripts a unit ending on one of these ends a sentence group in
/// fewer than one case in ten (against one in five for all unit boundaries).
const SELDOM_LAST: &[&str] = &[
    "that", "be", "not", "no", "like", "such", "some", "any", "only", "even", "also", "how",
    "those", "one", "two", "more", "most", "many", "said",
];

/// Words an English sentence seldom starts with: they continue the clause before them
/// (`of`, `and`, `or`, `to`, `than`), or are a verb or auxiliary that needs the subject
/// just said (`was`, `had`, `would`), or open a relative clause (`which`, `who`).
const SELDOM_FIRST: &[&str] = &[
    "of", "and", "or", "nor", "to", "than", "is", "was", "are", "were", "am", "been", "being",
    "has", "have", "had", "can", "could", "would", "should", "will", "shall", "may", "might",
    "must", "with", "into", "onto", "about", "which", "whom", "who", "whose", "on", "like",
];

fn listed(list: &[&str], word: &str) -> bool {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    list.contains(&w)
}

/// What a seldom-last word before the cut, or a seldom-first word after it, adds to the cut
/// cost: as much as 90 ms less pause. On the development transcripts (mean word overlap
/// 0.863 without them) 1 for both gave 0.866, 2 for both 0.865, 4 for both 0.861, 1 for
/// the first word alone 0.864.
const SELDOM_COST: f32 = 1.0;

/// How unlikely an English sentence boundary is before each caption unit, from 0 to
/// [`MAX_CUT`] (one entry per lattice position, zero at both ends): [`MAX_CUT`] where the
/// unit before ends on a word no sentence ends with; else a falling function of the pause
/// between the units (no pause: [`MAX_CUT`]; 400 ms or more: 0), raised where the unit
/// before ends on a word sentences seldom end with or the unit starts with a word they
/// seldom start with. A paragraph or speaker change before the unit costs nothing: it ends
/// a sentence whatever the words. Units without times are judged on their words alone.
pub(super) fn cut_costs(en: &[Segment]) -> Vec<f32> {
    let mut out = vec![0.0; en.len() + 1];
    for j in 1..en.len() {
        if en[j].turn_start || en[j].paragraph != en[j - 1].paragraph {
            continue;
        }
        let last = en[j - 1].text.rsplit(char::is_whitespace).next();
        let first = en[j].text.split(char::is_whitespace).next();
        if last.is_some_and(never_last) {
            out[j] = MAX_CUT;
            continue;
        }
        let mut cut = en[j]
            .pause_before_ms
            .map_or(0.0, |p| ((400.0 - p as f32) / 90.0).clamp(0.0, MAX_CUT));
        if last.is_some_and(|w| listed(SELDOM_LAST, w)) {
            cut += SELDOM_COST;
        }
        if first.is_some_and(|w| listed(SELDOM_FIRST, w)) {
            cut += SELDOM_COST;
        }
        out[j] = cut.min(MAX_CUT);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(t: &str, pause: u64) -> Segment {
        Segment {
            pause_before_ms: Some(pause),
            ..Segment::plain(t, 0..t.len(), 0)
        }
    }

    #[test]
    fn caption_cuts_after_an_article_or_a_short_pause_cost_more() {
        let en = [
            unit("he went to the", 0),
            unit("market and then", 50),
            unit("came home", 100),
            unit("she was glad", 900),
        ];
        let cut = cut_costs(&en);
        assert_eq!(cut[0], 0.0);
        assert_eq!(cut[1], MAX_CUT, "after 'the'");
        assert!(
            cut[2] > 0.0 && cut[2] <= MAX_CUT,
            "no word rule, 100 ms pause"
        );
        assert_eq!(cut[3], 0.0, "900 ms pause");
        assert_eq!(cut[4], 0.0);
    }

    #[test]
    fn words_that_continue_a_clause_make_a_cut_dearer() {
        let en = [
            unit("the boy was tired", 0),
            unit("and went home", 300),
            unit("he slept", 300),
            unit("not", 300),
            unit("Which was odd", 300),
        ];
        let cut = cut_costs(&en);
        // 300 ms pause alone: (400 - 300) / 90.
        assert!((cut[2] - 100.0 / 90.0).abs() < 1e-6, "{}", cut[2]);
        // A unit opening on "and" continues the sentence before it.
        assert!((cut[1] - cut[2] - SELDOM_COST).abs() < 1e-6);
        // A unit ending on "not" seldom ends a sentence; a capitalised "Which" still
        // continues one.
        assert!((cut[4] - cut[2] - 2.0 * SELDOM_COST).abs() < 1e-6);
    }

    #[test]
    fn a_new_paragraph_or_speaker_is_a_free_cut() {
        let mut en = vec![unit("they went to the", 0), unit("market", 0)];
        assert_eq!(cut_costs(&en)[1], MAX_CUT);
        en[1].turn_start = true;
        assert_eq!(cut_costs(&en)[1], 0.0);
    }
}
