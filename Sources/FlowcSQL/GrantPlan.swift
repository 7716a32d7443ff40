// dbt's apply_grants as statements: what a `grants:` config asks for against what a relation
// has. Shared by flowc's own materializations and the apply_grants macro that custom
// materializations call, so both grant and revoke alike.

public enum GrantPlan {
    /// A `grants:` config ({privilege: grantee or [grantees]}) as privilege/grantee pairs, in order.
    public typealias Grants = [(privilege: String, grantees: [String])]

    /// The rows of `ddl.showGrants` (grantee, privilege) grouped by privilege.
    public static func current(rows: [(grantee: String, privilege: String)]) -> Grants {
        var current: Grants = []
        for row in rows {
            if let i = current.firstIndex(where: { $0.privilege == row.privilege }) { current[i].grantees.append(row.grantee) }
            else { current.append((row.privilege, [row.grantee])) }
        }
        return current
    }

    /// The revoke then grant statements. With `current` (a relation that kept its grants), grants it
    /// has and `wanted` no longer names are revoked and only missing ones granted; without it
    /// (a relation made anew) everything wanted is granted. Grantees are granted as written
    /// (dbt-postgres does not quote them) and revoked quoted, as dbt-postgres's macros do.
    public static func statements(_ ddl: DDL, relation: String, wanted: Grants, current: Grants?,
                                  quote: (String) -> String) -> [String] {
        guard let grant = ddl.grant, !wanted.isEmpty else { return [] }
        var out: [String] = []
        var granting = wanted
        if let current, let revoke = ddl.revoke {
            granting = minus(wanted, current)
            for (privilege, grantees) in minus(current, wanted) where !grantees.isEmpty {
                out.append(revoke(privilege, relation, grantees.map(quote).joined(separator: ", ")))
            }
        }
        for (privilege, grantees) in granting where !grantees.isEmpty {
            out.append(grant(privilege, relation, grantees.joined(separator: ", ")))
        }
        return out
    }

    /// dbt's diff_of_two_dicts: `a` minus `b`, privileges and grantees compared case-insensitively.
    public static func minus(_ a: Grants, _ b: Grants) -> Grants {
        var lowered: [String: Set<String>] = [:]
        for (k, v) in b { lowered[k.lowercased(), default: []].formUnion(v.map { $0.lowercased() }) }
        return a.compactMap { k, v in
            guard let have = lowered[k.lowercased()] else { return (k, v) }
            let missing = v.filter { !have.contains($0.lowercased()) }
            return missing.isEmpty ? nil : (k, missing)
        }
    }
}
