//! Finding and reading input files: sorted, no symlink following, errors kept.
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One input file, read.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// The path as given or walked.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A path that could not be walked or read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// A path given on the command line does not exist.
    #[error("{path}: no such file or directory")]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A symbolic link inside a walked folder: not followed, since it may
    /// lead out of the input tree or around in a loop.
    #[error("{path}: symbolic link not followed; graphdoc reads only the files and folders under its input paths")]
    Symlink {
        /// The link.
        path: PathBuf,
    },
}

impl InputError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            InputError::NotFound { path }
            | InputError::Read { path, .. }
            | InputError::Symlink { path } => path,
        }
    }
}

/// Whether a walked file is a page: `.md` or `.txt`. Files named directly
/// are read whatever their name; the form is decided by content.
fn is_page(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "txt")
    )
}

/// Collects the files under `paths` in sorted order and reads them. A path
/// that does not exist is an error; unreadable entries below a folder are
/// returned as errors beside the files that could be read.
pub fn walk<P: AsRef<Path>>(paths: &[P]) -> Result<(Vec<InputFile>, Vec<InputError>), InputError> {
    let (names, mut errors) = list(paths)?;
    // Reading in parallel overlaps the system calls and copies of many
    // small files; the results keep the walk order.
    let read: Vec<(PathBuf, std::io::Result<Vec<u8>>)> = names
        .into_par_iter()
        .map(|path| {
            let bytes = std::fs::read(&path);
            (path, bytes)
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for (path, bytes) in read {
        match bytes {
            Ok(bytes) => files.push(InputFile {
                path: path.display().to_string(),
                bytes,
            }),
            Err(source) => errors.push(InputError::Read { path, source }),
        }
    }
    Ok((files, errors))
}

/// The file names [`walk`] reads, sorted and without repeats, and the
/// entries that could not be walked.
pub(crate) fn list<P: AsRef<Path>>(
    paths: &[P],
) -> Result<(Vec<PathBuf>, Vec<InputError>), InputError> {
    let mut names: Vec<PathBuf> = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::NotFound {
                path: p.to_path_buf(),
            },
            _ => InputError::Read {
                path: p.to_path_buf(),
                source: e,
            },
        })?;
        if !meta.is_dir() {
            names.push(p.to_path_buf());
            continue;
        }
        let walker = walkdir::WalkDir::new(p)
            .follow_links(false)
            // Entries sorted together share their folder's path, so their
            // whole paths compare as their names do (`sort_by_file_name`),
            // without parsing path components on every comparison.
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && is_page(e.path()) => names.push(e.into_path()),
                Ok(e) if e.path_is_symlink() && e.depth() > 0 => errors.push(InputError::Symlink {
                    path: e.into_path(),
                }),
                Ok(_) => {}
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| p.to_path_buf());
                    let source = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("file system loop"));
                    errors.push(InputError::Read { path, source });
                }
            }
        }
    }
    // One order whatever order the paths were given in, and each file once
    // however many of the paths reach it: pages are merged in this order.
    names.sort();
    names.dedup();
    Ok((names, errors))
}
