//! Cross-page resolution: one type registry for all pages.
use graphdoc_model::{
    type_key, Corpus, EnumMember, JsonNode, JsonValue, Page, PageKind, Property, Span, Spanned,
    TypeDef, TypeKind, TypeOrigin, TypeRef, TypeSource, TypeTarget,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Builds the corpus from parsed pages (in walk order): every type described
/// anywhere, merged by name, with base-type chains resolved.
pub fn resolve(pages: Vec<Page>) -> Corpus {
    // Pages are independent here: collect each in parallel, keep walk order.
    let found: Vec<Vec<TypeDef>> = pages
        .par_iter()
        .map(|page| {
            let mut out = Vec::new();
            collect(page, &mut out);
            out
        })
        .collect();
    // Group by name, sources of higher precedence first (stable: walk order
    // within one kind of source), then merge each group. Keys are computed
    // once per type.
    let mut found: Vec<(String, Option<TypeOrigin>, TypeDef)> = found
        .into_iter()
        .flatten()
        .map(|t| (type_key(&t.name), t.sources.first().map(|s| s.origin), t))
        .collect();
    found.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut groups: Vec<(String, Vec<TypeDef>)> = Vec::new();
    for (key, _, t) in found {
        match groups.last_mut() {
            Some((k, g)) if *k == key => g.push(t),
            _ => groups.push((key, vec![t])),
        }
    }
    let mut types: Vec<TypeDef> = groups
        .into_par_iter()
        .filter_map(|(_, g)| merge_group(g))
        .collect();
    let index: FxHashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (type_key(&t.name), i))
        .collect();
    let chains: Vec<Vec<String>> = types
        .par_iter()
        .map(|t| base_chain(t, &types, &index))
        .collect();
    for (t, chain) in types.iter_mut().zip(chains) {
        t.base_chain = chain;
    }
    let kinds: Vec<TypeKind> = types
        .par_iter()
        .map(|t| kind_of(t, &types, &index))
        .collect();
    for (t, kind) in types.iter_mut().zip(kinds) {
        t.kind = kind;
    }
    Corpus {
        pages,
        types,
        index,
    }
}

/// The type a resource page describes (see [`Page::defined_type_name`]).
pub fn resource_type_name(page: &Page) -> Option<Spanned<String>> {
    page.defined_type_name()
}

fn namespace_of(page: &Page) -> String {
    page.namespace
        .as_ref()
        .map_or_else(|| "microsoft.graph".to_string(), |n| n.value.clone())
}

fn new_type(name: &Spanned<String>, page: &Page, origin: TypeOrigin, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.value.clone(),
        namespace: namespace_of(page),
        kind,
        base: None,
        base_chain: Vec::new(),
        properties: Vec::new(),
        members: Vec::new(),
        open: false,
        key: None,
        sources: vec![TypeSource {
            page: page.path.clone(),
            origin,
            span: name.span.clone(),
        }],
    }
}

fn collect(page: &Page, out: &mut Vec<TypeDef>) {
    match page.kind {
        PageKind::Resource => {
            if let Some(name) = resource_type_name(page) {
                let mut t = new_type(&name, page, TypeOrigin::ResourcePage, TypeKind::Complex);
                t.base = page
                    .base_type
                    .as_ref()
                    .map(|b| graphdoc_model::short_type_name(&b.value));
                t.properties = dedup_cloned(page.properties.iter().chain(&page.relationships));
                // "This is an open type" in the description says it too.
                t.open = page
                    .description
                    .as_ref()
                    .is_some_and(|d| d.value.to_ascii_lowercase().contains("open type"));
                if let Some(repr) = &page.json_representation {
                    t.open |= repr.annotation.as_ref().is_some_and(|a| a.open_type);
                    t.key = repr
                        .annotation
                        .as_ref()
                        .and_then(|a| a.key_property.clone());
                    if let Some(json) = &repr.json {
                        let documented = std::mem::take(&mut t.properties);
                        t.properties = dedup(
                            documented
                                .into_iter()
                                .chain(representation_properties(json)),
                        );
                    }
                }
                if !t.properties.is_empty() || t.base.is_some() || page.enums.is_empty() {
                    inherited_bases(&mut t, page, out);
                    out.push(t);
                }
            }
        }
        PageKind::Enum => {}
        PageKind::Api => {
            if let Some(body) = &page.request_body {
                if let (Some(link), false) = (&body.type_link, body.properties.is_empty()) {
                    let name = Spanned::new(
                        link.text.trim_matches(['*', '`']).to_string(),
                        link.span.clone(),
                    );
                    let mut t = new_type(&name, page, TypeOrigin::RequestBody, TypeKind::Complex);
                    t.properties = dedup_cloned(body.properties.iter());
                    inherited_bases(&mut t, page, out);
                    out.push(t);
                }
            }
        }
        PageKind::Conceptual => {}
    }
    for e in &page.enums {
        if e.name.value.is_empty() {
            continue;
        }
        let origin = if page.kind == PageKind::Enum {
            TypeOrigin::EnumPage
        } else {
            TypeOrigin::EnumSection
        };
        let mut t = new_type(&e.name, page, origin, TypeKind::Enum);
        t.members = e.members.clone();
        out.push(t);
    }
    // A property typed with a named type and listing its possible values
    // describes that enum, when no page defines it better.
    let rows = page
        .properties
        .iter()
        .chain(page.request_body.iter().flat_map(|b| &b.properties));
    for p in rows {
        if p.type_ref.target == TypeTarget::Named && !p.possible_values.is_empty() {
            let name = Spanned::new(p.type_ref.name.clone(), p.type_ref.span.clone());
            let mut t = new_type(&name, page, TypeOrigin::PossibleValues, TypeKind::Enum);
            t.members = p
                .possible_values
                .iter()
                .map(|v| EnumMember {
                    name: v.clone(),
                    value: None,
                    description: None,
                })
                .collect();
            out.push(t);
        }
    }
}

/// Properties marked "Inherited from [x]" describe the base types: the type
/// gets the most-cited one as its base when its page names none, and each
/// cited type is described by the properties it gave (merged below any page
/// that describes it fully). Graph types inherit singly, so the cited types
/// form one chain: the more properties a type gave, the more specific it is,
/// and `entity` is always the root.
fn inherited_bases(t: &mut TypeDef, page: &Page, out: &mut Vec<TypeDef>) {
    // (key, first citation, properties), keys computed once.
    let own_key = type_key(&t.name);
    let mut keyed: Vec<(String, Spanned<String>, Vec<Property>)> = Vec::new();
    for p in &t.properties {
        let Some(from) = &p.inherited_from else {
            continue;
        };
        if !looks_like_type_name(&from.value) {
            continue;
        }
        let key = type_key(&from.value);
        if key == own_key {
            continue;
        }
        match keyed.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, props)) => props.push(p.clone()),
            None => keyed.push((key, from.clone(), vec![p.clone()])),
        }
    }
    keyed.sort_by_key(|(key, _, props)| (key == "entity", std::cmp::Reverse(props.len())));
    if t.base.is_none() {
        t.base = keyed.first().map(|(_, n, _)| n.value.clone());
    }
    // Each cited type's base is the next one cited.
    let next_names: Vec<Option<String>> = (0..keyed.len())
        .map(|i| keyed.get(i + 1).map(|(_, n, _)| n.value.clone()))
        .collect();
    for ((_, name, props), next) in keyed.into_iter().zip(next_names) {
        let mut base = new_type(
            &name,
            page,
            TypeOrigin::InheritedProperties,
            TypeKind::Complex,
        );
        base.properties = props;
        base.base = next;
        out.push(base);
    }
}

fn looks_like_type_name(s: &str) -> bool {
    let stop = ["the", "a", "an", "its", "parent", "base", "this", "that"];
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !stop.contains(&s.to_ascii_lowercase().as_str())
}

/// The first row of each property name, in order (linear: tables may be huge).
fn dedup(props: impl Iterator<Item = Property>) -> Vec<Property> {
    let mut seen = std::collections::HashSet::new();
    props
        .filter(|p| seen.insert(p.name.value.clone()))
        .collect()
}

/// [`dedup`] of borrowed rows: only the rows kept are cloned.
fn dedup_cloned<'p>(props: impl Iterator<Item = &'p Property>) -> Vec<Property> {
    let mut seen = std::collections::HashSet::new();
    props
        .filter(|p| seen.insert(p.name.value.as_str()))
        .cloned()
        .collect()
}

/// Properties of a JSON representation block: `"name": "String"` placeholders
/// and `{"@odata.type": "microsoft.graph.x"}` objects give the type.
fn representation_properties(json: &JsonNode) -> Vec<Property> {
    let JsonValue::Object { members, .. } = &json.value else {
        return Vec::new();
    };
    members
        .iter()
        .filter(|m| !m.key.value.contains('@'))
        .map(|m| {
            let (name, collection) = placeholder_type(&m.value);
            let target = match crate::typeref::primitive(&name) {
                Some(p) => TypeTarget::Primitive(p),
                None if name.is_empty() => TypeTarget::Unknown,
                None => TypeTarget::Named,
            };
            let name = match target {
                TypeTarget::Primitive(p) => p.name().to_string(),
                _ => name,
            };
            Property {
                name: m.key.clone(),
                type_ref: TypeRef {
                    raw: name.clone(),
                    name,
                    target,
                    collection,
                    namespace: None,
                    link: None,
                    span: m.value.span.clone(),
                },
                description: Spanned::new(String::new(), m.value.span.clone()),
                possible_values: Vec::new(),
                inherited_from: None,
                required: None,
                span: span_of(m.key.span.clone(), &m.value.span),
            }
        })
        .collect()
}

fn span_of(mut a: Span, b: &Span) -> Span {
    a.end = a.end.max(b.end);
    a
}

fn placeholder_type(node: &JsonNode) -> (String, bool) {
    match &node.value {
        JsonValue::String(s) => {
            let word = s.split([' ', '(']).next().unwrap_or("");
            (word.to_string(), false)
        }
        JsonValue::Bool(_) => ("Boolean".into(), false),
        JsonValue::Number(n) if n.contains(['.', 'e', 'E']) => ("Double".into(), false),
        JsonValue::Number(_) => ("Int32".into(), false),
        JsonValue::Object { .. } => (
            node.get("@odata.type")
                .and_then(JsonNode::as_str)
                .map(graphdoc_model::short_type_name)
                .unwrap_or_default(),
            false,
        ),
        JsonValue::Array { items, .. } => {
            let (name, _) = items.first().map(placeholder_type).unwrap_or_default();
            (name, true)
        }
        JsonValue::Null => (String::new(), false),
    }
}

/// Merges every description of one type. Scalars come from the description
/// of highest precedence that has them. Each property is chosen among the
/// descriptions of the best kind of source that documents it: a readable type
/// beats an unreadable one, then the type most of those descriptions give,
/// then walk order. Deterministic, and one draft page cannot outvote the rest.
fn merge_group(group: Vec<TypeDef>) -> Option<TypeDef> {
    let mut candidates: Vec<(String, Vec<(TypeOrigin, Property)>)> = Vec::new();
    let mut slot: FxHashMap<String, usize> = FxHashMap::default();
    let mut iter = group.into_iter();
    let mut out = iter.next()?;
    let first_origin = out
        .sources
        .first()
        .map_or(TypeOrigin::ResourcePage, |s| s.origin);
    let mut add = |origin: TypeOrigin, props: Vec<Property>| {
        for p in props {
            match slot.get(&p.name.value) {
                Some(&i) => candidates[i].1.push((origin, p)),
                None => {
                    slot.insert(p.name.value.clone(), candidates.len());
                    candidates.push((p.name.value.clone(), vec![(origin, p)]));
                }
            }
        }
    };
    add(first_origin, std::mem::take(&mut out.properties));
    for from in iter {
        let origin = from
            .sources
            .first()
            .map_or(TypeOrigin::ResourcePage, |s| s.origin);
        if out.base.is_none() {
            out.base = from.base;
        }
        if out.members.is_empty() {
            out.members = from.members;
        }
        out.open |= from.open;
        if out.key.is_none() {
            out.key = from.key;
        }
        add(origin, from.properties);
        out.sources.extend(from.sources);
    }
    out.properties = candidates
        .into_iter()
        .filter_map(|(_, c)| choose(c))
        .collect();
    Some(out)
}

fn choose(candidates: Vec<(TypeOrigin, Property)>) -> Option<Property> {
    let best = candidates.iter().map(|(o, _)| *o).min()?;
    let pool: Vec<Property> = candidates
        .into_iter()
        .filter(|(o, _)| *o == best)
        .map(|(_, p)| p)
        .collect();
    let readable = |p: &Property| p.type_ref.target != TypeTarget::Unknown;
    let pool: Vec<Property> = if pool.iter().any(readable) {
        pool.into_iter().filter(readable).collect()
    } else {
        pool
    };
    // The first description whose type most descriptions give (counted
    // once per key: a type cited on hundreds of pages has a big pool).
    let keys: Vec<(String, bool)> = pool
        .iter()
        .map(|p| (p.type_ref.name.to_ascii_lowercase(), p.type_ref.collection))
        .collect();
    let mut counts: FxHashMap<&(String, bool), usize> =
        FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for k in &keys {
        *counts.entry(k).or_default() += 1;
    }
    let votes = |i: usize| counts[&keys[i]];
    let mut best_i = 0;
    for i in 0..pool.len() {
        if votes(i) > votes(best_i) {
            best_i = i;
        }
    }
    pool.into_iter().nth(best_i)
}

fn base_chain(t: &TypeDef, types: &[TypeDef], index: &FxHashMap<String, usize>) -> Vec<String> {
    let mut chain = Vec::new();
    let mut seen = vec![type_key(&t.name)];
    let mut next = t.base.clone();
    while let Some(base) = next {
        let key = type_key(&base);
        if seen.contains(&key) {
            break;
        }
        seen.push(key.clone());
        match index.get(&key) {
            Some(&i) => {
                chain.push(types[i].name.clone());
                next = types[i].base.clone();
            }
            None => {
                chain.push(base);
                break;
            }
        }
    }
    chain
}

/// Enum, or entity when the type or an ancestor is `entity` or declares a key,
/// else complex.
fn kind_of(t: &TypeDef, types: &[TypeDef], index: &FxHashMap<String, usize>) -> TypeKind {
    if t.kind == TypeKind::Enum || (!t.members.is_empty() && t.properties.is_empty()) {
        return TypeKind::Enum;
    }
    let keyed = |name: &str| {
        type_key(name) == "entity"
            || index
                .get(&type_key(name))
                .is_some_and(|&i| has_key(&types[i]))
    };
    if keyed(&t.name) || t.base_chain.iter().any(|b| keyed(b)) {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    }
}

/// Whether a resource page declares a key (`keyProperty` in its JSON annotation).
fn has_key(t: &TypeDef) -> bool {
    t.key.is_some()
}
