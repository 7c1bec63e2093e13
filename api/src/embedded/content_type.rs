//! The Content-Type of an embedded file, from its extension (the few kinds a static web page
//! ships). Never guesses from the bytes: with `nosniff`, the browser must be told the truth.

/// The content type for a file named `name`; unknown extensions are opaque bytes.
pub fn of(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("html") => "text/html; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn scripts_styles_and_images_get_their_types() {
        assert_eq!(of("vendor/graphiql.min.js"), "text/javascript; charset=utf-8");
        assert_eq!(of("page.CSS"), "text/css; charset=utf-8");
        assert_eq!(of("favicon.svg"), "image/svg+xml");
    }

    #[test]
    fn licences_are_text_and_unknown_files_opaque_bytes() {
        assert_eq!(of("vendor/LICENSE-react.txt"), "text/plain; charset=utf-8");
        assert_eq!(of("vendor/graphiql.min.js.gz"), "application/octet-stream");
        assert_eq!(of("VERSIONS"), "application/octet-stream");
    }
}
