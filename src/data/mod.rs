//! The data layer: files → serde model → resolved talks. Every file read
//! happens in [`load`]; the rest parses, checks and describes the data
//! without touching the disk. [`check_in`] and [`open`] put the two together
//! for the commands.

pub mod check;
pub mod diag;
pub mod load;
pub mod model;
pub mod parse;
pub mod printable;
pub mod recover;
pub mod scaffold;
pub mod schema;
pub mod talks;

use crate::error::{Error, Result};
use check::{Checked, SavedCopies, check_talks};
use diag::{Diagnostic, Files};
use load::DataDir;
use talks::Talks;

/// The talks to work on: the one named, else the only one there is, else
/// the one the data folder's `redlines.toml` names as its default:
///
/// ```toml
/// default = "euro-security-2022"
/// ```
pub fn choose(data: &DataDir, named: Option<&str>) -> Result<String> {
    match named {
        Some(t) => data.choose(Some(t), None),
        None => {
            let default = folder_default(data)?;
            data.choose(
                None,
                default.as_ref().map(|(d, f)| (d.as_str(), f.as_str())),
            )
        }
    }
}

/// The talks the data folder names as its default in its `redlines.toml`,
/// and that file's path; `None` where there is no such file. The file is
/// read as every data file is: one that cannot be read (a folder, a pipe)
/// or that has problems is a data error, located; [`DataDir::choose`] says
/// whether the talks it names is there.
pub fn folder_default(data: &DataDir) -> Result<Option<(String, String)>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DataFolderFile {
        default: Option<String>,
    }
    let Some(read) = data.read_top("redlines.toml") else {
        return Ok(None);
    };
    let path = read.path.clone();
    let mut files = Files::default();
    let diagnostics = match check::decode(read, &mut files) {
        Ok((file, text)) => {
            let parsed = parse::parse::<DataFolderFile>(&text, file);
            if let Some(f) = parsed.value.filter(|_| parsed.problems.is_empty()) {
                return Ok(f.default.map(|d| (d, path)));
            }
            let help = "it holds one key, `default = \"ID\"`, the talks read when none is named";
            let helped = |d: Diagnostic| if d.help.is_some() { d } else { d.help(help) };
            parsed.problems.into_iter().map(helped).collect()
        }
        Err(d) => vec![d],
    };
    Err(Error::Data { files, diagnostics })
}

/// Read the talks `id` of the data folder and check it, its diagnostics
/// pointing into `files`.
pub fn check_in(data: &DataDir, id: &str, files: &mut Files) -> Result<Checked> {
    check_with(data, id, None, files)
}

/// [`check_in`], verifying quotes against the saved copies too.
pub fn check_with(
    data: &DataDir,
    id: &str,
    saved: Option<&SavedCopies>,
    files: &mut Files,
) -> Result<Checked> {
    let raw = data.read_talks(id)?;
    let left = std::cell::Cell::new(load::MAX_TALKS_SIZE.saturating_sub(raw.size()));
    let read_source = |rel: &str| data.read_in_talks(id, rel, &left);
    Ok(check_talks(raw, &read_source, saved, files))
}

/// The saved copies of sources in the folder `dir` (`--sources DIR`), read.
pub fn saved_copies(dir: &std::path::Path) -> Result<SavedCopies> {
    Ok(SavedCopies::new(
        dir.display().to_string(),
        load::read_saved_copies(dir)?,
    ))
}

/// The talks `id`, resolved; any error in its files ends here, with all of
/// them.
pub fn open(data: &DataDir, id: &str) -> Result<Talks> {
    let mut files = Files::default();
    let checked = check_in(data, id, &mut files)?;
    match checked.talks {
        Some(t) => Ok(t),
        None => Err(Error::Data {
            files,
            diagnostics: checked.diagnostics,
        }),
    }
}
