//! Finding the data folder and reading its files. Nothing is parsed here.

use std::cell::Cell;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::data::printable::{shown, shown_path, shown_text};
use crate::error::{Error, Result};

/// Files larger than this are refused rather than read.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The files of one talks (`talks.toml`, its rounds, the source texts its
/// quotes are checked against) together: past this, the talks is refused.
/// Four times the largest file, and some ten times the largest talks yet
/// measured (200 parties × 100 issues × 40 rounds, 20 MB).
pub const MAX_TALKS_SIZE: u64 = 256 * 1024 * 1024;

const MIB: u64 = 1024 * 1024;

/// How `./data` is chosen: found in the current directory.
const DATA_HERE: &str = "./data in the current directory";

/// Why a file or folder is not read.
const OUT_OF_DATA: &str =
    "leads out of the data folder through a link, and only what is inside it is read";

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

impl RawTalks {
    /// The bytes read, of every file.
    pub fn size(&self) -> u64 {
        let size = |f: &FileRead| f.bytes.as_ref().map_or(0, |b| b.len() as u64);
        size(&self.talks) + self.rounds.iter().map(|(_, f)| size(f)).sum::<u64>()
    }
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
        // ./data whenever it is a folder (or a link), talks or not: a folder
        // that holds none, or a talks misnamed, is an error that says so
        // (`no_talks`), never a quiet `check` of the built-in datasets
        // instead. A plain file of that name is none of redlines'.
        let cwd = PathBuf::from("data");
        if cwd.is_dir()
            || cwd
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        {
            return DataDir::Disk {
                path: cwd,
                how: DATA_HERE,
            };
        }
        DataDir::Builtin
    }

    /// The error of a data folder that holds no talks, with what it holds
    /// instead: the files that look meant to be a `talks.toml`, else how
    /// many folders and files it has.
    pub fn no_talks(&self) -> Error {
        let mut said = format!(
            "no talks in {}: a talks is a folder holding talks.toml",
            self.describe()
        );
        if let DataDir::Disk { path, how } = self {
            said.push_str(&format!(", and none is there; {}", holds_instead(path)));
            if *how == DATA_HERE {
                said.push_str(
                    ". ./data in this directory is read whenever it exists; --data DIR reads another folder",
                );
            }
        }
        said.push_str(". Start one with `redlines new talks ID`");
        Error::Usage(said)
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

    /// Read `talks.toml` and every `rounds/*.toml` of one talks. A file or
    /// folder that leads out of the data folder through a link is not read
    /// (its diagnostic says why), and a talks whose files add up to more
    /// than [`MAX_TALKS_SIZE`] is refused before any is read.
    pub fn read_talks(&self, id: &str) -> Result<RawTalks> {
        let dir = self.talks_dir(id);
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
                if self.leads_out(&dir).is_some() {
                    return Ok(RawTalks {
                        id: id.to_string(),
                        talks: FileRead {
                            path: shown_path(&dir.join("talks.toml")),
                            bytes: Err(format!("the folder {} {OUT_OF_DATA}", shown_path(&dir))),
                        },
                        rounds,
                        ignored,
                    });
                }
                let mut paths = Vec::new();
                if rounds_dir.exists() {
                    let cannot = |why: String| {
                        Error::Io(format!("cannot read {}: {why}", shown_path(&rounds_dir)))
                    };
                    if let Some(why) = self.leads_out(&rounds_dir) {
                        return Err(cannot(why));
                    }
                    let entries = fs::read_dir(&rounds_dir).map_err(|e| cannot(io_reason(&e)))?;
                    for entry in entries.flatten() {
                        let p = entry.path();
                        if let Some(stem) = toml_stem(&p) {
                            paths.push((stem, p));
                        } else if p.is_file() && looks_like_data(&p) {
                            ignored.push(shown_path(&p));
                        }
                    }
                }
                let talks_file = dir.join("talks.toml");
                self.within_budget(&dir, paths.iter().map(|(_, p)| p).chain([&talks_file]))?;
                rounds = paths
                    .into_iter()
                    .map(|(stem, p)| (stem, self.read(&p)))
                    .collect();
            }
        }
        let talks = self.read(&dir.join("talks.toml"));
        rounds.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        ignored.sort();
        Ok(RawTalks {
            id: id.to_string(),
            talks,
            rounds,
            ignored,
        })
    }

    /// Refuse a talks whose files add up to more than [`MAX_TALKS_SIZE`],
    /// by their sizes on disk, before reading any.
    fn within_budget<'p>(
        &self,
        dir: &Path,
        files: impl Iterator<Item = &'p PathBuf>,
    ) -> Result<()> {
        let total: u64 = files
            .filter(|p| self.leads_out(p).is_none())
            .filter_map(|p| fs::metadata(p).ok())
            .filter(fs::Metadata::is_file)
            .map(|m| m.len())
            .sum();
        if total > MAX_TALKS_SIZE {
            return Err(Error::Io(format!(
                "the talks folder {} holds {} MiB of data files, over the limit of {} MiB for one talks; \
                 nothing was read",
                shown_path(dir),
                total.div_ceil(MIB),
                MAX_TALKS_SIZE / MIB
            )));
        }
        Ok(())
    }

    /// Why `path` is not to be read: it leads out of the data folder through
    /// a link. `None` when it stays inside, or is not there (reading it
    /// then says so), or the data is built in.
    fn leads_out(&self, path: &Path) -> Option<String> {
        let DataDir::Disk { path: root, .. } = self else {
            return None;
        };
        links_out(root, path).then(|| format!("it {OUT_OF_DATA}"))
    }

    /// The id of the talks to work on: the one named, which must be
    /// there, or else the only one there is.
    /// `default` is the talks the data folder names as its own, and the
    /// file that names it (its `redlines.toml`): taken where none is named,
    /// and it must be there.
    pub fn choose(&self, named: Option<&str>, default: Option<(&str, &str)>) -> Result<String> {
        let ids = self.talks_ids()?;
        let (named, named_in) = match (named, default) {
            (Some(t), _) => (Some(t), None),
            (None, Some((d, file))) => (Some(d), Some(file)),
            (None, None) => (None, None),
        };
        match named {
            Some(t) if ids.iter().any(|id| id == t) => Ok(t.to_string()),
            Some(t) => Err(Error::Usage(format!(
                "{}unknown talks `{}` in {}; the talks there: {}{}",
                named_in
                    .map(|f| format!("{f}: its default, "))
                    .unwrap_or_default(),
                shown(t),
                self.describe(),
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    shown_ids(&ids)
                },
                crate::data::diag::closest(t, ids.iter().map(String::as_str))
                    .map(|m| format!("; did you mean `{}`?", shown(m)))
                    .unwrap_or_default()
            ))),
            None => match ids.as_slice() {
                [one] => Ok(one.clone()),
                [] => Err(self.no_talks()),
                many => Err(Error::Usage(format!(
                    "{} holds several talks ({}); choose one with --talks, or name the one to read by default in its redlines.toml (`default = \"ID\"`)",
                    self.describe(),
                    shown_ids(many)
                ))),
            },
        }
    }

    /// A file named relative to a talks folder (a source's local text).
    /// Paths that would leave the talks folder are refused, and so is a file
    /// past what is `left` of the talks' [`MAX_TALKS_SIZE`], which its
    /// size is taken from.
    pub fn read_in_talks(&self, talks: &str, rel: &str, left: &Cell<u64>) -> FileRead {
        let rel_path = Path::new(rel);
        let stays_inside = rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let path = self.talks_dir(talks).join(rel_path);
        // A link inside the folder may still point out of it: compare where
        // the file really is with where the folder really is.
        let resolved_inside = || match (path.canonicalize(), self.talks_dir(talks).canonicalize()) {
            (Ok(file), Ok(dir)) => file.starts_with(dir) && self.leads_out(&path).is_none(),
            _ => true, // not on disk (built in), or missing: reading says so
        };
        if !stays_inside || !resolved_inside() {
            return FileRead {
                path: shown_path(&path),
                bytes: Err("the path must stay inside the talks folder".into()),
            };
        }
        let mut read = self.read(&path);
        if let Ok(bytes) = &read.bytes {
            let size = bytes.len() as u64;
            if size > left.get() {
                read.bytes = Err(format!(
                    "the files of this talks add up to more than {} MiB with it, the limit for one talks",
                    MAX_TALKS_SIZE / MIB
                ));
            }
            left.set(left.get().saturating_sub(size));
        }
        read
    }

    /// A file at the top of the data folder, beside the talks folders.
    /// The file `name` at the top of the data folder, as read; `None` where
    /// there is no such file (anything else of that name, a folder or a
    /// pipe, is read as a file that cannot be).
    pub fn read_top(&self, name: &str) -> Option<FileRead> {
        let path = match self {
            DataDir::Builtin => BUILTIN.get_file(name).map(|_| PathBuf::from(name)),
            DataDir::Disk { path, .. } => {
                let path = path.join(name);
                path.symlink_metadata().is_ok().then_some(path)
            }
        };
        path.map(|p| self.read(&p))
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
                bytes: match self.leads_out(path) {
                    Some(why) => Err(why),
                    None => read_limited(path),
                },
            },
        }
    }
}

/// Whether `path`, named inside the folder `root`, is somewhere else once
/// its links are followed. False when either is not there.
pub fn links_out(root: &Path, path: &Path) -> bool {
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) => !real.starts_with(root),
        _ => false,
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

/// What a data folder that holds no talks holds instead (for
/// [`DataDir::no_talks`]): the files in it and in its folders that look
/// meant to be a talks' `talks.toml` (`talk.toml`, `Talks.toml`, any other
/// `.toml` but `redlines.toml`), else how many folders and files it has.
fn holds_instead(path: &Path) -> String {
    const LISTED: usize = 5;
    let entries = |dir: &Path| -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.retain(|p| looks_like_data(p));
        paths.sort();
        paths
    };
    let top = entries(path);
    let folders: Vec<&PathBuf> = top.iter().filter(|p| p.is_dir()).collect();
    let meant = |p: &PathBuf| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        p.is_file()
            && name != "redlines.toml"
            && (name.ends_with(".toml") || name.starts_with("talk"))
    };
    let near: Vec<String> = top
        .iter()
        .filter(|p| meant(p))
        .cloned()
        .chain(folders.iter().flat_map(|d| entries(d)).filter(meant))
        .map(|p| shown_path(&p))
        .collect();
    if near.is_empty() {
        let files = top.len() - folders.len();
        return match top.len() {
            0 => "the folder is empty".to_string(),
            _ => format!(
                "it holds {} and {}, none with a talks.toml",
                crate::data::diag::plural(folders.len(), "folder"),
                crate::data::diag::plural(files, "file"),
            ),
        };
    }
    let more = near.len().saturating_sub(LISTED);
    format!(
        "found instead: {}{} — a talks' file is named talks.toml",
        near[..near.len().min(LISTED)].join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
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

/// The files of a folder of saved source texts (`check --sources DIR`), in
/// name order: every regular file directly in it, each as read.
pub fn read_saved_copies(dir: &Path) -> Result<Vec<FileRead>> {
    let entries = fs::read_dir(dir).map_err(|e| {
        Error::Usage(format!(
            "cannot read the folder of saved sources {}: {}",
            dir.display(),
            io_reason(&e)
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|p| FileRead {
            bytes: read_limited(&p),
            path: p.display().to_string(),
        })
        .collect())
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

/// An I/O error as a person reads it: the OS message without its code, nor
/// the name of a temporary file that the error is about (tempfile adds `at
/// path "…"`), which would not be there to look at.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    let end = [" (os error", " at path "]
        .iter()
        .filter_map(|tail| s.find(tail))
        .min()
        .unwrap_or(s.len());
    shown_text(&s[..end]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source text is refused once the files of its talks, it included,
    /// add up to more than the budget; what it costs is taken from it.
    #[test]
    fn a_source_text_past_what_is_left_of_the_budget_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sources = dir.path().join("t/sources");
        fs::create_dir_all(&sources).unwrap();
        fs::write(sources.join("a.txt"), "0123456789").unwrap();
        let data = DataDir::Disk {
            path: dir.path().to_path_buf(),
            how: "a test",
        };
        let left = Cell::new(15);
        let read = data.read_in_talks("t", "sources/a.txt", &left);
        assert_eq!(read.bytes, Ok(b"0123456789".to_vec()));
        assert_eq!(left.get(), 5);
        let read = data.read_in_talks("t", "sources/a.txt", &left);
        assert_eq!(
            read.bytes,
            Err(
                "the files of this talks add up to more than 256 MiB with it, \
                 the limit for one talks"
                    .into()
            )
        );
    }

    /// Neither the OS's error number nor the name of a temporary file that
    /// is not there to look at.
    #[test]
    fn an_io_error_is_said_without_its_number_or_a_temporary_file() {
        let e = std::io::Error::other("File exists (os error 17) at path \"/d/.redlines-x1.tmp\"");
        assert_eq!(io_reason(&e), "File exists");
        let e = std::io::Error::other("too many temporary files exist at path \"/d/.redlines\"");
        assert_eq!(io_reason(&e), "too many temporary files exist");
    }
}
