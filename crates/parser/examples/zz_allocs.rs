use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct Count;
static N: AtomicUsize = AtomicUsize::new(0);
static B: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Count {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 { N.fetch_add(1, Relaxed); B.fetch_add(l.size(), Relaxed); System.alloc(l) }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) { System.dealloc(p, l) }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 { N.fetch_add(1, Relaxed); B.fetch_add(n, Relaxed); System.realloc(p, l, n) }
}
#[global_allocator]
static A: Count = Count;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let (files, _) = graphdoc_parser::walk(&[&dir]).unwrap();
    let n0 = N.load(Relaxed); let b0 = B.load(Relaxed);
    let pages: Vec<_> = files.iter().map(|f| graphdoc_parser::parse_page(&f.path, &f.bytes)).collect();
    let n1 = N.load(Relaxed); let b1 = B.load(Relaxed);
    let corpus = graphdoc_parser::corpus::resolve(pages);
    let n2 = N.load(Relaxed); let b2 = B.load(Relaxed);
    println!("parse: {} allocs {:.1} MB | resolve: {} allocs {:.1} MB | pages {}", n1-n0, (b1-b0) as f64/1e6, n2-n1, (b2-b1) as f64/1e6, corpus.pages.len());
}
