//! The command line: clap argument structs mirror the flags, one file per subcommand,
//! each exposing `run(args) -> anyhow::Result<i32>`. Library code never sees clap types.
//!
//! Exit codes, for every command: 0 success (for checkers: nothing found; for `diff`:
//! equal), 1 findings or differences, 2 an error (bad input, bad usage, I/O).

pub mod align;
pub mod bench;
pub mod bench_traps;
pub mod diff;
pub mod drift;
pub mod eval;
pub mod fetch;
pub mod glossary;
pub mod output;
pub mod render;
pub mod run;
pub mod serve;
pub mod split;
pub mod train;

use clap::{Parser, Subcommand};

/// bitext: align a Chinese translation with its English source, sentence by sentence;
/// check it for drift; keep a term glossary; render side-by-side views and exports.
#[derive(Debug, Parser)]
#[command(name = "bitext", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Split(split::Args),
    Align(align::Args),
    Eval(eval::Args),
    Train(train::Args),
    Render(render::Args),
    Diff(diff::Args),
    Run(run::Args),
    Glossary(glossary::Args),
    Drift(drift::Args),
    Fetch(fetch::Args),
    Serve(serve::Args),
    Bench(bench::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return code;
        }
    };
    let result = match args.command {
        Command::Split(a) => split::run(a),
        Command::Align(a) => align::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Train(a) => train::run(a),
        Command::Render(a) => render::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Run(a) => run::run(a),
        Command::Glossary(a) => glossary::run(a),
        Command::Drift(a) => drift::run(a),
        Command::Fetch(a) => fetch::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Bench(a) => bench::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => 0,
        Err(err) => {
            eprintln!("bitext: {}", describe(&err));
            2
        }
    }
}

/// The error and its causes on one line, like `{:#}`, but a cause whose text the message
/// already holds is not said twice (a file error names its OS error and carries it as its
/// source too).
pub fn describe(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_os_error_named_in_the_message_is_not_repeated() {
        let err = crate::text::files::read_text("/nonexistent/bitext-test".as_ref()).unwrap_err();
        let err = anyhow::Error::new(err).context("reading the article");
        let text = super::describe(&err);
        assert_eq!(text.matches("os error 2").count(), 1, "{text}");
        assert!(
            text.starts_with("reading the article: /nonexistent/bitext-test"),
            "{text}"
        );
    }
}
