import Foundation
import GDALBridge
import Testing

/// The zip package round trip, checked by an independent reader (Python's zipfile): members come back byte for byte
/// in order, the same members give the same bytes, and a file that is not a zip is an error, not an empty package.
@Suite struct ZipPackageTests {
    static let members = [
        ZipPackage.Member(name: "[Content_Types].xml", data: Data("<Types/>".utf8)),
        ZipPackage.Member(name: "xl/worksheets/sheet1.xml", data: Data(repeating: 0x41, count: 70_000)),
        ZipPackage.Member(name: "xl/sharedStrings.xml", data: Data("<sst><si><t>Điện Biên</t></si></sst>".utf8)),
    ]

    @Test func roundTripIsExactAndDeterministic() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ZipPackage.write(ZipPackageTests.members, to: dir + "/a.zip")
        try ZipPackage.write(ZipPackageTests.members, to: dir + "/b.zip")
        #expect(try ZipPackage.read(dir + "/a.zip") == ZipPackageTests.members)
        #expect(
            FileManager.default.contents(atPath: dir + "/a.zip") == FileManager.default.contents(atPath: dir + "/b.zip")
        )
        let listing = Process()
        listing.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listing.arguments = [
            "python3", "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), "
                + "[(i.filename, i.file_size) for i in z.infolist()])",
            dir + "/a.zip",
        ]
        let pipe = Pipe()
        listing.standardOutput = pipe
        try listing.run()
        listing.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(
            text.trimmingCharacters(in: .whitespacesAndNewlines)
                == "None [('[Content_Types].xml', 8), ('xl/worksheets/sheet1.xml', 70000), "
                + "('xl/sharedStrings.xml', \(ZipPackageTests.members[2].data.count))]")
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: dir + "/c.zip"))
        #expect(throws: GDALError.self) { try ZipPackage.read(dir + "/c.zip") }
    }
}
