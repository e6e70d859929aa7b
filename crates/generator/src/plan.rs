//! What to generate: every registry type as a struct or enum with its Rust
//! names, field types, base composition and boxing decided once, so that the
//! code emitters and the example tests agree.
//!
//! Base types are reused by composition: a type whose base is a generated
//! struct gets `#[serde(flatten)] pub base: Base` and does not repeat the
//! properties any ancestor documents. The root of such a chain (a type with
//! no generated base) carries `@odata.type` and the `additional` map of
//! unknown properties; serde hands every property a type does not know to
//! its flattened base, so unknown properties end up in the root's map exactly
//! once. A base that is not defined by any input page, or that would make the
//! chain a cycle, is not composed: the type is then a root itself and the
//! base's properties land in `additional`.
use crate::naming::{self, Case, Scope};
use crate::types::{self, FieldType, Generated, Scalar};
use crate::{GenError, Note};
use graphdoc_model::{type_key, Corpus, EnumMember, Page, Property, Span, TypeDef, TypeKind};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The JSON name of the type annotation every root struct keeps.
pub const ODATA_TYPE: &str = "@odata.type";

/// Candidate names of an enum's catch-all variant, in order of preference;
/// the first one no member uses is taken.
const CATCH_ALL_NAMES: [&str; 3] = ["Other", "Unrecognized", "UnlistedValue"];

/// Everything to generate.
pub struct Plan<'c> {
    /// Structs, in registry order.
    pub structs: Vec<StructPlan<'c>>,
    /// Enums, in registry order.
    pub enums: Vec<EnumPlan<'c>>,
    /// Registry key ([`type_key`]) -> generated item.
    pub generated: HashMap<String, Generated>,
    /// Decisions the plan made that no check diagnostic shows: renamed
    /// colliding spellings, bases that are not composed.
    pub notes: Vec<Note>,
    /// Page path -> the first page with that path, for the docs of types
    /// (a scan of every page per type and property would be quadratic).
    pages: HashMap<&'c str, &'c Page>,
}

/// One struct.
pub struct StructPlan<'c> {
    /// The registry type.
    pub def: &'c TypeDef,
    /// The Rust type name.
    pub ident: String,
    /// The module (file) name under `src/types/`.
    pub module: String,
    /// The composed base struct, if any.
    pub base: Option<usize>,
    /// Why a documented base is not composed, for the doc comment.
    pub base_note: Option<String>,
    /// Fields in order: `@odata.type` (roots only), then documented properties.
    pub fields: Vec<FieldPlan<'c>>,
}

/// One field of a struct.
pub struct FieldPlan<'c> {
    /// The JSON member name.
    pub json_name: String,
    /// The Rust field name (without `r#`).
    pub ident: String,
    /// The Rust type without `Option`.
    pub ty: FieldType,
    /// The documented property; `None` for the `@odata.type` annotation.
    pub property: Option<&'c Property>,
}

/// One enum.
pub struct EnumPlan<'c> {
    /// The registry type.
    pub def: &'c TypeDef,
    /// The Rust type name.
    pub ident: String,
    /// The module (file) name under `src/types/`.
    pub module: String,
    /// One variant per distinct member, in documented order.
    pub variants: Vec<VariantPlan<'c>>,
    /// The variant that keeps any other string.
    pub catch_all: String,
}

/// One enum variant.
pub struct VariantPlan<'c> {
    /// The exact JSON string.
    pub value: String,
    /// The Rust variant name.
    pub ident: String,
    /// The documented member.
    pub member: &'c EnumMember,
}

impl<'c> Plan<'c> {
    /// Decides names, types and composition for every registry type.
    pub fn build(corpus: &'c Corpus) -> Result<Plan<'c>, GenError> {
        let names: Vec<&str> = corpus.types.iter().map(|t| t.name.as_str()).collect();
        let type_scope = Scope {
            description: "type names".into(),
            case: Case::Pascal,
            reserved: naming::RESERVED_TYPE_NAMES,
            reserved_suffix: "type",
        };
        let (idents, renamed) = type_scope.resolve_noted(&names)?;
        let mut notes = Vec::new();
        for i in renamed {
            let def = &corpus.types[i];
            notes.push(Note {
                span: type_span(def),
                message: format!(
                    "type `{}` shares its Rust name with another spelling; it is generated as `{}`",
                    def.name, idents[i]
                ),
            });
        }
        let ident_refs: Vec<&str> = idents.iter().map(String::as_str).collect();
        let module_scope = Scope {
            description: "module names".into(),
            case: Case::Snake,
            reserved: &[],
            reserved_suffix: "module",
        };
        let modules: Vec<String> = module_scope
            .resolve(&ident_refs)?
            .into_iter()
            .map(naming::module_name)
            .collect();

        let mut structs = Vec::new();
        let mut enums = Vec::new();
        let mut generated = HashMap::new();
        for ((def, ident), module) in corpus.types.iter().zip(idents).zip(modules) {
            let key = type_key(&def.name);
            match def.kind {
                TypeKind::Enum => {
                    generated.insert(key, Generated::Enum(enums.len()));
                    enums.push(enum_plan(def, ident, module, &mut notes)?);
                }
                TypeKind::Entity | TypeKind::Complex => {
                    generated.insert(key, Generated::Struct(structs.len()));
                    structs.push(StructPlan {
                        def,
                        ident,
                        module,
                        base: None,
                        base_note: None,
                        fields: Vec::new(),
                    });
                }
            }
        }
        let mut pages = HashMap::with_capacity(corpus.pages.len());
        for page in &corpus.pages {
            pages.entry(page.path.as_str()).or_insert(page);
        }
        let mut plan = Plan {
            structs,
            enums,
            generated,
            notes,
            pages,
        };
        plan.compose_bases();
        plan.plan_fields()?;
        Ok(plan)
    }

    /// The page read from `path`, if any.
    pub fn page(&self, path: &str) -> Option<&'c Page> {
        self.pages.get(path).copied()
    }

    /// The generated struct a type name resolves to.
    pub fn struct_named(&self, name: &str) -> Option<usize> {
        match self.generated.get(&type_key(name)) {
            Some(Generated::Struct(i)) => Some(*i),
            _ => None,
        }
    }

    /// The Rust name of a generated struct or enum.
    pub fn type_ident(&self, scalar: Scalar) -> Option<&str> {
        match scalar {
            Scalar::Struct(i) => self.structs.get(i).map(|s| s.ident.as_str()),
            Scalar::Enum(i) => self.enums.get(i).map(|e| e.ident.as_str()),
            _ => None,
        }
    }

    /// The struct and its composed ancestors, nearest first.
    pub fn chain(&self, index: usize) -> Vec<usize> {
        let mut out = vec![index];
        let mut next = self.structs[index].base;
        while let Some(b) = next {
            // compose_bases never builds a cycle; the check keeps this
            // loop finite even if that invariant were broken.
            if out.contains(&b) {
                break;
            }
            out.push(b);
            next = self.structs[b].base;
        }
        out
    }

    /// The field for JSON member `name` on the struct or its ancestors.
    pub fn find_field(&self, index: usize, name: &str) -> Option<&FieldPlan<'c>> {
        // The chain walked in place (no list of it is built): at most one
        // step per struct, so a cycle, which compose_bases never builds,
        // could only repeat structs already searched.
        let mut next = Some(index);
        for _ in 0..self.structs.len() {
            let s = self.structs.get(next?)?;
            if let Some(field) = s.fields.iter().find(|f| f.json_name == name) {
                return Some(field);
            }
            next = s.base;
        }
        None
    }

    /// The documented base as a generated struct, if any.
    fn documented_base(&self, index: usize) -> Option<usize> {
        self.struct_named(self.structs[index].def.base.as_deref()?)
    }

    fn compose_bases(&mut self) {
        for i in 0..self.structs.len() {
            let Some(documented) = self.structs[i].def.base.clone() else {
                continue;
            };
            let Some(base) = self.documented_base(i) else {
                let what = match self.generated.get(&type_key(&documented)) {
                    Some(Generated::Enum(_)) => "is an enum",
                    _ => "is not defined by any input page",
                };
                self.structs[i].base_note = Some(format!(
                    "The base type {} {what}; its properties are kept in `additional`.",
                    crate::docs::code(&documented)
                ));
                let def = self.structs[i].def;
                self.notes.push(Note {
                    span: type_span(def),
                    message: format!(
                        "type `{}`: its base type `{documented}` {what}, so it is not composed; \
                         the type keeps `@odata.type` and unknown properties itself",
                        def.name
                    ),
                });
                continue;
            };
            // Walk the documented base links from the base: reaching this
            // type again means the docs describe a cycle, which flattening
            // cannot represent.
            let mut seen = HashSet::new();
            let mut current = Some(base);
            let mut cyclic = false;
            while let Some(k) = current {
                if k == i {
                    cyclic = true;
                    break;
                }
                if !seen.insert(k) {
                    break;
                }
                current = self.documented_base(k);
            }
            if cyclic {
                self.structs[i].base_note = Some(format!(
                    "The base type {} derives from this type again; the cycle is broken here, \
                     so its properties are kept in `additional`.",
                    crate::docs::code(&documented)
                ));
                let def = self.structs[i].def;
                self.notes.push(Note {
                    span: type_span(def),
                    message: format!(
                        "type `{}`: its base type `{documented}` derives from it again; the \
                         cycle is broken here (the base is not composed)",
                        def.name
                    ),
                });
            } else {
                self.structs[i].base = Some(base);
            }
        }
    }

    fn plan_fields(&mut self) -> Result<(), GenError> {
        let mut all_fields = Vec::with_capacity(self.structs.len());
        for i in 0..self.structs.len() {
            let def: &'c TypeDef = self.structs[i].def;
            // Properties an ancestor documents live on the ancestor.
            let mut inherited: HashSet<&str> = HashSet::new();
            for &a in self.chain(i).iter().skip(1) {
                inherited.extend(
                    self.structs[a]
                        .def
                        .properties
                        .iter()
                        .map(|p| p.name.value.as_str()),
                );
            }
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let mut properties: Vec<&Property> = Vec::new();
            for p in &def.properties {
                let name = p.name.value.as_str();
                if name.trim().is_empty()
                    || name == ODATA_TYPE
                    || inherited.contains(name)
                    || !seen.insert(name)
                {
                    continue;
                }
                properties.push(p);
            }
            let root = self.structs[i].base.is_none();
            let mut json_names: Vec<&str> = Vec::new();
            if root {
                json_names.push(ODATA_TYPE);
            }
            json_names.extend(properties.iter().map(|p| p.name.value.as_str()));
            let scope = Scope {
                description: format!("fields of {}", def.name),
                case: Case::Snake,
                reserved: &["additional", "base"],
                reserved_suffix: "field",
            };
            let (idents, renamed) = scope.resolve_noted(&json_names)?;
            for r in renamed {
                let (span, name) = match r.checked_sub(usize::from(root)) {
                    Some(p) => (
                        properties[p].name.span.clone(),
                        properties[p].name.value.as_str(),
                    ),
                    None => (type_span(def), ODATA_TYPE),
                };
                self.notes.push(Note {
                    span,
                    message: format!(
                        "property `{}.{name}` shares its Rust name with another spelling; its \
                         field is `{}`",
                        def.name, idents[r]
                    ),
                });
            }
            let mut fields = Vec::with_capacity(idents.len());
            let mut idents = idents.into_iter();
            if root {
                if let Some(ident) = idents.next() {
                    fields.push(FieldPlan {
                        json_name: ODATA_TYPE.into(),
                        ident,
                        ty: FieldType {
                            scalar: Scalar::String,
                            collection: false,
                            boxed: false,
                        },
                        property: None,
                    });
                }
            }
            for (p, ident) in properties.into_iter().zip(idents) {
                fields.push(FieldPlan {
                    json_name: p.name.value.clone(),
                    ident,
                    ty: types::field_type(&p.type_ref, &self.generated),
                    property: Some(p),
                });
            }
            all_fields.push(fields);
        }
        for (s, fields) in self.structs.iter_mut().zip(all_fields) {
            s.fields = fields;
        }
        Ok(())
    }
}

/// Where a type is described first (for notes).
pub fn type_span(def: &TypeDef) -> Span {
    def.sources.first().map_or_else(
        || Span {
            file: std::sync::Arc::from(""),
            line: 1,
            column: 1,
            start: 0,
            end: 0,
        },
        |s| s.span.clone(),
    )
}

fn enum_plan<'c>(
    def: &'c TypeDef,
    ident: String,
    module: String,
    notes: &mut Vec<Note>,
) -> Result<EnumPlan<'c>, GenError> {
    let mut seen = HashSet::new();
    let members: Vec<&EnumMember> = def
        .members
        .iter()
        .filter(|m| !m.name.value.trim().is_empty() && seen.insert(m.name.value.as_str()))
        .collect();
    let values: Vec<&str> = members.iter().map(|m| m.name.value.as_str()).collect();
    let scope = Scope {
        description: format!("members of {}", def.name),
        case: Case::Pascal,
        reserved: &["Self"],
        reserved_suffix: "value",
    };
    let (idents, renamed) = scope.resolve_noted(&values)?;
    for r in renamed {
        notes.push(Note {
            span: members[r].name.span.clone(),
            message: format!(
                "member `{}` of `{}` shares its Rust name with another spelling; its variant is `{}`",
                values[r], def.name, idents[r]
            ),
        });
    }
    let catch_all = CATCH_ALL_NAMES
        .iter()
        .find(|c| !idents.iter().any(|i| i == *c))
        .ok_or_else(|| GenError::NameCollision {
            scope: format!("members of {}", def.name),
            first: "the catch-all variant".into(),
            second: CATCH_ALL_NAMES.join(", "),
            ident: CATCH_ALL_NAMES.join(", "),
        })?
        .to_string();
    let variants = members
        .into_iter()
        .zip(idents)
        .map(|(member, ident)| VariantPlan {
            value: member.name.value.clone(),
            ident,
            member,
        })
        .collect();
    Ok(EnumPlan {
        def,
        ident,
        module,
        variants,
        catch_all,
    })
}
