//! `cargo xtask regenerate` killed at many moments while it replaces an
//! earlier `generated/`: the old tree is always intact (beside at most the
//! partial staging folder the next run removes) unless the kill fell inside
//! the swap, which the next run finishes to the new tree. `Cargo.toml` is
//! never missing, and nothing is written outside `generated/`.
use graphdoc_gen::write::{recover_interrupted, Recovery};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The corpus, read in place.
fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/graph-docs-v1.0")
}

/// Every file under `dir`, relative path to bytes, leaving out the
/// top-level entries `skip` names.
fn tree(dir: &Path, skip: &[&str]) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !skip.contains(&&*e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let bytes = std::fs::read(e.path()).expect("readable generated file");
            (rel.display().to_string(), bytes)
        })
        .collect()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A checkout with `docs-input/` holding `pages`, and its regenerate
/// command.
struct Checkout(PathBuf);

impl Checkout {
    fn regenerate(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
        cmd.arg("regenerate")
            .arg("--root")
            .arg(&self.0)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    }

    /// Makes `docs-input/` hold copies of `pages`.
    fn set_input(&self, pages: &[PathBuf]) {
        let input = self.0.join("docs-input");
        let _ = std::fs::remove_dir_all(&input);
        std::fs::create_dir_all(&input).expect("input folder");
        for page in pages {
            let name = page.file_name().expect("page name");
            std::fs::copy(page, input.join(name)).expect("page copied");
        }
    }

    /// Regenerates from `pages`; returns the tree written.
    fn regenerate_from(&self, pages: &[PathBuf]) -> BTreeMap<String, Vec<u8>> {
        self.set_input(pages);
        let status = self.regenerate().status().expect("xtask runs");
        assert!(status.success(), "regenerate failed: {status}");
        tree(&self.0.join("generated"), &[])
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `n` pages of the corpus's api folder, spread over it.
fn sample(n: usize) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(corpus().join("api"))
        .expect("corpus api folder")
        .map(|e| e.expect("entry").path())
        .collect();
    all.sort();
    let step = (all.len() / n).max(1);
    all.into_iter().step_by(step).take(n).collect()
}

#[test]
fn interrupted_regenerate_leaves_the_old_tree_or_finishes_the_new() {
    let root = std::env::temp_dir().join(format!("graphdoc-interrupt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("checkout folder");
    let checkout = Checkout(root.clone());
    let generated = root.join("generated");
    let seeds: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input"))
            .expect("docs-input")
            .map(|e| e.expect("entry").path())
            .collect();
    let big = sample(600);
    let new_tree = checkout.regenerate_from(&big);
    let (mut in_staging, mut in_swap, mut finished) = (0, 0, 0);
    for delay_ms in [0u64, 1, 2, 4, 8, 15, 30, 60, 120, 250, 500] {
        let old_tree = checkout.regenerate_from(&seeds);
        assert_ne!(old_tree, new_tree);
        checkout.set_input(&big);
        let mut child = checkout.regenerate().spawn().expect("xtask starts");
        // Kill while the new tree is being written: wait for its staging
        // folder, then a little longer each round.
        let start = Instant::now();
        while !generated.join(".graphdoc-new").exists()
            && start.elapsed() < Duration::from_secs(300)
        {
            if child.try_wait().expect("waitable").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();

        assert_eq!(
            names(&root),
            ["docs-input", "generated"],
            "written outside generated/"
        );
        assert!(
            generated.join("Cargo.toml").is_file(),
            "no manifest after a kill at +{delay_ms} ms"
        );
        let scratch: Vec<String> = names(&generated)
            .into_iter()
            .filter(|n| n.starts_with(".graphdoc-"))
            .collect();
        let now = tree(&generated, &[".graphdoc-new"]);
        match scratch.as_slice() {
            [] if now == new_tree => finished += 1,
            // Killed before it started writing.
            [] => assert!(
                now == old_tree,
                "old tree damaged by a kill at +{delay_ms} ms"
            ),
            [only] if only == ".graphdoc-new" => {
                assert!(
                    now == old_tree,
                    "old tree damaged by a kill at +{delay_ms} ms"
                );
                in_staging += 1;
                assert_eq!(
                    recover_interrupted(&generated).expect("recovered"),
                    Recovery::DiscardedPartial
                );
                assert_eq!(tree(&generated, &[]), old_tree);
            }
            _ => {
                in_swap += 1;
                assert_eq!(
                    recover_interrupted(&generated).expect("recovered"),
                    Recovery::Completed
                );
                assert_eq!(
                    tree(&generated, &[]),
                    new_tree,
                    "swap not finished after +{delay_ms} ms"
                );
            }
        }
        assert_eq!(
            recover_interrupted(&generated).expect("clean"),
            Recovery::Clean
        );
    }
    eprintln!("kills: {in_staging} while staging, {in_swap} inside the swap, {finished} after it finished");
    assert!(
        in_staging > 0,
        "no kill landed while the new tree was written"
    );
}
