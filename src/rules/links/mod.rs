//! Link rules.
