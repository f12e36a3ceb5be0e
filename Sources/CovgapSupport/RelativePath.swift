import Foundation

/// Paths written relative to a folder, so a folder of outputs that names its inputs can be moved with them.
public enum RelativePath {
    /// `path` (absolute, or relative to the working folder) relative to `folder` ("../geodata/communes.geojson");
    /// unchanged when it is not a local file (a GDAL virtual path, a URL) or is empty.
    public static func of(_ path: String, from folder: String) -> String {
        guard !path.isEmpty, !path.hasPrefix("/vsi"), !path.contains("://") else { return path }
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        let rest = up + target[common...]
        return rest.isEmpty ? "." : rest.joined(separator: "/")
    }

    /// A path written by `of`, back to an absolute one against `folder`; absolute and virtual paths are unchanged.
    public static func resolve(_ path: String, against folder: String) -> String {
        guard !path.hasPrefix("/"), !path.contains("://") else { return path }
        return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }
}
