//! `tests/examples/support.rs` of the generated crate: the checks the
//! example tests share. Only the parts some test uses are generated, so the
//! test target builds without dead-code warnings.
//!
//! Apart from the crate name and which parts it has, the file never
//! changes, so its parts are kept as printed text (`support/*.txt`, laid
//! out as prettyplease prints them); a test compares the text with the
//! reference tokens in `tokens` for every combination of parts.
use crate::text;

#[cfg(test)]
mod tokens;

/// Which parts the tests use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// `round_trip` and `assert_unlisted` (example bodies).
    pub round_trip: bool,
    /// `replay`, `Sent` and `json` (example requests).
    pub replay: bool,
    /// `Server` and `exchange` (the loopback test).
    pub loopback: bool,
}

/// `round_trip` and `assert_unlisted`.
const ROUND_TRIP: &str = include_str!("support/round_trip.txt");
/// `Sent`, `json`, `decode` and `replay`.
const REPLAY: &str = include_str!("support/replay.txt");
/// The loopback server and `exchange`.
const LOOPBACK: &str = include_str!("support/loopback.txt");
/// The JSON comparison every part uses.
const SHARED: &str = include_str!("support/shared.txt");

/// The support module's text (after the file header).
pub fn module_text(parts: Parts, crate_ident: &str) -> String {
    let mut out = String::with_capacity(
        ROUND_TRIP.len() + REPLAY.len() + LOOPBACK.len() + SHARED.len() + 512,
    );
    out.push_str("//! The checks shared by the example tests.\n\n");
    if parts.replay {
        out.push_str("use ");
        out.push_str(&text::ident(crate_ident));
        out.push_str("::requests::Request;\n");
    }
    out.push_str("use serde::de::DeserializeOwned;\n");
    if parts.round_trip {
        out.push_str("use serde::Serialize;\n");
    }
    out.push_str("use serde_json::{Number, Value};\n");
    if parts.round_trip {
        out.push_str("use std::fmt::Debug;\n");
    }
    let blocks = [
        (parts.round_trip, ROUND_TRIP),
        (parts.replay, REPLAY),
        (parts.loopback, LOOPBACK),
        (true, SHARED),
    ];
    for (_, block) in blocks.iter().filter(|(on, _)| *on) {
        out.push('\n');
        out.push_str(block);
    }
    out
}
