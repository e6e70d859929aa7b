fn main() {
    let c = "/work/shared/corpus/graph-docs-v1.0/api";
    let (corpus, errors) = graphdoc_parser::load(&[format!("{c}/user-get.md"), "/proc/self/mem".into(), format!("{c}/user-list.md"), "/proc/self/mem".into()]).unwrap();
    for p in &corpus.pages { println!("page {}", p.path); }
    for e in &errors { println!("error {e}"); }
}
