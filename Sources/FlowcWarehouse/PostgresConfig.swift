// Where a PostgreSQL server is and how to log in: fields as a dbt profile has them, or a
// `postgres://user:password@host:port/dbname?sslmode=…` URL as libpq reads it.

public struct PostgresConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var dbname: String
    /// libpq's `sslmode` (disable, allow, prefer, require, verify-ca, verify-full); nil = libpq's default.
    public var sslmode: String?
    /// Seconds to wait for the server when connecting; nil = wait indefinitely.
    public var connectTimeout: Int?
    /// Seconds of idle time before TCP sends a keepalive; nil = the operating system's default.
    public var keepalivesIdle: Int?
    public var applicationName: String

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, dbname: String,
                sslmode: String? = nil, connectTimeout: Int? = 10, keepalivesIdle: Int? = nil,
                applicationName: String = "flowc") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.dbname = dbname
        self.sslmode = sslmode
        self.connectTimeout = connectTimeout
        self.keepalivesIdle = keepalivesIdle
        self.applicationName = applicationName
    }

    /// Reads `postgres://user[:password]@host[:port][/dbname][?param=value&…]` (or `postgresql://`).
    /// User, password, host and database name are percent-decoded, so a password holding `@`, `/`,
    /// `?`, `#` or `%` must spell them `%40`, `%2F`, `%3F`, `%23`, `%25`. An IPv6 host is written in
    /// brackets (`[::1]`). The port defaults to 5432 and the database to the user's name, as in libpq.
    /// Parameters: `sslmode`, `connect_timeout`, `keepalives_idle`, `application_name`; any other
    /// parameter is an error rather than silently ignored.
    /// Throws `WarehouseError(.connection, …)` naming what is wrong (never echoing the password).
    public init(url: String) throws {
        self = try PostgresURLParser.parse(url)
    }

    /// "user@host:port/dbname", for messages (no password).
    public var display: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(user)@\(h):\(port)/\(dbname)"
    }

    /// "host:port/dbname", as connection errors name the server.
    var serverDisplay: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(h):\(port)/\(dbname)"
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`.
    var libpqParameters: [(String, String)] {
        var p: [(String, String)] = [
            ("host", host), ("port", String(port)), ("user", user), ("dbname", dbname),
            ("application_name", applicationName),
            // Result text is decoded as UTF-8, whatever the server's or the client's locale says.
            ("client_encoding", "UTF8"),
        ]
        if let password { p.append(("password", password)) }
        if let sslmode { p.append(("sslmode", sslmode)) }
        if let connectTimeout { p.append(("connect_timeout", String(connectTimeout))) }
        if let keepalivesIdle { p.append(("keepalives_idle", String(keepalivesIdle))) }
        return p
    }
}

enum PostgresURLParser {
    static let sslmodes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    static func fail(_ reason: String) -> WarehouseError {
        WarehouseError(.connection,
                       "invalid PostgreSQL URL (expected postgres://user:password@host:port/dbname): \(reason)")
    }

    static func parse(_ url: String) throws -> PostgresConfig {
        let trimmed = url.trimmingWhitespace()
        guard let schemeEnd = trimmed.firstRange(of: "://") else { throw fail("it does not start with postgres://") }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw fail("the scheme is \"\(scheme)\", not postgres or postgresql")
        }
        var rest = trimmed[schemeEnd.upperBound...]
        if rest.contains("#") { throw fail("it has a #fragment (write # in a password as %23)") }

        var queryPart: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            queryPart = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var pathPart: Substring = ""
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            pathPart = rest[rest.index(after: slash)...]
        }

        var userInfo: Substring?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
        }

        var user = ""
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try decode(userInfo[..<colon], what: "user")
                password = try decode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                user = try decode(userInfo, what: "user")
            }
        }
        guard !user.isEmpty else { throw fail("it names no user (postgres://user@host/dbname)") }

        let (host, port) = try parseHostPort(hostPort)
        if pathPart.contains("/") { throw fail("the database name contains / (write it as %2F)") }
        let decodedDB = try decode(pathPart, what: "database name")
        var config = PostgresConfig(host: host, port: port, user: user, password: password,
                                    dbname: decodedDB.isEmpty ? user : decodedDB)
        try applyQuery(queryPart, to: &config)
        return config
    }

    static func parseHostPort(_ s: Substring) throws -> (String, Int) {
        var hostText: Substring
        var portText: Substring?
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { throw fail("an IPv6 host lacks its closing ]") }
            hostText = s[s.index(after: s.startIndex)..<close]
            let after = s[s.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("unexpected text after the IPv6 host") }
                portText = after.dropFirst()
            }
        } else {
            hostText = s
            if let colon = s.firstIndex(of: ":") {
                hostText = s[..<colon]
                portText = s[s.index(after: colon)...]
                if portText?.contains(":") == true {
                    throw fail("the host has several colons (write an IPv6 address in brackets: [::1])")
                }
            }
        }
        let host = try decode(hostText, what: "host")
        guard !host.isEmpty else { throw fail("it names no host (postgres://user@host/dbname)") }
        var port = 5432
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p), portText.allSatisfy(\.isASCIIDigit) else {
                throw fail("the port \"\(portText)\" is not a number from 1 to 65535")
            }
            port = p
        }
        return (host, port)
    }

    static func applyQuery(_ query: Substring, to config: inout PostgresConfig) throws {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let eq = pair.firstIndex(of: "=") else { throw fail("the parameter \"\(pair)\" has no value") }
            let key = try decode(pair[..<eq], what: "parameter name")
            let value = try decode(pair[pair.index(after: eq)...], what: "parameter \(key)")
            switch key {
            case "sslmode":
                guard sslmodes.contains(value) else {
                    throw fail("sslmode \"\(value)\" is not one of \(sslmodes.joined(separator: ", "))")
                }
                config.sslmode = value
            case "connect_timeout":
                guard let n = Int(value), n >= 0 else { throw fail("connect_timeout \"\(value)\" is not a whole number of seconds") }
                config.connectTimeout = n
            case "keepalives_idle":
                guard let n = Int(value), n >= 0 else { throw fail("keepalives_idle \"\(value)\" is not a whole number of seconds") }
                config.keepalivesIdle = n
            case "application_name":
                config.applicationName = value
            default:
                throw fail("unsupported parameter \"\(key)\" (supported: sslmode, connect_timeout, keepalives_idle, application_name)")
            }
        }
    }

    /// Percent-decodes `s` as UTF-8.
    static func decode(_ s: Substring, what: String) throws -> String {
        guard s.contains("%") else { return String(s) }
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            guard b == UInt8(ascii: "%") else {
                bytes.append(b)
                continue
            }
            guard let h = it.popFirst(), let l = it.popFirst(), let hi = hexValue(h), let lo = hexValue(l) else {
                throw fail("the \(what) has a bad percent escape (% must be followed by two hex digits)")
            }
            bytes.append(hi << 4 | lo)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw fail("the \(what) is not valid UTF-8 once percent-decoded")
        }
        return decoded
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        let s = self[...]
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
              let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return Substring(s[first...last])
    }
}
