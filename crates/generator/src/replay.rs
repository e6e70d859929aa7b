//! The request replay tests of the generated crate: every example request
//! of an API page is rebuilt from its typed request, and the test compares
//! the method, path, query and body of the built `http::Request` with the
//! example. One example also makes a real HTTP exchange over loopback.
//!
//! An example is matched to the page's operation whose method is the
//! example's and whose template the example path follows exactly
//! (literal text compared ignoring ASCII case, a parameter taking one path
//! segment or, before `:`, several); among several, the one with the most
//! literal text wins, then syntax order. The path parameters come from the
//! example URL (percent-decoded), the query options from its query string,
//! the body from its JSON deserialized into the body type. The test
//! compares paths percent-decoded and ignoring ASCII case (Graph paths are
//! case-insensitive), a trailing `/` left out; query options as decoded
//! `(name, value)` pairs in order; bodies as JSON values (`null` members
//! dropped, numbers by value).
//!
//! Examples are excluded, with the reason in the generated file and in the
//! test output, when they cannot test the request code: a URL to another
//! host, a path none of the page's templates takes, a placeholder in the
//! URL (`{userId}`, `<id>`) or body (`"String"` for a string), a body that
//! is not JSON, or a body sent to an operation documented without one.
//!
//! The loopback test takes the first replayed example whose response has
//! the documented status and a body that decodes into the response type
//! (a round-tripped body for struct responses): a local server answers the
//! request with that response, `ureq` sends the typed request to it, and
//! the reply is decoded with `Request::from_http`.
use crate::docs;
use crate::examples::{self, json_literal, Examples};
use crate::naming::ident;
use crate::output::display_path;
use crate::plan::Plan;
use crate::render::{Item, RustFile};
use crate::requests::{Payload, Piece, Requests, Response};
use crate::text;
use crate::{test_file, Exclusion, GenError};
use graphdoc_model::{Body, Corpus, HttpMessage, MessageStart, Page};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;

mod layout;
mod url;

use url::{decode, is_placeholder, match_path, query_pairs};

/// One example request to rebuild.
pub struct Replay {
    /// `docs-input/page.md:71`: the page and the line of the request.
    pub location: String,
    /// The example's annotation name.
    pub name: Option<String>,
    /// Index into [`Requests::pages`].
    pub page: usize,
    /// Index into that page's requests.
    pub request: usize,
    /// The URL up to the path: scheme, host and version (empty for a
    /// relative URL).
    pub base: String,
    /// The method as the example writes it, upper case.
    pub method: String,
    /// The path after `base`, as written, trailing `/` removed.
    pub path: String,
    /// One decoded value per path parameter of the request.
    pub values: Vec<String>,
    /// Decoded query options.
    pub query: Vec<(String, String)>,
    /// The JSON text of the body, if any.
    pub body: Option<String>,
    /// Why the embedded body differs from the page, if it does.
    pub note: Option<String>,
    /// The example response, when the loopback test can use it.
    pub answer: Option<Answer>,
}

/// An example response the loopback server sends.
pub struct Answer {
    /// `docs-input/page.md:98`.
    pub location: String,
    /// The status code.
    pub status: u16,
    /// The reason phrase.
    pub reason: String,
    /// The Content-Type header value.
    pub content_type: String,
    /// The body text.
    pub body: String,
    /// The response type is a generated struct or a collection of one.
    pub typed: bool,
}

/// The replayed examples and the excluded ones, in page order.
pub struct Replays {
    /// Example requests that are rebuilt.
    pub cases: Vec<Replay>,
    /// Example requests left out, with the reason.
    pub excluded: Vec<Exclusion>,
    /// The case the loopback test sends.
    pub loopback: Option<usize>,
}

/// Collects every example request of the corpus.
pub fn collect(plan: &Plan, corpus: &Corpus, requests: &Requests, examples: &Examples) -> Replays {
    let by_page: HashMap<&str, usize> = requests
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.page.path.as_str(), i))
        .collect();
    let round_trips: HashMap<(&str, &str), (usize, bool)> = examples
        .cases
        .iter()
        .map(|c| ((c.location.as_str(), c.kind), (c.target, c.collection)))
        .collect();
    let parsed: Parsed = examples.cases.iter().map(|c| (c.body, c)).collect();
    let mut out = Replays {
        cases: Vec::new(),
        excluded: Vec::new(),
        loopback: None,
    };
    for page in &corpus.pages {
        for example in &page.examples {
            let Some(message) = &example.request else {
                continue;
            };
            let location = format!("{}:{}", display_path(&page.path), message.span.line);
            let label = format!("{location} request");
            let result =
                match by_page.get(page.path.as_str()) {
                    Some(&index) => consider(plan, requests, index, message, &location, &parsed)
                        .map(|mut replay| {
                            replay.name.clone_from(&example.name);
                            replay.answer = example.response.as_ref().and_then(|r| {
                                answer(requests, index, r, page, &round_trips, &parsed)
                            });
                            replay
                        }),
                    None => Err("the page declares no operation to send it with".to_string()),
                };
            match result {
                Ok(replay) => out.cases.push(replay),
                Err(reason) => out.excluded.push(Exclusion {
                    example: label,
                    reason,
                }),
            }
        }
    }
    let eligible = |typed: bool| {
        out.cases
            .iter()
            .position(|c| c.answer.as_ref().is_some_and(|a| a.typed == typed))
    };
    out.loopback = eligible(true).or_else(|| eligible(false));
    out
}

fn consider(
    plan: &Plan,
    requests: &Requests,
    page_index: usize,
    message: &HttpMessage,
    location: &str,
    parsed: &Parsed,
) -> Result<Replay, String> {
    let MessageStart::Request {
        method,
        url,
        path,
        query,
        ..
    } = &message.start
    else {
        return Err("the request block has no request line".into());
    };
    let url_text = url.value.trim();
    if let Some(scheme_end) = url_text.find("://") {
        let host = url_text[scheme_end + 3..].split('/').next().unwrap_or("");
        if !host.to_ascii_lowercase().contains("graph") {
            return Err(format!("the example calls `{host}`, not Graph"));
        }
    }
    let without_query = url_text.split(['?', '#']).next().unwrap_or(url_text);
    let base = without_query
        .strip_suffix(path.as_str())
        .filter(|b| b.is_empty() || b.contains("://"))
        .ok_or_else(|| format!("the URL `{url_text}` does not end in its path `{path}`"))?;
    let mut example_path = path.trim().to_string();
    if !example_path.starts_with('/') {
        example_path.insert(0, '/');
    }
    while example_path.len() > 1 && example_path.ends_with('/') {
        example_path.pop();
    }
    let method = method.value.trim().to_ascii_uppercase();
    let page = &requests.pages[page_index];

    let mut best: Option<(usize, usize, Vec<String>)> = None;
    let mut other_method = None;
    for (i, r) in page.requests.iter().enumerate() {
        let Some(values) = match_path(&r.pieces, &r.params, &example_path) else {
            continue;
        };
        if r.method != method {
            other_method.get_or_insert(r.method.as_str());
            continue;
        }
        let literal: usize = r
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Lit(t) => t.len(),
                Piece::Param(_) => 0,
            })
            .sum();
        if best.as_ref().is_none_or(|(_, l, _)| literal > *l) {
            best = Some((i, literal, values));
        }
    }
    let Some((request_index, _, raw_values)) = best else {
        return Err(match other_method {
            Some(m) => format!("the page documents `{example_path}` for `{m}`, not `{method}`"),
            None => format!(
                "the example calls `{example_path}`, which none of the page's templates takes"
            ),
        });
    };
    let request = &page.requests[request_index];
    let values: Vec<String> = raw_values.iter().map(|v| decode(v)).collect();
    for (value, param) in values.iter().zip(&request.params) {
        if is_placeholder(value) {
            return Err(format!(
                "the URL has the placeholder `{value}` where the `{}` value belongs",
                param.alternatives[0]
            ));
        }
    }
    let query = query_pairs(query.as_deref().unwrap_or(""));
    if let Some((name, value)) = query.iter().find(|(_, v)| is_placeholder(v)) {
        return Err(format!(
            "the query option `{name}` has the placeholder `{value}`"
        ));
    }
    let (body, note) = match message.body.as_ref().filter(|b| !b.raw.trim().is_empty()) {
        None => (None, None),
        Some(_) if !request.has_body => {
            return Err(format!(
                "the example sends a body, but `{method}` is documented without one"
            ));
        }
        Some(body) => {
            let (text, value, note) = embedded(parsed, body)?;
            if let Payload::Struct(target) = page.body {
                let mut problems = Vec::new();
                examples::check::body(plan, target, &value, &mut problems);
                if !problems.is_empty() {
                    return Err(problems.join("; "));
                }
            }
            (Some(text), note)
        }
    };
    Ok(Replay {
        location: location.to_string(),
        name: None,
        page: page_index,
        request: request_index,
        base: base.to_string(),
        method,
        path: example_path,
        values,
        query,
        body,
        note,
        answer: None,
    })
}

/// The example bodies that round-trip, by [`examples::body_id`]: their
/// text and value are those [`examples::body_json`] gives, so a body is not
/// parsed twice.
type Parsed<'a> = HashMap<usize, &'a examples::Case>;

/// [`examples::body_json`] of a body, taken from its round-trip case when
/// it has one.
fn embedded<'a>(
    parsed: &Parsed<'a>,
    body: &Body,
) -> Result<(String, Cow<'a, Value>, Option<String>), String> {
    match parsed.get(&examples::body_id(body)) {
        Some(case) => Ok((
            case.json.clone(),
            Cow::Borrowed(&case.value),
            case.note.clone(),
        )),
        None => {
            examples::body_json(body).map(|(text, value, note)| (text, Cow::Owned(value), note))
        }
    }
}

/// The example response as the loopback server's answer, when the reply
/// can be decoded: the documented status, and a body of the response type.
fn answer(
    requests: &Requests,
    page_index: usize,
    message: &HttpMessage,
    page: &Page,
    round_trips: &HashMap<(&str, &str), (usize, bool)>,
    parsed: &Parsed,
) -> Option<Answer> {
    let MessageStart::Response { status, reason } = &message.start else {
        return None;
    };
    let plan = &requests.pages[page_index];
    if plan.status.is_some_and(|s| s != status.value) {
        return None;
    }
    let location = format!("{}:{}", display_path(&page.path), message.span.line);
    let body = message.body.as_ref().filter(|b| !b.raw.trim().is_empty());
    let (text, typed) = match (plan.response, body) {
        (Response::Empty, None) => (String::new(), false),
        (Response::Empty, Some(_)) => return None,
        (_, None) => return None,
        (response, Some(body)) => {
            let (text, _, _) = embedded(parsed, body).ok()?;
            // A struct response must be a body the round-trip tests accept.
            let expected = match response {
                Response::Struct(i) => Some((i, false)),
                Response::Collection(Some(i)) => Some((i, true)),
                Response::Collection(None) | Response::Json | Response::Empty => None,
            };
            if let Some(expected) = expected {
                if round_trips.get(&(location.as_str(), "response")) != Some(&expected) {
                    return None;
                }
            }
            let typed = expected.is_some();
            (text, typed)
        }
    };
    let content_type = message
        .headers
        .iter()
        .find(|h| h.name.value.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.value.trim().to_string())
        .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii() && !c.is_ascii_control()))
        .unwrap_or_else(|| "application/json".to_string());
    let reason = reason.trim();
    let reason = if reason
        .chars()
        .all(|c| c.is_ascii() && !c.is_ascii_control())
    {
        reason.to_string()
    } else {
        String::new()
    };
    Some(Answer {
        location,
        status: status.value,
        reason,
        content_type,
        body: text,
        typed,
    })
}

/// `tests/examples/replay.rs`: one test per replayed example, the
/// loopback test, and the exclusions.
pub fn module<'a>(
    plan: &'a Plan,
    requests: &'a Requests,
    replays: &'a Replays,
    crate_ident: &str,
) -> Result<RustFile<'a>, GenError> {
    let locations: Vec<(&str, &str)> = replays
        .cases
        .iter()
        .map(|c| (c.location.as_str(), ""))
        .collect();
    let names = examples::function_names(&locations)?;
    let krate = text::ident(crate_ident);
    let replayed = match replays.cases.len() {
        1 => "1 example request is rebuilt from its typed request".to_string(),
        n => format!("{n} example requests are rebuilt from their typed requests"),
    };
    let mut summary = vec![test_file::summary(
        &format!("{replayed} and compared with the docs (method, path, query, body)"),
        replays.excluded.len(),
    )];
    let loopback = replays.loopback.and_then(|i| replays.cases.get(i));
    if replays.loopback.is_some() {
        summary.push(
            "`loopback_exchange` sends one of them over a real HTTP connection to a local \
             server that answers with the example response."
                .into(),
        );
    }
    let mut items = Vec::with_capacity(replays.cases.len() + 6);
    if !replays.cases.is_empty() {
        let support = if loopback.is_some() {
            "use super::support::{exchange, json, replay, Sent, Server};"
        } else {
            "use super::support::{json, replay, Sent};"
        };
        items.push(Item::declaration(format!("{support}\n")));
        items.push(Item::declaration(format!("use {krate}::requests;\n")));
        if loopback.is_some() {
            items.push(Item::declaration(format!(
                "use {krate}::requests::Request;\n"
            )));
        }
    }
    // Each test is built and printed on the thread that prints it.
    let tests: Vec<Item> = replays
        .cases
        .par_iter()
        .zip(names)
        .map(|(case, name)| {
            let doc = replay_doc(requests, case);
            Item::text(layout::test(requests, case, &name, &doc))
        })
        .collect();
    items.extend(tests);
    if let Some(case) = loopback {
        if case.answer.is_some() {
            items.push(Item::tokens(move || {
                loopback_test(plan, requests, case).unwrap_or_default()
            }));
        }
    }
    items.extend(test_file::excluded_items(
        "Example requests left out of the replay",
        &[
            "Prints every excluded example request with its reason, so that no",
            "example is skipped silently (run with `--nocapture` to see them).",
        ],
        &replays.excluded,
    ));
    Ok(RustFile {
        inner_doc: docs::paragraphs(&summary),
        items,
    })
}

/// `requests::X { id: "...".into(), query: vec![...], body: ... }`.
fn request_literal(requests: &Requests, case: &Replay, body: Option<TokenStream>) -> TokenStream {
    let r = &requests.pages[case.page].requests[case.request];
    let name = ident(&r.ident);
    let params = r.params.iter().zip(&case.values).map(|(p, v)| {
        let field = ident(&p.ident);
        quote!(#field: #v.into(),)
    });
    let query = if case.query.is_empty() {
        quote!(query: Vec::new(),)
    } else {
        let pairs = case
            .query
            .iter()
            .map(|(n, v)| quote!((#n.into(), #v.into())));
        quote!(query: vec![#(#pairs),*],)
    };
    let body = r.has_body.then(|| match body {
        Some(body) => quote!(body: Some(json(#body)),),
        None => quote!(body: None,),
    });
    quote! {
        requests::#name {
            #(#params)*
            #query
            #body
        }
    }
}

/// The doc paragraphs of a replay test, for both renderings to wrap.
fn replay_doc(requests: &Requests, case: &Replay) -> Vec<String> {
    let r = &requests.pages[case.page].requests[case.request];
    // `LOCATION`: the request[ of example `NAME`], rebuilt with `Ident`
    // (`METHOD template`).
    let mut first = String::with_capacity(160);
    docs::push_code(&mut first, &[&case.location]);
    first.push_str(": the request");
    if let Some(n) = &case.name {
        first.push_str(" of example ");
        docs::push_code(&mut first, &[n]);
    }
    first.push_str(", rebuilt with ");
    docs::push_code(&mut first, &[&r.ident]);
    first.push_str(" (");
    docs::push_code(
        &mut first,
        &[&r.method, " ", r.op.path.template.value.trim()],
    );
    first.push_str(").");
    let mut paragraphs = vec![first];
    paragraphs.extend(case.note.clone());
    paragraphs
}

/// The tokens of a replay test: the reference layout of [`layout::test`].
#[cfg(test)]
fn replay_test(requests: &Requests, case: &Replay, name: &str) -> TokenStream {
    let function = ident(name);
    let doc = docs::attrs(&docs::paragraphs(&replay_doc(requests, case)));
    let body_let = case.body.as_ref().map(|b| {
        let literal = json_literal(b);
        quote!(let body = #literal;)
    });
    let request = request_literal(requests, case, case.body.as_ref().map(|_| quote!(body)));
    let sent_body = match &case.body {
        Some(_) => quote!(Some(body)),
        None => quote!(None),
    };
    let (base, method, path) = (&case.base, &case.method, &case.path);
    let query = case.query.iter().map(|(n, v)| quote!((#n, #v)));
    quote! {
        #doc
        #[test]
        fn #function() {
            #body_let
            let request = #request;
            replay(
                request,
                #base,
                &Sent {
                    method: #method,
                    path: #path,
                    query: &[#(#query),*],
                    body: #sent_body,
                },
            );
        }
    }
}

fn loopback_test(plan: &Plan, requests: &Requests, case: &Replay) -> Option<TokenStream> {
    let answer = case.answer.as_ref()?;
    let r = &requests.pages[case.page].requests[case.request];
    let name = ident(&r.ident);
    let doc = docs::attrs(&docs::paragraphs(&[
        format!(
            "One real HTTP exchange over loopback: the request of {} is sent with {} by \
             `ureq` to a local server that answers with the example response at {}, and the \
             reply decodes into the response type ({}).",
            docs::code(&case.location),
            docs::code(&r.ident),
            docs::code(&answer.location),
            response_name(plan, requests, case)
        ),
        "The server takes one connection on 127.0.0.1 and gives up after a timeout, so \
         the test cannot hang."
            .to_string(),
    ]));
    let sent_let = case.body.as_ref().map(|b| {
        let literal = json_literal(b);
        quote!(let sent = #literal;)
    });
    let request = request_literal(requests, case, case.body.as_ref().map(|_| quote!(sent)));
    let answer_literal = json_literal(&answer.body);
    let status = proc_macro2::Literal::u16_unsuffixed(answer.status);
    let (reason, content_type) = (&answer.reason, &answer.content_type);
    let base_path = base_path(&case.base);
    let target = format!("{base_path}{}", case.path);
    let method = &case.method;
    let compare = (!answer.body.is_empty()).then(|| {
        quote! {
            let expected: <requests::#name as Request>::Response = json(answer);
            assert_eq!(typed, expected, "the decoded reply differs from the example response");
        }
    });
    let bind = if compare.is_some() {
        quote!(let typed =)
    } else {
        quote!(let _typed: <requests::#name as Request>::Response =)
    };
    Some(quote! {
        #doc
        #[test]
        fn loopback_exchange() {
            #sent_let
            let answer = #answer_literal;
            let server = Server::answer(#status, #reason, #content_type, answer);
            let request = #request;
            let http = request
                .into_http(&server.base(#base_path))
                .expect("the typed request builds");
            let (response, received) = exchange(server, http);
            received.assert_request(#method, #target);
            #bind requests::#name::from_http(&response).expect("the reply decodes");
            #compare
        }
    })
}

fn response_name(plan: &Plan, requests: &Requests, case: &Replay) -> String {
    let page = &requests.pages[case.page];
    let name = |i: usize| docs::code(&plan.structs[i].ident);
    match page.response {
        Response::Struct(i) => name(i),
        Response::Collection(Some(i)) => format!("`Collection` of {}", name(i)),
        Response::Collection(None) => "`Collection` of raw JSON".into(),
        Response::Json => "raw JSON".into(),
        Response::Empty => "no content".into(),
    }
}

/// The path part of a base URL: `https://graph.microsoft.com/beta` -> `/beta`.
fn base_path(base: &str) -> String {
    let Some(scheme_end) = base.find("://") else {
        return String::new();
    };
    let after = &base[scheme_end + 3..];
    after.find('/').map_or(String::new(), |i| {
        after[i..].trim_end_matches('/').to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::parse_template;

    /// Every example test of docs-input laid out as text reads as the
    /// tokens of the same test print (round trips and replays).
    #[test]
    fn example_tests_lay_out_alike_as_text_and_tokens() {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input");
        let (corpus, _) = graphdoc_parser::load(&[input]).expect("docs-input loads");
        let plan = Plan::build(&corpus).expect("docs-input plans");
        let requests = Requests::build(&plan, &corpus).expect("docs-input has requests");
        let examples = examples::collect(&plan, &corpus);
        let replays = collect(&plan, &corpus, &requests, &examples);
        let print = |tokens: TokenStream| {
            crate::render::tokens_file("t.rs", "", tokens).expect("the tokens parse")
        };
        let mut written = 0;
        for (i, case) in replays.cases.iter().enumerate() {
            let name = format!("replay_{i}");
            let text = layout::test(&requests, case, &name, &replay_doc(&requests, case));
            let tokens = print(replay_test(&requests, case, &name));
            assert_eq!(crate::render::text_rust_file("t.rs", "", &text), tokens);
            written += 1;
        }
        written += examples::text_layouts_checked(&plan, &examples);
        assert!(written > 0, "no test was written as text");
    }

    fn captures(template: &str, path: &str) -> Option<Vec<String>> {
        let (pieces, params) = parse_template(template);
        match_path(&pieces, &params, path)
    }

    #[test]
    fn paths_match_templates_segment_by_segment() {
        assert_eq!(
            captures(
                "/users/{id | userPrincipalName}/profile/skills",
                "/users/a@b.com/profile/skills"
            ),
            Some(vec!["a@b.com".to_string()])
        );
        assert_eq!(
            captures("/me/profile/skills", "/Me/Profile/Skills"),
            Some(vec![])
        );
        assert_eq!(captures("/users/{id}/x", "/users/a/b/x"), None);
        assert_eq!(
            captures(
                "/me/drive/root:/{item-path}:/children",
                "/me/drive/root:/a/b.txt:/children"
            ),
            Some(vec!["a/b.txt".to_string()])
        );
        assert_eq!(
            captures("/users/{id}/events/{id}", "/users/u1/events/e%201"),
            Some(vec!["u1".to_string(), "e%201".to_string()])
        );
    }

    #[test]
    fn placeholders_and_queries() {
        assert!(is_placeholder("{userId}"));
        assert!(is_placeholder("<id>"));
        assert!(!is_placeholder("48d31887-5fad-4d73-a9f5-3c356e68a038"));
        assert_eq!(
            query_pairs("$select=a,b&$filter=x%20eq%201&flag"),
            [
                ("$select".to_string(), "a,b".to_string()),
                ("$filter".to_string(), "x eq 1".to_string()),
                ("flag".to_string(), String::new())
            ]
        );
        assert_eq!(base_path("https://graph.microsoft.com/beta"), "/beta");
        assert_eq!(base_path(""), "");
    }
}
