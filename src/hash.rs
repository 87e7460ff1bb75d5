//! A fixed 64-bit hash for keys that must be the same on every run and every machine (shards,
//! baselines, the site index): std's hasher is seeded per process and may change between
//! releases.

/// FNV-1a: tiny and well spread over short strings.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    /// The published FNV-1a test vectors: the hash must never change, or shards and baselines
    /// written by one version would be read differently by the next.
    #[test]
    fn matches_the_reference_values() {
        assert_eq!(super::fnv1a(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
    }
}
