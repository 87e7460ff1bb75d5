//! One file's rendering for one report while it waits to be written: in memory while small, in
//! the rendering thread's spill file when large.
//!
//! Workers render a file's findings while its source is in memory, and the rendering waits until
//! every file before it is written. A page with two thousand findings renders to megabytes in
//! each report, and with four `-o` reports the renderings waiting behind one slow page made up a
//! fifth of the run's peak memory at ten handbooks (issue 15). On disk they cost a write and a
//! read through the page cache.
//!
//! Each thread spills into one unnamed temporary file used as a ring: renderings are written
//! where the last one ended and their space is reused once written out, so the file stays small
//! and no file is created per rendering (one per rendering cost a quarter more wall time on
//! ext4 than keeping them in memory).

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::sync::{Arc, Mutex};

/// Renderings larger than this wait on disk. Most files render to a few kilobytes in every
/// format; the ones above this hold most of the bytes (16 KiB: 62 to 64 MiB peak with four
/// `-o` reports at ten handbooks; 64 KiB: 66 MiB).
pub const SPILL_ABOVE: usize = 16 << 10;

/// The most a thread's spill file holds. The emit window keeps what waits to a few megabytes in
/// practice; past this, renderings wait in memory, where the window counts them. (Small in unit
/// tests, so that they go round the ring.)
const RING_BYTES: u64 = if cfg!(test) { 1 << 20 } else { 64 << 20 };

/// A rendering waiting to be written.
pub struct Rendering(Held);

enum Held {
    Memory(Vec<u8>),
    Disk(Spilled),
}

/// A rendering in a spill file; its space is freed when it is dropped.
struct Spilled {
    ring: Arc<Ring>,
    id: u64,
    offset: u64,
    len: u64,
}

impl Drop for Spilled {
    fn drop(&mut self) {
        self.ring.free(self.id);
    }
}

/// One thread's spill file and the spans of it still in use, oldest first.
struct Ring {
    file: File,
    spans: Mutex<Spans>,
}

#[derive(Default)]
struct Spans {
    next_id: u64,
    /// (id, offset, length, still in use), in the order they were written.
    live: VecDeque<(u64, u64, u64, bool)>,
}

impl Spans {
    /// Where `len` bytes fit after the newest span without overwriting the oldest, if anywhere.
    fn place(&self, len: u64) -> Option<u64> {
        let (Some(&(_, tail, ..)), Some(&(_, start, length, _))) = (self.live.front(), self.live.back()) else {
            return (len <= RING_BYTES).then_some(0);
        };
        let head = start + length;
        if start >= tail {
            // Not wrapped: room up to the end, or from the start up to the oldest.
            if head + len <= RING_BYTES { Some(head) } else { (len <= tail).then_some(0) }
        } else {
            // Wrapped: room between the newest and the oldest.
            (head + len <= tail).then_some(head)
        }
    }
}

impl Ring {
    fn new() -> Option<Arc<Ring>> {
        let file = tempfile::tempfile().ok()?;
        Some(Arc::new(Ring { file, spans: Mutex::new(Spans::default()) }))
    }

    fn write(self: &Arc<Ring>, bytes: &[u8]) -> Option<Spilled> {
        let len = bytes.len() as u64;
        let mut spans = self.spans.lock().unwrap_or_else(|e| e.into_inner());
        let offset = spans.place(len)?;
        self.file.write_all_at(bytes, offset).ok()?;
        let id = spans.next_id;
        spans.next_id += 1;
        spans.live.push_back((id, offset, len, true));
        Some(Spilled { ring: Arc::clone(self), id, offset, len })
    }

    fn free(&self, id: u64) {
        let mut spans = self.spans.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(span) = spans.live.iter_mut().find(|span| span.0 == id) {
            span.3 = false;
        }
        while spans.live.front().is_some_and(|span| !span.3) {
            spans.live.pop_front();
        }
    }
}

thread_local! {
    /// This thread's spill file, made on its first large rendering; `None` once making it failed.
    static RING: Option<Arc<Ring>> = Ring::new();
}

impl Rendering {
    /// Keeps `bytes` in memory when small, otherwise writes them to this thread's spill file.
    /// When that cannot be done (no writable temporary folder, a full disk, the file full), the
    /// bytes stay in memory: spilling saves memory, it is never needed.
    pub fn new(bytes: Vec<u8>) -> Rendering {
        if bytes.len() <= SPILL_ABOVE {
            return Rendering(Held::Memory(bytes));
        }
        match RING.with(|ring| ring.as_ref().and_then(|ring| ring.write(&bytes))) {
            Some(spilled) => Rendering(Held::Disk(spilled)),
            None => Rendering(Held::Memory(bytes)),
        }
    }

    /// Keeps `bytes` in memory whatever their size.
    pub fn in_memory(bytes: Vec<u8>) -> Rendering {
        Rendering(Held::Memory(bytes))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rendering's size in bytes.
    pub fn len(&self) -> u64 {
        match &self.0 {
            Held::Memory(bytes) => bytes.len() as u64,
            Held::Disk(spilled) => spilled.len,
        }
    }

    /// The bytes it holds in memory (none once on disk).
    pub fn in_memory_len(&self) -> usize {
        match &self.0 {
            Held::Memory(bytes) => bytes.len(),
            Held::Disk(_) => 0,
        }
    }

    /// Writes the rendering to `out`; a spilled one is read back a chunk at a time.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let spilled = match &self.0 {
            Held::Memory(bytes) => return out.write_all(bytes),
            Held::Disk(spilled) => spilled,
        };
        let mut chunk = vec![0; SPILL_ABOVE.min(spilled.len as usize)];
        let mut done = 0;
        while done < spilled.len {
            let n = chunk.len().min((spilled.len - done) as usize);
            spilled.ring.file.read_exact_at(&mut chunk[..n], spilled.offset + done)?;
            out.write_all(&chunk[..n])?;
            done += n as u64;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(rendering: &Rendering) -> Vec<u8> {
        let mut out = Vec::new();
        rendering.write_to(&mut out).expect("write");
        out
    }

    fn bytes(len: usize, seed: u8) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8 ^ seed).collect()
    }

    #[test]
    fn small_renderings_stay_in_memory_and_large_ones_wait_on_disk() {
        let small = Rendering::new(b"p.md:1:1: MD041 ...\n".to_vec());
        assert_eq!(small.in_memory_len(), 20);
        assert_eq!(written(&small), b"p.md:1:1: MD041 ...\n");

        let large_bytes = bytes(SPILL_ABOVE * 3 + 7, 1);
        let large = Rendering::new(large_bytes.clone());
        assert_eq!(large.in_memory_len(), 0, "a large rendering should wait on disk");
        assert_eq!(large.len(), large_bytes.len() as u64);
        assert_eq!(written(&large), large_bytes);
        // Written twice (a report retried), the same bytes.
        assert_eq!(written(&large), large_bytes);

        assert!(Rendering::new(Vec::new()).is_empty());
        assert_eq!(Rendering::in_memory(large_bytes.clone()).in_memory_len(), large_bytes.len());
    }

    #[test]
    fn spilled_renderings_keep_their_bytes_while_the_file_is_reused() {
        // Eight times the ring's size written through it, renderings freed out of order and
        // others written meanwhile: every one waits on disk and none is overwritten.
        let mut waiting: VecDeque<(Vec<u8>, Rendering)> = VecDeque::new();
        let mut through = 0;
        for round in 0..u32::MAX {
            let expected = bytes(SPILL_ABOVE + 1 + (round as usize * 7919) % (SPILL_ABOVE * 4), round as u8);
            through += expected.len() as u64;
            let rendering = Rendering::new(expected.clone());
            assert_eq!(rendering.in_memory_len(), 0, "round {round}: the ring has room");
            waiting.push_back((expected, rendering));
            if waiting.len() == 4 {
                // The second-oldest is written out first, then the oldest.
                let second = waiting.remove(1).expect("four waiting");
                assert_eq!(written(&second.1), second.0);
                let first = waiting.pop_front().expect("waiting");
                assert_eq!(written(&first.1), first.0);
            }
            if through > 8 * RING_BYTES {
                break;
            }
        }
        for (expected, rendering) in &waiting {
            assert_eq!(&written(rendering), expected);
        }
        // Past the ring's size, renderings wait in memory.
        let kept: Vec<Rendering> =
            (0..RING_BYTES / SPILL_ABOVE as u64 + 1).map(|_| Rendering::new(bytes(SPILL_ABOVE + 1, 0))).collect();
        assert!(kept.iter().any(|r| r.in_memory_len() > 0), "a full ring leaves renderings in memory");
        assert!(kept.iter().all(|r| written(r) == bytes(SPILL_ABOVE + 1, 0)));
    }

    #[test]
    fn the_ring_places_spans_without_overwriting_the_oldest() {
        let mut spans = Spans::default();
        assert_eq!(spans.place(10), Some(0));
        assert_eq!(spans.place(RING_BYTES + 1), None);
        spans.live.push_back((0, 0, 100, true));
        spans.live.push_back((1, 100, RING_BYTES - 150, true));
        assert_eq!(spans.place(50), Some(RING_BYTES - 50), "room left at the end");
        assert_eq!(spans.place(51), None, "no room at the end, and none before the oldest");
        spans.live.pop_front();
        assert_eq!(spans.place(51), Some(0), "wraps to the start, up to the oldest at 100");
        assert_eq!(spans.place(101), None);
        spans.live.push_back((2, 0, 60, true));
        assert_eq!(spans.place(40), Some(60), "wrapped: between the newest and the oldest");
        assert_eq!(spans.place(41), None);
    }
}
