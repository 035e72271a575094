//! The property tests' settings, shared by the unit tests and (through `#[path]`) the
//! integration tests: a fixed seed and a short run, so a test run is repeatable and CI
//! never fails on a case it did not fail on before. `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` set in the environment override both, for a long random run on
//! demand: `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=$RANDOM cargo test --release`.

use proptest::test_runner::{Config, RngSeed};

/// `cases` cases from the fixed `seed`, unless the environment asks otherwise; failures
/// are not written to `proptest-regressions/` (a failing case is made a named test).
pub fn fixed(cases: u32, seed: u64) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(seed);
    }
    config.failure_persistence = None;
    config
}
