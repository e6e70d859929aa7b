//! The examples: JSON validity, Content-Length, and every body checked
//! against its documented type through the corpus registry.
mod echo;
mod length;

use super::values::{fits_primitive, key_names_a_type, kind_name, placeholder, timestamp};
use super::Ctx;
use crate::{Code, Diagnostic};
use graphdoc_model::{
    is_collection_type, short_type_name, HttpMessage, JsonNode, JsonValue, Page, Property, TypeDef,
    TypeKind, TypeOrigin, TypeRef, TypeTarget,
};

pub(super) fn check(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    let typed = typed_bodies(ctx, page);
    // A type whose page lost its base, seen in any example of the page (the
    // response shows `id` and `createdDateTime`, the request does not): its
    // other undocumented properties are most likely the base's too, in
    // every example here. A response is also read as its request's type:
    // a create answers with what it was sent, whatever its annotation says.
    let lost: Vec<&TypeDef> = typed
        .iter()
        .flat_map(|t| {
            let sent = t.request.and_then(|(_, ty)| ty);
            let answered = t.response.map(|(json, _)| (json, sent));
            [t.request, t.response, answered]
        })
        .flatten()
        .filter_map(|(json, ty)| {
            let ty = ty?;
            let node = first_object(json);
            let chain = ctx.corpus.type_with_ancestors(ty);
            lost_base(ty, &chain, node).then_some(ty)
        })
        .collect();
    let (response_name, _) = page.response_type();
    let first_response = page.examples.iter().position(|e| e.response.is_some());
    for (i, (example, typed)) in page.examples.iter().zip(&typed).enumerate() {
        if let Some(req) = &example.request {
            message_checks(req, out);
            if let Some((json, ty)) = typed.request {
                let walker = Walker {
                    ctx,
                    out: &mut *out,
                    lost: &lost,
                };
                walker.root(page, json, ty);
            }
        }
        if let Some(resp) = &example.response {
            message_checks(resp, out);
            // The Response section describes the first example's response;
            // later examples may show other scenarios.
            annotation_checks(
                ctx,
                page,
                resp,
                response_name.as_deref(),
                first_response == Some(i),
                out,
            );
            if let Some((json, declared)) = typed.response {
                let mut walker = Walker {
                    ctx,
                    out: &mut *out,
                    lost: &lost,
                };
                // A response is the declared type, never the request's
                // parameters (which `root` reads for an action's body).
                match typed.response_items {
                    Some(value) => walker.items(page, value, declared),
                    None => walker.object(json, declared),
                }
            }
        }
        echo::echo_check(example, out);
    }
}

/// An example's JSON bodies with the types they are checked against.
#[derive(Default)]
struct Typed<'p, 'a> {
    /// The request body and its type.
    request: Option<(&'p JsonNode, Option<&'a TypeDef>)>,
    /// The response body and its declared type.
    response: Option<(&'p JsonNode, Option<&'a TypeDef>)>,
    /// The response's items, when it is a collection (`{"value": [...]}`).
    response_items: Option<&'p JsonNode>,
}

/// The typed bodies of each example of `page`, in order.
fn typed_bodies<'p, 'a>(ctx: &Ctx<'a>, page: &'p Page) -> Vec<Typed<'p, 'a>> {
    let request_link = page
        .request_body
        .as_ref()
        .and_then(|b| b.type_link.as_ref());
    let request_name = page.request_type();
    let response_link = page.response.as_ref().and_then(|r| r.type_link.as_ref());
    let (response_name, response_collection) = page.response_type();
    let mut out = Vec::with_capacity(page.examples.len());
    for example in &page.examples {
        let mut typed = Typed::default();
        let request_json = example
            .request
            .as_ref()
            .and_then(|r| r.body.as_ref()?.json.as_ref());
        if let Some(json) = request_json {
            let ty = request_name
                .as_deref()
                .and_then(|name| prose_type(ctx, page, name, request_link, json));
            typed.request = Some((json, ty));
        }
        let resp = example.response.as_ref();
        if let Some((resp, json)) = resp.and_then(|r| Some((r, r.body.as_ref()?.json.as_ref()?))) {
            // `Collection(microsoft.graph.driveItem)` names the items.
            let annotated = resp.annotation.as_ref().and_then(|a| a.odata_type.as_ref());
            let declared = annotated
                .and_then(|t| ctx.type_named(&short_type_name(&t.value)))
                .or_else(|| {
                    let name = response_name.as_deref()?;
                    prose_type(ctx, page, name, response_link, json)
                })
                .map(|t| navigated(ctx, json, t));
            let items = response_collection
                || resp.annotation.as_ref().is_some_and(|a| a.is_collection)
                || annotated.is_some_and(|t| is_collection_type(&t.value));
            // Collections come as `{"value": [...]}`; some pages wrap a
            // single entity the same way.
            typed.response_items = json.get("value").filter(|_| {
                items || declared.is_some_and(|t| ctx.corpus.find_property(t, "value").is_none())
            });
            typed.response = Some((json, declared));
        }
        out.push(typed);
    }
    out
}

/// The type a body's `@odata.context` says it is when that context ends in
/// a navigation property of `ty` (`teamsApps('x')/appDefinitions/$entity`
/// under a `teamsApp` annotation is a `teamsAppDefinition`); else `ty`.
fn navigated<'a>(ctx: &Ctx<'a>, json: &JsonNode, ty: &'a TypeDef) -> &'a TypeDef {
    let Some(context) = json.get("@odata.context").and_then(|c| c.as_str()) else {
        return ty;
    };
    let path = context.split_once('#').map_or("", |(_, f)| f);
    let path = path.strip_suffix("/$entity").unwrap_or(path);
    let last = path.rsplit('/').next().unwrap_or_default();
    let last = last.split('(').next().unwrap_or_default();
    if last.is_empty() {
        return ty;
    }
    ctx.corpus
        .find_property(ty, last)
        .and_then(|p| ctx.type_named(&short_type_name(&p.type_ref.name)))
        .unwrap_or(ty)
}

/// The first object of a body: itself, or the first item of its `value`
/// array.
fn first_object(json: &JsonNode) -> &JsonNode {
    let body = json.get("value").unwrap_or(json);
    match &body.value {
        JsonValue::Array { items, .. } => items.first().unwrap_or(body),
        _ => body,
    }
}

/// The type a Request body or Response section's prose names: its link's
/// text, or the type its link's page defines when the two differ ("a
/// [message](../resources/chatmessage.md)") and that type fits the body as
/// well or better (no more of its keys undocumented); none when the body is
/// a resource that holds the named type in a property.
fn prose_type<'a>(
    ctx: &Ctx<'a>,
    page: &Page,
    name: &str,
    link: Option<&graphdoc_model::Link>,
    json: &JsonNode,
) -> Option<&'a TypeDef> {
    let named = ctx.type_named(name);
    let target = link
        .filter(|l| l.text.trim_matches(['*', '`']).eq_ignore_ascii_case(name))
        .and_then(|l| ctx.linked_page(page, &l.target))
        .and_then(|p| p.defined_type_name())
        .and_then(|t| ctx.type_named(&t.value));
    let body = first_object(json);
    let JsonValue::Object { members, .. } = &body.value else {
        return named.or(target);
    };
    let undocumented = |ty: &'a TypeDef| {
        let chain = ctx.corpus.type_with_ancestors(ty);
        members
            .iter()
            .filter(|m| !m.key.value.contains('@'))
            .filter(move |m| chain_property(&chain, &m.key.value).is_none())
    };
    let chosen = match (named, target) {
        // On a tie the page the writer linked wins over the label.
        (Some(n), Some(t)) if !std::ptr::eq(n, t) => {
            if undocumented(t).count() <= undocumented(n).count() {
                t
            } else {
                n
            }
        }
        (n, t) => n.or(t)?,
    };
    // "Provide each [singleValueLegacyExtendedProperty] in the
    // singleValueExtendedProperties collection of the resource instance":
    // a body holding the named type under a property of another type is
    // that type's instance (a message, an event), not the named type. Any
    // key may be the holding one: a request table can make it look like the
    // named type's own.
    let holder = undocumented(chosen).next().is_some()
        && members
            .iter()
            .any(|m| ctx.held_by_another(&m.key.value, chosen));
    (!holder).then_some(chosen)
}

/// invalid-json, content-length-mismatch, timestamp-order.
fn message_checks(msg: &HttpMessage, out: &mut Vec<Diagnostic>) {
    let Some(body) = &msg.body else { return };
    if let Some(err) = &body.json_error {
        out.push(
            Diagnostic::new(
                Code::InvalidJson,
                err.span.clone(),
                format!("example body is not JSON: {}", err.value),
            )
            .with_label("here"),
        );
    }
    length::content_length(msg, out);
    if let Some(json) = &body.json {
        timestamps(json, false, out);
    }
}

/// timestamp-order: `embedded` is an object held by a member of an object
/// that keeps its own times. Such an object is a snapshot (an item
/// attachment's message is stamped created when it is attached, after its
/// last change), so its times are not compared; its members' are.
fn timestamps(node: &JsonNode, embedded: bool, out: &mut Vec<Diagnostic>) {
    match &node.value {
        JsonValue::Object { members, .. } => {
            let created = node.get("createdDateTime");
            let modified = node.get("lastModifiedDateTime");
            if let (Some(c), Some(m), false) = (created, modified, embedded) {
                let (ct, mt) = (
                    c.as_str().and_then(timestamp),
                    m.as_str().and_then(timestamp),
                );
                if let (Some(ct), Some(mt)) = (ct, mt) {
                    if mt < ct {
                        out.push(
                            Diagnostic::new(
                                Code::TimestampOrder,
                                m.span.clone(),
                                "lastModifiedDateTime is earlier than createdDateTime in the same object",
                            )
                            .with_label("modified before created")
                            .with_note(format!("createdDateTime is {} at line {}", c.as_str().unwrap_or(""), c.span.line)),
                        );
                    }
                }
            }
            for m in members {
                timestamps(&m.value, modified.is_some(), out);
            }
        }
        JsonValue::Array { items, .. } => items.iter().for_each(|i| timestamps(i, false, out)),
        _ => {}
    }
}

/// The response annotation against the Response section and the registry:
/// odata-type-mismatch, type-name-leak, response-type-mismatch.
fn annotation_checks(
    ctx: &Ctx,
    page: &Page,
    resp: &HttpMessage,
    documented: Option<&str>,
    first: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some(odata) = resp.annotation.as_ref().and_then(|a| a.odata_type.as_ref()) else {
        return;
    };
    if odata_value(ctx, &odata.value, &odata.span, documented, out) || !first {
        return;
    }
    let Some(link) = page.response.as_ref().and_then(|r| r.type_link.as_ref()) else {
        return;
    };
    let annotated = short_type_name(&odata.value);
    let linked = link.text.trim_matches(['*', '`']);
    if !linked
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.')
    {
        return;
    }
    // Informal link text ("Range") is fine when the linked page defines the
    // annotated type (`workbookRange`).
    let target_type = ctx
        .linked_page(page, &link.target)
        .and_then(|p| p.defined_type_name());
    let same = |a: &str, b: &str| {
        a.eq_ignore_ascii_case(b)
            || a.eq_ignore_ascii_case(&format!("{b}s"))
            || b.eq_ignore_ascii_case(&format!("{a}s"))
    };
    let agrees = same(&annotated, linked)
        || target_type
            .as_ref()
            .is_some_and(|t| same(&annotated, &t.value))
        || related(ctx, &annotated, linked)
        || holds(ctx, &annotated, linked);
    if !agrees {
        out.push(
            Diagnostic::new(
                Code::ResponseTypeMismatch,
                odata.span.clone(),
                format!("the response annotation says `{annotated}` but the Response section returns `{linked}`"),
            )
            .with_label("annotated type")
            .with_note(format!("the Response section links `{linked}` at line {}", link.span.line)),
        );
    }
}

/// Whether one type derives from the other (a response of a base type may be
/// annotated with a derived type and the other way round).
fn related(ctx: &Ctx, a: &str, b: &str) -> bool {
    let chain_has = |x: &str, y: &str| {
        ctx.type_named(x)
            .is_some_and(|t| t.base_chain.iter().any(|base| base.eq_ignore_ascii_case(y)))
    };
    // "An [educationOutcome](...) that gives a numerical grade.": a derived
    // type whose page says so in prose rather than with "Inherits from".
    let described_as = |x: &str, y: &str| {
        let Some(t) = ctx.type_named(x) else {
            return false;
        };
        t.sources
            .iter()
            .filter_map(|s| ctx.pages_at(&ctx.normalized(&s.page)))
            .any(|at| {
                let i = at.last;
                ctx.corpus.pages[i].description.as_ref().is_some_and(|d| {
                    d.value
                        .split(|c: char| !c.is_ascii_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case(y))
                })
            })
    };
    chain_has(a, b)
        || chain_has(b, a)
        || described_as(a, b)
        || described_as(b, a)
        || has_all_properties_of(ctx, a, b)
        || has_all_properties_of(ctx, b, a)
}

/// Whether `a` has every property of `b`, and `b` at least two: a derived
/// type whose page says nothing of its base (`cancelMediaProcessingOperation`
/// repeats the properties of `commsOperation`).
fn has_all_properties_of(ctx: &Ctx, a: &str, b: &str) -> bool {
    let (Some(a), Some(b)) = (ctx.type_named(a), ctx.type_named(b)) else {
        return false;
    };
    b.properties.len() >= 2
        && b.properties.iter().all(|pb| {
            a.properties
                .iter()
                .any(|pa| pa.name.value.eq_ignore_ascii_case(&pb.name.value))
        })
}

/// Whether the annotated type has a property of the linked type: the
/// response is the container expanded with it ("the requested message,
/// expanded with the matching [singleValueLegacyExtendedProperty]"). The
/// other way round (the annotation names a part of the documented type) is
/// still a mismatch.
fn holds(ctx: &Ctx, annotated: &str, linked: &str) -> bool {
    ctx.type_named(annotated).is_some_and(|t| {
        t.properties
            .iter()
            .any(|p| short_type_name(&p.type_ref.name).eq_ignore_ascii_case(linked))
    })
}

/// Checks an `@odata.type` value; true when the name is settled here (a
/// finding, or a foreign type Graph does not define) and nothing else is to
/// be compared against it.
fn odata_value(
    ctx: &Ctx,
    value: &str,
    span: &graphdoc_model::Span,
    expected: Option<&str>,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let name = value.trim().trim_start_matches('#');
    // `Collection(microsoft.graph.x)` is how OData names a collection type.
    let lower = name.to_ascii_lowercase();
    let name = match (lower.starts_with("collection("), name.strip_suffix(')')) {
        (true, Some(inner)) => &inner["collection(".len()..],
        _ => name,
    };
    let (ns, short) = match name.rfind('.') {
        Some(i) => (Some(&name[..i]), &name[i + 1..]),
        None => (None, name),
    };
    if let Some(ns) = super::types::foreign_namespace(ns) {
        let graph_ns = ns.eq_ignore_ascii_case("microsoft.graph")
            || ns.to_ascii_lowercase().starts_with("microsoft.graph.");
        if graph_ns {
            let mut d = Diagnostic::new(
                Code::OdataTypeMismatch,
                span.clone(),
                format!("namespace `{ns}` is spelled `microsoft.graph` in Graph type names"),
            )
            .with_label("namespace case");
            // `#Microsoft.Graph.BuiltInUserFlowAttribute`: the name may be
            // wrong too, and fixing the namespace alone would not do.
            d = match ctx.type_named(short) {
                Some(t) if t.name != short => {
                    d.with_note(format!("the type is spelled `{}`", t.name))
                }
                Some(_) => d,
                None if ctx.defines_types => {
                    d.with_note(format!("no input page defines a type `{short}` either"))
                }
                None => d,
            };
            out.push(d);
        } else if let Some(t) = ctx.type_named(short) {
            // The registry's spelling (`itemAttachment`, not the leaked
            // `ItemAttachment`) and namespace.
            let ns = if t.namespace.is_empty() {
                "microsoft.graph"
            } else {
                t.namespace.as_str()
            };
            out.push(
                Diagnostic::new(
                    Code::TypeNameLeak,
                    span.clone(),
                    format!(
                        "`{name}` is an internal type name; the Graph type is `{ns}.{}`",
                        t.name
                    ),
                )
                .with_label("internal type name"),
            );
        }
        // A foreign name Graph defines no type for (`oneDrive.error`, the
        // service's own error payload) names no Graph type that leaked:
        // there is nothing to say it should be.
        return true;
    }
    let canonical = ctx.type_named(short).map(|t| t.name.clone()).or_else(|| {
        expected
            .filter(|e| e.eq_ignore_ascii_case(short))
            .map(str::to_string)
    });
    if let Some(canonical) = canonical {
        if canonical != short && canonical.eq_ignore_ascii_case(short) {
            out.push(
                Diagnostic::new(
                    Code::OdataTypeMismatch,
                    span.clone(),
                    format!("`{short}` differs from the documented type `{canonical}` in case"),
                )
                .with_label("type name case"),
            );
            return true;
        }
    }
    false
}

/// Walks a body against its documented type.
struct Walker<'c, 'o> {
    ctx: &'c Ctx<'c>,
    out: &'o mut Vec<Diagnostic>,
    /// Types whose pages lost their base ([`lost_base`] in some example of
    /// the page): their undocumented properties are not reported.
    lost: &'o [&'c TypeDef],
}

impl Walker<'_, '_> {
    /// A request body: an action's parameters, or an object of `ty`.
    fn root(mut self, page: &Page, json: &JsonNode, ty: Option<&TypeDef>) {
        // An action's body is its parameters, not a type.
        let params: Vec<&graphdoc_model::Parameter> = page
            .request_body
            .iter()
            .flat_map(|b| &b.parameters)
            .collect();
        if !params.is_empty() {
            if let JsonValue::Object { members, .. } = &json.value {
                for m in members {
                    match params.iter().find(|p| p.name.value == m.key.value) {
                        Some(p) => match &p.type_ref {
                            Some(t) => self.value(&m.key.value, &m.value, t, &[], None),
                            None => self.untyped(&m.key.value, &m.value),
                        },
                        None => self.untyped(&m.key.value, &m.value),
                    }
                }
            }
            return;
        }
        self.object(json, ty);
    }

    fn items(mut self, _page: &Page, value: &JsonNode, ty: Option<&TypeDef>) {
        match &value.value {
            JsonValue::Array { items, .. } => {
                for item in items {
                    match item.value {
                        JsonValue::Object { .. } => self.object(item, ty),
                        // A collection of strings (`"value": ["string-value"]`).
                        _ => self.untyped("value", item),
                    }
                }
            }
            JsonValue::Object { .. } => self.object(value, ty),
            _ => self.untyped("value", value),
        }
    }

    /// An object of type `ty` (or of the type its `@odata.type` names).
    fn object(&mut self, node: &JsonNode, ty: Option<&TypeDef>) {
        let JsonValue::Object { members, .. } = &node.value else {
            self.untyped("", node);
            return;
        };
        let mut ty = ty;
        if let Some(odata) = node.get("@odata.type") {
            if let Some(v) = odata.as_str() {
                let expected = ty.map(|t| t.name.clone());
                odata_value(self.ctx, v, &odata.span, expected.as_deref(), self.out);
                // A misspelt or leaked name reported above still says which
                // type the object is (`#Microsoft.OutlookServices.ItemAttachment`
                // is an `itemAttachment`, with its `item`).
                // A type the input does not define (a subtype whose page is
                // elsewhere, `registryKeyEvidence` under `alertEvidence`):
                // its properties cannot be told, so none is judged.
                ty = self.ctx.type_named(&short_type_name(v));
            }
        }
        // The type and its ancestors, looked up once: `find_property` for
        // every member, and the completeness of the type.
        let corpus = self.ctx.corpus;
        let chain = ty
            .map(|t| corpus.type_with_ancestors(t))
            .unwrap_or_default();
        let report_unknown = ty.is_some_and(|t| {
            complete(t, &chain)
                && !lost_base(t, &chain, node)
                && !self.lost.iter().any(|l| std::ptr::eq(*l, t))
        });
        for m in members {
            let key = m.key.value.as_str();
            // Keys are short: a plain scan beats a search call.
            if key.bytes().any(|b| b == b'@') {
                continue;
            }
            let Some(t) = ty else {
                self.untyped(key, &m.value);
                continue;
            };
            match chain_property(&chain, key) {
                Some(p) => {
                    self.value(key, &m.value, &p.type_ref, &p.possible_values, Some(p));
                }
                None => {
                    if report_unknown && !is_error_payload(key, &m.value) {
                        let mut d = Diagnostic::new(
                            Code::UnknownProperty,
                            m.key.span.clone(),
                            format!("`{key}` is not a documented property of `{}`", t.name),
                        )
                        .with_label("undocumented property");
                        if let Some(near) = near_property(&chain, key) {
                            d = d.with_note(format!("did you mean `{near}`?"));
                        }
                        // Often the example is right and the table is
                        // behind: say where the properties are listed.
                        if let Some(at) = listed_at(t) {
                            d = d.with_note(format!(
                                "`{}`'s properties are listed at {at}; if the property is real, add it there",
                                t.name
                            ));
                        }
                        self.out.push(d);
                    }
                    self.untyped(key, &m.value);
                }
            }
        }
    }

    /// A value of a documented property; `row` is the property's row, when
    /// the value is the property's own (not an item of it).
    fn value(
        &mut self,
        key: &str,
        node: &JsonNode,
        ty: &TypeRef,
        possible: &[graphdoc_model::Spanned<String>],
        row: Option<&Property>,
    ) {
        if matches!(node.value, JsonValue::Null) {
            return;
        }
        let array = matches!(node.value, JsonValue::Array { .. });
        // A page that documents one shape in its table and the other in its
        // JSON representation settles neither: the example's shape stands.
        let collection =
            if ty.collection != array && row.is_some_and(|r| shape_disputed(self.ctx, r)) {
                array
            } else {
                ty.collection
            };
        if collection {
            match &node.value {
                JsonValue::Array { items, .. } => {
                    let element = TypeRef {
                        collection: false,
                        ..ty.clone()
                    };
                    for i in items {
                        self.value(key, i, &element, possible, None);
                    }
                }
                other => {
                    let expected = format!("an array of {}", ty.name);
                    self.mismatch(key, node, &expected, other, row);
                }
            }
            return;
        }
        match ty.target {
            TypeTarget::Primitive(p) => {
                if !fits_primitive(p, &node.value) {
                    let expected = format!("a {} value", p.name());
                    self.mismatch(key, node, &expected, &node.value, row);
                } else if let JsonValue::String(s) = &node.value {
                    self.string(key, node, s, possible);
                }
            }
            TypeTarget::Named => match self.ctx.type_named(&ty.name) {
                Some(def) if def.kind == TypeKind::Enum => self.enum_value(key, node, def, row),
                Some(def) => match &node.value {
                    JsonValue::Object { .. } => self.object(node, Some(def)),
                    JsonValue::String(s) if placeholder(s).is_some() => {
                        self.placeholder(key, node, s)
                    }
                    other => {
                        let expected = format!("a {} object", def.name);
                        self.mismatch(key, node, &expected, other, row);
                    }
                },
                None => self.untyped(key, node),
            },
            TypeTarget::Unknown => self.untyped(key, node),
        }
    }

    fn string(
        &mut self,
        key: &str,
        node: &JsonNode,
        s: &str,
        possible: &[graphdoc_model::Spanned<String>],
    ) {
        if possible.iter().any(|p| p.value == s) {
            return;
        }
        if is_type_placeholder(key, s) {
            self.placeholder(key, node, s);
            return;
        }
        if !possible.is_empty() && !s.is_empty() {
            if is_name_placeholder(key, s) {
                self.placeholder(key, node, s);
                return;
            }
            let listed: Vec<&str> = possible.iter().map(|p| p.value.as_str()).collect();
            // Several values may be combined with commas (`created,updated`).
            let known = |v: &str| listed.iter().any(|l| l.eq_ignore_ascii_case(v.trim()));
            if !known(s) && !s.split(',').all(known) {
                self.out.push(
                    Diagnostic::new(
                        Code::InvalidEnumValue,
                        node.span.clone(),
                        format!("`{s}` is not a documented value of `{key}`"),
                    )
                    .with_label("not a possible value")
                    .with_note(format!("possible values: {}", listed.join(", "))),
                );
            }
        }
    }

    fn enum_value(&mut self, key: &str, node: &JsonNode, def: &TypeDef, row: Option<&Property>) {
        let JsonValue::String(s) = &node.value else {
            let expected = format!("a {} value (a string)", def.name);
            self.mismatch(key, node, &expected, &node.value, row);
            return;
        };
        if placeholder(s).is_some() || is_name_placeholder(key, s) {
            self.placeholder(key, node, s);
            return;
        }
        if def.members.is_empty() {
            return;
        }
        // Flag enums carry several members separated by commas.
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if !def
                .members
                .iter()
                .any(|m| m.name.value.eq_ignore_ascii_case(part))
            {
                let members: Vec<&str> =
                    def.members.iter().map(|m| m.name.value.as_str()).collect();
                self.out.push(
                    Diagnostic::new(
                        Code::InvalidEnumValue,
                        node.span.clone(),
                        format!("`{part}` is not a member of `{}`", def.name),
                    )
                    .with_label("not a member")
                    .with_note(format!("members: {}", members.join(", "))),
                );
            }
        }
    }

    fn placeholder(&mut self, key: &str, node: &JsonNode, s: &str) {
        let why = placeholder(s).unwrap_or("the property name as a placeholder");
        self.out.push(
            Diagnostic::new(
                Code::PlaceholderValue,
                node.span.clone(),
                if key.is_empty() {
                    format!("`\"{s}\"` is {why}, not an example value")
                } else {
                    format!("`\"{s}\"` for `{key}` is {why}, not an example value")
                },
            )
            .with_label("placeholder"),
        );
    }

    /// A value of the wrong JSON type; `row` is the property's row, when
    /// the value is the property's own.
    fn mismatch(
        &mut self,
        key: &str,
        node: &JsonNode,
        expected: &str,
        found: &JsonValue,
        row: Option<&Property>,
    ) {
        let found_text = match found {
            JsonValue::String(s) if placeholder(s).is_some() => {
                format!("the placeholder string `\"{s}\"`")
            }
            other => kind_name(other).to_string(),
        };
        let mut d = Diagnostic::new(
            Code::ExampleTypeMismatch,
            node.span.clone(),
            format!("`{key}` should be {expected}, found {found_text}"),
        )
        .with_label("wrong JSON type");
        // The table can be the side that is wrong (a relationship that is
        // a collection in every example but not in its row): name the row.
        if let Some(row) = row {
            d = d.with_note(format!(
                "`{key}` is documented as `{}` at {}:{}",
                row.type_ref.raw, row.span.file, row.span.line
            ));
        }
        self.out.push(d);
    }

    /// A value with no documented type: only placeholders can be told.
    fn untyped(&mut self, key: &str, node: &JsonNode) {
        match &node.value {
            JsonValue::String(s) if is_type_placeholder(key, s) => self.placeholder(key, node, s),
            JsonValue::Object { .. } => self.object(node, None),
            JsonValue::Array { items, .. } => items.iter().for_each(|i| self.untyped(key, i)),
            _ => {}
        }
    }
}

/// Where a type's resource page lists its properties: the page, at the
/// first row of its table there when the registry has one.
fn listed_at(t: &TypeDef) -> Option<String> {
    let source = t
        .sources
        .iter()
        .find(|s| s.origin == TypeOrigin::ResourcePage)?;
    let row = t
        .properties
        .iter()
        .filter(|p| *p.span.file == *source.page)
        .map(|p| p.span.line)
        .min();
    Some(match row {
        Some(line) => format!("{}:{line}", source.page),
        None => source.page.clone(),
    })
}

/// An OData error object (`"error": {"code": ..., "message": ...}`): a
/// multi-status item's failure, not a property of the item's type.
fn is_error_payload(key: &str, value: &JsonNode) -> bool {
    key == "error" && value.get("code").is_some() && value.get("message").is_some()
}

/// Whether the page that documents `row` gives it the other collection-ness
/// in its own JSON representation (`availability`: "String collection" in
/// the table, `"availability": "string"` below it).
fn shape_disputed(ctx: &Ctx, row: &Property) -> bool {
    let Some(at) = ctx.pages_at(&ctx.normalized(&row.span.file)) else {
        return false;
    };
    let shown = ctx.corpus.pages[at.first..=at.last]
        .iter()
        .filter(|p| *p.path == *row.span.file)
        .filter_map(|p| p.json_representation.as_ref()?.json.as_ref())
        .find_map(|json| json.get(&row.name.value));
    match shown.map(|n| &n.value) {
        None | Some(JsonValue::Null) => false,
        Some(JsonValue::Array { .. }) => !row.type_ref.collection,
        Some(_) => row.type_ref.collection,
    }
}

/// A type-name placeholder for a free value of `key`: `"String"` is one,
/// unless the key names a type (`"type": "String"`); `"date-value"` for
/// `date` is the `<key>-value` convention, like `"id-value"` for `id`.
fn is_type_placeholder(key: &str, s: &str) -> bool {
    placeholder(s).is_some() && !key_names_a_type(key) && !is_name_placeholder(key, s)
}

/// `"visibility": "visibility-value"`: the generated stand-in for a value.
/// Reported only where it breaks the documented type (an enum or a listed set
/// of values); in a free-text String it is still a string.
fn is_name_placeholder(key: &str, s: &str) -> bool {
    // Also in words: `"Activity Operation Type value"` for
    // `activityOperationType`.
    let Some(named) = s
        .strip_suffix("-value")
        .or_else(|| s.strip_suffix(" value"))
    else {
        return false;
    };
    named
        .bytes()
        .filter(|&b| b != b' ')
        .map(|b| b.to_ascii_lowercase())
        .eq(key.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Properties every Graph entity or resource base carries.
const INHERITED: [&str; 6] = [
    "id",
    "createdDateTime",
    "lastModifiedDateTime",
    "createdBy",
    "lastModifiedBy",
    "deletedDateTime",
];

/// A type whose page names no base while the example shows the properties
/// of one (`id`, `createdBy`, ...): its docs lost the base, and its other
/// "unknown" properties are most likely the base's too.
/// `chain` is `t` with its ancestors ([`graphdoc_model::Corpus::type_with_ancestors`]).
fn lost_base(t: &TypeDef, chain: &[&TypeDef], node: &JsonNode) -> bool {
    t.base.is_none()
        && !t.name.eq_ignore_ascii_case("entity")
        && INHERITED
            .iter()
            .any(|k| node.get(k).is_some() && chain_property(chain, k).is_none())
}

/// `key`'s row on the first type of `chain` (a type and its ancestors, from
/// [`graphdoc_model::Corpus::type_with_ancestors`]) that has one:
/// `find_property` over a chain looked up once.
fn chain_property<'a>(chain: &[&'a TypeDef], key: &str) -> Option<&'a Property> {
    chain
        .iter()
        .find_map(|t| t.properties.iter().find(|p| p.name.value == key))
}

/// A documented property of `chain` that `key` most likely misspells: the
/// same name in another case (`Type`), the one name that extends it
/// (`displayDevice`, `displayDeviceName`), or the one name within two edits
/// of a key of five letters or more.
fn near_property<'a>(chain: &[&'a TypeDef], key: &str) -> Option<&'a str> {
    let names = || {
        chain
            .iter()
            .flat_map(|t| &t.properties)
            .map(|p| p.name.value.as_str())
    };
    if let Some(same) = names().find(|n| n.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    let only = |mut found: Vec<&'a str>| {
        found.sort_unstable();
        found.dedup();
        (found.len() == 1).then(|| found[0])
    };
    let lower = key.to_ascii_lowercase();
    if key.len() >= 4 {
        let extends = |n: &str| n.len() > key.len() && super::starts_with_ci(n, &lower);
        if let Some(n) = only(names().filter(|n| extends(n)).collect()) {
            return Some(n);
        }
    }
    if key.len() >= 5 {
        // A key that adds to a name (`teamsAppId`, `teamsApp`) is another
        // property, not a slip.
        let close = |n: &str| {
            let n = n.to_ascii_lowercase();
            !lower.starts_with(&n) && strsim::levenshtein(&n, &lower) <= 2
        };
        return only(names().filter(|n| close(n)).collect());
    }
    None
}

/// Whether a type's properties are fully documented, so that an
/// undocumented property is a finding: the type and every ancestor have a
/// resource page (request-body tables list only what can be set), none is
/// open, and the chain ends at `entity` or at a complex type. An entity
/// type whose page names no base has lost its inherited properties, not
/// gained undocumented ones. `chain` is `t` with its ancestors.
fn complete(t: &TypeDef, chain: &[&TypeDef]) -> bool {
    let documented = |t: &TypeDef| {
        t.sources
            .iter()
            .any(|s| s.origin == TypeOrigin::ResourcePage)
            && !t.open
    };
    // A page that documents no properties ("None.") describes a bag of
    // dynamic values.
    if t.properties.is_empty() {
        return false;
    }
    if chain.len() != t.base_chain.len() + 1 || !chain.iter().all(|a| documented(a)) {
        return false;
    }
    chain.last().is_some_and(|root| {
        root.name.eq_ignore_ascii_case("entity") || root.kind == TypeKind::Complex
    })
}

#[cfg(test)]
mod tests {
    use super::super::paths::testing::{corpus, found, run};
    use super::{check, is_name_placeholder};

    #[test]
    fn a_value_named_after_its_key_is_a_stand_in() {
        assert!(is_name_placeholder("visibility", "visibility-value"));
        assert!(is_name_placeholder(
            "activityOperationType",
            "Activity Operation Type value"
        ));
        assert!(is_name_placeholder("category", "Category value"));
        assert!(!is_name_placeholder("category", "Category"));
        assert!(!is_name_placeholder("category", "Main category value"));
        assert!(!is_name_placeholder("type", "Type values"));
    }

    /// A resource page: a properties table and a JSON representation.
    fn resource(name: &str, rows: &str, json: &str) -> String {
        format!(
            "# {name} resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\n## Properties\n\n\
             |Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\n## JSON representation\n\n\
             <!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
             ```json\n{json}\n```\n"
        )
    }

    /// An API page that gets a `name` and answers with `body`.
    fn get(name: &str, body: &str) -> String {
        format!(
            "# Get {name}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n\
             <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /things/{{id}}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
             [{name}](../resources/{name}.md) object in the response body.\n\n## Example\n\n\
             ### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get\" }} -->\n\
             ```http\nGET https://graph.microsoft.com/v1.0/things/1\n```\n\n### Response\n\n\
             <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
             ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
        )
    }

    /// An API page that creates a `name` from `sent` and answers `back`.
    fn create(name: &str, sent: &str, back: &str) -> String {
        format!(
            "# Create {name}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n\
             <!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nPOST /things\n```\n\n\
             ## Request body\n\nIn the request body, supply a JSON representation of a \
             [{name}](../resources/{name}.md) object.\n\n\
             ## Response\n\nIf successful, this method returns a `201 Created` response code and a \
             [{name}](../resources/{name}.md) object in the response body.\n\n## Example\n\n\
             ### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"create\" }} -->\n\
             ```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-type: application/json\n\n{sent}\n```\n\n\
             ### Response\n\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.{name}\" }} -->\n\
             ```http\nHTTP/1.1 201 Created\nContent-type: application/json\n\n{back}\n```\n"
        )
    }

    fn findings(pages: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let c = corpus(pages);
        found(&c, &run(&c, check))
    }

    /// The findings of one code.
    fn findings_of(code: &str, pages: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let mut all = findings(pages);
        all.retain(|(c, _)| *c == code);
        all
    }

    /// A `site` page with one property, `name`.
    fn site() -> String {
        resource(
            "site",
            "|name|String|The name.|",
            "{\n  \"name\": \"string\"\n}",
        )
    }

    #[test]
    fn a_leaked_name_is_told_the_registry_spelling() {
        let attachment = resource(
            "itemAttachment",
            "|name|String|The name.|",
            "{\n  \"name\": \"string\"\n}",
        );
        let api = get(
            "itemAttachment",
            "{\n  \"@odata.type\": \"#Microsoft.OutlookServices.ItemAttachment\",\n  \"name\": \"a\"\n}",
        );
        let c = corpus(&[
            ("resources/itemattachment.md", &attachment),
            ("api/get.md", &api),
        ]);
        let diags = run(&c, check);
        let leaks: Vec<&str> = diags
            .iter()
            .filter(|d| d.code.name() == "type-name-leak")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            leaks,
            vec!["`Microsoft.OutlookServices.ItemAttachment` is an internal type name; the Graph type is `microsoft.graph.itemAttachment`"]
        );
    }

    #[test]
    fn a_leaked_name_still_says_which_type_the_object_is() {
        let attachment = resource(
            "attachment",
            "|name|String|The name.|",
            "{\n  \"name\": \"string\"\n}",
        );
        let item = resource(
            "itemAttachment",
            "|name|String|The name.|\n|item|String|The item.|",
            "{\n  \"name\": \"string\",\n  \"item\": \"string\"\n}",
        );
        let api = get(
            "attachment",
            "{\n  \"@odata.type\": \"#Microsoft.OutlookServices.ItemAttachment\",\n  \"item\": \"a\"\n}",
        );
        let unknown: Vec<_> = findings_of(
            "unknown-property",
            &[
                ("resources/attachment.md", &attachment),
                ("resources/itemattachment.md", &item),
                ("api/get.md", &api),
            ],
        );
        assert_eq!(unknown, vec![]);
    }

    #[test]
    fn an_embedded_snapshot_keeps_its_own_times() {
        let times = |c: &str, m: &str| {
            format!("\"createdDateTime\": \"2017-07-21T00:{c}Z\", \"lastModifiedDateTime\": \"2017-07-21T00:{m}Z\"")
        };
        let body = format!(
            "{{\n  {},\n  \"item\": {{ {} }},\n  \"items\": [ {{ {} }} ]\n}}",
            times("20:00", "20:34"),
            times("20:41", "20:34"),
            times("20:41", "20:34")
        );
        let site = site();
        let api = get("site", &body);
        let order = findings_of(
            "timestamp-order",
            &[("resources/site.md", &site), ("api/get.md", &api)],
        );
        // The attached item is a snapshot; an item of a list is not.
        assert_eq!(order.len(), 1);
        let outer = get("site", &format!("{{ {} }}", times("20:41", "20:34")));
        let order = findings_of(
            "timestamp-order",
            &[("resources/site.md", &site), ("api/get.md", &outer)],
        );
        assert_eq!(order.len(), 1);
    }

    #[test]
    fn an_undocumented_property_names_the_one_it_misspells() {
        let room = resource(
            "room",
            "|type|String|A.|\n|displayDeviceName|String|B.|\n|geoCoordinates|String|C.|\n|teamsApp|String|D.|\n|emailAddress|String|E.|\n|displayName|String|F.|",
            "{\n  \"type\": \"string\"\n}",
        );
        let body = "{\n  \"Type\": \"a\",\n  \"displayDevice\": \"a\",\n  \"geoCordinates\": \"a\",\n  \"teamsAppId\": \"a\",\n  \"display\": \"a\",\n  \"other\": \"a\"\n}";
        let api = get("room", body);
        let c = corpus(&[("resources/room.md", &room), ("api/get.md", &api)]);
        let diags = run(&c, check);
        let guesses: Vec<Option<&str>> = diags
            .iter()
            .filter(|d| d.code.name() == "unknown-property")
            .map(|d| {
                d.notes
                    .first()
                    .and_then(|n| n.strip_prefix("did you mean "))
            })
            .collect();
        // `display` starts two names; `teamsAppId` adds to `teamsApp`.
        assert_eq!(
            guesses,
            vec![
                Some("`type`?"),
                Some("`displayDeviceName`?"),
                Some("`geoCoordinates`?"),
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn an_object_of_a_type_the_input_lacks_is_not_judged() {
        let site = site();
        let api = get(
            "site",
            "{\n  \"@odata.type\": \"#microsoft.graph.subSite\",\n  \"name\": \"a\",\n  \"hive\": \"b\"\n}",
        );
        let pages = [("resources/site.md", site.as_str()), ("api/get.md", &api)];
        assert_eq!(findings_of("unknown-property", &pages), vec![]);
        // Without the annotation the object is a site, and `hive` unknown.
        let plain = api.replace("\"@odata.type\": \"#microsoft.graph.subSite\",\n  ", "");
        let pages = [("resources/site.md", site.as_str()), ("api/get.md", &plain)];
        assert_eq!(
            findings_of("unknown-property", &pages),
            vec![("unknown-property", "\"hive\"".to_string())]
        );
    }

    #[test]
    fn an_error_object_is_not_an_undocumented_property() {
        let site = site();
        let api = get(
            "site",
            "{\n  \"name\": \"a\",\n  \"error\": {\n    \"code\": \"x\",\n    \"message\": \"y\"\n  },\n  \"extra\": 1\n}",
        );
        let unknown: Vec<_> = findings_of(
            "unknown-property",
            &[("resources/site.md", &site), ("api/get.md", &api)],
        );
        assert_eq!(unknown, vec![("unknown-property", "\"extra\"".to_string())]);
    }

    #[test]
    fn a_response_is_its_type_not_the_request_parameters() {
        let policy = resource(
            "policy",
            "|isEnabled|Boolean|Whether it is on.|",
            "{\n  \"isEnabled\": true\n}",
        );
        // The request-body table says String (wrongly); the response is a
        // policy, whose isEnabled is Boolean.
        let api = create("policy", "{\n  \"isEnabled\": \"true\"\n}", "{\n  \"isEnabled\": true\n}")
            .replace(
                "In the request body, supply a JSON representation of a [policy](../resources/policy.md) object.",
                "|Parameter|Type|Description|\n|:---|:---|:---|\n|isEnabled|String|Whether it is on.|",
            );
        assert_eq!(
            findings_of(
                "example-type-mismatch",
                &[("resources/policy.md", &policy), ("api/create.md", &api)]
            ),
            vec![]
        );
    }

    #[test]
    fn a_body_holding_the_named_type_is_its_holder() {
        let prop = resource(
            "extProp",
            "|id|String|The id.|\n|value|String|The value.|",
            "{\n  \"id\": \"string\"\n}",
        );
        let event = resource(
            "event",
            "|subject|String|The subject.|\n|extProps|[extProp](extprop.md) collection|Extended properties.|",
            "{\n  \"subject\": \"string\"\n}",
        );
        let sent =
            "{\n  \"subject\": \"Party\",\n  \"extProps\": [{\"id\": \"a\", \"value\": \"b\"}]\n}";
        let api = create("extProp", sent, "{\n  \"id\": \"a\"\n}");
        let pages = [
            ("resources/extprop.md", prop.as_str()),
            ("resources/event.md", event.as_str()),
            ("api/create.md", api.as_str()),
        ];
        assert_eq!(findings_of("unknown-property", &pages), vec![]);
        // Without a type that holds it, `subject` is not an extProp's.
        assert_eq!(
            findings_of("unknown-property", &[pages[0], pages[2]]),
            vec![
                ("unknown-property", "\"subject\"".to_string()),
                ("unknown-property", "\"extProps\"".to_string())
            ]
        );
    }

    #[test]
    fn a_miscased_namespace_says_whether_the_name_is_right() {
        let notes = |odata: &str| {
            let api = get(
                "site",
                &format!("{{\n  \"@odata.type\": \"{odata}\",\n  \"name\": \"a\"\n}}"),
            );
            let c = corpus(&[("resources/site.md", &site()), ("api/get.md", &api)]);
            let diags = run(&c, check);
            diags
                .iter()
                .filter(|d| d.code.name() == "odata-type-mismatch")
                .map(|d| d.notes.join("; "))
                .collect::<Vec<_>>()
        };
        assert_eq!(notes("#Microsoft.Graph.site"), vec![String::new()]);
        assert_eq!(
            notes("#Microsoft.Graph.Site"),
            vec!["the type is spelled `site`"]
        );
        assert_eq!(
            notes("#Microsoft.Graph.Sight"),
            vec!["no input page defines a type `Sight` either"]
        );
    }

    #[test]
    fn a_type_that_lost_its_base_anywhere_on_the_page_is_not_judged() {
        let shift = resource(
            "shiftRequest",
            "|openShiftId|String|The shift.|",
            "{\n  \"openShiftId\": \"string\"\n}",
        );
        let sent = "{\n  \"senderMessage\": \"Can I?\",\n  \"openShiftId\": \"a\"\n}";
        // The response shows the lost base's `id` and `createdDateTime`.
        let back = "{\n  \"id\": \"1\",\n  \"createdDateTime\": \"2019-03-14T04:32:51Z\",\n  \"senderMessage\": \"Can I?\",\n  \"openShiftId\": \"a\"\n}";
        let pages = |back: &str| {
            let api = create("shiftRequest", sent, back);
            findings_of(
                "unknown-property",
                &[
                    ("resources/shiftrequest.md", &shift),
                    ("api/create.md", &api),
                ],
            )
        };
        assert_eq!(pages(back), vec![]);
        // Also when the response is annotated as another type: a create
        // answers with what it was sent.
        let api = create("shiftRequest", sent, back).replace(
            "\"@odata.type\": \"microsoft.graph.shiftRequest\"",
            "\"@odata.type\": \"microsoft.graph.otherRequest\"",
        );
        let other = resource(
            "otherRequest",
            "|recipientShiftId|String|The shift.|",
            "{\n  \"recipientShiftId\": \"string\"\n}",
        );
        assert!(api.contains("otherRequest"));
        let found = findings_of(
            "unknown-property",
            &[
                ("resources/shiftrequest.md", &shift),
                ("resources/otherrequest.md", &other),
                ("api/create.md", &api),
            ],
        );
        // The request's shiftRequest lost its base, as the response shows,
        // though the response is annotated as an otherRequest.
        assert_eq!(found, vec![]);
        let plain = "{\n  \"senderMessage\": \"Can I?\",\n  \"openShiftId\": \"a\"\n}";
        let unknown = ("unknown-property", "\"senderMessage\"".to_string());
        assert_eq!(pages(plain), vec![unknown.clone(), unknown]);
    }

    #[test]
    fn a_context_naming_a_navigation_property_names_the_body_type() {
        let app = resource(
            "teamsApp",
            "|displayName|String|The name.|\n|appDefinitions|[teamsAppDefinition](teamsappdefinition.md) collection|Its definitions.|",
            "{\n  \"displayName\": \"string\"\n}",
        );
        let definition = resource(
            "teamsAppDefinition",
            "|version|String|The version.|",
            "{\n  \"version\": \"string\"\n}",
        );
        let body = |context: &str| {
            format!("{{\n  \"@odata.context\": \"{context}\",\n  \"version\": \"1.0\"\n}}")
        };
        let unknown = |context: &str| {
            let api = get("teamsApp", &body(context));
            findings_of(
                "unknown-property",
                &[
                    ("resources/teamsapp.md", &app),
                    ("resources/teamsappdefinition.md", &definition),
                    ("api/get.md", &api),
                ],
            )
        };
        let base = "https://graph.microsoft.com/v1.0/$metadata#appCatalogs/teamsApps('a')";
        assert_eq!(unknown(&format!("{base}/appDefinitions/$entity")), vec![]);
        assert_eq!(
            unknown(&format!("{base}/$entity")),
            vec![("unknown-property", "\"version\"".to_string())]
        );
    }

    #[test]
    fn a_key_value_placeholder_is_not_a_type_name() {
        let api = get(
            "site",
            "{\n  \"name\": \"a\",\n  \"error\": {\n    \"code\": \"x\",\n    \"message\": \"y\",\n    \"innerError\": {\n      \"date\": \"date-value\",\n      \"when\": \"date-value\"\n    }\n  }\n}",
        );
        assert_eq!(
            findings_of(
                "placeholder-value",
                &[("resources/site.md", &site()), ("api/get.md", &api)]
            ),
            vec![("placeholder-value", "\"date-value\"".to_string())]
        );
    }

    #[test]
    fn a_foreign_type_graph_does_not_define_is_no_leak() {
        let site = site();
        let api = get(
            "site",
            "{\n  \"name\": \"a\",\n  \"error\": {\n    \"@odata.type\": \"#oneDrive.error\",\n    \"code\": \"x\"\n  }\n}",
        );
        let leaks: Vec<_> = findings_of(
            "type-name-leak",
            &[("resources/site.md", &site), ("api/get.md", &api)],
        );
        assert_eq!(leaks, vec![]);
    }

    #[test]
    fn a_table_and_representation_that_disagree_leave_the_shape_to_the_example() {
        let rows = "|availability|String collection|Base presence.|\n|tags|String|Tags.|\n|codes|String collection|Codes.|";
        let json = "{\n  \"availability\": \"string\",\n  \"tags\": [\"string\"],\n  \"codes\": [\"string\"]\n}";
        let presence = resource("presence", rows, json);
        let one = get(
            "presence",
            "{\n  \"availability\": \"Available\",\n  \"tags\": [\"a\"],\n  \"codes\": \"c\"\n}",
        );
        let many = get(
            "presence",
            "{\n  \"availability\": [\"Available\"],\n  \"tags\": \"a\",\n  \"codes\": [1]\n}",
        );
        let pages = [
            ("resources/presence.md", presence.as_str()),
            ("api/one.md", one.as_str()),
            ("api/many.md", many.as_str()),
        ];
        // Only `codes`, whose table and representation agree, is judged:
        // a string where both say collection, a number among its strings.
        let mismatches: Vec<_> = findings(&pages)
            .into_iter()
            .filter(|(code, _)| *code == "example-type-mismatch")
            .collect();
        assert_eq!(
            mismatches,
            vec![
                ("example-type-mismatch", "\"c\"".to_string()),
                ("example-type-mismatch", "1".to_string()),
            ]
        );
    }

    #[test]
    fn a_string_for_a_boolean_is_a_type_finding_at_the_request_not_an_echo() {
        let thing = resource(
            "thing",
            "|distribute|Boolean|Whether.|",
            "{\n  \"distribute\": true\n}",
        );
        let api = create(
            "thing",
            "{\n  \"distribute\": \"false\"\n}",
            "{\n  \"distribute\": false\n}",
        );
        assert_eq!(
            findings(&[("resources/thing.md", &thing), ("api/create.md", &api)]),
            vec![("example-type-mismatch", "\"false\"".to_string())]
        );
    }
}
