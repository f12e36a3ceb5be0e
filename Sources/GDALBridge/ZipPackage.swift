import CGDAL
import Foundation

/// A zip package (an Office Open XML workbook) read member by member through GDAL's /vsizip/ and written anew with
/// GDAL's zip writer (`CPLCreateZip`), whose members carry a fixed date, so the same members give the same bytes.
public enum ZipPackage {
    /// One file of the package: its path inside the archive and its bytes.
    public struct Member: Sendable, Equatable {
        public var name: String
        public var data: Data

        /// Memberwise.
        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    /// The files of the zip at `path` (directories left out), in the order GDAL lists them.
    public static func read(_ path: String) throws -> [Member] {
        GDALRuntime.initialize()
        let root = "/vsizip/" + path
        GDALRuntime.resetError()
        guard let list = VSIReadDirRecursive(root) else { throw GDALRuntime.takeError("listing zip '\(path)'") }
        defer { CSLDestroy(list) }
        var members: [Member] = []
        var i = 0
        while let entry = list[i] {
            i += 1
            let name = String(cString: entry)
            // GDAL lists a folder of the archive with a trailing slash.
            guard !name.hasSuffix("/") else { continue }
            members.append(Member(name: name, data: try contents(root + "/" + name)))
        }
        return members
    }

    /// Writes `members` in order into a new zip at `path` (deflated), replacing any file there.
    public static func write(_ members: [Member], to path: String) throws {
        GDALRuntime.initialize()
        GDALRuntime.resetError()
        guard let zip = CPLCreateZip(path, nil) else { throw GDALRuntime.takeError("creating zip '\(path)'") }
        var failure: GDALError? = nil
        for m in members where failure == nil {
            guard CPLCreateFileInZip(zip, m.name, nil) == CE_None else {
                failure = GDALRuntime.takeError("adding '\(m.name)' to '\(path)'")
                break
            }
            let written = m.data.withUnsafeBytes { CPLWriteFileInZip(zip, $0.baseAddress, Int32(m.data.count)) }
            if written != CE_None { failure = GDALRuntime.takeError("writing '\(m.name)' into '\(path)'") }
            CPLCloseFileInZip(zip)
        }
        if CPLCloseZip(zip) != CE_None, failure == nil { failure = GDALRuntime.takeError("closing zip '\(path)'") }
        if let failure { throw failure }
    }

    private static func contents(_ path: String) throws -> Data {
        guard let f = VSIFOpenL(path, "rb") else { throw GDALRuntime.takeError("opening '\(path)'") }
        defer { VSIFCloseL(f) }
        VSIFSeekL(f, 0, SEEK_END)
        let size = Int(VSIFTellL(f))
        VSIFSeekL(f, 0, SEEK_SET)
        var data = Data(count: size)
        let read = data.withUnsafeMutableBytes { VSIFReadL($0.baseAddress, 1, size, f) }
        guard read == size else { throw GDALError(code: 0, message: "", context: "reading '\(path)': short read") }
        return data
    }
}
