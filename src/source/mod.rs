//! Reading the two sides: the Chinese [`article`], the English [`transcript`] in any of its
//! formats, and [`youtube`], which fetches a transcript for a video.

pub mod article;
pub mod manifest;
pub mod transcript;
pub mod youtube;
