import FlyingSocks
import Foundation

/// Where `--host` asks the server to listen: an IPv4 address, an IPv6 address (with or without
/// brackets) or a host name such as `localhost`. FlyingFox's `inet(ip4:)` took only the first,
/// and failed after the whole build; this is resolved before anything is built.
public enum ListenAddress: Sendable {
    case ip4(sockaddr_in)
    case ip6(sockaddr_in6)

    public struct Unusable: Error, CustomStringConvertible {
        public let host: String
        public var description: String { "cannot listen on `\(host)`: not an IP address nor a name this machine resolves" }
    }

    public static func resolve(host: String, port: UInt16) throws(Unusable) -> ListenAddress {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let address = try? sockaddr_in.inet(ip4: bare, port: port) { return .ip4(address) }
        if let address = try? sockaddr_in6.inet6(ip6: bare, port: port) { return .ip6(address) }
        // A name: the first IPv4 address it resolves to, else the first IPv6 one. For `localhost`
        // that is 127.0.0.1, which browsers reach whichever address they try first.
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard !bare.isEmpty, getaddrinfo(bare, nil, &hints, &list) == 0, let first = list else { throw Unusable(host: host) }
        defer { freeaddrinfo(list) }
        var found: [ListenAddress] = []
        for entry in sequence(first: first, next: { $0.pointee.ai_next }) {
            guard let raw = entry.pointee.ai_addr else { continue }
            switch entry.pointee.ai_family {
            case AF_INET:
                var address = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                address.sin_port = port.bigEndian
                found.append(.ip4(address))
            case AF_INET6:
                var address = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                address.sin6_port = port.bigEndian
                found.append(.ip6(address))
            default:
                continue
            }
        }
        guard let chosen = found.first(where: { if case .ip4 = $0 { true } else { false } }) ?? found.first else {
            throw Unusable(host: host)
        }
        return chosen
    }

    /// The address as a URL's host: IPv6 literals go in brackets.
    public static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
