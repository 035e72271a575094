//! Tests: corpus.
#[allow(unused_imports)]
use crate::workdir::Workdir;
