//! The reference tokens of the support module: prettyplease prints them as
//! the text in `support/*.txt` that [`super::module_text`] joins.
use super::Parts;
use proc_macro2::TokenStream;
use quote::quote;

/// The support module's tokens: the reference for [`super::module_text`].
fn module(parts: Parts, crate_ident: &str) -> TokenStream {
    let krate = crate::naming::ident(crate_ident);
    let serialize = parts.round_trip.then(|| {
        quote!(
            use serde::Serialize;
        )
    });
    let debug = parts.round_trip.then(|| {
        quote!(
            use std::fmt::Debug;
        )
    });
    let request_import = parts.replay.then(|| quote!(use #krate::requests::Request;));
    let round_trip = parts.round_trip.then(round_trip_items);
    let replay = parts.replay.then(replay_items);
    let loopback = parts.loopback.then(loopback_items);
    quote! {
        //! The checks shared by the example tests.
        #request_import
        use serde::de::DeserializeOwned;
        #serialize
        use serde_json::{Number, Value};
        #debug

        #round_trip
        #replay
        #loopback

        /// The value with every `null` object member removed, recursively.
        fn without_nulls(value: &Value) -> Value {
            match value {
                Value::Object(members) => Value::Object(
                    members
                        .iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| (k.clone(), without_nulls(v)))
                        .collect(),
                ),
                Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
                other => other.clone(),
            }
        }

        /// The differences between two JSON values, `null` members dropped on
        /// both sides and numbers compared by value: one line each.
        fn json_differences(before: &Value, after: &Value) -> Vec<String> {
            let mut out = Vec::new();
            differences(&without_nulls(before), &without_nulls(after), "", &mut out);
            out
        }

        /// Appends a line per difference between `before` and `after`.
        fn differences(before: &Value, after: &Value, path: &str, out: &mut Vec<String>) {
            match (before, after) {
                (Value::Object(b), Value::Object(a)) => {
                    for (key, value) in b {
                        let at = format!("{path}/{key}");
                        match a.get(key) {
                            Some(other) => differences(value, other, &at, out),
                            None => out.push(format!("{at}: lost")),
                        }
                    }
                    for key in a.keys().filter(|k| !b.contains_key(*k)) {
                        out.push(format!("{path}/{key}: added"));
                    }
                }
                (Value::Array(b), Value::Array(a)) if b.len() == a.len() => {
                    for (i, (x, y)) in b.iter().zip(a).enumerate() {
                        differences(x, y, &format!("{path}/{i}"), out);
                    }
                }
                (Value::Number(b), Value::Number(a)) if same_number(b, a) => {}
                _ if before == after => {}
                _ => out.push(format!("{path}: {before} became {after}")),
            }
        }

        /// Whether two JSON numbers have the same value.
        fn same_number(a: &Number, b: &Number) -> bool {
            if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
                return x == y;
            }
            if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
                return x == y;
            }
            a.as_f64() == b.as_f64()
        }
    }
}

fn round_trip_items() -> TokenStream {
    quote! {
        /// Asserts that `additional` holds exactly the `expected` members: the
        /// ones the docs do not list. A documented property found there would
        /// mean its field does not take it.
        pub fn assert_unlisted(additional: &serde_json::Map<String, Value>, expected: &[&str]) {
            let mut actual: Vec<&str> = additional.keys().map(String::as_str).collect();
            actual.sort_unstable();
            assert_eq!(actual, expected, "the members kept in `additional`");
        }

        /// Deserializes `json` into `T` and serializes it back, then asserts
        /// that no property was lost, added or changed, and that reading the
        /// output again gives an equal value. Returns the typed value.
        ///
        /// Members whose value is `null` are dropped on both sides before the
        /// comparison: every field is an `Option`, and an explicit `null` and
        /// an absent member both read as `None`. Numbers compare by value
        /// (`1` and `1.0` are equal), since `f64` fields write `1.0`.
        pub fn round_trip<T>(json: &str) -> T
        where
            T: DeserializeOwned + Serialize + PartialEq + Debug,
        {
            let before: Value = serde_json::from_str(json).expect("the example body is JSON");
            let typed: T = match serde_json::from_str(json) {
                Ok(typed) => typed,
                Err(e) => panic!("the example body does not deserialize: {e}"),
            };
            let after = serde_json::to_value(&typed).expect("the typed value serializes");
            let changes = json_differences(&before, &after);
            assert!(
                changes.is_empty(),
                "the round trip changed the body:\n{}",
                changes.join("\n")
            );
            let again: T = serde_json::from_value(after).expect("the written value deserializes");
            assert_eq!(typed, again, "reading the written value back gives a different value");
            typed
        }
    }
}

fn replay_items() -> TokenStream {
    quote! {
        /// What an example request sends.
        pub struct Sent<'a> {
            /// The method.
            pub method: &'a str,
            /// The path after the service root, as the example writes it.
            pub path: &'a str,
            /// The query options, decoded.
            pub query: &'a [(&'a str, &'a str)],
            /// The JSON body.
            pub body: Option<&'a str>,
        }

        /// Parses an example's JSON into `T`, naming the failure.
        pub fn json<T: DeserializeOwned>(text: &str) -> T {
            match serde_json::from_str(text) {
                Ok(value) => value,
                Err(e) => panic!("the example JSON does not deserialize: {e}"),
            }
        }

        /// Percent-decoded text.
        fn decode(text: &str) -> String {
            percent_encoding::percent_decode_str(text)
                .decode_utf8_lossy()
                .into_owned()
        }

        /// Builds `request` against `base` and asserts that it sends what the
        /// example sends: the method, the path (percent-decoded, ignoring ASCII
        /// case: Graph paths are case-insensitive), the query options (decoded,
        /// in order) and the body (as JSON values).
        pub fn replay<R: Request>(request: R, base: &str, sent: &Sent) {
            let built = request.into_http(base).expect("the typed request builds");
            assert_eq!(built.method().as_str(), sent.method, "the method");
            let url = built.uri().to_string();
            let Some(rest) = url.strip_prefix(base) else {
                panic!("the URL {url} does not start with the service root {base}");
            };
            let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
            assert!(
                decode(path).eq_ignore_ascii_case(&decode(sent.path)),
                "the path: built {path}, the example calls {}",
                sent.path
            );
            let built_query: Vec<(String, String)> = query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (name, value) = p.split_once('=').unwrap_or((p, ""));
                    (decode(name), decode(value))
                })
                .collect();
            let sent_query: Vec<(String, String)> = sent
                .query
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            assert_eq!(built_query, sent_query, "the query options");
            match sent.body {
                Some(text) => {
                    let before: Value = serde_json::from_str(text).expect("the example body is JSON");
                    let after: Value =
                        serde_json::from_slice(built.body()).expect("the built body is JSON");
                    let changes = json_differences(&before, &after);
                    assert!(
                        changes.is_empty(),
                        "the built body differs from the example:\n{}",
                        changes.join("\n")
                    );
                }
                None => assert!(built.body().is_empty(), "the example sends no body"),
            }
        }
    }
}

fn loopback_items() -> TokenStream {
    quote! {
        /// How long the loopback exchange may take, each way.
        const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

        /// A server on 127.0.0.1 that answers one request with a fixed response.
        pub struct Server {
            address: std::net::SocketAddr,
            handle: std::thread::JoinHandle<Result<Vec<u8>, String>>,
        }

        /// The request the server received.
        pub struct Received {
            /// The request line and headers.
            pub head: String,
        }

        impl Server {
            /// Starts the server; it accepts one connection within [`TIMEOUT`].
            pub fn answer(status: u16, reason: &str, content_type: &str, body: &str) -> Server {
                let listener =
                    std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
                let address = listener.local_addr().expect("the port's address");
                listener
                    .set_nonblocking(true)
                    .expect("a non-blocking listener");
                let response = format!(
                    "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let handle = std::thread::spawn(move || serve(&listener, response.as_bytes()));
                Server { address, handle }
            }

            /// The service root on this server: `http://127.0.0.1:port` and `path`.
            pub fn base(&self, path: &str) -> String {
                format!("http://{}{path}", self.address)
            }
        }

        /// Accepts one connection, reads one request, writes the response.
        fn serve(listener: &std::net::TcpListener, response: &[u8]) -> Result<Vec<u8>, String> {
            use std::io::{Read, Write};
            let deadline = std::time::Instant::now() + TIMEOUT;
            let mut stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break stream,
                    Err(e)
                        if e.kind() == std::io::ErrorKind::WouldBlock
                            && std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                    Err(e) => return Err(format!("no connection: {e}")),
                }
            };
            let setup = stream
                .set_nonblocking(false)
                .and_then(|()| stream.set_read_timeout(Some(TIMEOUT)))
                .and_then(|()| stream.set_write_timeout(Some(TIMEOUT)));
            setup.map_err(|e| format!("cannot set up the connection: {e}"))?;
            let mut received = Vec::new();
            let mut buffer = [0u8; 4096];
            let head_end = loop {
                if let Some(i) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                    break i + 4;
                }
                let n = stream
                    .read(&mut buffer)
                    .map_err(|e| format!("cannot read the request: {e}"))?;
                if n == 0 {
                    return Err("the connection closed before the request head ended".into());
                }
                received.extend_from_slice(&buffer[..n]);
            };
            let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
            let length = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
                .and_then(|(_, value)| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            while received.len() < head_end + length {
                let n = stream
                    .read(&mut buffer)
                    .map_err(|e| format!("cannot read the request body: {e}"))?;
                if n == 0 {
                    return Err("the connection closed before the request body ended".into());
                }
                received.extend_from_slice(&buffer[..n]);
            }
            stream
                .write_all(response)
                .and_then(|()| stream.flush())
                .map_err(|e| format!("cannot write the response: {e}"))?;
            Ok(received)
        }

        /// Sends `request` to `server` with `ureq` (no proxy, bounded by
        /// [`TIMEOUT`]) and returns the reply with what the server received.
        pub fn exchange(
            server: Server,
            request: http::Request<Vec<u8>>,
        ) -> (http::Response<Vec<u8>>, Received) {
            let config = ureq::Agent::config_builder()
                .proxy(None)
                .http_status_as_error(false)
                .timeout_global(Some(TIMEOUT))
                .build();
            let agent = ureq::Agent::new_with_config(config);
            let sent = agent.run(request);
            let received = match server.handle.join() {
                Ok(Ok(bytes)) => bytes,
                Ok(Err(e)) => panic!("the loopback server failed: {e}"),
                Err(_) => panic!("the loopback server panicked"),
            };
            let response = match sent {
                Ok(response) => response,
                Err(e) => panic!("the loopback exchange failed: {e}"),
            };
            let (parts, mut body) = response.into_parts();
            let bytes = body.read_to_vec().expect("the reply body reads");
            let head_end = received
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .unwrap_or(received.len());
            let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
            (http::Response::from_parts(parts, bytes), Received { head })
        }

        impl Received {
            /// Asserts the request line: the method, and the target
            /// percent-decoded and ignoring ASCII case.
            pub fn assert_request(&self, method: &str, target: &str) {
                let line = self.head.lines().next().unwrap_or("");
                let mut words = line.split(' ');
                assert_eq!(words.next(), Some(method), "the method in {line:?}");
                let sent = words.next().unwrap_or("");
                let path = sent.split('?').next().unwrap_or(sent);
                assert!(
                    decode(path).eq_ignore_ascii_case(&decode(target)),
                    "the server received {line:?}, expected the path {target}"
                );
            }
        }
    }
}

/// The text equals what prettyplease prints for the tokens, for every
/// combination of parts and for a crate name that is a keyword.
#[test]
fn text_is_the_printed_tokens() {
    for krate in ["graphdoc_generated", "type"] {
        for bits in 0..8u8 {
            let parts = Parts {
                round_trip: bits & 1 != 0,
                replay: bits & 2 != 0,
                loopback: bits & 4 != 0,
            };
            let tokens = crate::render::tokens_file("support.rs", "", module(parts, krate));
            let text =
                crate::render::text_rust_file("support.rs", "", &super::module_text(parts, krate));
            assert_eq!(text, tokens.expect("the tokens parse"), "{parts:?} {krate}");
        }
    }
}
