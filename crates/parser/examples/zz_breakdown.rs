use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut rows = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let (files, _) = graphdoc_parser::walk(&[&dir]).unwrap();
        let t1 = t.elapsed().as_secs_f64();
        let pages = graphdoc_parser::parse_files(&files);
        let t2 = t.elapsed().as_secs_f64();
        let corpus = graphdoc_parser::corpus::resolve(pages);
        let t3 = t.elapsed().as_secs_f64();
        std::mem::forget(corpus);
        rows.push((t3, t1, t2 - t1, t3 - t2));
    }
    rows.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let r = rows[3];
    eprintln!("total {:.1} = walk+read {:.1} + parse {:.1} + resolve {:.1} ms", r.0*1e3, r.1*1e3, r.2*1e3, r.3*1e3);
}
