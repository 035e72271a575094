//! Caption-unit evidence the sentence path has no use for: how likely an English sentence
//! ends between two caption units of an unpunctuated transcript (the pause between them,
//! the word before and the word after), read by the bead cost's cut features.

use super::cost::Features;
use super::PairCache;
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

/// Experiment knobs (read once from the environment; 0 when unset).
fn knob(name: &str) -> f32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

/// Scales of the lexical caption terms ([`lexical_terms`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct LexScales {
    /// Cost per unit of wrong-side share at a bead end.
    pub(super) end_wrong: f32,
    /// Reward per unit of right-side share at a bead end.
    pub(super) end_right: f32,
    /// Discount of a merge per unit of interleaved share.
    pub(super) merge: f32,
    /// Discount of a merge per unit of the least-covered sentence's coverage.
    pub(super) merge_cov: f32,
    /// Units read on each side of a bead end.
    pub(super) span: usize,
    /// 0: the net of both checks; 1: the bead's last units only; 2: the units after only;
    /// 3: each check's wrong side alone, summed.
    pub(super) dir: usize,
    /// The bead's side of the last-unit check is its best-glossing sentence, not its last.
    pub(super) own_all: bool,
    /// No check when the bead's last sentence matches nothing in the bead.
    pub(super) need_own: bool,
}

pub(super) fn scales() -> LexScales {
    static S: std::sync::OnceLock<LexScales> = std::sync::OnceLock::new();
    *S.get_or_init(|| LexScales {
        end_wrong: knob("CM_END_WRONG"),
        end_right: knob("CM_END_RIGHT"),
        merge: knob("CM_MERGE"),
        merge_cov: knob("CM_MERGE_COV"),
        span: (knob("CM_SPAN") as usize).max(1),
        dir: knob("CM_DIR") as usize,
        own_all: knob("CM_OWN_ALL") != 0.0,
        need_own: knob("CM_NEED_OWN") != 0.0,
    })
}

/// The English word weight of unit `j` that Chinese sentence `i` glosses (0 outside the
/// cache).
#[inline]
fn glossed(pairs: &PairCache, i: usize, j: usize) -> f32 {
    pairs.row(i).at(j).en_hit
}

/// The caption bead Chinese `z0..z1`, English `e0..e1`: what the dictionary says about
/// where it ends and whether its Chinese sentences share the English, as additions to the
/// cut features' values: (to `cut_end`, to `cut_inside`).
pub(super) fn lexical_terms(
    f: &Features,
    pairs: &PairCache,
    z0: usize,
    z1: usize,
    e0: usize,
    e1: usize,
) -> (f32, f32) {
    let s = scales();
    let mut end = 0.0;
    let evident = || {
        let row = pairs.row(z1 - 1);
        (e0..e1).any(|j| row.at(j).zh_hit > 0.0)
    };
    if (s.end_wrong != 0.0 || s.end_right != 0.0) && z1 < f.zh.len() && (!s.need_own || evident()) {
        // The unit after the end and the bead's last unit: each one's share of its word
        // weight that the sentence on its own side of the end glosses more than the other.
        let (mut da, mut dl) = (0.0, 0.0);
        let after = e1..(e1 + s.span).min(f.en.len());
        let t: f32 = after.clone().map(|j| f.en[j].total).sum();
        if t > 0.0 {
            let g: f32 = after
                .map(|j| glossed(pairs, z1, j) - glossed(pairs, z1 - 1, j))
                .sum();
            da = g / t;
        }
        let last = e1.saturating_sub(s.span).max(e0)..e1;
        let t: f32 = last.clone().map(|j| f.en[j].total).sum();
        if t > 0.0 {
            let own = |j: usize| {
                if s.own_all {
                    (z0..z1).map(|i| glossed(pairs, i, j)).fold(0.0, f32::max)
                } else {
                    glossed(pairs, z1 - 1, j)
                }
            };
            let g: f32 = last.map(|j| own(j) - glossed(pairs, z1, j)).sum();
            dl = g / t;
        }
        let d = match s.dir {
            1 => dl,
            2 => da,
            3 => da.min(0.0) + dl.min(0.0),
            _ => da + dl,
        };
        end = if d < 0.0 {
            -d * s.end_wrong
        } else {
            -d * s.end_right
        };
    }
    let mut inside = 0.0;
    if s.merge != 0.0 && z1 - z0 == 2 && e1 - e0 >= 2 {
        // Interleaving: the least weight on the wrong side of any cut between two units.
        let gap = |j: usize| glossed(pairs, z0 + 1, j) - glossed(pairs, z0, j);
        let mut total = 0.0;
        // First-sentence evidence after the cut, second-sentence evidence before it.
        let mut after = 0.0;
        for j in e0..e1 {
            total += f.en[j].total;
            after += (-gap(j)).max(0.0);
        }
        let mut before = 0.0;
        let mut least = f32::INFINITY;
        for j in e0..e1 - 1 {
            let g = gap(j);
            before += g.max(0.0);
            after -= (-g).max(0.0);
            least = least.min(before + after);
        }
        if total > 0.0 {
            inside = -s.merge * (least / total).min(1.0);
        }
    }
    if s.merge_cov != 0.0 && z1 - z0 == 2 {
        let cov = |i: usize| {
            let t = f.zh[i].total;
            if t > 0.0 {
                ((e0..e1).map(|j| pairs.row(i).at(j).zh_hit).sum::<f32>() / t).min(1.0)
            } else {
                0.0
            }
        };
        inside -= s.merge_cov * cov(z0).min(cov(z0 + 1));
    }
    (end, inside)
}

/// The ranges of the values [`lexical_terms`] can take for a bead of `a` Chinese
/// sentences, `((lo, hi) of cut_end's addition, (lo, hi) of cut_inside's)`, for the
/// search's bounds.
pub(super) fn lexical_ranges(a: usize) -> ((f32, f32), (f32, f32)) {
    let s = scales();
    let end = (
        -2.0 * s.end_right.max(0.0) - 2.0 * (-s.end_wrong).max(0.0),
        2.0 * s.end_wrong.max(0.0) + 2.0 * (-s.end_right).max(0.0),
    );
    let inside = if a == 2 {
        (
            -s.merge.max(0.0) - s.merge_cov.max(0.0),
            (-s.merge).max(0.0) + (-s.merge_cov).max(0.0),
        )
    } else {
        (0.0, 0.0)
    };
    (end, inside)
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
