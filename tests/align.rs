//! Tests: align.
#[allow(unused_imports)]
use crate::workdir::Workdir;
