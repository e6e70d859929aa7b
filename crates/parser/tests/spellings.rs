//! The tricky spellings real pages use, each read into the same model.
use graphdoc_model::{Page, PageKind, PermissionOrder, Primitive};
use graphdoc_parser::parse_str;

const RESOURCE: &str = "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\nA thing. Inherits from [entity](entity.md).\n\n## Properties\n\n";

fn resource(table: &str) -> Page {
    parse_str("thing.md", &format!("{RESOURCE}{table}"))
}

fn names(p: &Page) -> Vec<(String, String, String)> {
    p.properties
        .iter()
        .map(|p| {
            (
                p.name.value.clone(),
                p.type_ref.name.clone(),
                p.description.value.clone(),
            )
        })
        .collect()
}

#[test]
fn escaped_pipes_stay_in_the_cell() {
    let p = resource(
        "|Property|Type|Description|\n|:---|:---|:---|\n|expr|String|Either `a \\| b` or c.|\n",
    );
    assert_eq!(
        names(&p),
        [("expr".into(), "String".into(), "Either a | b or c.".into())]
    );
}

#[test]
fn tables_without_outer_pipes_and_with_tabs() {
    let p = resource("Property | Type | Description\n--- | --- | ---\nname\t|\tString\t|\tThe name.\nsize | Int64 | The size.\n");
    assert_eq!(
        names(&p),
        [
            ("name".into(), "String".into(), "The name.".into()),
            ("size".into(), "Int64".into(), "The size.".into())
        ]
    );
    assert_eq!(p.properties[1].type_ref.primitive(), Some(Primitive::Int64));
}

#[test]
fn tabs_in_the_delimiter_row() {
    let p = resource("| Property | Type\t| Description |\n| ----- |------\t \t| -----|\n| id\t\t| String\t| The id. |\n");
    assert_eq!(
        names(&p),
        [("id".into(), "String".into(), "The id.".into())]
    );
    assert_eq!(p.properties[0].type_ref.span.column, 9);
}

#[test]
fn empty_cells_are_empty_not_missing() {
    let p = resource("|Property|Type|Description|\n|:---|:---|:---|\n|name|String||\n|other|||\n");
    assert_eq!(p.properties.len(), 2);
    assert_eq!(p.properties[0].description.value, "");
    assert_eq!(p.properties[0].description.span.line, 16);
    assert!(p.properties[1].type_ref.name.is_empty());
}

#[test]
fn annotations_in_every_spelling() {
    let blocks = [
        "<!-- { \"blockType\": \"request\", \"name\": \"one\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n",
        "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"two\"\n}-->\n\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n",
        "<!--{\"blockType\":\"request\",\"name\":\"three\"}-->\n``` http\nGET https://graph.microsoft.com/v1.0/me\n```\n",
        "<!-- {\n  \"blockType\": \"request\",\n  \"name\": \"four\",\n}\n-->\n```HTTP\nGET https://graph.microsoft.com/v1.0/me\n```\n",
    ];
    let text = format!(
        "---\ndoc_type: apiPageType\n---\n# Get me\n\n## Examples\n\n{}",
        blocks.join("\n")
    );
    let p = parse_str("api.md", &text);
    let found: Vec<Option<String>> = p.examples.iter().map(|e| e.name.clone()).collect();
    assert_eq!(
        found,
        [
            Some("one".into()),
            Some("two".into()),
            Some("three".into()),
            Some("four".into())
        ]
    );
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

#[test]
fn crlf_and_bom_read_like_lf() {
    let lf = format!(
        "{RESOURCE}|Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n"
    );
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = parse_str("a.md", &lf);
    let b = parse_str("b.md", &crlf);
    assert_eq!(names(&a), names(&b));
    assert_eq!(b.kind, PageKind::Resource);
    assert_eq!(
        a.title.as_ref().map(|t| &t.value),
        b.title.as_ref().map(|t| &t.value)
    );
    assert_eq!(
        a.properties[0].name.span.line,
        b.properties[0].name.span.line
    );
    assert_eq!(
        b.base_type.as_ref().map(|b| b.value.as_str()),
        Some("entity")
    );
    assert!(b.problems.is_empty(), "{:?}", b.problems);
}

#[test]
fn tab_groups_are_not_headings() {
    let text = "# Create x\n\n## Examples\n\n# [HTTP](#tab/http)\n<!-- {\"blockType\": \"request\"} -->\n```http\nPOST https://graph.microsoft.com/beta/me/x\n```\n\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/a.md)]\n[!INCLUDE [sdk-documentation](../includes/b.md)]\n\n---\n\n### Response\n<!-- {\"blockType\": \"response\"} -->\n```http\nHTTP/1.1 204 No Content\n```\n";
    let p = parse_str("x.md", text);
    let h1: Vec<&str> = p
        .headings
        .iter()
        .filter(|h| h.level == 1)
        .map(|h| h.text.value.as_str())
        .collect();
    assert_eq!(h1, ["Create x"]);
    assert_eq!(p.includes.len(), 2);
    assert_eq!(p.includes[1].name, "sdk-documentation");
    assert_eq!(p.examples.len(), 1);
    assert!(p.examples[0].response.is_some());
}

#[test]
fn permission_wordings() {
    let page = |header: &str, row: &str| {
        parse_str("p.md", &format!("# Get x\n\n## Permissions\n\n|Permission type|{header}|\n|:---|:---|\n|Delegated (work or school account)|{row}|\n|Application|Not supported.|\n"))
    };
    let p = page(
        "Permissions (from least to most privileged)",
        "User.Read, User.ReadWrite.All",
    );
    let perms = p.permissions.as_ref().expect("permissions");
    assert_eq!(perms.order, PermissionOrder::LeastToMost);
    let scopes: Vec<&str> = perms.rows[0]
        .scopes
        .iter()
        .map(|s| s.value.as_str())
        .collect();
    assert_eq!(scopes, ["User.Read", "User.ReadWrite.All"]);
    assert!(perms.rows[1].not_supported);
    let p = page(
        "Permissions (from most to least privileged)",
        "**TODO: Determine scopes **",
    );
    let perms = p.permissions.as_ref().expect("permissions");
    assert_eq!(perms.order, PermissionOrder::MostToLeast);
    assert_eq!(perms.rows[0].scopes[0].value, "TODO: Determine scopes");
}

#[test]
fn type_cells_of_every_form() {
    let p = resource(
        "|Property|Type|Description|\n|:---|:---|:---|\n\
         |a|[identitySet](identityset.md)|x|\n\
         |b|[attendee](attendee.md) collection|x|\n\
         |c|Collection(microsoft.graph.user)|x|\n\
         |d|string|x|\n\
         |e|Edm.Guid|x|\n\
         |f|[timeZoneInformation](timezoneinformation.md collection)|x|\n",
    );
    let got: Vec<(String, bool)> = p
        .properties
        .iter()
        .map(|p| (p.type_ref.name.clone(), p.type_ref.collection))
        .collect();
    assert_eq!(
        got,
        [
            ("identitySet".into(), false),
            ("attendee".into(), true),
            ("user".into(), true),
            ("String".into(), false),
            ("Guid".into(), false),
            ("timeZoneInformation".into(), true)
        ]
    );
    assert!(!p.properties[3].type_ref.is_canonical_spelling());
}

#[test]
fn broken_input_never_panics_and_is_reported() {
    let cases = [
        "---\ntitle: [unclosed\n---\n# x\n",
        "---\ntitle: x\n",
        "```http\nGET /me\n",
        "<!-- { \"blockType\": \"request\" \n",
        "<!-- { not json } -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n",
        "",
        "---",
        "|a|\n|-|\n|b|c|d|\n",
    ];
    for c in cases {
        let p = parse_str("bad.md", c);
        let _ = serde_json::to_string(&p).expect("serializes");
    }
    assert!(!parse_str("bad.md", cases[0]).problems.is_empty());
    assert!(!parse_str("bad.md", cases[2]).problems.is_empty());
    assert!(!parse_str("bad.md", cases[3]).problems.is_empty());
    assert!(!parse_str("bad.md", cases[4]).problems.is_empty());
    let bytes = b"# Title\n\nBad \xff byte.\n";
    let p = graphdoc_parser::parse_page("bin.md", bytes);
    assert_eq!(p.problems[0].span.line, 3);
}

#[test]
fn base_types_are_read_from_the_ways_pages_name_them() {
    let base = |intro: &str| {
        let text = RESOURCE.replace("A thing. Inherits from [entity](entity.md).", intro);
        parse_str(
            "thing.md",
            &format!("{text}|Property|Type|Description|\n|:--|:--|:--|\n|link|String|A URL.|\n"),
        )
        .base_type
        .map(|b| b.value)
    };
    let base_of = |s: &str| Some(s.to_string());
    assert_eq!(
        base("Inherits from [entity](entity.md)."),
        base_of("entity")
    );
    assert_eq!(base("Derived from [place](place.md)."), base_of("place"));
    assert_eq!(
        base("A subclass of [educationResource](educationresource.md)."),
        base_of("educationResource")
    );
    assert_eq!(
        base(
            "This creates a subclass from [educationAssignmentGrade](educationassignmentgrade.md)."
        ),
        base_of("educationAssignmentGrade")
    );
    // "Subclass of" names its base only with a link.
    assert_eq!(base("A subclass of the resource above."), None);
    assert_eq!(base("Inherits from entity."), base_of("entity"));
}
