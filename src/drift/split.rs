//! Is a one-sided row a sentence the aligner split off its neighbour? Asked of the
//! aligner's own bead score ([`crate::align::score::score`]): the neighbour's pair with the
//! one-sided row merged in scores about as well as the pair kept apart, so nothing is
//! missing, only cut in two (issue 14, session 9).
//!
//! On the development set (the clean and planted segmented documents), merging a sentence
//! the neighbouring row renders kept the neighbour's score (×1.02 'They are
//! psychological.' beside 人们不随理，只随心。, ×1.19 'You obviously don't know the first thing
//! about wrestling.' beside 呸，你不会摔交！, ×0.99 那个周大娘? beside its English), while
//! merging a real drop or addition cut it to ×0.21–0.59 (the planted 35-word English
//! sentence, the planted 这是林肯在葛底斯堡演说中的名句。, the translator's 这个“准”字，是日间
//! 赌钱时学的。): the merged pair is long for its other side, and none of its words match.

use super::Doc;
use crate::align::score::score;
use crate::segment::Segment;

/// The merged pair must score at least this share of the neighbour's own score: merging
/// is no worse. (A planted added sentence that repeats its neighbour's 倒厅 kept ×0.88: its
/// neighbour's Chinese was short, so the merge mended the length and lost only a little on
/// the words; 0.8 let it through.)
const KEEP: f32 = 1.0;

/// Below this the neighbour's own pair says nothing either way (its score is noise).
const MIN_SCORE: f32 = 0.05;

/// True when row `i`, which has only one side, merged into the previous or the next row
/// (a bilingual row) scores at least [`KEEP`] of that row's own score: the aligner split
/// one sentence's translation over two rows.
pub(super) fn merges_with_neighbour(doc: &Doc, i: usize) -> bool {
    let rows = doc.rows();
    let r = &rows[i];
    let english = r.zh.trim().is_empty();
    let seg = |t: &str, p: usize| Segment::plain(t, 0..t.len(), p);
    [i.wrapping_sub(1), i + 1]
        .into_iter()
        .filter(|&n| n < rows.len())
        .any(|n| {
            let m = &rows[n];
            if m.zh.trim().is_empty() || m.en.trim().is_empty() {
                return false;
            }
            let kept = score(&[seg(&m.zh, 0)], &[seg(&m.en, 0)], &[]);
            if kept < MIN_SCORE {
                return false;
            }
            let (first, second) = if english {
                if n < i {
                    (&m.en, &r.en)
                } else {
                    (&r.en, &m.en)
                }
            } else if n < i {
                (&m.zh, &r.zh)
            } else {
                (&r.zh, &m.zh)
            };
            let both = [seg(first, 0), seg(second, 0)];
            let merged = if english {
                score(&[seg(&m.zh, 0)], &both, &[])
            } else {
                score(&both, &[seg(&m.en, 0)], &[])
            };
            merged >= KEEP * kept
        })
}
