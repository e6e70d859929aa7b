//! The reference tokens of the fixed definitions of `src/requests/mod.rs`:
//! prettyplease prints them as [`super::definitions_text`] writes them.
use quote::quote;

/// The trait, its errors, `Collection` and the encoding helpers: the
/// reference for [`super::definitions_text`].
fn definitions() -> proc_macro2::TokenStream {
    let path = super::path_bytes().into_iter().map(|b| {
        let b = proc_macro2::Literal::byte_character(b);
        quote!(.add(#b))
    });
    quote! {
        use serde::de::DeserializeOwned;
        use serde::{Deserialize, Serialize};

        /// A typed request.
        pub trait Request {
            /// The request body type (`()` for requests without a body).
            type Body: Serialize;
            /// The response body type.
            type Response: DeserializeOwned;
            /// The HTTP method.
            const METHOD: &'static str;
            /// The path template as the docs write it.
            const TEMPLATE: &'static str;
            /// The documented success status, if the docs state one.
            const STATUS: Option<u16>;

            /// The path after the service root, parameters percent-encoded.
            fn path(&self) -> String;

            /// The query options, in order.
            fn query(&self) -> &[(String, String)];

            /// The request body, if any.
            fn body(&self) -> Option<&Self::Body> {
                None
            }

            /// The full URL: `base` (the service root, such as
            /// `https://graph.microsoft.com/v1.0`), the path and the query string.
            fn url(&self, base: &str) -> String {
                let mut url = String::from(base.trim_end_matches('/'));
                url.push_str(&self.path());
                for (i, (name, value)) in self.query().iter().enumerate() {
                    url.push(if i == 0 { '?' } else { '&' });
                    url.push_str(&encode_query(name));
                    url.push('=');
                    url.push_str(&encode_query(value));
                }
                url
            }

            /// Builds the HTTP request against the service root `base`.
            fn into_http(self, base: &str) -> Result<http::Request<Vec<u8>>, RequestError>
            where
                Self: Sized,
            {
                let builder = http::Request::builder()
                    .method(Self::METHOD)
                    .uri(self.url(base));
                let (builder, bytes) = match self.body() {
                    Some(body) => (
                        builder.header(http::header::CONTENT_TYPE, "application/json"),
                        serde_json::to_vec(body).map_err(RequestError::Body)?,
                    ),
                    None => (builder, Vec::new()),
                };
                builder.body(bytes).map_err(RequestError::Http)
            }

            /// Decodes a response body (an empty body reads as JSON `null`).
            fn decode(body: &[u8]) -> Result<Self::Response, ResponseError> {
                let body = if body.iter().all(u8::is_ascii_whitespace) {
                    b"null".as_slice()
                } else {
                    body
                };
                serde_json::from_slice(body).map_err(ResponseError::Body)
            }

            /// Checks the status against [`Request::STATUS`] and decodes the body.
            fn from_http(response: &http::Response<Vec<u8>>) -> Result<Self::Response, ResponseError> {
                let status = response.status().as_u16();
                match Self::STATUS {
                    Some(expected) if expected != status => {
                        Err(ResponseError::Status { expected, status })
                    }
                    _ => Self::decode(response.body()),
                }
            }
        }

        /// Why a request could not be built.
        #[derive(Debug)]
        pub enum RequestError {
            /// The body did not serialize.
            Body(serde_json::Error),
            /// The method or URL is not valid HTTP.
            Http(http::Error),
        }

        impl std::fmt::Display for RequestError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Self::Body(e) => write!(f, "the request body does not serialize: {e}"),
                    Self::Http(e) => write!(f, "the request is not valid HTTP: {e}"),
                }
            }
        }

        impl std::error::Error for RequestError {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::Body(e) => Some(e),
                    Self::Http(e) => Some(e),
                }
            }
        }

        /// Why a response could not be read.
        #[derive(Debug)]
        pub enum ResponseError {
            /// The status is not the documented one.
            Status {
                /// The documented status.
                expected: u16,
                /// The status received.
                status: u16,
            },
            /// The body is not the documented type.
            Body(serde_json::Error),
        }

        impl std::fmt::Display for ResponseError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Self::Status { expected, status } => {
                        write!(f, "status {status}, where the docs say {expected}")
                    }
                    Self::Body(e) => write!(f, "the response body does not decode: {e}"),
                }
            }
        }

        impl std::error::Error for ResponseError {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::Status { .. } => None,
                    Self::Body(e) => Some(e),
                }
            }
        }

        /// A collection response body: the `value` array and any annotations
        /// beside it (`@odata.context`, `@odata.nextLink`), kept as sent.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        pub struct Collection<T> {
            /// The items.
            pub value: Vec<T>,
            /// Everything else, kept as sent.
            #[serde(flatten)]
            pub annotations: serde_json::Map<String, serde_json::Value>,
        }

        /// What a path segment cannot hold as it is.
        const SEGMENT: &percent_encoding::AsciiSet = &PATH.add(b'/');

        /// What a path cannot hold as it is.
        const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS #(#path)*;

        /// What a query name or value cannot hold as it is.
        const QUERY: &percent_encoding::AsciiSet = &PATH.add(b'&').add(b'+').add(b'=');

        /// A parameter value as one path segment (`/` encoded).
        pub fn encode_segment(value: &str) -> String {
            percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
        }

        /// A parameter value that may span segments (`/` kept).
        pub fn encode_path(value: &str) -> String {
            percent_encoding::utf8_percent_encode(value, PATH).to_string()
        }

        /// A query option name or value.
        pub fn encode_query(value: &str) -> String {
            percent_encoding::utf8_percent_encode(value, QUERY).to_string()
        }
    }
}

/// The text equals what prettyplease prints for the tokens.
#[test]
fn definitions_text_is_the_printed_tokens() {
    let tokens = crate::render::tokens_file("mod.rs", "", definitions()).expect("the tokens parse");
    let text = crate::render::text_rust_file("mod.rs", "", &super::definitions_text());
    assert_eq!(text, tokens);
}
