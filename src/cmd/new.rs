//! `new talks ID` and `new round ID`: scaffold a data file. Never
//! overwrites; writes a temporary file in the same folder and moves it into
//! place, so that a file is either whole or not there.

use std::path::{Path, PathBuf};

use super::write::{inside_data, write_atomically};
use super::{Ctx, Output};
use crate::core::state::State;
use crate::data::check::file_id_problem;
use crate::data::load::{DataDir, io_reason};
use crate::data::printable::shown_path;
use crate::data::scaffold::{InForce, RoundPlan, round_toml, talks_toml};
use crate::data::schema::{Kind, schema_json};
use crate::data::talks::Date;
use crate::error::{Error, Result};

pub fn talks(ctx: &Ctx, id: &str) -> Result<Output> {
    let data = data_folder(ctx)?;
    valid_id("talks", id)?;
    if data.join("talks.toml").is_file() {
        return Err(Error::Usage(format!(
            "the data folder {} is itself a talks folder (it holds talks.toml); \
             give `new talks` the folder that holds talks folders with --data",
            shown_path(&data)
        )));
    }
    let dir = data.join(id);
    let rounds = dir.join("rounds");
    let file = dir.join("talks.toml");
    // Everything checked before anything is made.
    refuse_existing(&file)?;
    inside_data(&data, &file)?;
    inside_data(&data, &rounds)?;
    make_dir(&rounds)?;
    let schema = schema_path(&data, &dir, Kind::Talks);
    write_new(&file, &talks_toml(id, schema.as_deref()))?;
    Ok(Output::ok(format!(
        "created {} and {}/\nnext: replace the examples in talks.toml, then `redlines {}check`\n",
        shown_path(&file),
        shown_path(&rounds),
        data_args(ctx, &data, Some(id))?
    )))
}

pub fn round(ctx: &Ctx, id: &str, date: Option<&str>, from: Option<&str>) -> Result<Output> {
    let data = data_folder(ctx)?;
    valid_id("round", id)?;
    let date = round_date(id, date)?;
    let talks = ctx.load()?;
    let dir = talks_dir(&data, &talks.id);
    let file = dir.join("rounds").join(format!("{id}.toml"));
    refuse_existing(&file)?;
    inside_data(&data, &file)?;

    let from = match from {
        Some(spec) => Some(ctx.round(&talks, spec)?),
        // The latest round up to the new one's date: the last one, unless
        // the new round is put in between.
        None => talks.rounds.iter().rposition(|r| r.date <= date),
    };
    let same_day: Vec<&str> = talks
        .rounds
        .iter()
        .filter(|r| r.date == date)
        .map(|r| r.id.as_str())
        .collect();
    let order = (!same_day.is_empty()).then(|| {
        let last = talks.rounds.iter().filter(|r| r.date == date);
        last.filter_map(|r| r.order).max().unwrap_or(1) + 1
    });
    let plan = RoundPlan {
        id,
        date,
        order,
        in_force: from.map(|r| {
            let state = State::as_of(&talks, r);
            InForce {
                as_of: &talks.rounds[r],
                held: (0..talks.parties.len())
                    .map(|p| {
                        (0..talks.issues.len())
                            .map(|i| state.get(p, i).map(|s| (s.position, s.round)))
                            .collect()
                    })
                    .collect(),
            }
        }),
    };
    let rounds_dir = dir.join("rounds");
    make_dir(&rounds_dir)?;
    let schema = schema_path(&data, &rounds_dir, Kind::Round);
    write_new(&file, &round_toml(&talks, &plan, schema.as_deref()))?;

    let cells = talks.parties.len() * talks.issues.len();
    let held = plan.in_force.as_ref().map_or(0, InForce::count);
    let mut out = format!(
        "created {}: round of {date}, {} commented out",
        shown_path(&file),
        crate::data::diag::plural(cells, "position")
    );
    match from {
        Some(r) => out.push_str(&format!(
            ", {held} filled in as of {}\n",
            talks.rounds[r].id
        )),
        None => out.push('\n'),
    }
    if let Some(order) = order {
        let unordered: Vec<&&str> = same_day
            .iter()
            .filter(|id| {
                talks
                    .rounds
                    .iter()
                    .any(|r| r.id == **id && r.order.is_none())
            })
            .collect();
        out.push_str(&format!(
            "note: {} also dated {date}; this round has `order = {order}`{}\n",
            same_day.join(", "),
            if unordered.is_empty() {
                String::new()
            } else {
                format!(
                    ": add `order = 1` to {} (a lower order came first)",
                    unordered
                        .iter()
                        .map(|s| format!("{s}.toml"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ));
    }
    out.push_str(&format!(
        "next: fill in its title, sources and the positions stated in it, then `redlines {}check`\n",
        data_args(ctx, &data, None)?
    ));
    Ok(Output::ok(out))
}

/// The data folder on disk that `new` writes into; created when missing.
fn data_folder(ctx: &Ctx) -> Result<PathBuf> {
    match &ctx.data {
        DataDir::Disk { path, .. } => {
            std::fs::create_dir_all(path).map_err(|e| {
                Error::Io(format!(
                    "cannot create the data folder {}: {}",
                    shown_path(path),
                    io_reason(&e)
                ))
            })?;
            Ok(path.clone())
        }
        DataDir::Builtin => Err(Error::Usage(
            "`new` writes files into a data folder, and there is none here: without \
             --data or $REDLINES_DATA, and with no ./data in this directory, redlines reads \
             its built-in dataset, which cannot be changed.\n\
             Name the folder to write into, for example `redlines --data data new talks ID` \
             (it is created if need be)."
                .into(),
        )),
    }
}

fn make_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::Io(format!(
            "cannot create the folder {}: {}",
            shown_path(dir),
            io_reason(&e)
        ))
    })
}

/// Where a talks' files are: the data folder itself when it is a talks folder.
fn talks_dir(data: &Path, id: &str) -> PathBuf {
    if data.join("talks.toml").is_file() {
        data.to_path_buf()
    } else {
        data.join(id)
    }
}

fn valid_id(what: &str, id: &str) -> Result<()> {
    match file_id_problem(what, id) {
        None => Ok(()),
        Some(why) => Err(Error::Usage(format!(
            "`{id}` is not a valid {what} id: {why}"
        ))),
    }
}

/// `--date`, or the date a round id starts with (`2024-06-01-fourth`);
/// where both are given, they must be the same day, as `check` wants.
fn round_date(id: &str, date: Option<&str>) -> Result<Date> {
    let usage = |m: String| Error::Usage(m);
    let named = match id.get(..10).map(Date::from_text) {
        Some(Ok(d)) => Some(d),
        Some(Err(Some(why))) => {
            return Err(usage(format!(
                "round id `{id}` starts with {}, which is not a day: {why}; start the id with the round's date, YYYY-MM-DD",
                &id[..10]
            )));
        }
        _ => None,
    };
    let given = match date {
        None => None,
        Some(d) => Some(match Date::from_text(d) {
            Ok(date) => date,
            Err(Some(why)) => return Err(usage(format!("--date {d} is not a day: {why}"))),
            Err(None) => {
                let meant = match Date::readings(d).as_slice() {
                    [one] => format!(": --date {one}"),
                    _ => ", such as 2024-06-01".into(),
                };
                return Err(usage(format!(
                    "`{d}` is not a date as redlines reads one: give --date as YYYY-MM-DD{meant}"
                )));
            }
        }),
    };
    match (named, given) {
        (Some(n), Some(g)) if n != g => {
            let rest = &id[10..];
            Err(usage(format!(
                "round id `{id}` starts with {n}, but --date is {g}: a round's id starts with its date. \
                 Name it `{g}{rest}` if it began on {g}, or leave out --date if on {n}"
            )))
        }
        (_, Some(d)) | (Some(d), None) => Ok(d),
        (None, None) => Err(usage(format!(
            "when was round `{id}`? give --date YYYY-MM-DD (or start its id with the date)"
        ))),
    }
}

/// Refuse a file that is there in any form: a link that leads nowhere too,
/// which writing would follow.
fn refuse_existing(file: &Path) -> Result<()> {
    if file.symlink_metadata().is_ok() {
        return Err(exists(file));
    }
    Ok(())
}

fn exists(file: &Path) -> Error {
    Error::Usage(format!(
        "{} already exists; `new` never overwrites a file (edit it, or choose another id)",
        shown_path(file)
    ))
}

/// Write `text` to `file`, which must not exist, whole or not at all.
fn write_new(file: &Path, text: &str) -> Result<()> {
    write_atomically(file, text.as_bytes(), false, || exists(file))
}

/// The `#:schema` line for a new file in `dir`: the schema shipped in the
/// repository's `schema/` folder beside the data folder, as a path relative to
/// the file, when it is there and is this version's (an editor would
/// otherwise check against a stale one). None elsewhere: a data folder
/// outside the repository gets no line that would point nowhere.
fn schema_path(data: &Path, dir: &Path, kind: Kind) -> Option<String> {
    let data = data.canonicalize().ok()?;
    let dir = dir.canonicalize().ok()?;
    let root = data.parent()?;
    let shipped = root.join("schema").join(kind.file_name());
    if std::fs::read_to_string(&shipped).ok()? != schema_json(kind) {
        return None;
    }
    let depth = dir.strip_prefix(root).ok()?.components().count();
    Some(format!(
        "{}schema/{}",
        "../".repeat(depth),
        kind.file_name()
    ))
}

/// The options to repeat in the next command: `--data` unless it is ./data
/// found by default, `--talks` when the folder holds several talks.
fn data_args(ctx: &Ctx, data: &Path, talks: Option<&str>) -> Result<String> {
    let mut args = String::new();
    if let DataDir::Disk { how, .. } = &ctx.data
        && !how.starts_with("./data")
    {
        args.push_str(&format!("--data {} ", shell_word(&shown_path(data))));
    }
    let talks = talks.map(str::to_string).or_else(|| ctx.talks.clone());
    if let Some(t) = talks
        && ctx.data.talks_ids()?.len() > 1
    {
        args.push_str(&format!("--talks {t} "));
    }
    Ok(args)
}

/// A path as typed in a shell: quoted when it holds anything unusual.
fn shell_word(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
