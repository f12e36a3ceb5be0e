import ArgumentParser
import CovgapCore

extension Covgap {
    /// `covgap simulate`: coverage rasters from a site list.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Simulate coverage rasters (COST-231 Hata + shadowing) from a site list.")
        @OptionGroup var common: CommonOptions
        func run() throws { throw ValidationError("simulate is not built yet") }
    }
}
