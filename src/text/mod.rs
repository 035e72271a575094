//! Text utilities shared by every stage: reading and writing files safely, folding
//! character widths, and reading numbers written in Chinese or English.

pub mod files;
pub mod html;
pub mod numbers;
pub mod width;
