//! Handing the result cache to a run's linters, each with its key of what decides a file's
//! findings besides the file itself (see `crate::cache`).

use crate::cache::{Cache, Key, key};
use crate::config::Settings;
use crate::site::Sites;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Sets the cache on every configuration's linter. The site index's state is hashed only when
/// a linter runs a rule that reads it (a stat of every page of the handbook).
pub(super) fn attach(cache: &Arc<Cache>, settings: &mut [Settings], sites: Option<&Sites>) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let cwd = cwd.as_os_str().as_encoded_bytes();
    let mut site_state: Option<Key> = None;
    for settings in settings {
        let linter = &settings.linter;
        let site: &[u8] = match (linter.needs_sites(), sites) {
            (true, Some(sites)) => site_state.get_or_insert_with(|| state_of(sites)),
            _ => b"",
        };
        let fingerprints = [u8::from(linter.fingerprints())];
        let base = key([cwd, settings.cache_key.as_slice(), fingerprints.as_slice(), site]);
        settings.linter.set_cache(Some((cache.clone(), base)));
    }
}

fn state_of(sites: &Sites) -> Key {
    let mut hasher = Sha256::new();
    for index in sites.indexes() {
        index.feed_state(&mut |bytes| {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        });
    }
    hasher.finalize().into()
}
