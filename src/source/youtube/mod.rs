//! Fetching a transcript from YouTube for a video id or URL, with a cache.
