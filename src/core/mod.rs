//! The core: what holds as of a round, how parties relate, what changed.
//! Pure: resolved talks in, typed results out; no I/O, no formatting.

pub mod bridge;
pub mod compare;
pub mod diff;
pub mod linkage;
pub mod overview;
pub mod select;
pub mod state;
pub mod trades;
pub mod whatif;
