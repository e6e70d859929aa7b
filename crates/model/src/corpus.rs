use crate::{EnumMember, Page, Property, Span};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// All pages of an input set plus the type registry built across them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Pages in walk order (sorted by path).
    pub pages: Vec<Page>,
    /// Types sorted by lower-cased name, one per name.
    pub types: Vec<TypeDef>,
    /// Lower-cased type name -> index in `types`. Keys come from the pages
    /// and are only looked up, so the fast Fx hash serves (no protection
    /// against chosen keys is needed).
    #[serde(skip)]
    pub index: FxHashMap<String, usize>,
}

impl Corpus {
    /// The type named `name` (case-insensitive, namespace prefix and `#` ignored).
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        // Rules and the generator look names up by the hundred thousand:
        // a key that fits is lower-cased on the stack, not in a new String.
        let short = key_part(name);
        if !short.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.index.get(short).map(|&i| &self.types[i]);
        }
        let mut buf = [0u8; 64];
        let i = match buf.get_mut(..short.len()) {
            Some(key) => {
                key.copy_from_slice(short.as_bytes());
                key.make_ascii_lowercase();
                // Lower-casing ASCII bytes keeps UTF-8 valid.
                let key = std::str::from_utf8(key).ok()?;
                self.index.get(key)
            }
            None => self.index.get(&short.to_ascii_lowercase()),
        };
        i.map(|&i| &self.types[i])
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
    key_part(name).to_ascii_lowercase()
}

/// The part of a type name its key is made of, before lower-casing.
fn key_part(name: &str) -> &str {
    let name = name.trim().trim_start_matches('#');
    name.rsplit('.').next().unwrap_or(name)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_of(names: &[&str]) -> Corpus {
        let types: Vec<TypeDef> = names
            .iter()
            .map(|name| TypeDef {
                name: name.to_string(),
                namespace: "microsoft.graph".into(),
                kind: TypeKind::Complex,
                base: None,
                base_chain: Vec::new(),
                properties: Vec::new(),
                members: Vec::new(),
                open: false,
                key: None,
                sources: Vec::new(),
            })
            .collect();
        let index = types
            .iter()
            .enumerate()
            .map(|(i, t)| (type_key(&t.name), i))
            .collect();
        Corpus {
            pages: Vec::new(),
            types,
            index,
        }
    }

    #[test]
    fn type_named_agrees_with_type_key() {
        let long = format!("a{}Z", "b".repeat(70));
        let corpus = corpus_of(&["workPosition", "café", &long]);
        let found = |name: &str| corpus.type_named(name).map(|t| t.name.clone());
        for name in [
            "workPosition",
            "WORKPOSITION",
            " #microsoft.graph.workposition ",
            "Café",
            long.as_str(),
            &long.to_ascii_uppercase(),
            "missing",
            "",
        ] {
            let want = corpus
                .index
                .get(&type_key(name))
                .map(|&i| corpus.types[i].name.clone());
            assert_eq!(found(name), want, "{name:?}");
        }
        assert_eq!(
            found("#graph.WorkPosition").as_deref(),
            Some("workPosition")
        );
        assert_eq!(found(&long.to_ascii_uppercase()), Some(long.clone()));
        assert_eq!(found("workPositions"), None);
    }
}
