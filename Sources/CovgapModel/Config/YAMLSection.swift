import CovgapSupport
import Yams

/// A YAML mapping being read as one config section: typed getters that name the file, key path and line on error,
/// and a check that refuses keys the section does not know (a typo must not silently fall back to a default).
public struct YAMLSection {
    let file: String
    /// Dotted path of this section, e.g. "coverage[2]".
    let path: String
    let mark: Mark?
    private let entries: [(key: String, value: Node)]

    public init(_ node: Node, file: String, path: String) throws {
        self.file = file
        self.path = path
        self.mark = node.mark
        guard case .mapping(let mapping) = node else {
            throw InputError(
                file: file, location: YAMLSection.where(node.mark, path),
                problem: "'\(path.isEmpty ? "the document" : path)' must be a mapping of keys to values",
                hint: "see the configuration section of the README")
        }
        entries = mapping.map { (key: $0.key.string ?? "", value: $0.value) }
    }

    static func `where`(_ mark: Mark?, _ path: String) -> String {
        let line = mark.map { "line \($0.line)" } ?? ""
        return [line, path.isEmpty ? "" : "key '\(path)'"].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    private func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func fail(_ key: String, _ node: Node?, _ problem: String, hint: String = "") -> InputError {
        InputError(
            file: file, location: YAMLSection.where(node?.mark ?? mark, keyPath(key)), problem: problem, hint: hint)
    }

    /// Refuses any key not in `known`.
    public func rejectUnknownKeys(_ known: [String]) throws {
        for entry in entries where !known.contains(entry.key) {
            throw fail(
                entry.key, entry.value, "unknown key '\(entry.key)'",
                hint: "known keys here: \(known.joined(separator: ", "))")
        }
    }

    public func node(_ key: String) -> Node? {
        guard let n = entries.first(where: { $0.key == key })?.value else { return nil }
        return n.null != nil ? nil : n
    }

    public func section(_ key: String) throws -> YAMLSection? {
        try node(key).map { try YAMLSection($0, file: file, path: keyPath(key)) }
    }

    func requiredSection(_ key: String) throws -> YAMLSection {
        guard let s = try section(key) else { throw fail(key, nil, "missing section '\(keyPath(key))'") }
        return s
    }

    public func string(_ key: String) throws -> String? {
        guard let n = node(key) else { return nil }
        guard case .scalar(let s) = n else { throw fail(key, n, "'\(keyPath(key))' must be a single value") }
        return s.string
    }

    public func requiredString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else {
            throw fail(key, nil, "missing required key '\(keyPath(key))'")
        }
        return s
    }

    public func double(_ key: String) throws -> Double? {
        guard let n = node(key) else { return nil }
        guard let v = n.float ?? n.int.map(Double.init), v.isFinite else {
            throw fail(key, n, "'\(keyPath(key))' must be a number, not '\(n.string ?? "a structure")'")
        }
        return v
    }

    public func int(_ key: String) throws -> Int? {
        guard let n = node(key) else { return nil }
        guard let v = n.int else {
            throw fail(key, n, "'\(keyPath(key))' must be a whole number, not '\(n.string ?? "a structure")'")
        }
        return v
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let n = node(key) else { return nil }
        guard let v = n.bool else {
            throw fail(key, n, "'\(keyPath(key))' must be true or false, not '\(n.string ?? "a structure")'")
        }
        return v
    }

    func stringList(_ key: String) throws -> [String]? {
        guard let n = node(key) else { return nil }
        guard case .sequence(let seq) = n else {
            throw fail(key, n, "'\(keyPath(key))' must be a list, e.g. [\"11\", \"12\"]")
        }
        return try seq.map { item in
            guard case .scalar(let s) = item else { throw fail(key, item, "'\(keyPath(key))' must list single values") }
            return s.string
        }
    }

    func sequence(_ key: String) throws -> [Node]? {
        guard let n = node(key) else { return nil }
        guard case .sequence(let seq) = n else { throw fail(key, n, "'\(keyPath(key))' must be a list") }
        return Array(seq)
    }

    func enumValue<E: RawRepresentable>(_ key: String, _ type: E.Type, allowed: [String]) throws -> E?
    where E.RawValue == String {
        guard let raw = try string(key) else { return nil }
        guard let v = E(rawValue: raw) else {
            throw fail(
                key, node(key), "'\(raw)' is not a valid \(keyPath(key))",
                hint: "use one of: \(allowed.joined(separator: ", "))")
        }
        return v
    }
}
