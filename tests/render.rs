//! Tests: render.
#[allow(unused_imports)]
use crate::workdir::Workdir;
