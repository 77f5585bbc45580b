//! Finding the data folder and reading its files. Nothing is parsed here.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::data::printable::{shown, shown_path};
use crate::error::{Error, Result};

/// Files larger than this are refused rather than read.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// Where the data comes from.
#[derive(Debug, Clone)]
pub enum DataDir {
    /// A folder on disk, and how it was chosen.
    Disk { path: PathBuf, how: &'static str },
    /// The curated dataset compiled into the binary.
    Builtin,
}

/// One file as read: its displayed path and its bytes, or why it could not be read.
#[derive(Debug)]
pub struct FileRead {
    pub path: String,
    pub bytes: std::result::Result<Vec<u8>, String>,
}

/// The files of one talks folder, read but not parsed.
#[derive(Debug)]
pub struct RawTalks {
    pub id: String,
    pub talks: FileRead,
    /// `(round id, file)`, sorted by file name.
    pub rounds: Vec<(String, FileRead)>,
    /// Files under `rounds/` that are not read, not being `.toml`: likely a
    /// misnamed round. Hidden and backup files are left out.
    pub ignored: Vec<String>,
}

impl DataDir {
    /// `--data` (or `$REDLINES_DATA`, which clap folds into it), else
    /// `./data` when it exists, else the built-in dataset.
    pub fn locate(flag: Option<PathBuf>) -> DataDir {
        if let Some(path) = flag {
            return DataDir::Disk {
                path,
                how: "--data or $REDLINES_DATA",
            };
        }
        let cwd = PathBuf::from("data");
        if cwd.is_dir() {
            return DataDir::Disk {
                path: cwd,
                how: "./data in the current directory",
            };
        }
        DataDir::Builtin
    }

    pub fn describe(&self) -> String {
        match self {
            DataDir::Disk { path, how } => format!("{} (from {how})", shown_path(path)),
            DataDir::Builtin => "the built-in dataset".to_string(),
        }
    }

    /// The ids of the talks in this folder: its subfolders holding a
    /// `talks.toml`, or the folder itself when it holds one.
    pub fn talks_ids(&self) -> Result<Vec<String>> {
        let mut ids = match self {
            DataDir::Builtin => BUILTIN
                .dirs()
                .filter(|d| d.get_file(d.path().join("talks.toml")).is_some())
                .filter_map(|d| Some(d.path().file_name()?.to_str()?.to_string()))
                .collect(),
            DataDir::Disk { path, .. } => {
                if holds_talks(path) {
                    return Ok(vec![self_id(path)]);
                }
                let entries = fs::read_dir(path).map_err(|e| {
                    Error::Io(format!(
                        "cannot read the data folder {}: {}",
                        shown_path(path),
                        io_reason(&e)
                    ))
                })?;
                let mut ids = Vec::new();
                for entry in entries.flatten() {
                    let p = entry.path();
                    if holds_talks(&p)
                        && let Some(name) = p.file_name().and_then(|n| n.to_str())
                    {
                        ids.push(name.to_string());
                    }
                }
                ids
            }
        };
        ids.sort();
        Ok(ids)
    }

    fn talks_dir(&self, id: &str) -> PathBuf {
        match self {
            DataDir::Disk { path, .. } if holds_talks(path) && self_id(path) == id => path.clone(),
            DataDir::Disk { path, .. } => path.join(id),
            DataDir::Builtin => PathBuf::from(id),
        }
    }

    /// Read `talks.toml` and every `rounds/*.toml` of one talks.
    pub fn read_talks(&self, id: &str) -> Result<RawTalks> {
        let dir = self.talks_dir(id);
        let talks = self.read(&dir.join("talks.toml"));
        let mut rounds = Vec::new();
        let mut ignored = Vec::new();
        let rounds_dir = dir.join("rounds");
        match self {
            DataDir::Builtin => {
                if let Some(d) = BUILTIN.get_dir(&rounds_dir) {
                    for f in d.files() {
                        if let Some(stem) = toml_stem(f.path()) {
                            rounds.push((stem, self.read(f.path())));
                        } else if looks_like_data(f.path()) {
                            ignored.push(format!("<built-in>/{}", shown_path(f.path())));
                        }
                    }
                }
            }
            DataDir::Disk { .. } => {
                if rounds_dir.exists() {
                    let entries = fs::read_dir(&rounds_dir).map_err(|e| {
                        Error::Io(format!(
                            "cannot read {}: {}",
                            shown_path(&rounds_dir),
                            io_reason(&e)
                        ))
                    })?;
                    for entry in entries.flatten() {
                        let p = entry.path();
                        if let Some(stem) = toml_stem(&p) {
                            rounds.push((stem, self.read(&p)));
                        } else if p.is_file() && looks_like_data(&p) {
                            ignored.push(shown_path(&p));
                        }
                    }
                }
            }
        }
        rounds.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        ignored.sort();
        Ok(RawTalks {
            id: id.to_string(),
            talks,
            rounds,
            ignored,
        })
    }

    /// The id of the talks to work on: the one named, which must be
    /// there, or else the only one there is.
    pub fn choose(&self, named: Option<&str>) -> Result<String> {
        let ids = self.talks_ids()?;
        match named {
            Some(t) if ids.iter().any(|id| id == t) => Ok(t.to_string()),
            Some(t) => Err(Error::Usage(format!(
                "unknown talks `{}` in {}; the talks there: {}",
                shown(t),
                self.describe(),
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    shown_ids(&ids)
                }
            ))),
            None => match ids.as_slice() {
                [one] => Ok(one.clone()),
                [] => Err(Error::Usage(format!(
                    "no talks in {}: a talks is a folder holding talks.toml (see `redlines new talks`)",
                    self.describe()
                ))),
                many => Err(Error::Usage(format!(
                    "{} holds several talks ({}); choose one with --talks",
                    self.describe(),
                    shown_ids(many)
                ))),
            },
        }
    }

    /// A file named relative to a talks folder (a source's local text).
    /// Paths that would leave the talks folder are refused.
    pub fn read_in_talks(&self, talks: &str, rel: &str) -> FileRead {
        let rel_path = Path::new(rel);
        let stays_inside = rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let path = self.talks_dir(talks).join(rel_path);
        // A link inside the folder may still point out of it: compare where
        // the file really is with where the folder really is.
        let resolved_inside = || match (path.canonicalize(), self.talks_dir(talks).canonicalize()) {
            (Ok(file), Ok(dir)) => file.starts_with(dir),
            _ => true, // not on disk (built in), or missing: reading says so
        };
        if !stays_inside || !resolved_inside() {
            return FileRead {
                path: shown_path(&path),
                bytes: Err("the path must stay inside the talks folder".into()),
            };
        }
        self.read(&path)
    }

    fn read(&self, path: &Path) -> FileRead {
        match self {
            DataDir::Builtin => FileRead {
                path: format!("<built-in>/{}", shown_path(path)),
                bytes: BUILTIN
                    .get_file(path)
                    .map(|f| f.contents().to_vec())
                    .ok_or_else(|| "no such file".to_string()),
            },
            DataDir::Disk { .. } => FileRead {
                path: shown_path(path),
                bytes: read_limited(path),
            },
        }
    }
}

/// Talks ids as listed in a message: a folder name is not always a valid id.
fn shown_ids(ids: &[String]) -> String {
    ids.iter()
        .map(|id| shown(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A folder is a talks when it holds a `talks.toml` of any kind: one that
/// is a directory, a pipe or a broken link is then reported as unreadable,
/// rather than the talks going unseen.
fn holds_talks(dir: &Path) -> bool {
    dir.join("talks.toml").symlink_metadata().is_ok()
}

fn self_id(path: &Path) -> String {
    path.canonicalize()
        .ok()
        .and_then(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
        .unwrap_or_else(|| "talks".to_string())
}

/// Not a hidden file nor an editor's backup.
fn looks_like_data(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| !n.starts_with('.') && !n.ends_with('~'))
}

fn toml_stem(path: &Path) -> Option<String> {
    if path.extension()? != "toml" {
        return None;
    }
    Some(path.file_stem()?.to_string_lossy().into_owned())
}

/// Read a regular file of at most [`MAX_FILE_SIZE`] bytes. Directories,
/// pipes and devices are refused before any read, so nothing can hang.
pub fn read_limited(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("is a directory, not a file".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(format!(
            "is {} bytes, over the limit of {} MiB",
            meta.len(),
            MAX_FILE_SIZE / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes))
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(format!(
            "is over the limit of {} MiB",
            MAX_FILE_SIZE / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// An I/O error as a person reads it: the OS message without its code.
pub fn io_reason(e: &std::io::Error) -> String {
    // The OS message without the "(os error N)" tail.
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
