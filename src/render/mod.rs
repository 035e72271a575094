//! Views and exports of a corpus: side-by-side HTML and Markdown, TMX, bilingual subtitles, JSONL.
