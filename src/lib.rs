//! redlines: compare the positions of the sides in a negotiation.
//!
//! Five layers, each pointing only at those below it (see ARCHITECTURE.md):
//! [`cmd`] runs a command: it reads the [`data`] into resolved talks, asks
//! the [`core`] what holds, builds a typed [`view`] of what the command
//! shows, and hands it to [`render`] for the format asked for. [`cli`] is
//! the command line that [`cmd`] reads.

pub mod cli;
pub mod cmd;
pub mod core;
pub mod data;
pub mod error;
pub mod render;
#[cfg(test)]
mod testing;
pub mod view;
