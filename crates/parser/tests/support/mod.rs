//! A compact, reviewable text outline of a page model for snapshots: one line
//! per value, each with the `line:column` its span points at.
use graphdoc_model::*;
use std::fmt::Write;

fn at(span: &Span) -> String {
    format!("@{}:{}", span.line, span.column)
}

fn s(v: &Spanned<String>) -> String {
    format!("{:?} {}", v.value, at(&v.span))
}

fn ty(t: &TypeRef) -> String {
    let target = match t.target {
        TypeTarget::Primitive(_) => "primitive",
        TypeTarget::Named => "named",
        TypeTarget::Unknown => "unknown",
    };
    let mut out = format!(
        "{} ({target}{}) {}",
        t.name,
        if t.collection { ", collection" } else { "" },
        at(&t.span)
    );
    if let Some(link) = &t.link {
        let _ = write!(out, " -> {link}");
    }
    out
}

/// Renders the outline of a page.
pub fn outline(page: &Page) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "kind: {:?}, format: {:?}, version: {:?}",
        page.kind, page.format, page.api_version
    );
    if let Some(fm) = &page.front_matter {
        let _ = writeln!(o, "front matter {}", at(&fm.span));
        for e in &fm.entries {
            let _ = writeln!(o, "  {} = {}", s(&e.key), s(&e.value));
        }
    }
    for (label, v) in [
        ("title", &page.title),
        ("namespace", &page.namespace),
        ("description", &page.description),
        ("base", &page.base_type),
    ] {
        if let Some(v) = v {
            let _ = writeln!(o, "{label}: {}", s(v));
        }
    }
    let _ = writeln!(o, "headings:");
    for h in &page.headings {
        let _ = writeln!(o, "  h{} {}", h.level, s(&h.text));
    }
    for i in &page.includes {
        let _ = writeln!(o, "include [{}] {} {}", i.name, s(&i.target), at(&i.span));
    }
    for op in &page.operations {
        let params: Vec<String> = op
            .path
            .params
            .iter()
            .map(|p| format!("{{{}}} {}", p.alternatives.join("|"), at(&p.span)))
            .collect();
        let _ = writeln!(
            o,
            "operation {} {} params [{}]",
            s(&op.method),
            s(&op.path.template),
            params.join(", ")
        );
    }
    if let Some(p) = &page.permissions {
        let _ = writeln!(
            o,
            "permissions order {:?}{}",
            p.order,
            p.order_span
                .as_ref()
                .map(|s| format!(" {}", at(s)))
                .unwrap_or_default()
        );
        if let Some(i) = &p.include {
            let _ = writeln!(o, "  include {}", s(&i.target));
        }
        for r in &p.rows {
            let scopes: Vec<String> = r.scopes.iter().map(s).collect();
            let _ = writeln!(
                o,
                "  {}: [{}]{}",
                s(&r.permission_type),
                scopes.join(", "),
                if r.not_supported {
                    " not supported"
                } else {
                    ""
                }
            );
        }
    }
    for h in &page.request_headers {
        let _ = writeln!(
            o,
            "header {} = {} required {:?}",
            s(&h.name),
            s(&h.description),
            h.required
        );
    }
    for p in &page.parameters {
        let _ = writeln!(
            o,
            "parameter {:?} {} {}",
            p.kind,
            s(&p.name),
            p.type_ref.as_ref().map(ty).unwrap_or_default()
        );
    }
    if let Some(b) = &page.request_body {
        let _ = writeln!(o, "request body {}", at(&b.text.span));
        if let Some(l) = &b.type_link {
            let _ = writeln!(o, "  type link [{}]({}) {}", l.text, l.target, at(&l.span));
        }
        props(&mut o, "  property", &b.properties);
        for p in &b.parameters {
            let _ = writeln!(
                o,
                "  parameter {} {}",
                s(&p.name),
                p.type_ref.as_ref().map(ty).unwrap_or_default()
            );
        }
    }
    if let Some(r) = &page.response {
        let status = r
            .status
            .as_ref()
            .map_or("-".to_string(), |s| format!("{} {}", s.value, at(&s.span)));
        let _ = writeln!(
            o,
            "response {} status {status} collection {}",
            at(&r.text.span),
            r.collection
        );
        if let Some(l) = &r.type_link {
            let _ = writeln!(o, "  type link [{}]({}) {}", l.text, l.target, at(&l.span));
        }
    }
    props(&mut o, "property", &page.properties);
    props(&mut o, "relationship", &page.relationships);
    for e in &page.enums {
        let members: Vec<String> = e.members.iter().map(|m| m.name.value.clone()).collect();
        let _ = writeln!(o, "enum {} [{}]", s(&e.name), members.join(", "));
    }
    for m in &page.methods {
        let _ = writeln!(
            o,
            "method {} -> {}",
            s(&m.name),
            m.return_type.as_ref().map(ty).unwrap_or_default()
        );
    }
    for (i, e) in page.examples.iter().enumerate() {
        let _ = writeln!(o, "example {i} name {:?}", e.name);
        for m in e.request.iter().chain(&e.response) {
            message(&mut o, m);
        }
    }
    for p in &page.problems {
        let _ = writeln!(o, "problem {:?} {} {}", p.kind, p.message, at(&p.span));
    }
    o
}

fn props(o: &mut String, label: &str, props: &[Property]) {
    for p in props {
        let _ = writeln!(o, "{label} {}: {}", s(&p.name), ty(&p.type_ref));
        if !p.possible_values.is_empty() {
            let v: Vec<String> = p.possible_values.iter().map(s).collect();
            let _ = writeln!(o, "    possible values {}", v.join(", "));
        }
        if let Some(i) = &p.inherited_from {
            let _ = writeln!(o, "    inherited from {}", s(i));
        }
        if let Some(r) = p.required {
            let _ = writeln!(o, "    required {r}");
        }
        if p.description.value.is_empty() {
            let _ = writeln!(o, "    empty description {}", at(&p.description.span));
        }
    }
}

fn message(o: &mut String, m: &HttpMessage) {
    if let Some(a) = &m.annotation {
        let odata = a.odata_type.as_ref().map_or("-".to_string(), s);
        let _ = writeln!(
            o,
            "  annotation {} blockType {:?} name {:?} truncated {} odata {odata}",
            at(&a.span),
            a.block_type,
            a.name,
            a.truncated
        );
    }
    match &m.start {
        MessageStart::Request {
            method,
            url,
            version,
            path,
            query,
        } => {
            let version = version.as_ref().map_or("-".to_string(), s);
            let _ = writeln!(
                o,
                "  request {} {} version {version} path {path:?} query {query:?}",
                s(method),
                s(url)
            );
        }
        MessageStart::Response { status, reason } => {
            let _ = writeln!(
                o,
                "  response {} {} {reason:?}",
                status.value,
                at(&status.span)
            );
        }
    }
    for h in &m.headers {
        let _ = writeln!(o, "    header {} = {}", s(&h.name), s(&h.value));
    }
    if let Some(b) = &m.body {
        let _ = writeln!(o, "    body {} elided {}", at(&b.span), b.elided);
        if let Some(e) = &b.json_error {
            let _ = writeln!(o, "    json error {}", s(e));
        }
        if let Some(j) = &b.json {
            json(o, j, 3, None);
        }
    }
}

fn json(o: &mut String, node: &JsonNode, depth: usize, key: Option<&Spanned<String>>) {
    let pad = "  ".repeat(depth);
    let k = key
        .map(|k| format!("{:?} {} : ", k.value, at(&k.span)))
        .unwrap_or_default();
    match &node.value {
        JsonValue::Object { members, truncated } => {
            let _ = writeln!(
                o,
                "{pad}{k}object {}{}",
                at(&node.span),
                if *truncated { " truncated" } else { "" }
            );
            for m in members {
                json(o, &m.value, depth + 1, Some(&m.key));
            }
        }
        JsonValue::Array { items, truncated } => {
            let _ = writeln!(
                o,
                "{pad}{k}array {}{}",
                at(&node.span),
                if *truncated { " truncated" } else { "" }
            );
            for i in items {
                json(o, i, depth + 1, None);
            }
        }
        v => {
            let text = match v {
                JsonValue::Null => "null".to_string(),
                JsonValue::Bool(b) => b.to_string(),
                JsonValue::Number(n) => n.clone(),
                JsonValue::String(s) => format!("{s:?}"),
                _ => String::new(),
            };
            let _ = writeln!(o, "{pad}{k}{text} {}", at(&node.span));
        }
    }
}
