//! The data layer: files → serde model → resolved talks. Every file read
//! happens in [`load`]; the rest parses, checks and describes the data
//! without touching the disk. [`check_in`] and [`open`] put the two together
//! for the commands.

pub mod check;
pub mod diag;
pub mod load;
pub mod model;
pub mod parse;
pub mod recover;
pub mod scaffold;
pub mod schema;
pub mod talks;

use crate::error::{Error, Result};
use check::{Checked, SavedCopies, check_talks};
use diag::Files;
use load::DataDir;
use talks::Talks;

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
    let read_source = |rel: &str| data.read_in_talks(id, rel);
    Ok(check_talks(raw, &read_source, saved, files))
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
