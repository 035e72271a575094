//! Tests: diff.
#[allow(unused_imports)]
use crate::workdir::Workdir;
