//! Tests: drift.
#[allow(unused_imports)]
use crate::workdir::Workdir;
