//! The hash the rules' lookup tables use.
//!
//! The tables are keyed by the input's own paths and type names and are
//! only looked up, never iterated into output, so SipHash's protection
//! against chosen keys buys nothing here while costing most of a lookup:
//! they use rustc-hash's Fx hash.

/// A map hashed with the Fx hash.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A set hashed with the Fx hash.
pub type FastSet<K> = rustc_hash::FxHashSet<K>;
