/// A problem with what the user gave covgap: which file, where in it, what is wrong, what to do. Exit code 2.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// The file (config, raster, layer) at fault.
    public let file: String
    /// Where in the file: "line 12", "feature 7 (code 03127)", "band 2"; empty when the whole file.
    public let location: String
    /// What is wrong.
    public let problem: String
    /// What the user should do about it.
    public let hint: String
    /// What is wrong and what to do, in Vietnamese, for errors a province's staff read on the service's page (nil
    /// where covgap has no words for it: the page then shows `problem` and `hint`).
    public let vi: String?

    /// Describes a bad input: the file, where in it, what is wrong and what to do (and `vi`, the same in Vietnamese).
    public init(file: String, location: String = "", problem: String, hint: String = "", vi: String? = nil) {
        self.file = file
        self.location = location
        self.problem = problem
        self.hint = hint
        self.vi = vi
    }

    public var description: String {
        var s = file
        if !location.isEmpty { s += ", " + location }
        s += ": " + problem
        if !hint.isEmpty { s += ". " + hint }
        return s
    }
}

/// A fault inside covgap or its libraries that is not the user's input (a bug, a full disk). Exit code 1.
public struct InternalError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// Describes an internal fault.
    public init(_ description: String) { self.description = description }
}
