//! The in-row support check on the caption path (a Chinese article against auto-captions):
//! what it may conclude there that it may not elsewhere.
//!
//! On captions the aligner places its cut points partly by length, so the caption text next
//! to an added Chinese sentence is pulled into its row: the row's Chinese comes out less
//! long than the sentence's own share predicts, and the length evidence the two-trace rule
//! needs ([`super::support`]'s `MIN_LLR`, 1.0) is diluted. The Chinese side keeps its
//! sentence punctuation, so an added sentence is still a whole sentence; when none of its
//! content words is supported at all (counted support: a repetition of the row's names and
//! terms borrows nothing), a weaker length trace is taken as the second one
//! ([`ADDED_MIN_LLR`]).
//!
//! Dropped English on captions is looked for across the whole document instead
//! ([`super::caption_trace`]); not here, row by row, and why is measured in
//! `docs/drift.md` ("Caption omissions"): the English has no sentence punctuation, so a
//! stretch is a run of unsupported caption words; on the clean caption documents such runs
//! are everywhere (free literary renderings, dictionary misses), and no rule over their
//! support, place in the row, neighbours, dictionary coverage or the row's alignment score
//! separated the planted drops from them (every operating point that found two of the
//! twelve planted caption drops and clauses also reported 50 or more clean rows).

/// The length evidence an added Chinese sentence on a caption row needs when none of its
/// content words is supported: on the clean caption documents (607 development rows and
/// 1859 of the pseudo-held-out set), the fully unsupported Chinese sentences below 1.0
/// scored 0.29 (a stammer, 皇…… 皇帝的书房, that the dictionary does not read); the planted
/// 黄咔叽制服是当时片厂职工的工装。 scored 0.42. The margin is thin; see `docs/drift.md`.
pub const ADDED_MIN_LLR: f64 = 0.4;

/// True for English without sentence punctuation (auto-captions).
pub fn is_caption(en: &str) -> bool {
    !en.trim().is_empty() && !en.contains(['.', '!', '?', ';', ',', '…', '—'])
}

/// Whether a Chinese sentence of a row whose English is `en` counts as added on the caption
/// path, besides the general rule: a caption row, none of its content words supported
/// (`share`, counted), and length evidence `llr` of at least [`ADDED_MIN_LLR`].
pub(super) fn accepts_added(en: &str, share: f64, llr: f64) -> bool {
    is_caption(en) && share == 0.0 && llr >= ADDED_MIN_LLR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_are_english_without_sentence_punctuation() {
        assert!(is_caption(
            "since then he would come by once every two months"
        ));
        assert!(is_caption("wu peizhen's cousin was waiting"));
        assert!(!is_caption("Since then, he would come by."));
        assert!(!is_caption("what do you want?"));
        assert!(!is_caption("  "));
    }

    #[test]
    fn only_a_wholly_unsupported_sentence_on_captions_takes_the_weaker_length_trace() {
        let cap = "since then he would come by once every two months";
        assert!(accepts_added(cap, 0.0, 0.42));
        assert!(accepts_added(cap, 0.0, ADDED_MIN_LLR));
        // One word of it matched: the general rule (length evidence 1.0) applies.
        assert!(!accepts_added(cap, 0.2, 0.9));
        // Too little length evidence (the stammer on the clean set scored 0.29).
        assert!(!accepts_added(cap, 0.0, 0.29));
        // Punctuated English: the general rule.
        assert!(!accepts_added("Since then, he came.", 0.0, 0.9));
    }
}
