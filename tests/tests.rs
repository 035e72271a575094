//! The integration tests: one binary, a module per area (see STYLE: one link, not dozens).

#[path = "../src/text/fuzz_config.rs"]
mod fuzz_config;
mod workdir;

mod align;
mod align_threads;
mod article;
mod cli;
mod corpus;
mod corpus_weights;
mod daily;
mod diff;
mod drift;
mod drift_caption_gap;
mod drift_caption_meaning;
mod drift_omitseg;
mod drift_precise7;
mod drift_precision9;
mod eval;
mod fetch;
mod fuzz;
mod glossary;
mod harden;
mod mock_youtube;
mod outputs;
mod plain_pairs;
mod realign11;
mod render;
mod review;
mod review_speed11;
mod run;
mod segment_en;
mod segment_zh;
mod serve;
mod serve_browser;
mod train_captions;
mod transcript;
mod wrong_source;
mod ytdlp;
