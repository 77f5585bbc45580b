//! Sources: defined in talks.toml (for every round) or in a round file (for
//! that round), cited by id; and the texts that quotes are verified against,
//! a source's local `file` or a saved copy given to `check --sources`.

use sha2::{Digest, Sha256};

use super::*;
use crate::data::model::SourceDef;
use crate::data::talks::Source;

/// Texts a user saved, given to `check --sources DIR`: the project ships no
/// one's article, so a source is known by the fingerprint of its text, or
/// else by a file named after its id (`ID.txt`).
#[derive(Debug, Default)]
pub struct SavedCopies {
    /// The folder, as the user named it.
    pub dir: String,
    /// (path, file stem, fingerprint, normalised text).
    copies: Vec<(String, String, String, String)>,
}

impl SavedCopies {
    /// The copies from the files of a folder, as read.
    pub fn new(dir: String, reads: Vec<FileRead>) -> Self {
        let copies = reads
            .into_iter()
            .filter_map(|r| {
                let text = normalise(&String::from_utf8_lossy(&r.bytes.ok()?));
                let stem = std::path::Path::new(&r.path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let print = fingerprint_of_normalised(&text);
                Some((r.path, stem, print, text))
            })
            .collect();
        SavedCopies { dir, copies }
    }

    pub fn len(&self) -> usize {
        self.copies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.copies.is_empty()
    }

    /// The copies no source took, with their fingerprints: what a curator
    /// adds to a source to have its quotes verified.
    pub fn unused<'s>(&'s self, used: &[String]) -> Vec<(&'s str, &'s str)> {
        self.copies
            .iter()
            .filter(|c| !used.contains(&c.0))
            .map(|c| (c.0.as_str(), c.2.as_str()))
            .collect()
    }
}

/// `sha256:` and the hex digest of the text once normalised.
pub fn fingerprint(text: &str) -> String {
    fingerprint_of_normalised(&normalise(text))
}

fn fingerprint_of_normalised(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// What became of the quotes of a talks: how many there are, and how many a
/// source text was there to verify.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct QuoteTally {
    /// Positions stated (withdrawals aside), and those with a quote.
    pub positions: usize,
    pub quoted: usize,
    /// Every quote: of positions, red-line evidence, conditions, linkages,
    /// proposals and their terms.
    pub quotes: usize,
    /// Found verbatim in a text of their source.
    pub verified: usize,
    /// Not found in it (each an error).
    pub not_found: usize,
    /// Sources whose text was there, by id.
    pub sources_with_text: Vec<String>,
    /// The saved copies that served as a source's text, by path.
    pub copies_used: Vec<String>,
}

impl QuoteTally {
    /// Add another talks' tally to this one.
    pub fn add(&mut self, other: QuoteTally) {
        self.positions += other.positions;
        self.quoted += other.quoted;
        self.quotes += other.quotes;
        self.verified += other.verified;
        self.not_found += other.not_found;
        self.sources_with_text.extend(other.sources_with_text);
        self.copies_used.extend(other.copies_used);
    }

    /// Quotes no text was there to verify.
    pub fn unverified(&self) -> usize {
        self.quotes - self.verified - self.not_found
    }
}

/// Where source ids lead: the round's own first, then talks.toml's.
pub(super) struct SourceScope<'a> {
    pub round: &'a HashMap<String, usize>,
    pub talks: &'a HashMap<String, usize>,
}

impl SourceScope<'_> {
    pub fn get(&self, id: &str) -> Option<usize> {
        self.round.get(id).or_else(|| self.talks.get(id)).copied()
    }

    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .round
            .keys()
            .chain(self.talks.keys())
            .map(String::as_str)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

impl Checker<'_> {
    /// Resolve the sources of one file into the talks' list; their ids,
    /// unique in the file, map to their index there.
    pub(super) fn resolve_sources(
        &mut self,
        defs: Vec<SourceDef>,
        file: FileId,
        read_source: ReadSource<'_>,
        in_round: bool,
    ) -> HashMap<String, usize> {
        let mut seen = HashMap::new();
        let mut ix = HashMap::new();
        for (k, s) in defs.into_iter().enumerate() {
            self.check_id("source", &s.id, file);
            if in_round && self.talks_sources.contains_key(s.id.get_ref()) {
                self.push(
                    Diagnostic::error(format!(
                        "source `{}` is defined in talks.toml already",
                        s.id.get_ref()
                    ))
                    .at(file, s.id.span())
                    .help("cite it as it is, or give this one another id"),
                );
                continue;
            }
            if self.unique("source", &s.id, file, &mut seen, k) {
                let id = s.id.get_ref().clone();
                let global = self.resolve_source(read_source, s, file);
                ix.insert(id, global);
            }
        }
        ix
    }

    /// One source into the talks' list, with the text its quotes are
    /// verified against where there is one.
    fn resolve_source(&mut self, read_source: ReadSource<'_>, s: SourceDef, file: FileId) -> usize {
        let id_span = s.id.span();
        let date = s.date.as_ref().and_then(|d| self.date(d, file));
        for lang in [&s.language, &s.translated_from].into_iter().flatten() {
            let l = lang.get_ref();
            if !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()) {
                self.push(
                    Diagnostic::error(format!("`{l}` is not a language code"))
                        .at(file, lang.span())
                        .help("write the ISO 639-1 code, lowercase: en, ru, uk, fr, de, …"),
                );
            }
        }
        if let Some(f) = &s.fingerprint {
            let v = f.get_ref();
            let hex = v.strip_prefix("sha256:").unwrap_or("");
            if hex.len() != 64
                || !hex
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                self.push(
                    Diagnostic::error("not a fingerprint")
                        .at(file, f.span())
                        .help("`sha256:` and 64 lowercase hex digits, as `check --sources DIR` prints for a saved copy"),
                );
            }
        }
        let text = match &s.file {
            Some(rel) => {
                let read = read_source(rel.get_ref());
                match read.bytes {
                    Ok(bytes) => Some((read.path, normalise(&String::from_utf8_lossy(&bytes)))),
                    Err(reason) => {
                        self.push(
                            Diagnostic::error(format!(
                                "cannot read the source text {}: {reason}",
                                read.path
                            ))
                            .at(file, rel.span()),
                        );
                        None
                    }
                }
            }
            None => self.saved_copy(&s, file),
        };
        if text.is_some() {
            self.tally.sources_with_text.push(s.id.get_ref().clone());
        }
        self.sources.push(Source {
            id: s.id.into_inner(),
            title: s.title,
            publisher: s.publisher,
            date,
            url: s.url,
            kind: s.kind,
            language: s.language.map(Spanned::into_inner),
            translated_from: s.translated_from.map(Spanned::into_inner),
            fingerprint: s.fingerprint.map(Spanned::into_inner),
        });
        self.texts.push(text);
        self.defined.push((file, id_span));
        self.cited.push(false);
        self.sources.len() - 1
    }

    /// A source nothing cites: a reader cannot tell what it supports.
    pub(super) fn uncited(&mut self) {
        for k in 0..self.sources.len() {
            if !self.cited[k] {
                let (file, span) = self.defined[k].clone();
                let d = Diagnostic::warning(format!(
                    "source `{}` is cited by nothing",
                    self.sources[k].id
                ))
                .at(file, span)
                .help("cite it where it supports a position, a condition, a linkage or a proposal, or remove it");
                self.push(d);
            }
        }
    }

    /// The saved copy of a source: the one with its fingerprint, else a file
    /// named after its id when the source has no fingerprint to check it by.
    fn saved_copy(&mut self, s: &SourceDef, file: FileId) -> Option<(String, String)> {
        let saved = self.saved?;
        let id = s.id.get_ref();
        if let Some(print) = &s.fingerprint {
            if let Some((path, .., text)) = saved.copies.iter().find(|c| &c.2 == print.get_ref()) {
                self.tally.copies_used.push(path.clone());
                return Some((path.clone(), text.clone()));
            }
            if let Some((path, _, other, _)) = saved.copies.iter().find(|c| &c.1 == id) {
                self.push(
                    Diagnostic::warning(format!(
                        "the saved copy {path} is not the text of source `{id}`: its fingerprint differs"
                    ))
                    .at(file, print.span())
                    .help(format!(
                        "its quotes are left unverified; if the copy is the right text, the fingerprint is {other}"
                    )),
                );
            }
            return None;
        }
        let (path, _, print, text) = saved.copies.iter().find(|c| &c.1 == id)?;
        self.tally.copies_used.push(path.clone());
        self.push(
            Diagnostic::warning(format!(
                "source `{id}` has no fingerprint; quotes checked against {path} by its name"
            ))
            .at(file, s.id.span())
            .help(format!("add `fingerprint = \"{print}\"` to the source")),
        );
        Some((path.clone(), text.clone()))
    }
}
