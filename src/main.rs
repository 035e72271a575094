//! The `bitext` binary: everything lives in the library; this only hands over the arguments.

/// mimalloc instead of the system allocator: reading a long text makes millions of small
/// allocations (about an eighth of the CPU of a 20,000-sentence alignment with glibc's;
/// docs/aligner.md, Speed).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(bitext::cli::main());
}
