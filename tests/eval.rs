//! Tests: eval.
#[allow(unused_imports)]
use crate::workdir::Workdir;
