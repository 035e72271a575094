//! Tests: article.
#[allow(unused_imports)]
use crate::workdir::Workdir;
