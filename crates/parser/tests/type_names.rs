//! The type a resource or enum page describes (`Page::defined_type_name`),
//! from the annotation, the H1 and the file name, as real pages write them;
//! and the annotated type of a response (`@type`, `Collection(x)`).
use graphdoc_model::Page;
use graphdoc_parser::parse_str;

/// A resource page at `path` with heading `h1` and, when given, the JSON
/// representation annotation `annotation`.
fn page(path: &str, h1: &str, annotation: Option<&str>) -> Page {
    let mut text = format!(
        "---\ntitle: \"{h1}\"\ndoc_type: resourcePageType\n---\n\n# {h1}\n\nNamespace: microsoft.graph\n\nA type.\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n"
    );
    if let Some(a) = annotation {
        text.push_str(&format!(
            "\n## JSON representation\n\n<!-- {a} -->\n```json\n{{\n  \"name\": \"String\"\n}}\n```\n"
        ));
    }
    parse_str(path, &text)
}

fn name(p: &Page) -> Option<String> {
    p.defined_type_name().map(|n| n.value)
}

#[test]
fn at_type_is_the_annotated_type() {
    // resources/systemFacet.md: `@type`, and an H1 of two words.
    let p = page(
        "resources/systemFacet.md",
        "System facet",
        Some(
            r#"{ "blockType": "resource", "@type": "microsoft.graph.systemFacet", "@type.aka": "microsoft.graph.systemFacet" }"#,
        ),
    );
    let annotation = p
        .json_representation
        .as_ref()
        .and_then(|j| j.annotation.as_ref());
    let odata = annotation.and_then(|a| a.odata_type.as_ref());
    assert_eq!(
        odata.map(|t| t.value.as_str()),
        Some("microsoft.graph.systemFacet")
    );
    // Spanned at the value, not at the key.
    let span = odata.map(|t| t.span.range()).unwrap_or_default();
    assert_eq!(&p.source[span], "\"microsoft.graph.systemFacet\"");
    assert_eq!(name(&p).as_deref(), Some("systemFacet"));
    // `@odata.type` wins over `@type`.
    let p = page(
        "x.md",
        "x resource type",
        Some(
            r#"{ "blockType": "resource", "@type": "microsoft.graph.y", "@odata.type": "microsoft.graph.x" }"#,
        ),
    );
    assert_eq!(name(&p).as_deref(), Some("x"));
}

#[test]
fn heading_words_joined_when_they_name_the_file() {
    // The same page without its annotation.
    let p = page("resources/systemFacet.md", "System facet", None);
    assert_eq!(name(&p).as_deref(), Some("systemFacet"));
    let p = page("resources/systemfacet.md", "System facet", None);
    assert_eq!(name(&p).as_deref(), Some("systemFacet"));
    // resources/audio.md: the first word alone names the file.
    let p = page("resources/audio.md", "Audio facet", None);
    assert_eq!(name(&p).as_deref(), Some("Audio"));
}

#[test]
fn first_word_when_it_names_the_file_or_the_heading_declares_a_type() {
    let p = page("resources/user.md", "user resource type", None);
    assert_eq!(name(&p).as_deref(), Some("user"));
    // An area prefix on the file name.
    let p = page(
        "resources/intune-mam-windowsinformationprotectionpolicy.md",
        "windowsInformationProtectionPolicy resource type",
        None,
    );
    assert_eq!(
        name(&p).as_deref(),
        Some("windowsInformationProtectionPolicy")
    );
    // resources/insights-shared.md: the file is not named after the type,
    // but the H1 declares one.
    let p = page(
        "resources/insights-shared.md",
        "sharedInsight resource type",
        None,
    );
    assert_eq!(name(&p).as_deref(), Some("sharedInsight"));
    let p = page(
        "resources/onenotebasemodel.md",
        "onenoteEntityBaseModel resource",
        None,
    );
    assert_eq!(name(&p).as_deref(), Some("onenoteEntityBaseModel"));
    let p = page(
        "resources/insights-insightidentity.md",
        "insightIdentity",
        None,
    );
    assert_eq!(name(&p).as_deref(), Some("insightIdentity"));
    let p = page("resources/x.md", "microsoft.graph.x resource type", None);
    assert_eq!(name(&p).as_deref(), Some("x"));
}

#[test]
fn file_name_when_the_heading_is_prose() {
    // resources/invitedusermessageinfo.md (its annotation aside).
    let p = page(
        "resources/invitedusermessageinfo.md",
        "Configuring the invitation message",
        None,
    );
    assert_eq!(name(&p).as_deref(), Some("invitedusermessageinfo"));
    // resources/search-api-overview.md: prose, and no name in the file name.
    let p = page(
        "resources/search-api-overview.md",
        "Use the Microsoft Search API to query data",
        None,
    );
    assert_eq!(name(&p), None);
}

#[test]
fn enum_page_of_several_enums_names_no_type() {
    let enums = "## a values\n\n|Member|Description|\n|:---|:---|\n|one|One.|\n\n## b values\n\n|Member|Description|\n|:---|:---|\n|two|Two.|\n";
    for (path, h1) in [
        ("resources/enums.md", "Enum values"),
        ("resources/enums-callrecords.md", "Call records enum values"),
    ] {
        let text = format!(
            "---\ntitle: \"{h1}\"\ndoc_type: enumPageType\n---\n\n# {h1}\n\nNamespace: microsoft.graph\n\n{enums}"
        );
        let p = parse_str(path, &text);
        assert!(p.enums.len() > 1, "{path}: {:?}", p.enums);
        assert_eq!(name(&p), None, "{path}");
    }
    // One enum: its page's H1 names it.
    let text = "---\ntitle: \"clonableTeamParts enum type\"\ndoc_type: enumPageType\n---\n\n# clonableTeamParts enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n|Member|Description|\n|:---|:---|\n|apps|Apps.|\n";
    let p = parse_str("resources/clonableteamparts.md", text);
    assert_eq!(name(&p).as_deref(), Some("clonableTeamParts"));
}

#[test]
fn response_type_from_an_at_type_collection() {
    // api/site-search.md: `@type` on a response, written `Collection(x)`.
    let text = "---\ntitle: \"Search for sites\"\ndoc_type: apiPageType\n---\n\n# Search for sites\n\nNamespace: microsoft.graph\n\nSearch.\n\n## HTTP request\n\n```http\nGET /sites?search={query}\n```\n\n## Response\n\n<!-- { \"blockType\": \"response\", \"@type\": \"Collection(microsoft.graph.site)\", \"truncated\": true } -->\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": []\n}\n```\n";
    let p = parse_str("api/site-search.md", text);
    assert_eq!(p.response_type(), (Some("site".to_string()), true));
    // `isCollection` says it too.
    let text = text.replace(
        "\"Collection(microsoft.graph.site)\"",
        "\"microsoft.graph.site\", \"isCollection\": true",
    );
    let p = parse_str("api/site-search.md", &text);
    assert_eq!(p.response_type(), (Some("site".to_string()), true));
    let text = text.replace(", \"isCollection\": true", "");
    let p = parse_str("api/site-search.md", &text);
    assert_eq!(p.response_type(), (Some("site".to_string()), false));
}

#[test]
fn file_name_is_no_type_name_on_api_and_conceptual_pages() {
    // api/directoryobject-checkmembergroups.md: the H1 words joined name
    // the file, but the file is named after the operation.
    let text = "---\ntitle: \"Check member groups\"\ndoc_type: apiPageType\n---\n\n# Check member groups\n\nNamespace: microsoft.graph\n\nCheck.\n";
    let p = parse_str("api/directoryobject-checkmembergroups.md", text);
    assert_eq!(name(&p), None);
    // resources/excel.md: a topic, not a type.
    let text = "---\ntitle: \"Working with Excel in Microsoft Graph\"\ndoc_type: conceptualPageType\n---\n\n# Working with Excel in Microsoft Graph\n\nText.\n";
    let p = parse_str("resources/excel.md", text);
    assert_eq!(name(&p), None);
}
