//! Tests of the command line as a whole: help, exit codes, bad usage.

use crate::workdir::Workdir;

#[test]
fn every_command_has_help_with_an_example() {
    let wd = Workdir::new();
    let top = wd.stdout(&["--help"]);
    for cmd in [
        "split", "align", "eval", "render", "diff", "run", "glossary", "drift", "fetch", "bench",
    ] {
        assert!(top.contains(cmd), "top-level help lists {cmd}");
    }
    let help = wd.stdout(&["split", "--help"]);
    assert!(
        help.contains("Example"),
        "split --help has an example:\n{help}"
    );
}

#[test]
fn unknown_command_exits_2() {
    Workdir::new().fails(&["frobnicate"], 2);
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let err = Workdir::new().fails(&["split", "zh", "nope.txt"], 2);
    assert!(err.contains("nope.txt"), "{err}");
}
