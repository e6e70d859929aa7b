//! The diagnostic code catalog: stable names, default severities, meanings.
//! Codes are only ever added, never renamed.
use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Misleads a reader or breaks generated code; fails `graphdoc check`.
    Error,
    /// Worth fixing; fails only with `--deny warnings`.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! catalog {
    ($( $variant:ident = $name:literal, $severity:ident, $meaning:literal; )*) => {
        /// A diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(
                #[doc = $meaning]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalog order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable name (`todo-placeholder`).
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity unless configuration changes it.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// What the code finds, in one sentence.
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)* }
            }

            /// The code with this stable name.
            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

catalog! {
    TodoPlaceholder = "todo-placeholder", Warning,
        "TODO text left in the page: front matter values, table cells, permission scopes or prose.";
    EmptyDescription = "empty-description", Warning,
        "A property or parameter row whose description is empty.";
    MetadataMissing = "metadata-missing", Warning,
        "A required front matter key (title, description, author, doc_type) is missing or empty.";
    TitleMismatch = "title-mismatch", Warning,
        "The front matter title and the H1 heading name different things.";
    MissingSection = "missing-section", Warning,
        "A section the page kind requires (HTTP request, Response, Properties, ...) is absent.";
    LinkTypeMismatch = "link-type-mismatch", Error,
        "A link's text names one type while its target is another type's page.";
    UnresolvedLink = "unresolved-link", Warning,
        "A relative link whose target is not in the input set although its folder is.";
    UnknownType = "unknown-type", Warning,
        "A property type that is neither primitive nor defined by any page in the input.";
    TypeNameLeak = "type-name-leak", Error,
        "An internal or foreign type name (Microsoft.Fast.PI.ViewGenerator...) where a Graph type belongs.";
    TypeSpelling = "type-spelling", Warning,
        "A non-canonical type spelling: `string`, `GUID`, `int`, `Enumeration`, or a type equal to the property name.";
    PermissionsOrder = "permissions-order", Warning,
        "Permissions declared from most to least privileged; the convention is least to most.";
    PathConvention = "path-convention", Warning,
        "A path that breaks Graph URL conventions (`/user/{userId}` for `/users/{id}`) or its sibling pages' shape.";
    ExamplePathMismatch = "example-path-mismatch", Warning,
        "An example URL that matches none of the page's declared paths.";
    ApiVersionSegment = "api-version-segment", Error,
        "An example URL whose version segment is not `v1.0` or `beta`, or not the page's version.";
    ContentLengthMismatch = "content-length-mismatch", Warning,
        "A Content-Length header that matches the body under no reasonable line-ending reading.";
    InvalidJson = "invalid-json", Error,
        "An example body that is not JSON, beyond marked truncation.";
    ExampleTypeMismatch = "example-type-mismatch", Error,
        "An example value of the wrong JSON type for its documented type (`\"Boolean\"` for a Boolean).";
    PlaceholderValue = "placeholder-value", Error,
        "A type-name placeholder used as an example value (`\"String\"`, `\"String (timestamp)\"`, `\"datetime-value\"`).";
    InvalidEnumValue = "invalid-enum-value", Error,
        "An example value outside the documented possible values.";
    UnknownProperty = "unknown-property", Warning,
        "An example property that the documented type does not have.";
    OdataTypeMismatch = "odata-type-mismatch", Error,
        "An `@odata.type` (annotation or body) that differs from the documented type (case, namespace).";
    ResponseTypeMismatch = "response-type-mismatch", Error,
        "The Response section's link text, its target and the response annotation name different types.";
    RequestResponseMismatch = "request-response-mismatch", Warning,
        "A create example whose response echoes a different value than the request sent.";
    TimestampOrder = "timestamp-order", Warning,
        "lastModifiedDateTime earlier than createdDateTime in one example.";
    ConflictingDefinition = "conflicting-definition", Warning,
        "Two input pages describe the same operation or type differently.";
    ParseProblem = "parse-problem", Error,
        "The page could not be read as expected: broken front matter or annotation, unterminated fence or comment, invalid UTF-8, too large or too deep.";
    UnreadableInput = "unreadable-input", Error,
        "A file or folder given as input could not be read.";
    UnusedSuppression = "unused-suppression", Warning,
        "A `graphdoc-allow` comment or a `graphdoc.toml` allow that suppressed nothing.";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        for c in Code::ALL {
            assert_eq!(Code::from_name(c.name()), Some(*c));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
