/// What `covgap inspect` found: each input described, the grid a run would use, and every problem, before any work.
public struct InspectionReport: Sendable, Codable {
    /// One input file as GDAL sees it.
    public struct Input: Sendable, Codable {
        public var role: String
        public var path: String
        public var driver: String = ""
        public var crs: String = ""
        /// Raster size (columns × rows) or feature count.
        public var size: String = ""
        public var resolution: String = ""
        public var dataType: String = ""
        public var noData: String = ""
        /// Valid values' range (rasters) or the fields (vectors).
        public var values: String = ""
        /// Share of the analysis grid's extent the input covers, percent.
        public var overlapPercent: Double?
    }

    /// The grid a run would use.
    public struct Grid: Sendable, Codable {
        public var crs: String
        public var width: Int
        public var height: Int
        public var cells: Int
        public var resolutionMetres: Double
        public var communes: Int
        /// How far around the communes coverage is read (km), and in how many cells.
        public var marginKm: Double
        public var areaOfInterestCells: Int
        /// Rough peak memory of a run: tile buffers per worker, GDAL's block cache, the communes' polygons.
        public var memoryEstimateMiB: Int
    }

    public var inputs: [Input] = []
    public var grid: Grid?
    /// Problems `covgap analyze` would refuse.
    public var errors: [String] = []
    /// Things that would not stop a run but deserve a look.
    public var warnings: [String] = []

    /// The report as text for a terminal.
    public var text: String {
        var lines: [String] = []
        for i in inputs {
            lines.append("\(i.role): \(i.path)")
            let details = [
                ("driver", i.driver), ("CRS", i.crs), ("size", i.size), ("resolution", i.resolution),
                ("type", i.dataType),
                ("nodata", i.noData), ("values", i.values),
            ].filter { !$0.1.isEmpty }
            lines.append("  " + details.map { "\($0.0) \($0.1)" }.joined(separator: "; "))
            if let o = i.overlapPercent { lines.append(String(format: "  covers %.1f%% of the analysis area", o)) }
        }
        if let g = grid {
            lines.append(
                "grid: \(g.width) × \(g.height) = \(g.cells) cells at \(g.resolutionMetres) m, "
                    + "\(g.communes) communes; "
                    + "coverage read in \(g.areaOfInterestCells) cells (within \(g.marginKm) km of them); about "
                    + "\(g.memoryEstimateMiB) MiB at peak; CRS \(g.crs)"
            )
        }
        lines += warnings.map { "warning: \($0)" } + errors.map { "error: \($0)" }
        lines.append(
            errors.isEmpty
                ? "no problems found: covgap analyze can run"
                : "\(errors.count) problem(s): covgap analyze would refuse this config")
        return lines.joined(separator: "\n")
    }
}
