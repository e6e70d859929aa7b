//! unknown-type, type-name-leak, type-spelling: the Type cells.
use super::{all_properties, Ctx};
use crate::{Code, Diagnostic};
use graphdoc_model::{Page, PageKind, Property, TypeOrigin, TypeTarget};

pub(super) fn check(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    let params = page
        .parameters
        .iter()
        .chain(page.request_body.iter().flat_map(|b| &b.parameters))
        .filter_map(|p| p.type_ref.as_ref().map(|t| (p.name.value.as_str(), t)));
    let rows = all_properties(page).map(|p| (p.name.value.as_str(), &p.type_ref));
    for (name, ty) in rows.chain(params) {
        if let Some(ns) = foreign_namespace(ty.namespace.as_deref()) {
            out.push(
                Diagnostic::new(
                    Code::TypeNameLeak,
                    ty.span.clone(),
                    format!("type of `{name}` is written with the foreign namespace `{ns}`; the Graph type is `{}`", ty.name),
                )
                .with_label("internal type name"),
            );
            continue;
        }
        spelling(ctx, page, name, ty, out);
        unknown(ctx, name, ty, out);
    }
    plural_drift(ctx, page, out);
}

/// A namespace that is not Graph's (`microsoft.graph`, its sub-namespaces, or `Edm`).
pub(super) fn foreign_namespace(ns: Option<&str>) -> Option<&str> {
    let ns = ns?;
    let graph = ns == "microsoft.graph"
        || ns.starts_with("microsoft.graph.")
        || ns == "graph"
        || ns == "Edm";
    (!graph).then_some(ns)
}

fn spelling(
    ctx: &Ctx,
    page: &Page,
    name: &str,
    ty: &graphdoc_model::TypeRef,
    out: &mut Vec<Diagnostic>,
) {
    let written = ty.raw.trim();
    if ty.primitive().is_some()
        && !ty.is_canonical_spelling()
        && !written.starts_with("Edm.")
        && !written.starts_with("Collection(")
    {
        out.push(
            Diagnostic::new(
                Code::TypeSpelling,
                ty.span.clone(),
                format!(
                    "type of `{name}` is spelled `{written}`; the docs spell it `{}{}`",
                    ty.name,
                    if ty.collection { " collection" } else { "" }
                ),
            )
            .with_label("non-canonical spelling"),
        );
        return;
    }
    if ty.target == TypeTarget::Unknown
        && !ty.name.is_empty()
        && ty.name.split_whitespace().count() == 1
    {
        out.push(
            Diagnostic::new(
                Code::TypeSpelling,
                ty.span.clone(),
                format!("`{}` is not a type name; give the type of `{name}` (for an enum, its enum type)", ty.name),
            )
            .with_label("not a type"),
        );
        return;
    }
    // A type cell that repeats the property name without linking a type page
    // is a draft's stand-in for the real type.
    if ty.target == TypeTarget::Named
        && ty.link.is_none()
        && ty.name.eq_ignore_ascii_case(name)
        && !defined_by_page(ctx, &ty.name)
        && page.kind == PageKind::Api
    {
        out.push(
            Diagnostic::new(
                Code::TypeSpelling,
                ty.span.clone(),
                format!(
                    "the type of `{name}` repeats the property name; no page defines a type `{}`",
                    ty.name
                ),
            )
            .with_label("type equals the property name"),
        );
    }
}

/// Whether a resource or enum page (not just a table mention) defines the type.
fn defined_by_page(ctx: &Ctx, name: &str) -> bool {
    ctx.corpus.type_named(name).is_some_and(|t| {
        t.sources.iter().any(|s| {
            matches!(
                s.origin,
                TypeOrigin::ResourcePage | TypeOrigin::EnumPage | TypeOrigin::EnumSection
            )
        })
    })
}

fn unknown(ctx: &Ctx, name: &str, ty: &graphdoc_model::TypeRef, out: &mut Vec<Diagnostic>) {
    // Without resource or enum pages the input defines no types, and every
    // named type would be "unknown": say nothing rather than cry wolf.
    // A row that lists the "Possible values" of a named type documents that
    // enum, so only names no page describes at all are unknown.
    let defined = ctx.corpus.type_named(&ty.name).is_some();
    if !ctx.defines_types || ty.target != TypeTarget::Named || defined {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::UnknownType,
            ty.span.clone(),
            format!(
                "type `{}` of `{name}` is not defined by any page in the input",
                ty.name
            ),
        )
        .with_label("unknown type"),
    );
}

/// `personDataSources` where the input elsewhere says `personDataSource`.
fn plural_drift(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    for p in all_properties(page) {
        let Some(singular) = drifted(ctx, p) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::TypeSpelling,
                p.type_ref.span.clone(),
                format!(
                    "type `{}` of `{}` is the plural of `{singular}`, which the other pages use",
                    p.type_ref.name, p.name.value
                ),
            )
            .with_label("plural/singular drift"),
        );
    }
}

fn drifted(ctx: &Ctx, p: &Property) -> Option<String> {
    let ty = &p.type_ref;
    if ty.target != TypeTarget::Named || defined_by_page(ctx, &ty.name) {
        return None;
    }
    let lower = ty.name.to_ascii_lowercase();
    let singular = lower.strip_suffix('s')?;
    let used = ctx.referenced_types.contains(singular) || ctx.corpus.type_named(singular).is_some();
    (used && !singular.is_empty()).then(|| ty.name[..singular.len()].to_string())
}
