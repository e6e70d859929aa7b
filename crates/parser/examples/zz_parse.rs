fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mode = std::env::args().nth(2).unwrap_or_default();
    let (files, _) = graphdoc_parser::walk(&[&dir]).unwrap();
    if mode == "pulldown" {
        let mut n = 0;
        for f in &files { let t = String::from_utf8_lossy(&f.bytes); n += pulldown_cmark::Parser::new_ext(&t, graphdoc_parser::markdown::options()).count(); }
        std::hint::black_box(n);
        return;
    }
    let pages: Vec<_> = files.iter().map(|f| graphdoc_parser::parse_page(&f.path, &f.bytes)).collect();
    let corpus = graphdoc_parser::corpus::resolve(pages);
    if mode == "drop" { drop(corpus) } else { std::mem::forget(corpus) }
}
