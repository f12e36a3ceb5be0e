import Foundation

/// A minimal multipart/form-data reader (RFC 7578) for the page's upload form: the parts' names, file names and bytes.
enum Multipart {
    /// One form field or file.
    struct Part: Sendable { let name: String; let filename: String?; let contentType: String?; let body: Data }

    /// The boundary named by a `multipart/form-data; boundary=…` content type.
    static func boundary(contentType: String?) -> String? {
        guard let ct = contentType, ct.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for param in ct.split(separator: ";").dropFirst() {
            let kv = param.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                let b = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return b.isEmpty || b.count > 70 ? nil : b
            }
        }
        return nil
    }

    /// The parts of `body`; nil when it is not well-formed multipart with this boundary.
    static func parts(_ body: Data, boundary: String) -> [Part]? {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var i = 0
        while let p = find(delimiter, in: bytes, from: i) { positions.append(p); i = p + delimiter.count }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (a, b) in zip(positions, positions.dropFirst()) {
            var start = a + delimiter.count
            guard start + 2 <= b, bytes[start] == 0x0d, bytes[start + 1] == 0x0a else { return nil }
            start += 2
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: start), headerEnd < b else {
                return nil
            }
            let headerText = String(decoding: bytes[start..<headerEnd], as: UTF8.self)
            var end = b
            if end >= 2, bytes[end - 2] == 0x0d, bytes[end - 1] == 0x0a { end -= 2 }
            guard end >= headerEnd + 4 else { return nil }
            var name = "", filename: String?, type: String?
            for line in headerText.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = param("name", in: line) ?? ""
                    filename = param("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    type = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            parts.append(
                Part(name: name, filename: filename, contentType: type, body: Data(bytes[(headerEnd + 4)..<end])))
        }
        return parts
    }

    private static func param(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let kv = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].lowercased() == key {
                return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard needle.count <= hay.count, from <= hay.count - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= hay.count - needle.count {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
