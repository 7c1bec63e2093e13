//! A tolerant tag tokenizer for OFX files: bytes → text (UTF-8, else CP1252/Latin-1 byte for
//! byte) → start tags, end tags and entity-decoded text, each with its 1-based line.
//! Hand-written because OFX 1.x is SGML with omitted end tags (not XML) and no maintained OFX
//! crate exists; it serves 2.x XML as well.
//!
//! Must never fail or panic on any input: whatever is not a tag is text; it knows nothing of
//! OFX semantics (see `ofx`).

/// One token of an OFX file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// `<NAME ...>`, name upper-cased.
    Start(String, usize),
    /// `</NAME>`, name upper-cased.
    End(String, usize),
    /// Text between tags, trimmed, non-empty, entities decoded.
    Text(String),
}

/// CP1252's characters for bytes 0x80–0x9F (the five undefined ones kept as C1 controls).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The file as text: UTF-8 (BOM dropped) when valid, else CP1252 (a superset of Latin-1's
/// printable range) byte for byte.
pub(super) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9F => CP1252_HIGH.get(usize::from(b - 0x80)).copied().unwrap_or('\u{fffd}'),
                _ => char::from(b),
            })
            .collect(),
    }
}

/// Decodes `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;` and `&#NN;`/`&#xHH;`; anything else
/// (a bare `&` as in `AT&T`) is kept as written.
pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest.get(1..).and_then(|r| r.find(';').filter(|&end| end <= 10).map(|end| &r[..end]));
        match entity.and_then(entity_char) {
            Some(c) => {
                out.push(c);
                rest = &rest[entity.map_or(0, str::len) + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity name (between `&` and `;`) stands for.
fn entity_char(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// Counts line breaks (`\n`, `\r\n`, lone `\r`) in `text`.
fn line_breaks(text: &str) -> usize {
    let b = text.as_bytes();
    b.iter().enumerate().filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'))).count()
}

/// Splits `text` into tokens. Processing instructions, comments and declarations are skipped;
/// CDATA is text; `<A/>` is a start and an end; an unclosed `<` ends the file.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut rest = text;
    loop {
        let at = rest.find('<').unwrap_or(rest.len());
        push_text(&mut tokens, &rest[..at], false);
        line += line_breaks(&rest[..at]);
        rest = &rest[at..];
        if rest.is_empty() {
            return tokens;
        }
        let (consumed, cdata_end) = if rest.starts_with("<![CDATA[") {
            (rest.find("]]>").map(|e| e + 3), Some(3))
        } else if rest.starts_with("<!--") {
            (rest.find("-->").map(|e| e + 3), None)
        } else {
            (rest.find('>').map(|e| e + 1), None)
        };
        let Some(consumed) = consumed else { return tokens };
        let raw = &rest[..consumed];
        if let Some(tail) = cdata_end {
            push_text(&mut tokens, raw.get(9..consumed - tail).unwrap_or(""), true);
        } else if !raw.starts_with("<?") && !raw.starts_with("<!") {
            push_tag(&mut tokens, raw, line);
        }
        line += line_breaks(raw);
        rest = &rest[consumed..];
    }
}

/// Pushes trimmed text; entities are decoded unless `raw` (CDATA).
fn push_text(tokens: &mut Vec<Token>, text: &str, raw: bool) {
    let text = text.trim();
    if !text.is_empty() {
        tokens.push(Token::Text(if raw { text.to_string() } else { decode_entities(text) }));
    }
}

/// Pushes the token(s) of one `<...>` tag.
fn push_tag(tokens: &mut Vec<Token>, raw: &str, line: usize) {
    let inner = raw.trim_start_matches('<').trim_end_matches('>');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let self_closing = inner.ends_with('/');
    let name: String = inner.trim_start().chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
    if name.is_empty() {
        return;
    }
    let name = name.to_uppercase();
    if closing {
        tokens.push(Token::End(name, line));
    } else {
        tokens.push(Token::Start(name.clone(), line));
        if self_closing {
            tokens.push(Token::End(name, line));
        }
    }
}
