//! Tests: fetch.
#[allow(unused_imports)]
use crate::workdir::Workdir;
