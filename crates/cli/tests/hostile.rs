//! Hostile input: every case runs `graphdoc check` (and `graphdoc generate`)
//! on it, which must exit 0 or 1 within seconds, print valid JSON and report
//! the expected diagnostic. Nothing outside the input is read: links and
//! INCLUDEs that leave the tree point at a FIFO, which would block forever
//! if opened.
mod common;

use common::names;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh folder under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("graphdoc-hostile-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs graphdoc with a time limit; returns (exit code, stdout).
fn run(args: &[&str], limit: Duration) -> (i32, String) {
    run_as(&[], args, limit)
}

/// [`run`] with graphdoc started through `wrapper` (a command and its
/// arguments, or nothing).
fn run_as(wrapper: &[&str], args: &[&str], limit: Duration) -> (i32, String) {
    let binary = env!("CARGO_BIN_EXE_graphdoc");
    let mut command = match wrapper.split_first() {
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest).arg(binary);
            c
        }
        None => Command::new(binary),
    };
    let mut child = command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("graphdoc starts");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::BufReader::new(stdout), &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let out = reader.join().unwrap_or_default();
            return (status.code().unwrap_or(-1), out);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("graphdoc {args:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Checks `path`: exit 0 or 1, valid JSON, and the codes found.
fn check_codes(path: &Path) -> Vec<String> {
    let p = path.to_string_lossy();
    let (code, out) = run(&["check", &p, "--format", "json"], Duration::from_secs(20));
    assert!(code == 0 || code == 1, "exit {code} for {p}");
    let json: Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("invalid JSON for {p}: {e}"));
    json["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Generates `input` into a folder of `scratch`: exit 0 or 1, and nothing
/// written beside the output folder.
fn generate_ok(input: &Path, scratch: &Scratch) {
    let out = scratch.0.join("generated-crate");
    let mut expected = names(&scratch.0);
    expected.push("generated-crate".into());
    expected.sort();
    expected.dedup();
    let (code, _) = run(
        &[
            "generate",
            &input.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
        ],
        Duration::from_secs(20),
    );
    assert!(
        code == 0 || code == 1,
        "generate exit {code} for {}",
        input.display()
    );
    let after = names(&scratch.0);
    assert!(
        after.iter().all(|n| expected.contains(n)),
        "written outside the output folder: {after:?}"
    );
}

fn case(name: &str, bytes: &[u8], expected: &str) {
    let s = Scratch::new(name);
    let path = s.write(&format!("{name}.md"), bytes);
    let codes = check_codes(&path);
    assert!(
        codes.iter().any(|c| c == expected),
        "{name}: expected {expected}, got {codes:?}"
    );
    generate_ok(&path, &s);
}

#[test]
fn invalid_utf8_and_binary() {
    case(
        "utf8",
        b"---\ntitle: x\n---\n# Title\n\nBad \xff\xfe bytes.\n",
        "parse-problem",
    );
    let garbage: Vec<u8> = (0..40_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    case("binary", &garbage, "parse-problem");
}

#[test]
fn bom_crlf_and_empty_files_read_cleanly() {
    let page = "---\ntitle: \"Get x\"\ndescription: \"d\"\nauthor: \"a\"\ndoc_type: conceptualPageType\n---\n\n# Get x\n\nText.\n";
    let s = Scratch::new("bom");
    let bom = s.write(
        "bom.md",
        format!("\u{feff}{}", page.replace('\n', "\r\n")).as_bytes(),
    );
    assert_eq!(check_codes(&bom), Vec::<String>::new());
    generate_ok(&bom, &s);
    case("empty", b"", "metadata-missing");
    case("dashes", b"---", "parse-problem");
}

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        yaml.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
    }
    case(
        "bomb",
        format!("---\n{yaml}---\n# x\n").as_bytes(),
        "parse-problem",
    );
}

#[test]
fn deep_json_and_annotations() {
    let deep = format!(
        "# x\n\n## Examples\n\n<!-- {{\"blockType\": \"request\"}} -->\n```http\nPOST https://graph.microsoft.com/v1.0/me\n\n{}{}\n```\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    case("deepjson", deep.as_bytes(), "invalid-json");
    let annotation = format!(
        "<!-- {}1{} -->\n```http\nGET /me\n```\n",
        "{\"a\":".repeat(100_000),
        "}".repeat(100_000)
    );
    case("deepannotation", annotation.as_bytes(), "parse-problem");
}

#[test]
fn unterminated_and_malformed() {
    case(
        "fence",
        b"# x\n\n## Examples\n\n```http\nGET https://graph.microsoft.com/v1.0/me\n",
        "parse-problem",
    );
    case(
        "comment",
        b"# x\n\n<!-- { \"blockType\": \"request\"\n\nText.\n",
        "parse-problem",
    );
    case(
        "annotation",
        b"# x\n\n<!-- { blockType: request, } -->\n```http\nGET /me\n```\n",
        "parse-problem",
    );
}

#[test]
fn huge_table_in_seconds() {
    let mut page = String::from("---\ntitle: t\n---\n# t resource type\n\n## Properties\n\n|Property|Type|Description|\n|---|---|---|\n");
    for i in 0..200_000 {
        page.push_str(&format!("|p{i}|String|Description {i}.|\n"));
    }
    let s = Scratch::new("table");
    let path = s.write("table.md", page.as_bytes());
    let start = Instant::now();
    let codes = check_codes(&path);
    assert!(codes.iter().all(|c| c == "metadata-missing"), "{codes:?}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_never_read() {
    let s = Scratch::new("links");
    let outside = Scratch::new("links-outside");
    // A FIFO blocks whoever opens it: if graphdoc read a link target, the
    // run would hang and the time limit would fail the test.
    let fifo = outside.0.join("trap.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let rel = format!(
        "../{}/trap.md",
        outside.0.file_name().and_then(|n| n.to_str()).unwrap_or("")
    );
    let page = format!(
        "# x\n\nSee [trap]({rel}), [abs]({}), [etc](/etc/passwd) and [up](../../../../../../etc/shadow.md).\n\n[!INCLUDE [trap]({rel})]\n",
        fifo.display()
    );
    let input = s.0.join("docs");
    s.write("docs/page.md", page.as_bytes());
    let codes = check_codes(&input);
    assert!(!codes.iter().any(|c| c == "unreadable-input"), "{codes:?}");
    generate_ok(&input, &s);
}

#[cfg(unix)]
#[test]
fn symlink_loops_end() {
    let s = Scratch::new("loop");
    s.write("docs/page.md", b"# x\n\nText.\n");
    let link = s.0.join("docs/loop");
    std::os::unix::fs::symlink(s.0.join("docs"), &link).expect("symlink");
    let codes = check_codes(&s.0.join("docs"));
    // The link is reported, not followed.
    assert!(codes.iter().any(|c| c == "unreadable-input"), "{codes:?}");
}

/// A file and a folder nobody may read, beside a readable page: both are
/// reported as `unreadable-input` and the readable page is still checked.
/// Root reads anything, so as root graphdoc runs as `nobody`.
#[test]
fn unreadable_files_and_folders_are_reported() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let s = Scratch::new("unreadable");
    s.write("docs/readable.md", b"# Readable\n\nTODO: write this.\n");
    let locked_file = s.write("docs/locked.md", b"# Locked\n");
    let locked_dir = s.0.join("docs/locked-folder");
    s.write("docs/locked-folder/inner.md", b"# Inner\n");
    for path in [&s.0, &s.0.join("docs")] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777)).expect("open");
    }
    for path in [&locked_file, &locked_dir] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).expect("lock");
    }
    let root = std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false);
    let wrapper: &[&str] = if root {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    let docs = s.0.join("docs").to_string_lossy().into_owned();
    let (code, out) = run_as(
        wrapper,
        &["check", &docs, "--format", "json"],
        Duration::from_secs(20),
    );
    assert_eq!(code, 1, "{out}");
    let json: Value = serde_json::from_str(&out).expect("valid JSON");
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for locked in [&locked_file, &locked_dir] {
        let name = locked.to_string_lossy().into_owned();
        assert!(
            found.contains(&("unreadable-input".to_string(), name.clone())),
            "{name} not reported: {found:?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(code, file)| code == "todo-placeholder" && file.ends_with("readable.md")),
        "{found:?}"
    );
    let out_dir = s.0.join("out").to_string_lossy().into_owned();
    let (code, _) = run_as(
        wrapper,
        &["generate", &docs, "--out", &out_dir],
        Duration::from_secs(20),
    );
    assert!(code == 0 || code == 1, "generate exit {code}");
    for path in [&locked_file, &locked_dir] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("unlock");
    }
}
