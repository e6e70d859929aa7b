//! Tables by heading and by shape: properties, relationships, parameters,
//! headers, permissions, enum members, methods.
use super::Section;
use crate::blocks::{Inline, Row, Table};
use crate::text::SourceText;
use crate::typeref::{inherited_from, parse_type, possible_values, required};
use graphdoc_model::{
    EnumDef, EnumMember, MethodRow, Page, Parameter, ParameterKind, Permission, PermissionOrder,
    Permissions, Property, RequestBody, Span, Spanned,
};

/// What a table holds, from its header row and the section it is in.
#[derive(Debug, PartialEq)]
enum Shape {
    Permissions,
    Properties,
    Parameters(ParameterKind),
    Members,
    Methods,
    Unknown,
}

struct Columns {
    ty: Option<usize>,
    description: Option<usize>,
    required: Option<usize>,
    value: Option<usize>,
}

fn header_text(cell: &Inline) -> String {
    cell.text
        .trim()
        .trim_matches(['*', '_'])
        .trim()
        .to_ascii_lowercase()
}

fn columns(header: &[String]) -> Columns {
    let find =
        |pred: &dyn Fn(&str) -> bool| header.iter().skip(1).position(|h| pred(h)).map(|i| i + 1);
    Columns {
        ty: find(&|h| h == "type" || h == "return type" || h == "data type"),
        description: find(&|h| h.starts_with("description") || h == "remarks" || h == "notes"),
        required: find(&|h| h == "required" || h == "required?"),
        value: find(&|h| h == "value" || h == "values"),
    }
}

fn shape(header: &[String], section: &Section) -> Shape {
    // "Property name", "Parameter name": the first word says what the rows are.
    let first_cell = header.first().map(String::as_str).unwrap_or("");
    let first = first_cell.split_whitespace().next().unwrap_or("");
    let has_type = header.iter().any(|h| h == "type" || h == "data type");
    if *section == Section::Nested {
        return Shape::Unknown;
    }
    if first_cell.contains("permission") {
        return Shape::Permissions;
    }
    if first.starts_with("method") {
        return Shape::Methods;
    }
    if first == "member" || first == "members" || first_cell == "enum member" {
        return Shape::Members;
    }
    match section {
        Section::Members | Section::EnumValues(_) if !has_type => Shape::Members,
        Section::RequestHeaders => Shape::Parameters(ParameterKind::Header),
        Section::PathParameters => Shape::Parameters(ParameterKind::Path),
        Section::QueryParameters => Shape::Parameters(ParameterKind::Query),
        Section::FunctionParameters => Shape::Parameters(ParameterKind::Function),
        Section::RequestBody if first == "property" && has_type => Shape::Properties,
        Section::RequestBody if has_type || first == "parameter" => {
            Shape::Parameters(ParameterKind::Body)
        }
        _ if matches!(
            first,
            "property" | "properties" | "relationship" | "relationships" | "name"
        ) && has_type =>
        {
            Shape::Properties
        }
        _ if first_cell == "header" || first_cell == "request header" => {
            Shape::Parameters(ParameterKind::Header)
        }
        _ => Shape::Unknown,
    }
}

/// Reads a table into the page.
pub(super) fn table(src: &SourceText, page: &mut Page, section: &Section, table: &Table) {
    let header: Vec<String> = table.header.iter().map(header_text).collect();
    let cols = columns(&header);
    match shape(&header, section) {
        Shape::Permissions => permissions(src, page, table, &header),
        Shape::Properties => {
            let rows: Vec<Property> = table
                .rows
                .iter()
                .filter_map(|r| property(src, r, &cols))
                .collect();
            let is_relationship = *section == Section::Relationships
                || header
                    .first()
                    .is_some_and(|h| h.starts_with("relationship"));
            if *section == Section::RequestBody {
                body(page, &table.span).properties.extend(rows);
            } else if is_relationship {
                page.relationships.extend(rows);
            } else {
                page.properties.extend(rows);
            }
        }
        Shape::Parameters(kind) => {
            let rows = table.rows.iter().filter_map(|r| parameter(r, kind, &cols));
            match kind {
                ParameterKind::Header => page.request_headers.extend(rows),
                ParameterKind::Body => body(page, &table.span).parameters.extend(rows),
                _ => page.parameters.extend(rows),
            }
        }
        Shape::Members => {
            let name = match section {
                // `### x values`: the heading named the enum; span it.
                Section::EnumValues(name) => {
                    let span = page
                        .headings
                        .last()
                        .map_or(table.span.clone(), |h| h.text.span.clone());
                    Spanned::new(name.clone(), span)
                }
                _ => enum_name(page, &table.span),
            };
            let members = table.rows.iter().filter_map(|r| member(r, &cols)).collect();
            page.enums.push(EnumDef { name, members });
        }
        Shape::Methods => page
            .methods
            .extend(table.rows.iter().filter_map(|r| method(r, &cols))),
        Shape::Unknown => {}
    }
}

fn body<'p>(page: &'p mut Page, span: &Span) -> &'p mut RequestBody {
    page.request_body.get_or_insert_with(|| RequestBody {
        text: Spanned::new(String::new(), span.clone()),
        type_link: None,
        properties: Vec::new(),
        parameters: Vec::new(),
    })
}

/// The enum an enum page defines: its title without "enum type".
fn enum_name(page: &Page, fallback: &Span) -> Spanned<String> {
    let Some(title) = &page.title else {
        return Spanned::new(String::new(), fallback.clone());
    };
    let name = title
        .value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches('`');
    Spanned::new(name.to_string(), title.span.clone())
}

/// A cell's text without emphasis and code marks.
fn name_text(cell: &Inline) -> String {
    cell.text
        .trim()
        .trim_matches(['*', '`', '_', ' '])
        .to_string()
}

fn cell(row: &Row, i: Option<usize>) -> Option<&Inline> {
    i.and_then(|i| row.cells.get(i))
}

fn property(src: &SourceText, row: &Row, cols: &Columns) -> Option<Property> {
    let name_cell = row.cells.first()?;
    let name = name_text(name_cell);
    if name.is_empty() {
        return None;
    }
    let empty = Inline {
        span: Some(row.span.clone()),
        ..Inline::default()
    };
    let type_cell = cell(row, cols.ty).unwrap_or(&empty);
    let desc_cell =
        cell(row, cols.description).or_else(|| row.cells.last().filter(|_| row.cells.len() > 2));
    let desc_cell = desc_cell.unwrap_or(&empty);
    let end_of_row = src.span(row.span.end as usize, row.span.end as usize);
    let description = if desc_cell.text.trim().is_empty() {
        Spanned::new(String::new(), desc_cell.span.clone().unwrap_or(end_of_row))
    } else {
        desc_cell.spanned_text(&row.span)
    };
    let required = cell(row, cols.required)
        .map(|c| c.text.trim().to_ascii_lowercase())
        .and_then(|t| match t.as_str() {
            "yes" | "true" | "required" => Some(true),
            "no" | "false" | "optional" => Some(false),
            _ => None,
        })
        .or_else(|| required(&desc_cell.text));
    Some(Property {
        name: Spanned::new(name, name_cell.span_or(&row.span)),
        type_ref: parse_type(type_cell, &row.span),
        possible_values: possible_values(src, desc_cell),
        inherited_from: inherited_from(src, desc_cell),
        description,
        required,
        span: row.span.clone(),
    })
}

fn parameter(row: &Row, kind: ParameterKind, cols: &Columns) -> Option<Parameter> {
    let name_cell = row.cells.first()?;
    let name = name_text(name_cell);
    if name.is_empty() {
        return None;
    }
    let desc = cell(row, cols.description.or(cols.value))
        .or_else(|| row.cells.last().filter(|_| row.cells.len() > 1));
    let description = desc.map_or_else(
        || Spanned::new(String::new(), row.span.clone()),
        |c| c.spanned_text(&row.span),
    );
    let required = cell(row, cols.required)
        .map(|c| {
            matches!(
                c.text.trim().to_ascii_lowercase().as_str(),
                "yes" | "true" | "required"
            )
        })
        .or_else(|| required(&description.value));
    Some(Parameter {
        kind,
        name: Spanned::new(name, name_cell.span_or(&row.span)),
        type_ref: cell(row, cols.ty).map(|c| parse_type(c, &row.span)),
        description,
        required,
        span: row.span.clone(),
    })
}

fn member(row: &Row, cols: &Columns) -> Option<EnumMember> {
    let name_cell = row.cells.first()?;
    let name = name_text(name_cell);
    if name.is_empty() {
        return None;
    }
    let value = cell(row, cols.value)
        .map(|c| c.text.trim().to_string())
        .filter(|v| !v.is_empty());
    let description = cell(row, cols.description).map(|c| c.spanned_text(&row.span));
    Some(EnumMember {
        name: Spanned::new(name, name_cell.span_or(&row.span)),
        value,
        description,
    })
}

fn method(row: &Row, cols: &Columns) -> Option<MethodRow> {
    let name_cell = row.cells.first()?;
    let link = name_cell.links.first();
    // Group rows (`**Calendar**`) have a name and nothing else.
    if link.is_none() && row.cells.iter().skip(1).all(|c| c.text.trim().is_empty()) {
        return None;
    }
    let name = name_text(name_cell);
    let ret = cell(row, cols.ty).filter(|c| !c.text.trim().is_empty());
    Some(MethodRow {
        name: Spanned::new(name, name_cell.span_or(&row.span)),
        target: link.map(|l| l.target.clone()),
        return_type: ret.map(|c| parse_type(c, &row.span)),
        description: cell(row, cols.description).map_or_else(
            || Spanned::new(String::new(), row.span.clone()),
            |c| c.spanned_text(&row.span),
        ),
    })
}

fn permissions(src: &SourceText, page: &mut Page, table: &Table, header: &[String]) {
    let joined = header.join(" ");
    let order = if joined.contains("least to most") {
        PermissionOrder::LeastToMost
    } else if joined.contains("most to least") {
        PermissionOrder::MostToLeast
    } else if joined.contains("least privileged") {
        PermissionOrder::LeastAndHigher
    } else {
        PermissionOrder::Unstated
    };
    let order_span = table.header.get(1).and_then(|c| c.span.clone());
    let rows = table
        .rows
        .iter()
        .filter_map(|r| permission_row(src, r))
        .collect();
    let perms = page.permissions.get_or_insert_with(|| Permissions {
        order,
        order_span: None,
        rows: Vec::new(),
        include: None,
    });
    perms.order = order;
    perms.order_span = order_span;
    perms.rows = rows;
}

fn permission_row(src: &SourceText, row: &Row) -> Option<Permission> {
    let type_cell = row.cells.first()?;
    let permission_type = type_cell.spanned_text(&row.span);
    if permission_type.value.is_empty() {
        return None;
    }
    let mut scopes = Vec::new();
    let mut not_supported = false;
    let scope_cells = &row.cells[1..];
    for c in scope_cells {
        let Some(span) = &c.span else { continue };
        let raw = src.slice(span.start as usize, span.end as usize);
        let lower = c.text.to_ascii_lowercase();
        if lower.starts_with("not supported") {
            not_supported = true;
            continue;
        }
        if lower.starts_with("not available") || lower.trim().is_empty() {
            continue;
        }
        // Split the source text so every scope keeps its exact span.
        let mut pos = 0;
        for part in raw.split([',', ';']) {
            let start = span.start as usize + pos;
            pos += part.len() + 1;
            let trimmed =
                part.trim_matches(|ch: char| ch.is_whitespace() || ch == '*' || ch == '`');
            if trimmed.is_empty() {
                continue;
            }
            let lead = part.find(trimmed).unwrap_or(0);
            scopes.push(src.spanned(
                trimmed.to_string(),
                start + lead,
                start + lead + trimmed.len(),
            ));
        }
    }
    let raw_span = match (
        scope_cells.first().and_then(|c| c.span.clone()),
        scope_cells.last().and_then(|c| c.span.clone()),
    ) {
        (Some(a), Some(b)) => src.span(a.start as usize, b.end as usize),
        _ => row.span.clone(),
    };
    let raw = scope_cells
        .iter()
        .map(|c| c.text.trim())
        .collect::<Vec<_>>()
        .join(" | ");
    Some(Permission {
        permission_type,
        scopes,
        raw: Spanned::new(raw, raw_span),
        not_supported,
    })
}
