//! Property tests on stable Rust: page-like inputs assembled from the pieces
//! real pages are made of (front matter, headings, tables, annotations, http
//! blocks, JSON), mutated with noise, never make the pipeline panic, and every
//! diagnostic points inside its page at a consistent line and column.
use graphdoc_check::{check, render, Config};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    let word = "[a-zA-Z]{1,12}";
    prop_oneof![
        Just("---\ntitle: \"Create x\"\ndoc_type: apiPageType\n---\n".to_string()),
        Just("---\ntitle: [unclosed\n".to_string()),
        Just("---\n".to_string()),
        word.prop_map(|w| format!("# Create {w}\n")),
        prop::sample::select(vec!["## Permissions", "## HTTP request", "## Request body", "## Response", "## Examples", "## Properties", "## Relationships", "## JSON representation", "### Request", "### Response", "### x values", "# [HTTP](#tab/http)", "---"])
            .prop_map(|h| format!("{h}\n")),
        (word, word, ".{0,20}").prop_map(|(a, b, c)| format!("|Property|Type|Description|\n|:--|:--|:--|\n|{a}|{b} collection|{c} Possible values are: `x`, `y`.|\n")),
        "[|a-z\\\\ \\t`*]{0,40}".prop_map(|row| format!("{row}\n")),
        (word, ".{0,10}").prop_map(|(n, t)| format!("<!-- {{ \"blockType\": \"request\", \"name\": \"{n}\" {t} }} -->\n")),
        Just("<!-- { \"blockType\": \"response\", \"truncated\": true, \"@odata.type\": \"microsoft.graph.x\" }-->\n".to_string()),
        Just("<!-- unterminated\n".to_string()),
        (prop::sample::select(vec!["GET", "POST", "PATCH", "get"]), "[/a-z{}|. ]{0,30}").prop_map(|(m, p)| format!("```http\n{m} {p}\n```\n")),
        json().prop_map(|j| format!("```http\nPOST https://graph.microsoft.com/v1.0/me/x\nContent-Length: 12\n\n{j}\n```\n")),
        json().prop_map(|j| format!("```http\nHTTP/1.1 201 Created\n\n{j}\n```\n")),
        Just("```http\nGET /me\n".to_string()),
        Just("[!INCLUDE [x](../../includes/x.md)]\n".to_string()),
        (word, "[./a-z]{0,20}").prop_map(|(t, l)| format!("See [{t}]({l}.md).\n")),
        ".{0,60}".prop_map(|s| format!("{s}\n")),
    ]
}

fn json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("\"String\"".to_string()),
        Just("\"Boolean\"".to_string()),
        Just("...".to_string()),
        "-?[0-9]{1,5}(\\.[0-9]{1,3})?".prop_map(|s| s),
        "\"[a-zA-Z0-9 -]{0,12}\"".prop_map(|s| s),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(("[a-zA-Z@.]{1,10}", inner), 0..5).prop_map(|v| {
                let members: Vec<String> = v
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\": {v}"))
                    .collect();
                format!("{{\n  {}\n}}", members.join(",\n  "))
            }),
        ]
    })
}

fn page() -> impl Strategy<Value = (Vec<u8>, bool)> {
    (
        prop::collection::vec(piece(), 0..25),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..4),
    )
        .prop_map(|(pieces, crlf, noise)| {
            let mut text = pieces.concat();
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let mut bytes = text.into_bytes();
            // A few raw bytes anywhere: invalid UTF-8, NULs, lone CRs.
            for (i, b) in noise.into_iter().enumerate() {
                let at = (i * 7919) % (bytes.len() + 1);
                bytes.insert(at, b);
            }
            (bytes, crlf)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn pipeline_never_panics_and_spans_are_sound((a, _) in page(), (b, _) in page()) {
        let pages = vec![
            graphdoc_parser::parse_page("p/api/a.md", &a),
            graphdoc_parser::parse_page("p/resources/b.md", &b),
        ];
        let corpus = graphdoc_parser::corpus::resolve(pages);
        let report = check(&corpus, &Config::default());
        for d in &report.diagnostics {
            let page = corpus.pages.iter().find(|p| *p.path == *d.span.file);
            let page = page.expect("every diagnostic names a page");
            let src = page.source.as_str();
            prop_assert!(d.span.start <= d.span.end && d.span.end as usize <= src.len(), "{d:?}");
            prop_assert!(src.is_char_boundary(d.span.start as usize));
            let line = src[..d.span.start as usize].matches('\n').count() as u32 + 1;
            prop_assert_eq!(line, d.span.line, "line of {:?}", d);
            let line_start = src[..d.span.start as usize].rfind('\n').map_or(0, |i| i + 1);
            let column = src[line_start..d.span.start as usize].chars().count() as u32 + 1;
            prop_assert_eq!(column, d.span.column, "column of {:?}", d);
        }
        let json = render::json(&report, &corpus);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        let _ = render::human(&report, &corpus, false);
        let _ = render::sarif(&report, &corpus);
        let _ = graphdoc_gen::generate(&corpus, &graphdoc_gen::Options::default());
        // The same input gives the same findings.
        let again = check(&corpus, &Config::default());
        prop_assert_eq!(report, again);
    }
}
