//! `bitext fetch`: download a video's transcript from YouTube (or take it from the cache).

use crate::source::youtube::{self, CaptionFormat, FetchOptions, VideoId};
use anyhow::Context;
use std::path::PathBuf;

/// Fetch a video's English (or other) transcript from YouTube, caching the raw payload.
///
/// Without -o, prints the path of the cached transcript. The cache is
/// $XDG_CACHE_HOME/bitext (else ~/.cache/bitext) unless --cache-dir is given; a cached
/// transcript is used without any request.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  cargo run --release -- fetch BbAnzpeGFrA -o corpus/kevin-scott/en.json3
  bitext fetch 'https://youtu.be/BbAnzpeGFrA' --lang en --format vtt

When YouTube demands a proof-of-origin token, fetch falls back to yt-dlp if it is on the PATH.")]
pub struct Args {
    /// The video: an 11-character id or a YouTube link (watch?v=, youtu.be/, shorts/, embed/).
    pub video: String,
    /// The transcript language; `en` also takes a regional track such as en-GB.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Write the transcript (the raw payload) to this file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use the cache only; never touch the network.
    #[arg(long)]
    pub offline: bool,
    /// The caption format to request.
    #[arg(long, value_enum, default_value = "json3")]
    pub format: FormatArg,
    /// Where YouTube is [default: $BITEXT_YOUTUBE_ORIGIN, else https://www.youtube.com].
    #[arg(long, value_name = "URL")]
    pub origin: Option<String>,
    /// Send every request through this proxy (http://host:port).
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Send the cookies of this Netscape cookies.txt file (exported from a browser).
    #[arg(long, value_name = "FILE")]
    pub cookies: Option<PathBuf>,
    /// The cache folder (payloads go to DIR/youtube/<id>/).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// The `--format` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Json3,
    Srv3,
    Vtt,
}

impl From<FormatArg> for CaptionFormat {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Json3 => CaptionFormat::Json3,
            FormatArg::Srv3 => CaptionFormat::Srv3,
            FormatArg::Vtt => CaptionFormat::Vtt,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let video = VideoId::parse(&args.video)?;
    let defaults = FetchOptions::default();
    let options = FetchOptions {
        origin: args.origin.unwrap_or(defaults.origin),
        cache_dir: args.cache_dir.unwrap_or(defaults.cache_dir),
        offline: args.offline,
        proxy: args.proxy,
        cookies: args.cookies,
        format: args.format.into(),
        ..defaults
    };
    let lang = args.lang.clone();
    let fetched = youtube::fallback::fetch_with_fallback(
        &video,
        &args.lang,
        &options,
        args.output.as_deref(),
        std::time::Duration::from_secs(600),
        &mut |refusal, program| {
            eprintln!("bitext: {refusal}");
            eprintln!(
                "bitext: falling back to yt-dlp ({}) for the {lang} captions",
                program.display()
            );
        },
    )?;
    let source = youtube::fallback::route(&fetched);
    eprintln!(
        "bitext: video {}: {} ({}, {})",
        video, fetched.track, fetched.format, source
    );
    match &args.output {
        Some(path) => {
            fetched
                .save_to(path)
                .with_context(|| format!("saving the transcript of video {video}"))?;
            eprintln!("bitext: wrote {}", path.display());
        }
        None => super::output::print(&format!("{}\n", fetched.path.display()))?,
    }
    Ok(0)
}
