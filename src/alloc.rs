//! The npm modules' allocator (features `npm` and `flow-js`): power-of-two size classes, each with a free
//! list, carved from memory the module grows. About 1 kB of code instead of dlmalloc's 6 kB, and
//! memory stays flat once every size a workload uses has been freed once.
//!
//! Blocks are aligned to their size (up to a 64 KiB page), so any layout that fits a class is
//! aligned. Single-threaded: wasm32 without atomics.

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("the size-class allocator is for one thread: build the npm module without atomics");

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65_536;
const MIN_CLASS: u32 = 3; // 8 bytes: room for the free-list link
const CLASSES: usize = usize::BITS as usize;

/// Where new pages come from.
pub trait Pages {
    /// Grows memory by `count` pages; returns the address of the first new page.
    fn grow(&self, count: usize) -> Option<usize>;
}

/// The size class (log2 of the block size) that holds `layout`, if a block can.
fn class_of(layout: Layout) -> Option<u32> {
    if layout.align() > PAGE {
        return None;
    }
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    size.checked_next_power_of_two().map(usize::trailing_zeros)
}

struct Heap {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

/// The allocator over `P`'s pages.
pub struct SizeClassAlloc<P> {
    pages: P,
    heap: UnsafeCell<Heap>,
}

// SAFETY: only used where there is one thread (wasm32 without atomics, or one test at a time).
unsafe impl<P: Sync> Sync for SizeClassAlloc<P> {}

impl<P: Pages> SizeClassAlloc<P> {
    /// An empty allocator; memory is taken from `pages` as needed.
    pub const fn new(pages: P) -> Self {
        SizeClassAlloc {
            pages,
            heap: UnsafeCell::new(Heap {
                free: [0; CLASSES],
                next: 0,
                end: 0,
            }),
        }
    }

    fn carve(&self, heap: &mut Heap, class: u32) -> Option<usize> {
        let size = 1usize << class;
        let align = size.min(PAGE);
        let mut start = heap.next.checked_add(align - 1)? & !(align - 1);
        if start.checked_add(size)? > heap.end {
            let count = (start + size - heap.end).div_ceil(PAGE);
            let base = self.pages.grow(count)?;
            if base != heap.end {
                // Not contiguous with what is left: start over at the new pages.
                heap.next = base;
                start = base;
                heap.end = base + count * PAGE;
                if start + size > heap.end {
                    let more = (start + size - heap.end).div_ceil(PAGE);
                    self.pages.grow(more)?;
                    heap.end += more * PAGE;
                }
            } else {
                heap.end += count * PAGE;
            }
        }
        heap.next = start + size;
        Some(start)
    }
}

unsafe impl<P: Pages> GlobalAlloc for SizeClassAlloc<P> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return null_mut();
        };
        // SAFETY: single-threaded, and no reference to the heap outlives this call.
        let heap = unsafe { &mut *self.heap.get() };
        let head = heap.free[class as usize];
        if head != 0 {
            // SAFETY: a free block holds the address of the next free block of its class.
            heap.free[class as usize] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        self.carve(heap, class).map_or(null_mut(), |a| a as *mut u8)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let Some(class) = class_of(layout) else {
            return;
        };
        // SAFETY: as in `alloc`; `ptr` is a block of this class, at least 8 bytes and aligned.
        let heap = unsafe { &mut *self.heap.get() };
        unsafe { *(ptr as *mut usize) = heap.free[class as usize] };
        heap.free[class as usize] = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size` with `layout.align()` is a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class_of(layout) == class_of(new_layout) {
            return ptr; // still fits its block
        }
        // SAFETY: as `GlobalAlloc::realloc` requires.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}

/// The module's own linear memory.
#[cfg(all(target_arch = "wasm32", any(feature = "npm", feature = "flow-js")))]
pub struct WasmPages;

#[cfg(all(target_arch = "wasm32", any(feature = "npm", feature = "flow-js")))]
impl Pages for WasmPages {
    fn grow(&self, count: usize) -> Option<usize> {
        match core::arch::wasm32::memory_grow::<0>(count) {
            usize::MAX => None,
            previous => Some(previous * PAGE),
        }
    }
}

#[cfg(all(target_arch = "wasm32", any(feature = "npm", feature = "flow-js")))]
#[global_allocator]
static ALLOCATOR: SizeClassAlloc<WasmPages> = SizeClassAlloc::new(WasmPages);

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A fake memory of `limit` pages, page-aligned, handed out in order.
    struct FakePages {
        base: usize,
        used: Cell<usize>,
        limit: usize,
    }

    impl FakePages {
        fn new(limit: usize) -> Self {
            let layout = Layout::from_size_align(limit * PAGE, PAGE).unwrap();
            // Leaked on purpose: the test's blocks live in it.
            let base = unsafe { std::alloc::alloc_zeroed(layout) } as usize;
            FakePages {
                base,
                used: Cell::new(0),
                limit,
            }
        }
    }

    impl Pages for FakePages {
        fn grow(&self, count: usize) -> Option<usize> {
            let used = self.used.get();
            (used + count <= self.limit).then(|| {
                self.used.set(used + count);
                self.base + used * PAGE
            })
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn classes() {
        assert_eq!(class_of(layout(0, 1)), Some(3));
        assert_eq!(class_of(layout(8, 8)), Some(3));
        assert_eq!(class_of(layout(9, 1)), Some(4));
        assert_eq!(class_of(layout(3, 32)), Some(5));
        assert_eq!(class_of(layout(1, 2 * PAGE)), None);
    }

    #[test]
    fn blocks_are_aligned_distinct_and_reused() {
        let heap = SizeClassAlloc::new(FakePages::new(64));
        unsafe {
            let a = heap.alloc(layout(10, 1));
            let b = heap.alloc(layout(100, 8));
            let c = heap.alloc(layout(5000, 4));
            assert!(!a.is_null() && !b.is_null() && !c.is_null());
            assert_eq!(a as usize % 16, 0);
            assert_eq!(b as usize % 128, 0);
            assert_eq!(c as usize % 8192, 0);
            a.write_bytes(1, 10);
            b.write_bytes(2, 100);
            c.write_bytes(3, 5000);
            assert_eq!(*a.add(9), 1);
            assert_eq!(*b.add(99), 2);
            heap.dealloc(b, layout(100, 8));
            assert_eq!(
                heap.alloc(layout(120, 8)),
                b,
                "same class reuses the freed block"
            );
            // Growing within the class keeps the block; past it moves and keeps the bytes.
            assert_eq!(heap.realloc(a, layout(10, 1), 16), a);
            let moved = heap.realloc(a, layout(16, 1), 17);
            assert_ne!(moved, a);
            assert_eq!(*moved.add(9), 1);
            assert_eq!(heap.alloc(layout(16, 1)), a, "the old block was freed");
        }
    }

    #[test]
    fn large_blocks_span_pages_and_exhaustion_is_null() {
        let heap = SizeClassAlloc::new(FakePages::new(20));
        unsafe {
            let small = heap.alloc(layout(8, 8));
            let big = heap.alloc(layout(1 << 20, 1));
            assert!(!small.is_null() && !big.is_null());
            assert_eq!(big as usize % PAGE, 0);
            big.add((1 << 20) - 1).write(7);
            assert!(heap.alloc(layout(1 << 20, 1)).is_null(), "only 20 pages");
            heap.dealloc(big, layout(1 << 20, 1));
            assert_eq!(heap.alloc(layout(600_000, 1)), big);
        }
    }

    #[test]
    fn flat_after_warm_up() {
        let pages = FakePages::new(16);
        let heap = SizeClassAlloc::new(pages);
        let sizes = [3, 40, 700, 9000, 33, 120];
        let mut peak = 0;
        for round in 0..1000 {
            let blocks: Vec<_> = sizes
                .iter()
                .map(|&s| (unsafe { heap.alloc(layout(s, 4)) }, s))
                .collect();
            for (ptr, s) in blocks {
                assert!(!ptr.is_null());
                unsafe { heap.dealloc(ptr, layout(s, 4)) };
            }
            let used = heap.pages.used.get();
            if round == 0 {
                peak = used;
            }
            assert_eq!(used, peak, "no growth after the first round");
        }
    }
}
