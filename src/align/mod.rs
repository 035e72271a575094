//! n:m sentence alignment of Chinese and English segments.

use std::ops::Range;

/// One aligned group: a run of Chinese segments and a run of English segments that
/// translate each other. Either side may be empty (an omission or an addition).
/// Ranges index the segment slices given to the aligner; beads are in document order
/// and together cover both sides without gaps or overlaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    /// Confidence in [0, 1]: higher is better.
    pub score: f32,
}
