//! Making corpus rows from an alignment: the one place a bead becomes a [`Row`].

use super::{Flag, Row};
use crate::align::Bead;
use crate::segment::{Segment, SegmentKind};

/// One row per bead, in order. `start`/`end` are the English group's time span; the
/// speaker is the English side's when known, else the Chinese side's; the section comes
/// from the Chinese segments; `zh` is the article's own text of the bead's sentences
/// concatenated, `en` the English texts joined by spaces. Flags: `zh-only`/`en-only` for
/// one-sided beads, `heading` for headings, `note` when a Chinese sentence holds a
/// translator's note, `front`/`back` for front and back matter.
pub fn from_alignment(zh: &[Segment], en: &[Segment], beads: &[Bead]) -> Vec<Row> {
    beads
        .iter()
        .map(|b| row(&zh[b.zh.clone()], &en[b.en.clone()], b.score))
        .collect()
}

fn row(zh: &[Segment], en: &[Segment], score: f32) -> Row {
    let speaker = en
        .iter()
        .find_map(|s| s.speaker.clone())
        .or_else(|| zh.iter().find_map(|s| s.speaker.clone()))
        .unwrap_or_default();
    let section = zh
        .iter()
        .find_map(|s| s.section.clone())
        .unwrap_or_default();
    let mut row = Row {
        start_ms: en.iter().filter_map(|s| s.start_ms).min(),
        end_ms: en.iter().filter_map(|s| s.end_ms).max(),
        speaker,
        section,
        flags: Vec::new(),
        score: Some(score),
        zh: zh.iter().map(|s| s.text.as_str()).collect(),
        en: en
            .iter()
            .map(|s| s.text.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    };
    if en.is_empty() && !zh.is_empty() {
        row.set(Flag::ZhOnly);
    }
    if zh.is_empty() && !en.is_empty() {
        row.set(Flag::EnOnly);
    }
    for s in zh {
        match s.kind {
            SegmentKind::Heading => row.set(Flag::Heading),
            SegmentKind::Title | SegmentKind::Front => row.set(Flag::Front),
            SegmentKind::Back => row.set(Flag::Back),
            SegmentKind::Body => {}
        }
        if !s.notes.is_empty() {
            row.set(Flag::Note);
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Segment {
        Segment::plain(text, 0..text.len(), 0)
    }

    #[test]
    fn rows_carry_times_speakers_and_flags() {
        let mut z0 = seg("你好。");
        z0.speaker = Some("Sarah Guo".into());
        z0.section = Some("开场".into());
        let mut z1 = seg("标题");
        z1.kind = SegmentKind::Heading;
        let mut z2 = seg("他(注释)说。");
        z2.notes = std::iter::once(3..11).collect();
        let mut e0 = seg("Hello.");
        e0.start_ms = Some(1000);
        e0.end_ms = Some(2000);
        let mut e1 = seg("Hi.");
        e1.start_ms = Some(2100);
        e1.end_ms = Some(2500);
        let zh = [z0, z1, z2];
        let en = [e0, e1];
        let beads = [
            Bead {
                zh: 0..1,
                en: 0..2,
                score: 0.9,
            },
            Bead {
                zh: 1..2,
                en: 2..2,
                score: 0.0,
            },
            Bead {
                zh: 2..3,
                en: 2..2,
                score: 0.0,
            },
        ];
        let rows = from_alignment(&zh, &en, &beads);
        assert_eq!(rows[0].start_ms, Some(1000));
        assert_eq!(rows[0].end_ms, Some(2500));
        assert_eq!(rows[0].speaker, "Sarah Guo");
        assert_eq!(rows[0].section, "开场");
        assert_eq!(rows[0].en, "Hello. Hi.");
        assert!(rows[0].flags.is_empty());
        assert_eq!(rows[1].flags, vec![Flag::Heading, Flag::ZhOnly]);
        assert!(rows[2].has(Flag::Note));
        assert_eq!(rows[2].zh, "他(注释)说。");
    }
}

#[cfg(test)]
mod seed {
    use super::*;
    use crate::align::{align, AlignOptions};

    fn en(text: &str, speaker: &str, start_ms: u64) -> Segment {
        Segment {
            speaker: Some(speaker.into()),
            start_ms: Some(start_ms),
            end_ms: Some(start_ms + 2500),
            ..Segment::plain(text, 0..text.len(), 0)
        }
    }

    /// The seed article's opening turns against a short English transcript written for
    /// this test: the beads pair the sentences and carry speakers and times over.
    #[test]
    fn seed_article_against_a_short_transcript() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/kevin-scott/zh.txt");
        let text = crate::text::files::read_text(&path).unwrap();
        let article = crate::source::article::parse(text);
        let zh: Vec<Segment> = crate::segment::zh::sentences(&article)
            .into_iter()
            .filter(|s| s.kind == SegmentKind::Body)
            .take(4)
            .collect();
        assert!(
            zh[0].text.starts_with("可以从你的故事开始吗"),
            "{:?}",
            zh[0].text
        );
        let en = [
            en("Can we start with your story?", "Sarah Guo", 1000),
            en("You grew up in rural Virginia, your parents did not go to college, and you became the CTO of Microsoft.", "Sarah Guo", 4000),
            en("How did that happen?", "Sarah Guo", 7000),
            en("I think it was a very improbable journey, certainly nothing I could have imagined, partly because I was very lucky to be born with a certain ability.", "Kevin Scott", 10000),
            en("When I was growing up, as a teenager in the eighties, the personal computer was developing and I happened to be fascinated by it.", "Kevin Scott", 14000),
        ];
        let beads = align(&zh, &en, &AlignOptions::default());
        let ladder: Vec<_> = beads.iter().map(|b| (b.zh.clone(), b.en.clone())).collect();
        assert_eq!(
            ladder,
            vec![(0..1, 0..1), (1..2, 1..3), (2..3, 3..4), (3..4, 4..5)]
        );
        let rows = from_alignment(&zh, &en, &beads);
        assert_eq!(rows[1].speaker, "Sarah Guo");
        assert_eq!(rows[2].speaker, "Kevin Scott");
        assert_eq!((rows[1].start_ms, rows[1].end_ms), (Some(4000), Some(9500)));
        assert!(rows.iter().all(|r| r.section == "追逐理想,人生无法复制"));
        assert_eq!(rows[3].zh, zh[3].text);
    }
}
