//! unknown-type, type-name-leak, type-spelling: the Type cells.
use super::{all_properties, Ctx};
use crate::{Code, Diagnostic};
use graphdoc_model::{Page, PageKind, Property, TypeDef, TypeOrigin, TypeRef, TypeTarget};

pub(super) fn check(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    // The registry type of every property row, looked up once for all the
    // rules below.
    let defs: Vec<Option<&TypeDef>> = all_properties(page)
        .map(|p| named(ctx, &p.type_ref))
        .collect();
    let params = page
        .parameters
        .iter()
        .chain(page.request_body.iter().flat_map(|b| &b.parameters))
        .filter_map(|p| {
            let ty = p.type_ref.as_ref()?;
            Some((p.name.value.as_str(), ty, named(ctx, ty)))
        });
    let rows = all_properties(page)
        .zip(&defs)
        .map(|(p, &def)| (p.name.value.as_str(), &p.type_ref, def));
    for (name, ty, def) in rows.chain(params) {
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
        spelling(ctx, page, name, ty, def, out);
        unknown(ctx, name, ty, def, out);
    }
    plural_drift(ctx, page, &defs, out);
}

/// The registry type a Type cell names, for cells that name a type.
fn named<'a>(ctx: &Ctx<'a>, ty: &TypeRef) -> Option<&'a TypeDef> {
    if ty.target == TypeTarget::Named {
        ctx.type_named(&ty.name)
    } else {
        None
    }
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

/// Whether the type is named after its plural property
/// (`windowsSettings (deprecated)` of type `cloudPcWindowsSettings`): the
/// plural is the property's, a type of its own, not a slip.
fn named_after_property(p: &Property) -> bool {
    let name = p.name.value.split(' ').next().unwrap_or_default();
    let ty = p.type_ref.name.as_bytes();
    !name.is_empty()
        && ty.len() >= name.len()
        && ty[ty.len() - name.len()..].eq_ignore_ascii_case(name.as_bytes())
}

/// Whether a resource page of the input gives a property named `name` the
/// type `ty` too: the docs' own name for an enum (`answerInputType`), not
/// a draft's stand-in.
fn resource_row_agrees(ctx: &Ctx, name: &str, ty: &TypeRef) -> bool {
    ctx.corpus
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Resource)
        .flat_map(|p| &p.properties)
        .any(|r| r.name.value == name && r.type_ref.name.eq_ignore_ascii_case(&ty.name))
}

/// `def` is [`named`] of `ty`.
fn spelling(
    ctx: &Ctx,
    page: &Page,
    name: &str,
    ty: &TypeRef,
    def: Option<&TypeDef>,
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
        && !defined_by_page(def)
        && page.kind == PageKind::Api
        && !resource_row_agrees(ctx, name, ty)
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

/// Whether a resource or enum page (not just a table mention) defines the
/// type (looked up in the registry).
fn defined_by_page(def: Option<&TypeDef>) -> bool {
    def.is_some_and(|t| {
        t.sources.iter().any(|s| {
            matches!(
                s.origin,
                TypeOrigin::ResourcePage | TypeOrigin::EnumPage | TypeOrigin::EnumSection
            )
        })
    })
}

/// `def` is [`named`] of `ty`.
fn unknown(ctx: &Ctx, name: &str, ty: &TypeRef, def: Option<&TypeDef>, out: &mut Vec<Diagnostic>) {
    // Without resource or enum pages the input defines no types, and every
    // named type would be "unknown": say nothing rather than cry wolf.
    // A row that lists the "Possible values" of a named type documents that
    // enum, so only names no page describes at all are unknown.
    if !ctx.defines_types || ty.target != TypeTarget::Named || def.is_some() {
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
/// `defs` holds [`named`] of every property row.
fn plural_drift(ctx: &Ctx, page: &Page, defs: &[Option<&TypeDef>], out: &mut Vec<Diagnostic>) {
    for (p, &def) in all_properties(page).zip(defs) {
        let Some(singular) = drifted(ctx, p, def) else {
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

fn drifted(ctx: &Ctx, p: &Property, def: Option<&TypeDef>) -> Option<String> {
    let ty = &p.type_ref;
    if ty.target != TypeTarget::Named || defined_by_page(def) || named_after_property(p) {
        return None;
    }
    let lower = ty.name.to_ascii_lowercase();
    let singular = lower.strip_suffix('s')?;
    let used = ctx.references_type(singular) || ctx.type_named(singular).is_some();
    (used && !singular.is_empty()).then(|| ty.name[..singular.len()].to_string())
}

#[cfg(test)]
mod tests {
    use super::super::paths::testing::{corpus, found, run};
    use super::check;

    fn type_findings(pages: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let c = corpus(pages);
        let mut all = found(&c, &run(&c, check));
        all.retain(|(code, _)| *code == "type-spelling");
        all
    }

    fn page(doc_type: &str, h1: &str, section: &str, rows: &str) -> String {
        format!(
            "---\ntitle: \"{h1}\"\ndoc_type: {doc_type}\n---\n\n# {h1}\n\nNamespace: microsoft.graph\n\n\
             ## {section}\n\n|Property|Type|Description|\n|:---|:---|:---|\n{rows}\n"
        )
    }

    #[test]
    fn a_type_named_like_its_property_stands_when_a_resource_page_agrees() {
        let row = "|answerInputType|answerInputType|The type. Possible values are: `text`, `radioButton`.|";
        let api = page("apiPageType", "Create question", "Request body", row);
        assert_eq!(
            type_findings(&[("api/create.md", &api)]),
            vec![("type-spelling", "answerInputType".to_string())]
        );
        let resource = page(
            "resourcePageType",
            "question resource type",
            "Properties",
            row,
        );
        assert_eq!(
            type_findings(&[
                ("api/create.md", &api),
                ("resources/question.md", &resource)
            ]),
            vec![]
        );
    }

    #[test]
    fn a_plural_type_named_after_its_plural_property_is_a_type_of_its_own() {
        let rows = "|windowsSetting|[cloudPcWindowsSetting](cloudpcwindowssetting.md)|A.|\n\
                    |windowsSettings (deprecated)|[cloudPcWindowsSettings](cloudpcwindowssettings.md)|B.|\n\
                    |other|[cloudPcWindowsSettings](cloudpcwindowssetting.md)|C.|";
        let resource = page(
            "resourcePageType",
            "policy resource type",
            "Properties",
            rows,
        );
        let c = corpus(&[("resources/policy.md", &resource)]);
        let messages: Vec<String> = run(&c, check)
            .into_iter()
            .filter(|d| d.code.name() == "type-spelling")
            .map(|d| d.message)
            .collect();
        assert_eq!(
            messages,
            vec!["type `cloudPcWindowsSettings` of `other` is the plural of `cloudPcWindowsSetting`, which the other pages use"]
        );
    }
}
