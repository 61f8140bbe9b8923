//! The `Host` check against DNS rebinding.
//!
//! A web page on another site can make its own name resolve to 127.0.0.1 and then read the
//! preview as if it were its own origin (pages, and `/__recto/status`, which shows absolute
//! paths). Its requests still carry its own name in `Host`, so only requests addressed to
//! this machine by a loopback name or an address are answered: `localhost` (and
//! `*.localhost`, which browsers keep on this machine), a loopback address, or the
//! address the server is bound to — any address when it is bound to every interface. A
//! page cannot rebind an address, only a name. The port is not compared: it adds nothing
//! against rebinding, and a tunnel (`ssh -L 8080:localhost:1111`) changes it legitimately.

use std::net::IpAddr;

/// Whether a request addressed to `host` (the `Host` header: `name`, `name:port`,
/// `[v6]:port`) is for this server, bound to `bound`.
pub fn allowed(host: &str, bound: IpAddr) -> bool {
    let Some(name) = name_of(host) else {
        return false;
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip == bound || bound.is_unspecified(),
        Err(_) => false,
    }
}

/// The name or address of a `Host` value, without its port and brackets; `None` when the
/// value is malformed.
fn name_of(host: &str) -> Option<&str> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            inside.parse::<std::net::Ipv6Addr>().ok()?;
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':')?),
            };
            (inside, port)
        }
        None => match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if let Some(port) = port {
        port.parse::<u16>().ok()?;
    }
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    #[test]
    fn loopback_names_and_addresses_are_allowed() {
        for host in [
            "localhost",
            "localhost:1111",
            "LocalHost:1111",
            "localhost.:1111",
            "edition.localhost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(allowed(host, LOOPBACK), "{host}");
        }
    }

    #[test]
    fn other_names_and_malformed_values_are_refused() {
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "192.168.1.20:1111",
            "",
            ":1111",
            "localhost:port",
            "localhost:99999",
            "[::1",
            "[::1]x",
            "[localhost]:1111",
            "::1",
            "user@localhost",
        ] {
            assert!(!allowed(host, LOOPBACK), "{host}");
        }
    }

    #[test]
    fn the_bound_interface_is_allowed_too() {
        let lan = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 20));
        assert!(allowed("192.168.1.20:1111", lan));
        assert!(allowed("localhost:1111", lan));
        assert!(!allowed("192.168.1.21:1111", lan));
        assert!(!allowed("box.lan:1111", lan));
        let every = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert!(allowed("192.168.1.21:1111", every));
        assert!(allowed("[fe80::1]:1111", IpAddr::V6(Ipv6Addr::UNSPECIFIED)));
        assert!(!allowed("evil.example:1111", every));
    }
}
