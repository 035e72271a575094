//! Tests: run.
#[allow(unused_imports)]
use crate::workdir::Workdir;
