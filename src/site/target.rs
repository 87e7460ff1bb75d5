//! Where a link's destination points on the site, read as a browser reads it on the rendered
//! page: a relative path is relative to the page's URL (`/handbook/x/`, with its trailing `/`),
//! not to the source file; `%20` and the like are decoded; the query is dropped.

use std::borrow::Cow;

/// A destination, read against the page it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site, another scheme (`mailto:`), or a destination built by a template
    /// (`<%= … %>`, `{{ … }}`): nothing to check here.
    Elsewhere,
    /// `#fragment` on the page itself.
    SamePage { fragment: String },
    /// A path of this site.
    Site {
        path: String,
        fragment: Option<String>,
        /// How it was written.
        written: Written,
    },
    /// A destination no browser reads as meant: the reason, for the message.
    Malformed(&'static str),
}

/// How a site path was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// `/handbook/x/`
    RootRelative,
    /// `../x/`, `x/`
    Relative,
    /// `https://about.gitlab.com/handbook/x/`: the length of the scheme and host.
    Absolute(usize),
}

/// Reads `url` on a page served at `route` (`None`: the page has no route of its own, as a
/// partial, so relative paths cannot be read). `internal` gives the site path of an absolute
/// URL on one of the site's hosts.
pub fn read<'u>(url: &'u str, route: Option<&str>, internal: impl Fn(&'u str) -> Option<&'u str>) -> Target {
    let url = url.trim();
    if url.is_empty() || url.contains("<%") || url.contains("{{") || url.contains("%7B%7B") {
        return Target::Elsewhere;
    }
    if let Some(fragment) = url.strip_prefix('#') {
        if fragment.contains('#') {
            return Target::Malformed("a fragment holds a second '#'");
        }
        if fragment.is_empty() {
            return Target::Elsewhere;
        }
        return Target::SamePage { fragment: decode(fragment).into_owned() };
    }
    let (rest, written) = if let Some(path) = internal(url) {
        (path, Written::Absolute(url.len() - path.len()))
    } else if has_scheme(url) || url.starts_with("//") {
        return Target::Elsewhere;
    } else if url.starts_with('/') {
        (url, Written::RootRelative)
    } else {
        (url, Written::Relative)
    };
    let (before_fragment, fragment) = match rest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (rest, None),
    };
    if let Some(fragment) = fragment
        && fragment.contains('#')
    {
        return Target::Malformed("a fragment holds a second '#'");
    }
    let path = before_fragment.split_once('?').map_or(before_fragment, |(p, _)| p);
    let absolute = match written {
        Written::Relative => {
            let Some(route) = route else { return Target::Elsewhere };
            if path.is_empty() {
                route.to_string()
            } else {
                let base = &route[..route.rfind('/').map_or(0, |i| i + 1)];
                format!("{base}{path}")
            }
        }
        _ if path.is_empty() => "/".to_string(),
        _ => path.to_string(),
    };
    let fragment = fragment.filter(|f| !f.is_empty()).map(|f| decode(f).into_owned());
    Target::Site { path: normalize(&decode(&absolute)), fragment, written }
}

fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// `/a/./b/../c//d` → `/a/c/d`; a path may not climb above the root.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut out = String::with_capacity(path.len());
    for part in &parts {
        out.push('/');
        out.push_str(part);
    }
    if trailing || out.is_empty() {
        out.push('/');
    }
    out
}

/// Percent-decoding; invalid escapes and non-UTF-8 results stay as written.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            // Two hex digits: `from_str_radix` alone also takes a sign (`%+1`).
            && hex.bytes().all(|b| b.is_ascii_hexdigit())
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(decoded) => Cow::Owned(decoded),
        Err(_) => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(url: &str, route: &str) -> Target {
        read(url, Some(route), |u| u.strip_prefix("https://about.gitlab.com").filter(|p| p.starts_with('/')))
    }

    fn site(path: &str, fragment: Option<&str>, written: Written) -> Target {
        Target::Site { path: path.into(), fragment: fragment.map(Into::into), written }
    }

    #[test]
    fn relative_paths_are_relative_to_the_page_url() {
        assert_eq!(on("../b/", "/h/a/"), site("/h/b/", None, Written::Relative));
        assert_eq!(on("c/#x", "/h/a/"), site("/h/a/c/", Some("x"), Written::Relative));
        assert_eq!(on("./", "/h/a/"), site("/h/a/", None, Written::Relative));
        assert_eq!(on("../../../../x", "/h/a/"), site("/x", None, Written::Relative));
        assert_eq!(on("?x=1#y", "/h/a/"), site("/h/a/", Some("y"), Written::Relative));
    }

    #[test]
    fn absolute_internal_and_elsewhere() {
        assert_eq!(
            on("https://about.gitlab.com/handbook/#a%20b", "/"),
            site("/handbook/", Some("a b"), Written::Absolute(24))
        );
        assert_eq!(on("https://docs.gitlab.com/x", "/"), Target::Elsewhere);
        assert_eq!(on("mailto:a@b.c", "/"), Target::Elsewhere);
        assert_eq!(on("//cdn.example.com/x", "/"), Target::Elsewhere);
        assert_eq!(on("<%= url %>/x", "/"), Target::Elsewhere);
        assert_eq!(on("/handbook/My%20Page/", "/"), site("/handbook/My Page/", None, Written::RootRelative));
    }

    #[test]
    fn fragments() {
        assert_eq!(on("#top", "/a/"), Target::SamePage { fragment: "top".into() });
        assert_eq!(on("#", "/a/"), Target::Elsewhere);
        assert_eq!(on("#a/##b", "/a/"), Target::Malformed("a fragment holds a second '#'"));
        assert_eq!(on("/x/#a#b", "/a/"), Target::Malformed("a fragment holds a second '#'"));
    }

    #[test]
    fn only_two_hex_digits_are_an_escape() {
        assert_eq!(decode("/a/%+1"), "/a/%+1");
        assert_eq!(decode("/a/%2B%e9x"), "/a/%2B%e9x", "not UTF-8: as written");
        assert_eq!(decode("/a%20b/%"), "/a b/%");
        assert_eq!(decode("%é"), "%é");
    }

    #[test]
    fn a_page_without_a_route_reads_no_relative_path() {
        assert_eq!(read("x/", None, |_| None), Target::Elsewhere);
        assert_eq!(read("/x/", None, |_| None), site("/x/", None, Written::RootRelative));
    }
}
