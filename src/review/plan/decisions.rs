//! The decisions about findings and terms: an accepted finding goes into the corpus's
//! drift-ignore with its reason; a term goes into the manifest's glossary, status proposed.

use super::super::{ReviewError, Workspace};
use super::Plan;
use crate::glossary::{Entry, Glossary, Status};

impl Workspace {
    pub(super) fn plan_accept(&self, id: &str, reason: &str) -> Result<Plan, ReviewError> {
        let reason = reason.trim();
        if !self.report.findings.iter().any(|f| f.id == id) {
            return Err(ReviewError::BadAction(format!("no finding {id:?}; reload")));
        }
        if reason.is_empty() || reason.contains(['\n', '\r']) {
            return Err(ReviewError::BadAction(
                "give the reason for accepting the finding, on one line".into(),
            ));
        }
        if self.ignore.contains(id) {
            return Err(ReviewError::BadAction(format!(
                "finding {id} is accepted already"
            )));
        }
        let path = self.ignore_path();
        let mut bytes = self.tracked.bytes(&path).unwrap_or_else(|| {
            b"# Accepted drift findings: the finding id, then why it is accepted.\n".to_vec()
        });
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(format!("{id}  {reason}\n").as_bytes());
        Ok(Plan {
            writes: vec![(path, bytes)],
            message: format!("accepted finding {id}: {reason}"),
            reread: false,
        })
    }

    pub(super) fn plan_term(
        &self,
        zh: &str,
        en: &str,
        note: Option<String>,
    ) -> Result<Plan, ReviewError> {
        let Some(path) = self.inputs.manifest.glossary.clone() else {
            return Err(ReviewError::BadAction(format!(
                "{} names no glossary: add a line glossary = \"…\" to it first",
                self.inputs
                    .manifest
                    .dir
                    .join(crate::source::manifest::FILE_NAME)
                    .display()
            )));
        };
        let (zh, en) = (zh.trim(), en.trim());
        if zh.is_empty() || en.is_empty() {
            return Err(ReviewError::BadAction(
                "a term needs both its Chinese and its English".into(),
            ));
        }
        let mut glossary = match self.tracked.bytes(&path) {
            Some(bytes) => {
                let (text, _) = crate::text::files::decode(&bytes, &path)?;
                Glossary::parse(&text, &path)?
            }
            None => Glossary::default(),
        };
        if glossary.find(en).is_some() {
            return Err(ReviewError::BadAction(format!(
                "{}: “{en}” is already in the glossary",
                path.display()
            )));
        }
        let mut entry = Entry::new(en, zh);
        entry.status = Status::Proposed;
        entry.note = note.unwrap_or_default();
        glossary.push(entry);
        Ok(Plan {
            writes: vec![(path, glossary.to_csv().into_bytes())],
            message: format!("added the term {en} = {zh} (proposed)"),
            reread: true,
        })
    }
}
