use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let reps: usize = std::env::args().nth(2).map_or(5, |s| s.parse().unwrap());
    let (files, _) = graphdoc_parser::walk(&[&dir]).unwrap();
    let mut best = [f64::MAX; 4];
    for _ in 0..reps {
        let t = Instant::now();
        let mut ev = 0usize;
        for f in &files {
            let text = String::from_utf8_lossy(&f.bytes);
            ev += pulldown_cmark::Parser::new_ext(&text, graphdoc_parser::markdown::options()).count();
        }
        let t0 = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let pages: Vec<_> = files.iter().map(|f| graphdoc_parser::parse_page(&f.path, &f.bytes)).collect();
        let t1 = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let corpus = graphdoc_parser::corpus::resolve(pages);
        let t2 = t.elapsed().as_secs_f64();
        let t = Instant::now();
        drop(corpus);
        let t3 = t.elapsed().as_secs_f64();
        std::hint::black_box(ev);
        for (b, v) in best.iter_mut().zip([t0, t1, t2, t3]) { *b = b.min(v); }
    }
    println!("pulldown {:.1} ms | parse {:.1} ms ({:.2}x) | resolve {:.1} ms | drop {:.1} ms", best[0]*1e3, best[1]*1e3, best[1]/best[0], best[2]*1e3, best[3]*1e3);
}
