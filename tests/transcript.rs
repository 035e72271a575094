//! Tests: transcript.
#[allow(unused_imports)]
use crate::workdir::Workdir;
