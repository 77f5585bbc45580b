//! redlines: compare the positions of the sides in a negotiation.
//!
//! The pipeline: [`load`] reads a data folder, [`check`] parses and
//! validates it into resolved [`talks::Talks`], [`state`] carries positions
//! forward to any round, [`compare`] relates parties to each other, and
//! [`render`] prints what a command in [`cmd`] builds.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod compare;
pub mod complete;
pub mod diag;
pub mod diff;
pub mod error;
pub mod load;
pub mod model;
pub mod parse;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod select;
pub mod state;
pub mod talks;
#[cfg(test)]
mod testing;
