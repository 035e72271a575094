//! Tests: segment_en.
#[allow(unused_imports)]
use crate::workdir::Workdir;
