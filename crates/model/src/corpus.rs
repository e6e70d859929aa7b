use crate::{EnumMember, Page, Property, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// All pages of an input set plus the type registry built across them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Pages in walk order (sorted by path).
    pub pages: Vec<Page>,
    /// Types sorted by lower-cased name, one per name.
    pub types: Vec<TypeDef>,
    /// Lower-cased type name -> index in `types`.
    #[serde(skip)]
    pub index: HashMap<String, usize>,
}

impl Corpus {
    /// The type named `name` (case-insensitive, namespace prefix and `#` ignored).
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        let key = type_key(name);
        self.index.get(&key).map(|&i| &self.types[i])
    }

    /// The type itself followed by its resolved ancestors, nearest first.
    pub fn type_with_ancestors<'a>(&'a self, ty: &'a TypeDef) -> Vec<&'a TypeDef> {
        let mut out = vec![ty];
        for base in &ty.base_chain {
            if let Some(b) = self.type_named(base) {
                out.push(b);
            }
        }
        out
    }

    /// Finds a property on a type or any of its ancestors.
    pub fn find_property<'a>(&'a self, ty: &'a TypeDef, name: &str) -> Option<&'a Property> {
        self.type_with_ancestors(ty)
            .into_iter()
            .find_map(|t| t.properties.iter().find(|p| p.name.value == name))
    }
}

/// The registry key of a type name: without `#`, without a `microsoft.graph.`
/// style namespace, lower-cased.
pub fn type_key(name: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    let short = name.rsplit('.').next().unwrap_or(name);
    short.to_ascii_lowercase()
}

/// One type of the registry, merged from every page that describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// The type name as its defining page spells it.
    pub name: String,
    /// `microsoft.graph` unless the page says otherwise.
    pub namespace: String,
    /// Entity, complex type or enum.
    pub kind: TypeKind,
    /// The base type the page names.
    pub base: Option<String>,
    /// Resolved ancestors, nearest first (stops at a cycle or an unknown type).
    pub base_chain: Vec<String>,
    /// Documented properties and relationships, merged by name.
    pub properties: Vec<Property>,
    /// Enum members, for enums.
    pub members: Vec<EnumMember>,
    /// The JSON representation says `openType: true`.
    pub open: bool,
    /// The key property (`keyProperty` of the JSON representation).
    pub key: Option<String>,
    /// Where the type is described, in order of precedence.
    pub sources: Vec<TypeSource>,
}

/// Entity, complex type or enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// Has a key (`id`), directly or through its base types.
    Entity,
    /// A structured value without a key.
    Complex,
    /// A set of named members.
    Enum,
}

impl TypeKind {
    /// The contract spelling: `entity`, `complex`, `enum`.
    pub fn as_str(self) -> &'static str {
        match self {
            TypeKind::Entity => "entity",
            TypeKind::Complex => "complex",
            TypeKind::Enum => "enum",
        }
    }
}

/// One place that describes a type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSource {
    /// The page path.
    pub page: String,
    /// What on the page describes it.
    pub origin: TypeOrigin,
    /// Where.
    pub span: Span,
}

/// What kind of page content describes a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeOrigin {
    /// A resource page's Properties / Relationships tables.
    ResourcePage,
    /// An enum page's Members table.
    EnumPage,
    /// A `### x values` section of another page.
    EnumSection,
    /// A resource page's JSON representation block.
    JsonRepresentation,
    /// An API page's Request body property table.
    RequestBody,
    /// A property whose description lists possible values of a named type.
    PossibleValues,
    /// Properties marked "Inherited from [x]" on other types' pages: what
    /// they say of base type `x`, when no page describes `x` itself.
    InheritedProperties,
}
