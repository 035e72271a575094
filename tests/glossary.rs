//! Tests: glossary.
#[allow(unused_imports)]
use crate::workdir::Workdir;
