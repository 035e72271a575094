//! bitext: a workbench for Chinese–English translation alignment.
//!
//! The pipeline, one module per stage, each passing plain typed values to the next:
//! [`source`] (article, transcripts, YouTube) → [`segment`] (zh, en) → [`align`] →
//! [`glossary`] → [`drift`] → [`corpus`] (the canonical TSV) → [`render`] and [`diff`].
//! [`pipeline`] runs the stages for a corpus folder, for every front end (the CLI, the review
//! server, the tests).
//! [`text`] holds the small text utilities every stage shares (width folding, numbers, files).
//! The `bitext` binary is a thin shell over [`cli`].

pub mod align;
pub mod cli;
pub mod corpus;
pub mod diff;
pub mod drift;
pub mod glossary;
pub mod pipeline;
pub mod render;
pub mod review;
pub mod segment;
pub mod serve;
pub mod source;
pub mod text;
