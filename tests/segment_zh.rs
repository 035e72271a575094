//! Tests: segment_zh.
#[allow(unused_imports)]
use crate::workdir::Workdir;
