//! The client's IP address for rate limits: the TCP peer, or — only when that peer is a
//! configured trusted proxy (`LIFEOS_TRUSTED_PROXIES`) — the rightmost `X-Forwarded-For` hop
//! that is not itself a trusted proxy. Must never believe `X-Forwarded-For` from a peer that
//! is not trusted: anyone can send the header, so without the setting it is ignored.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::http::HeaderMap;
use ipnet::IpNet;
use serde::Deserialize;

pub const FORWARDED_FOR: &str = "x-forwarded-for";

/// Addresses and networks of reverse proxies whose `X-Forwarded-For` is believed.
/// Parsed from a comma- or space-separated list of IPs and CIDRs (`10.0.0.0/8, ::1`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }
}

impl FromStr for TrustedProxies {
    type Err = String;

    fn from_str(list: &str) -> Result<Self, String> {
        list.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("not an IP address or CIDR network: {item:?}"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

impl TryFrom<String> for TrustedProxies {
    type Error = String;

    fn try_from(list: String) -> Result<Self, String> {
        list.parse()
    }
}

/// The address a request is attributed to (see the module doc).
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let mut client = canonical(peer);
    if !trusted.contains(client) {
        return client;
    }
    // Several header lines are one list, in order.
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.iter().rev() {
        // A garbled hop ends the walk: nothing to its left can be attributed.
        let Some(ip) = parse_hop(hop) else { break };
        client = ip;
        if !trusted.contains(ip) {
            break;
        }
    }
    client
}

/// `resolve` for a socket address (keeps the peer's port, which nothing keys on).
pub fn resolve_peer(peer: SocketAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> SocketAddr {
    SocketAddr::new(resolve(peer.ip(), headers, trusted), peer.port())
}

/// `1.2.3.4`, `1.2.3.4:80`, `::1` or `[::1]:80`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(canonical)
}

/// IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address, so one client has one key.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append(FORWARDED_FOR, v.parse().expect("header value"));
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn the_list_takes_ips_and_cidrs_and_rejects_garbage() {
        let list: TrustedProxies = "10.0.0.0/8, 127.0.0.1 ::1".parse().expect("parses");
        assert!(list.contains(ip("10.1.2.3")));
        assert!(list.contains(ip("127.0.0.1")));
        assert!(list.contains(ip("::ffff:127.0.0.1")), "IPv4-mapped is the same client");
        assert!(list.contains(ip("::1")));
        assert!(!list.contains(ip("11.0.0.1")));
        assert!("".parse::<TrustedProxies>().expect("empty").is_empty());
        assert!("10.0.0.0/33".parse::<TrustedProxies>().is_err());
        assert!("proxy.local".parse::<TrustedProxies>().is_err());
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let none = TrustedProxies::default();
        let h = headers(&["203.0.113.9"]);
        assert_eq!(resolve(ip("127.0.0.1"), &h, &none), ip("127.0.0.1"), "ignored without the setting");
        let proxies: TrustedProxies = "127.0.0.1".parse().expect("parses");
        assert_eq!(resolve(ip("127.0.0.1"), &h, &proxies), ip("203.0.113.9"));
        assert_eq!(resolve(ip("198.51.100.1"), &h, &proxies), ip("198.51.100.1"), "an untrusted peer's header is ignored");
        assert_eq!(resolve(ip("127.0.0.1"), &HeaderMap::new(), &proxies), ip("127.0.0.1"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let proxies: TrustedProxies = "127.0.0.1, 10.0.0.0/8".parse().expect("parses");
        // The client forged the leftmost entry; the proxies appended the rest.
        let h = headers(&["6.6.6.6, 203.0.113.9", "10.0.0.2"]);
        assert_eq!(resolve(ip("127.0.0.1"), &h, &proxies), ip("203.0.113.9"));
        let h = headers(&["garbage, 203.0.113.9:4711"]);
        assert_eq!(resolve(ip("127.0.0.1"), &h, &proxies), ip("203.0.113.9"), "ports are dropped");
        let h = headers(&["203.0.113.9, garbage"]);
        assert_eq!(resolve(ip("127.0.0.1"), &h, &proxies), ip("127.0.0.1"), "nothing left of garbage counts");
        let h = headers(&["10.0.0.3, [::1]:80"]);
        assert_eq!(resolve(ip("127.0.0.1"), &h, &"127.0.0.1, 10.0.0.0/8, ::1".parse().expect("parses")), ip("10.0.0.3"));
    }
}
