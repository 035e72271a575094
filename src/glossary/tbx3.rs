//! TBX v3 (ISO 30042:2019) core structure, TBX-Basic dialect, DCA style:
//! `tbx/text/body/conceptEntry/langSec/termSec/term` with `termNote`s, in the
//! `urn:iso:std:iso:30042:ed-2` namespace. The mapping is the same as for v2 ([`super::tbx`]),
//! which also reads this layout, but forbidden renderings are terms marked
//! `deprecatedTerm-admn-sts` (tools that read v3 honour the status).

use super::entry::Entry;
use super::tbx::{write_layout, Layout};
use super::GlossaryError;
use std::path::Path;

/// TBX v3 core, DCA style: `tbx/text/body/conceptEntry/langSec/termSec/term`.
const V3: Layout = Layout {
    head: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
           <tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n\
           <tbxHeader><fileDesc><sourceDesc><p>bitext glossary</p></sourceDesc></fileDesc></tbxHeader>\n",
    root: "tbx",
    entry: "conceptEntry",
    lang: "langSec",
    term: "termSec",
    forbidden_as_terms: true,
};

/// Writes entries as TBX v3.
pub fn write(entries: &[Entry]) -> String {
    write_layout(entries, &V3)
}

/// Reads TBX (v3 or v2): see [`super::tbx::parse`].
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>, GlossaryError> {
    super::tbx::parse(text, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::entry::{Kind, Status};

    fn sample() -> Vec<Entry> {
        let mut a = Entry::new("retrieval-augmented generation", "检索增强生成");
        a.en_alt = vec!["RAG".into()];
        a.zh_forbidden = vec!["检索加强生成".into()];
        a.note = "prompt injection of retrieved text".into();
        let mut b = Entry::new("GPT-4", "GPT-4");
        b.latin = true;
        b.case_sensitive = true;
        b.kind = Kind::Product;
        b.status = Status::Deprecated;
        vec![a, b]
    }

    #[test]
    fn v3_round_trips() {
        let text = write(&sample());
        assert!(text.contains("urn:iso:std:iso:30042:ed-2"));
        assert!(text.contains("<conceptEntry id=\"c1\">"));
        assert_eq!(parse(&text, Path::new("g.tbx")).unwrap(), sample());
    }
}
