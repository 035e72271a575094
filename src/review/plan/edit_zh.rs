//! A Chinese correction: the sentence's bytes replaced in zh.txt (every other byte kept,
//! [`crate::review::article_edit`]), and the confirmed links that quote the sentence (as their
//! text or as their context) following the edit.

use super::super::article_edit;
use super::super::{ReviewError, Workspace};
use super::Plan;

impl Workspace {
    pub(super) fn plan_edit_zh(
        &self,
        row: usize,
        sentence: usize,
        text: &str,
    ) -> Result<Plan, ReviewError> {
        let b = self.bead(row)?.clone();
        if sentence >= b.zh.len() {
            return Err(ReviewError::BadAction(format!(
                "row {row} has {} Chinese sentence(s): no sentence {sentence}",
                b.zh.len()
            )));
        }
        let index = b.zh.start + sentence;
        let seg = &self.inputs.zh[index];
        let text = text.trim();
        if text == seg.text {
            return Err(ReviewError::BadAction("the text is unchanged".into()));
        }
        let path = self.inputs.manifest.zh.clone();
        let article = &self.inputs.article;
        let at = article
            .get(seg.range.clone())
            .and_then(|slice| slice.find(seg.text.as_str()))
            .map(|o| seg.range.start + o)
            .ok_or_else(|| ReviewError::Article {
                path: path.clone(),
                message: format!(
                    "the sentence «{}» cannot be found in the file; reload",
                    seg.text
                ),
            })?;
        let raw = self.tracked.bytes(&path).unwrap_or_default();
        let bytes = article_edit::replace(&raw, &path, at..at + seg.text.len(), &seg.text, text)?;
        let mut writes = vec![(path, bytes)];
        // Links that hold the sentence, or name it as their context, follow the edit.
        let mut links = self.inputs.links.clone();
        let mut changed = false;
        for f in &self.resolved.fixed {
            let link = &mut links.links[f.link];
            if f.zh.contains(&index) {
                link.zh = self.inputs.zh[f.zh.clone()]
                    .iter()
                    .enumerate()
                    .map(|(k, s)| {
                        if f.zh.start + k == index {
                            text
                        } else {
                            s.text.as_str()
                        }
                    })
                    .collect();
                changed = true;
            }
            if f.zh.start == index + 1 && link.zh_before == seg.text {
                link.zh_before = text.to_string();
                changed = true;
            }
        }
        if changed {
            writes.push((self.inputs.links_path.clone(), links.to_text().into_bytes()));
        }
        Ok(Plan {
            writes,
            message: format!("corrected «{}» to «{text}»", seg.text),
            reread: true,
        })
    }
}
